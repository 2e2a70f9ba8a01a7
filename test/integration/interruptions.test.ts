import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import type { DbtwinError } from '../../src/errors.js'
import type { Model } from '../../src/model/model.js'
import { formatModelFile } from '../../src/model/model-file.js'
import { generate } from '../../src/write/generate-into-target.js'
import { learnedSource, type LearnedSource } from '../support/learned-source.js'
import { startCli } from '../support/run-cli.js'
import { absentTestDatabase, createTestDatabase, testDialects } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'
import { overflowing } from '../support/overflowing-model.js'

/** Parents with a kind (a named enum type on PostgreSQL) and children pointing at one or two of them. */
async function createFamily(db: Database): Promise<void> {
  const schema = db.ddl.schemas ? 'public' : db.name
  await db.db.schema
    .createTable('parents')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('kind', await db.ddl.enumType(db.db, schema, 'kind', ['a', 'b', 'c']), (c) => c.notNull())
    .execute()
  await db.db.schema
    .createTable('children')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('parent_id', 'integer', (c) => c.notNull())
    .addColumn('other_id', 'integer')
    .addColumn('amount', 'integer')
    .addForeignKeyConstraint('children_parent_fk', ['parent_id'], 'parents', ['id'])
    .addForeignKeyConstraint('children_other_fk', ['other_id'], 'parents', ['id'])
    .execute()
  await db.db
    .insertInto('parents')
    .values(Array.from({ length: 200 }, (_, i) => ({ id: i + 1, kind: 'abc'[i % 3]! })))
    .execute()
  await db.db
    .insertInto('children')
    .values(
      Array.from({ length: 2000 }, (_, i) => ({
        id: i + 1,
        parent_id: (i % 200) + 1,
        other_id: i % 4 === 0 ? null : ((i * 7) % 200) + 1,
        amount: (i * 13) % 500,
      })),
    )
    .execute()
}

/** The tables and named enum types a database holds: what an interrupted write must not leave behind. */
async function contents(url: string): Promise<{ tables: string[]; enums: string[] }> {
  return withDatabase(url, async (db) => {
    const schema = await db.introspect()
    return { tables: schema.tables.map((t) => t.name), enums: schema.enums.map((e) => e.name) }
  })
}

/** The foreign keys of a database, by name, and whether the engine holds each as checked. */
async function foreignKeys(db: Database): Promise<{ name: string; validated: boolean }[]> {
  if (db.ddl.schemas) {
    const { rows } = await sql<{ name: string; validated: boolean }>`select conname as name,
      convalidated as validated from pg_catalog.pg_constraint where contype = 'f' order by conname`.execute(
      db.db,
    )
    return rows
  }
  const { rows } = await sql<{ name: string }>`select constraint_name as name
    from information_schema.referential_constraints where constraint_schema = ${db.name}
    order by constraint_name`.execute(db.db)
  // MySQL keeps no NOT VALID state: a key it has is checked (dbtwin checks each row as it adds one).
  return rows.map((r) => ({ name: r.name, validated: true }))
}

const SIGNAL_EXITS: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 }

