import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import { DbtwinError } from '../../src/errors.js'
import { subset } from '../../src/subset/subset.js'
import { parseChildren, parseRoot } from '../../src/subset/subset-options.js'
import { leakedPiiValues } from '../support/pii-leaks.js'
import { runCli } from '../support/run-cli.js'
import { createSampleSource } from '../support/sample-source.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { dumpTables, duplicateKeys, orphanCounts, withDatabase } from '../support/twin-checks.js'

const RULES = new URL('../../rules/clinic/', import.meta.url).pathname

const count = async (db: Database, query: ReturnType<typeof sql>) =>
  Number(((await query.execute(db.db)).rows[0] as { n: unknown }).n)

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`subsetting the sample clinic database on ${dialect.name}`, () => {
    let source: TestDatabase
    let before: string
    const ns = (db: Database, n: 'clinic' | 'billing') => (db.ddl.schemas ? n : db.name)

    beforeAll(async () => {
      source = await createSampleSource(dialect.name, 300)
      before = await withDatabase(source.url, async (db) => dumpTables(db, await db.introspect()))
    })
    afterAll(async () => {
      await source?.drop()
    })

    it('copies every root row and everything it needs, with no orphan, no real PII, and the source untouched', async () => {
      const target = await createTestDatabase(dialect.name)
      try {
        const roots = await withDatabase(source.url, async (db) =>
          (
            await sql<{
              id: unknown
            }>`select id from ${sql.id(ns(db, 'clinic'), 'patients')} where zip = '10001'`.execute(db.db)
          ).rows.map((r) => Number(r.id)),
        )
        expect(roots.length).toBeGreaterThan(5)
        const result = await subset(source.url, target.url, {
          rules: RULES,
          roots: [parseRoot("clinic.patients where zip = '10001'")],
          children: parseChildren(['all', 'billing.payments=1']),
        })
        expect(result.plan.rounds).toBeGreaterThan(1)

        await withDatabase(target.url, async (twin) => {
          const schema = await twin.introspect()
          const ids = (
            await sql<{ id: unknown }>`select id from ${sql.id(ns(twin, 'clinic'), 'patients')}`.execute(
              twin.db,
            )
          ).rows.map((r) => Number(r.id))
          expect(roots.filter((id) => !ids.includes(id))).toEqual([])
          expect(Object.values(await orphanCounts(twin, schema)).every((n) => n === 0)).toBe(true)
          for (const table of schema.tables) {
            expect(Object.values(await duplicateKeys(twin, table)).every((n) => n === 0)).toBe(true)
          }
          // At most one payment per claim, as asked.
          const claimsWithMore = await count(
            twin,
            sql`select count(*) as n from (select claim_id from ${sql.id(ns(twin, 'billing'), 'payments')}
              group by claim_id having count(*) > 1) x`,
          )
          expect(claimsWithMore).toBe(0)
          const payments = Object.entries(result.rows).find(([table]) => table.endsWith('.payments'))
          expect(payments?.[1]).toBeGreaterThan(0)
        })
        expect(await leakedPiiValues(source.url, target.url, dialect.name)).toEqual({})
        // Birth dates are shifted per patient, never copied.
        const sameBirthDates = await withDatabase(source.url, async (real) =>
          withDatabase(target.url, async (twin) => {
            const read = async (db: Database) =>
              new Map(
                (
                  await sql<{
                    id: unknown
                    b: unknown
                  }>`select id, birth_date as b from ${sql.id(ns(db, 'clinic'), 'patients')}`.execute(db.db)
                ).rows.map((r) => [Number(r.id), String(r.b)]),
              )
            const realDates = await read(real)
            return [...(await read(twin))].filter(([id, b]) => realDates.get(id) === b).length
          }),
        )
        expect(sameBirthDates).toBe(0)
        const after = await withDatabase(source.url, async (db) => dumpTables(db, await db.introspect()))
        expect(after === before).toBe(true)
      } finally {
        await target.drop()
      }
    }, 120_000)

    it('prints a plan with rows per table and why, and writes nothing', async () => {
      const target = await createTestDatabase(dialect.name)
      try {
        const run = await runCli([
          'subset',
          '--from',
          source.url,
          '--rules',
          RULES,
          '--root',
          'billing.claims 10%',
          '--children',
          'none',
          '--passthrough',
          'clinic.diagnoses',
          '--plan',
        ])
        expect(run.stderr).toBe('')
        expect(run.code).toBe(0)
        expect(run.stdout).toMatch(/claims\s+\d+\s+\d+ root billing\.claims 10%/)
        expect(run.stdout).toMatch(/encounters\s+\d+\s+\d+ parent via claims_encounter_fk/)
        expect(run.stdout).toMatch(/diagnoses\s+\d+\s+\d+ passthrough/)
        expect(run.stdout).toMatch(/payments\s+0\s/)
        expect(run.stdout).toMatch(/closure: \d+ rounds, \d+ queries/)
        await withDatabase(target.url, async (db) => expect((await db.introspect()).tables).toEqual([]))
      } finally {
        await target.drop()
      }
    }, 60_000)

    it.each([
      [
        'an unknown root table',
        ['--root', 'clinic.patiens limit 5'],
        /root: no table "clinic\.patiens" \(did you mean "[\w.]*patients"\?\)/,
      ],
      [
        'a root with an SQL error',
        ['--root', 'clinic.patients where nosuchcolumn = 1'],
        /root "clinic\.patients where nosuchcolumn = 1" failed in the source: .*nosuchcolumn/,
      ],
      [
        'a percent outside (0, 100]',
        ['--root', 'billing.claims 150%'],
        /root "billing\.claims 150%": 150% is outside \(0, 100\]/,
      ],
      [
        'a root whose table is left out',
        ['--root', 'clinic.encounters limit 3', '--exclude', 'clinic.providers'],
        /root clinic\.encounters is left out \(its NOT NULL encounters_provider_fk needs \w+\.providers/,
      ],
      [
        'PII columns without rules',
        ['--root', 'clinic.patients limit 3'],
        /PII columns have no rule that rewrites or keeps them: .*patients\.ssn \(national-id\)/,
      ],
    ])(
      'refuses %s with one clear message and writes nothing',
      async (_name, args, message) => {
        const target = await createTestDatabase(dialect.name)
        try {
          const rules = args.includes('clinic.patients limit 3') ? [] : ['--rules', RULES]
          const run = await runCli(['subset', '--from', source.url, '--to', target.url, ...rules, ...args])
          expect(run.code).toBe(1)
          expect(run.stderr.trim().split('\n')).toHaveLength(1)
          expect(run.stderr).toMatch(message)
          await withDatabase(target.url, async (db) => expect((await db.introspect()).tables).toEqual([]))
        } finally {
          await target.drop()
        }
      },
      60_000,
    )
  })

  describe.skipIf(!dialect.available)(
    `subsetting a cyclic, self-referencing schema on ${dialect.name}`,
    () => {
      let source: TestDatabase
      let rules: string

      beforeAll(async () => {
        source = await createTestDatabase(dialect.name)
        await withDatabase(source.url, (db) => createOrgChart(db))
        const dir = await mkdtemp(join(tmpdir(), 'dbtwin-subset-rules-'))
        rules = join(dir, 'org.yaml')
        await writeFile(
          rules,
          [
            'rules:',
            '  - { column: "*.people.email", template: "{{person.firstName}}@example.org" }',
            '  - { column: "*.people.full_name", faker: person.fullName }',
            '  - { column: "*.messages.body", keep: "generated test text" }',
            '',
          ].join('\n'),
        )
      })
      afterAll(async () => {
        await source?.drop()
      })

      it('closes manager chains and the team ↔ lead cycle to a fixed point; a rewritten key still joins', async () => {
        const target = await createTestDatabase(dialect.name)
        try {
          // Person 40 sits at the bottom of a chain of managers up to person 1.
          const result = await subset(source.url, target.url, {
            rules,
            roots: [parseRoot('people where id = 40')],
            children: parseChildren(['none', 'messages=100']),
          })
          expect(result.plan.rounds).toBeGreaterThan(2)
          await withDatabase(target.url, async (twin) => {
            const schema = await twin.introspect()
            expect(Object.values(await orphanCounts(twin, schema)).every((n) => n === 0)).toBe(true)
            const people = (
              await sql<{
                id: unknown
              }>`select id from ${sql.id(schema.tables[0]!.schema, 'people')} order by id`.execute(twin.db)
            ).rows.map((r) => Number(r.id))
            // The chain 40 → 20 → 10 → 5 → 2 → 1, plus each team's lead (the cycle) and that lead's chain.
            for (const id of [40, 20, 10, 5, 2, 1]) expect(people).toContain(id)
            expect(people.length).toBeLessThan(60)
            // Messages from person 40 reference people.email, which was rewritten: they must still join.
            const joined = await count(
              twin,
              sql`select count(*) as n from ${sql.id(schema.tables[0]!.schema, 'messages')} m
              join ${sql.id(schema.tables[0]!.schema, 'people')} p on p.email = m.sender_email`,
            )
            expect(joined).toBe(3)
            const realEmails = await count(
              twin,
              sql`select count(*) as n from ${sql.id(schema.tables[0]!.schema, 'people')} where email like '%@corp.example'`,
            )
            expect(realEmails).toBe(0)
          })
        } finally {
          await target.drop()
        }
      }, 60_000)

      it('sets a nullable foreign key to NULL instead of following it when asked', async () => {
        const target = await createTestDatabase(dialect.name)
        try {
          await subset(source.url, target.url, {
            rules,
            roots: [parseRoot('people where id = 40')],
            children: parseChildren(['none']),
            optionalParents: 'null',
          })
          await withDatabase(target.url, async (twin) => {
            const schema = await twin.introspect()
            const people = await count(
              twin,
              sql`select count(*) as n from ${sql.id(schema.tables[0]!.schema, 'people')}`,
            )
            expect(people).toBe(1)
            expect(Object.values(await orphanCounts(twin, schema)).every((n) => n === 0)).toBe(true)
          })
        } finally {
          await target.drop()
        }
      }, 60_000)

      it('refuses to write into its own source', async () => {
        const error = await subset(source.url, source.url, {
          rules,
          roots: [parseRoot('people limit 1')],
        }).catch((e: unknown) => e)
        expect((error as DbtwinError).code).toBe('TARGET_IS_SOURCE')
      })
    },
  )
}

