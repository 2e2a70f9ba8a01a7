import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { learn } from '../../src/learn/learn.js'
import { report } from '../../src/report/report-twin.js'
import { generate } from '../../src/write/generate-into-target.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

/**
 * Three columns whose every pair is independent but whose triple is not: `c` is `a` xor `b`. No conditional of
 * one column on another carries it; only the declared `combinations:` rule does (issue 18.7).
 */
const SOURCE = ['ppp', 'pqq', 'qpq', 'qqp']

async function readTriples(url: string): Promise<string[]> {
  return withDatabase(url, async (db) => {
    const { rows } = await sql<{
      a: string
      b: string
      c: string
    }>`select a, b, c from ${sql.id('parts')}`.execute(db.db)
    return rows.map((r) => `${r.a}${r.b}${r.c}`)
  })
}

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`fixed combinations on ${dialect.name}`, () => {
    let source: TestDatabase
    const targets: TestDatabase[] = []
    let dir: string
    let rules: string

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'dbtwin-combinations-'))
      rules = join(dir, 'parts.yaml')
      await writeFile(rules, 'constraints:\n  - table: parts\n    combinations: [a, b, c]\n')
      source = await createTestDatabase(dialect.name)
      await withDatabase(source.url, async (db) => {
        await sql`create table parts (id integer primary key, a varchar(1) not null, b varchar(1) not null,
          c varchar(1) not null)`.execute(db.db)
        await db.db
          .insertInto('parts')
          .values(
            Array.from({ length: 120 }, (_, i) => {
              const [a, b, c] = SOURCE[i % 4]!
              return { id: i + 1, a: a!, b: b!, c: c! }
            }),
          )
          .execute()
      })
    }, 60_000)
    afterAll(async () => {
      await source?.drop()
      for (const t of targets) await t.drop()
      await rm(dir, { recursive: true, force: true })
    })

    it('keeps only the combinations the source holds, and the report counts none broken', async () => {
      const model = await learn(source.url, { seed: 4, rules })
      const parts = model.tables.find((t) => t.table.endsWith('parts'))!
      expect(parts.combinations?.[0]?.combinations.map((c) => c.values.join(''))).toEqual(SOURCE)

      const target = await createTestDatabase(dialect.name)
      targets.push(target)
      await generate(model, target.url, { seed: 4 })
      const triples = await readTriples(target.url)
      expect(triples).toHaveLength(120)
      expect(triples.filter((t) => !SOURCE.includes(t))).toEqual([])
      // Each combination about as often as in the source (30 of 120).
      for (const t of SOURCE) expect(triples.filter((x) => x === t).length).toBeGreaterThan(15)

      const kept = await report(null, target.url, { model, rules, maxRows: 2_000 })
      expect(kept.invariants.declared?.map((d) => [d.kind, d.rows, d.violations])).toEqual([
        ['combinations', 120, 0],
      ])

      // Without the rule the same model breaks the triple in about half the rows: the test can fail.
      const loose = await createTestDatabase(dialect.name)
      targets.push(loose)
      await generate({ ...model, tables: model.tables.map((t) => ({ ...t, combinations: [] })) }, loose.url, {
        seed: 4,
      })
      const broken = (await readTriples(loose.url)).filter((t) => !SOURCE.includes(t)).length
      expect(broken).toBeGreaterThan(20)
      const failed = await report(null, loose.url, { model, rules, maxRows: 2_000 })
      expect(failed.invariants.declared?.[0]?.violations).toBe(broken)
    }, 240_000)
  })
}