/** Moments of a write, as the CLI prints them off a terminal: after the first table, the rest still loading. */
const MOMENTS = { 'the row load': 'writing tables 1/2', 'the foreign-key phase': 'adding foreign keys' }

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`interrupting a write into ${dialect.name}`, () => {
    let learned: LearnedSource
    let work: string
    let modelFile: string
    const rolledBack =
      dialect.name === 'mysql'
        ? /the target was rolled back \(\d+ steps: tables created dropped, tables reused emptied\)/
        : /rolled back, the target is as it was/

    beforeAll(async () => {
      learned = await learnedSource(dialect.name, createFamily, 3)
      work = await mkdtemp(join(tmpdir(), 'dbtwin-interrupt-'))
      modelFile = join(work, 'model.yaml')
      await writeFile(modelFile, formatModelFile(learned.model))
    })
    afterAll(async () => {
      await learned?.drop()
      if (work !== undefined) await rm(work, { recursive: true, force: true })
    })

    // Every signal and both moments, without every pair: the handling is one path whatever the signal, and each
    // run loads 110,000 rows (PGlite, in this thread, takes 20 s a run).
    const all: [keyof typeof MOMENTS, NodeJS.Signals][] = [
      ['the row load', 'SIGTERM'],
      ['the foreign-key phase', 'SIGINT'],
      ['the row load', 'SIGHUP'],
    ]
    const cases = dialect.name === 'pglite' ? all.slice(0, 2) : all
    for (const [moment, signal] of cases) {
      const line = MOMENTS[moment]
      const code = SIGNAL_EXITS[signal]!
      it(`rolls back on ${signal} during ${moment}, prints one line and exits ${code}`, async () => {
        const target = await createTestDatabase(dialect.name)
        try {
          // 10,000 parents and 100,000 children: the children still load, and their keys take a moment to check.
          const run = startCli(['generate', '--model', modelFile, '--to', target.url, '--scale', '50'])
          await run.stderrHas(line)
          run.child.kill(signal)
          const { code: exit, stdout, stderr } = await run.result
          const said = stderr.split('\n').filter((l) => /interrupted|Fix:/.test(l))
          expect(said).toHaveLength(1)
          expect(said[0]).toMatch(
            new RegExp(`^dbtwin: interrupted by ${signal}: ${rolledBack.source}\\. Fix: `),
          )
          expect(exit).toBe(code)
          expect(stdout).toBe('')
          expect(await contents(target.url)).toEqual({ tables: [], enums: [] })
        } finally {
          await target.drop()
        }
      })
    }

    // A PGlite database is a directory, created whenever it is opened: there is no server to create it on.
    it.skipIf(dialect.name === 'pglite')(
      'drops the database it created with --create when interrupted',
      async () => {
        const target = absentTestDatabase(dialect.name as 'postgres' | 'mysql')
        try {
          const run = startCli([
            'generate',
            '--model',
            modelFile,
            '--to',
            target.url,
            '--scale',
            '50',
            '--create',
          ])
          await run.stderrHas(MOMENTS['the row load'])
          run.child.kill('SIGTERM')
          const { code, stderr } = await run.result
          expect(code).toBe(143)
          expect(stderr).toMatch(
            /dbtwin: interrupted by SIGTERM: the database it created is dropped again\. Fix: run the command again\n$/,
          )
          expect(await target.exists()).toBe(false)
        } finally {
          await target.drop()
        }
      },
    )

    it('gives a rerun with --truncate after a crash exactly the model keys, all validated', async () => {
      const target = await createTestDatabase(dialect.name)
      try {
        await generate(learned.model, target.url, { seed: 1 })
        // What a run killed in its key phase leaves: one key missing, one NOT VALID, and one the model lacks.
        await withDatabase(target.url, async (db) => {
          const drop = db.ddl.schemas ? sql`drop constraint` : sql`drop foreign key`
          await sql`alter table children ${drop} children_parent_fk, ${drop} children_other_fk`.execute(db.db)
          await sql`alter table children add constraint children_other_fk foreign key (other_id)
            references parents (id) ${db.ddl.schemas ? sql`not valid` : sql``}`.execute(db.db)
          await sql`alter table children add constraint children_extra_fk foreign key (parent_id)
            references parents (id)`.execute(db.db)
        })
        await generate(learned.model, target.url, { seed: 2, existing: 'truncate' })
        await withDatabase(target.url, async (db) => {
          expect(await foreignKeys(db)).toEqual([
            { name: 'children_other_fk', validated: true },
            { name: 'children_parent_fk', validated: true },
          ])
        })
      } finally {
        await target.drop()
      }
    })

    it.skipIf(dialect.name === 'mysql')(
      'drops the enum types it created when a write into an existing database fails',
      async () => {
        const target = await createTestDatabase(dialect.name)
        try {
          await withDatabase(target.url, (db) =>
            db.db.schema.createTable('kept').addColumn('id', 'integer').execute(),
          )
          const error = (await generate(unwritable(learned.model), target.url).catch(
            (e: unknown) => e,
          )) as DbtwinError
          expect(error.code).toBe('GENERATE_FAILED')
          expect(error.message).toMatch(/: rolled back, the target is as it was$/)
          expect(await contents(target.url)).toEqual({ tables: ['kept'], enums: [] })
        } finally {
          await target.drop()
        }
      },
    )
  })
}

/** The model with children's amounts no integer column holds (10¹²), so the write fails once its tables exist. */
function unwritable(model: Model): Model {
  return overflowing(model, 'children', 'amount')
}

describe('a reader that closes the output early', () => {
  // `dbtwin learn --help | head -3`: head exits, and what dbtwin still prints has nowhere to go.
  it('ends at once with 141, as SIGPIPE would, and prints no stack trace', async () => {
    const run = startCli(['learn', '--help'])
    run.child.stdout?.destroy()
    const { code, stderr } = await run.result
    expect(code).toBe(141)
    expect(stderr).toBe('')
  })
})