/**
 * An org chart: people report to managers (a self-reference: person n to n/2), belong to teams whose lead is a
 * person (a cycle, broken by the nullable lead), and send messages that reference them by email (a foreign key on a
 * column the rules rewrite).
 */
async function createOrgChart(database: Database): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const db: Kysely<any> = database.db
  await db.schema
    .createTable('teams')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'varchar(40)', (c) => c.notNull())
    .addColumn('lead_id', 'integer')
    .execute()
  await db.schema
    .createTable('people')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('email', 'varchar(120)', (c) => c.notNull().unique())
    .addColumn('full_name', 'varchar(80)', (c) => c.notNull())
    .addColumn('manager_id', 'integer')
    .addColumn('team_id', 'integer', (c) => c.notNull())
    .addForeignKeyConstraint('people_manager_fk', ['manager_id'], 'people', ['id'])
    .addForeignKeyConstraint('people_team_fk', ['team_id'], 'teams', ['id'])
    .execute()
  await db.schema
    .createTable('messages')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('sender_email', 'varchar(120)', (c) => c.notNull())
    .addColumn('body', 'varchar(200)', (c) => c.notNull())
    .addForeignKeyConstraint('messages_sender_fk', ['sender_email'], 'people', ['email'])
    .execute()
  await db
    .insertInto('teams')
    .values(Array.from({ length: 5 }, (_, i) => ({ id: i + 1, name: `team ${i + 1}`, lead_id: null })))
    .execute()
  const names = ['Ada Berg', 'Ben Cole', 'Cleo Dunn', 'Dev Eng', 'Eva Fox']
  await db
    .insertInto('people')
    .values(
      Array.from({ length: 100 }, (_, i) => ({
        id: i + 1,
        email: `person${i + 1}@corp.example`,
        full_name: `${names[i % 5]} ${i + 1}`,
        manager_id: i === 0 ? null : Math.floor((i + 1) / 2),
        team_id: (i % 5) + 1,
      })),
    )
    .execute()
  for (let team = 1; team <= 5; team++) {
    await db
      .updateTable('teams')
      .set({ lead_id: team * 3 })
      .where('id', '=', team)
      .execute()
  }
  await sql`alter table teams add constraint teams_lead_fk foreign key (lead_id) references people (id)`.execute(
    db,
  )
  await db
    .insertInto('messages')
    .values(
      Array.from({ length: 30 }, (_, i) => ({
        id: i + 1,
        sender_email: `person${[40, 40, 40, 7, 8, 9][i % 6]! + (i >= 6 ? i : 0)}@corp.example`,
        body: `message ${i + 1}`,
      })),
    )
    .execute()
}
