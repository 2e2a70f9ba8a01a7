import { execFile } from 'node:child_process'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { learn } from '../../src/learn/learn.js'
import { formatModelFile } from '../../src/model/model-file.js'
import { renderHtml } from '../../src/report/render-html.js'
import { renderSummary } from '../../src/report/render-terminal.js'
import { report } from '../../src/report/report-twin.js'
import { subset } from '../../src/subset/subset.js'
import { parseRoot } from '../../src/subset/subset-options.js'
import { generate } from '../../src/write/generate-into-target.js'
import { runCli } from '../support/run-cli.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

const RULES = 'test/fixtures/declared/lab-results.yaml'
const run = promisify(execFile)

/** The flag the declared `derive` gives a row: what every twin row must hold. */
const flagOf = (r: { value: number; ref_low: number; ref_high: number }) =>
  r.value > r.ref_high ? 'H' : r.value < r.ref_low ? 'L' : null

interface LabRow {
  id: number
  value: number
  ref_low: number
  ref_high: number
  flag: string | null
}

async function readLabRows(url: string): Promise<LabRow[]> {
  return withDatabase(url, async (db) => {
    const { rows } = await sql<Record<string, unknown>>`select id, value, ref_low, ref_high, flag
      from ${sql.id('lab_results')} order by id`.execute(db.db)
    return rows.map((r) => ({
      id: Number(r['id']),
      value: Number(r['value']),
      ref_low: Number(r['ref_low']),
      ref_high: Number(r['ref_high']),
      flag: (r['flag'] as string | null) ?? null,
    }))
  })
}

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`declared constraints on ${dialect.name}`, () => {
    let source: TestDatabase
    const targets: TestDatabase[] = []
    let dir: string

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'dbtwin-declared-'))
      source = await createTestDatabase(dialect.name)
      await withDatabase(source.url, async (db) => {
        await sql`create table lab_results (id integer primary key, value numeric(8,2) not null,
          ref_low numeric(8,2) not null, ref_high numeric(8,2) not null, flag varchar(1))`.execute(db.db)
        // The source's flags are left NULL on purpose: only the declared rule can fill them in the twin.
        await db.db
          .insertInto('lab_results')
          .values(
            Array.from({ length: 120 }, (_, i) => ({
              id: i + 1,
              value: (i * 37) % 200,
              ref_low: 40 + (i % 7),
              ref_high: 150 - (i % 5),
              flag: null,
            })),
          )
          .execute()
      })
    }, 60_000)
    afterAll(async () => {
      await source?.drop()
      for (const t of targets) await t.drop()
      await rm(dir, { recursive: true, force: true })
    })

    it('generate sets the derived flag on every twin row, and the report counts a broken declared check', async () => {
      const target = await createTestDatabase(dialect.name)
      targets.push(target)
      const model = await learn(source.url, { seed: 3 })
      await generate(model, target.url, { seed: 3, rules: RULES })
      const rows = await readLabRows(target.url)
      expect(rows.length).toBeGreaterThan(50)
      expect(rows.filter((r) => r.flag !== flagOf(r))).toEqual([])
      // Some of each, so the expression really ran rather than leaving everything NULL.
      expect(new Set(rows.map((r) => r.flag))).toEqual(new Set(['H', 'L', null]))

      const kept = await report(source.url, target.url, { rules: RULES, failUnder: { invariants: 1 } })
      expect(kept.invariants.declared?.map((d) => [d.kind, d.violations])).toEqual([
        ['derive', 0],
        ['check', 0],
      ])
      expect(kept.invariants.declared?.[1]?.source).toMatch(/lab-results\.yaml:6:12$/)
      expect(kept.verdicts.invariants?.passed).toBe(true)

      // A twin that breaks the declared check: 3 rows below 0.
      const broken = rows.slice(0, 3).map((r) => r.id)
      await withDatabase(target.url, (db) =>
        sql`update lab_results set value = -1 - value where id in (${sql.join(broken)})`.execute(db.db),
      )
      const failed = await report(source.url, target.url, { rules: RULES, failUnder: { invariants: 1 } })
      const check = failed.invariants.declared?.find((d) => d.kind === 'check')
      expect(check).toMatchObject({
        table: expect.stringContaining('lab_results'),
        rows: rows.length,
        violations: 3,
      })
      expect(failed.verdicts.invariants?.passed).toBe(false)
      expect(renderSummary(failed)).toMatch(
        /broken: .*lab_results: declared check "value" >= 0 \(3 of \d+ rows\)/,
      )
      // The 3 rows moved below their range break the derived flag too, unless it was already 'L'.
      expect(renderSummary(failed)).toMatch(/declared rules kept [01]\/2/)
      const html = renderHtml(failed)
      expect(html).toContain('<h3>Declared rules</h3>')
      expect(html).toContain('lab-results.yaml:6:12')
    }, 240_000)

    // The SQL files are PostgreSQL's, loaded with psql: one engine is enough.
    it.skipIf(dialect.name !== 'postgres')(
      'generate --out --format sql sets the derived flag in the files psql loads',
      async () => {
        const model = join(dir, 'model.yaml')
        await writeFile(model, formatModelFile(await learn(source.url, { seed: 3 })))
        const out = join(dir, 'sql-out')
        const made = await runCli([
          'generate',
          '--model',
          model,
          '--out',
          out,
          '--format',
          'sql',
          '--rules',
          RULES,
        ])
        expect(made.code, made.stderr).toBe(0)
        expect(await readdir(out)).toContain('zz-updates.sql')
        const target = await createTestDatabase('postgres')
        targets.push(target)
        const files = (await readdir(out)).filter((f) => f.endsWith('.sql')).sort()
        for (const file of files)
          await run('psql', ['-q', '-v', 'ON_ERROR_STOP=1', '-f', join(out, file), target.url])
        const rows = await readLabRows(target.url)
        expect(rows.length).toBeGreaterThan(50)
        expect(rows.filter((r) => r.flag !== flagOf(r))).toEqual([])
        expect(new Set(rows.map((r) => r.flag))).toEqual(new Set(['H', 'L', null]))
      },
      240_000,
    )

    it('subset derives the flag in the target too', async () => {
      const target = await createTestDatabase(dialect.name)
      targets.push(target)
      await subset(source.url, target.url, { rules: RULES, roots: [parseRoot('lab_results where id <= 60')] })
      const rows = await readLabRows(target.url)
      expect(rows).toHaveLength(60)
      expect(rows.filter((r) => r.flag !== flagOf(r))).toEqual([])
      expect(rows.some((r) => r.flag === 'H') && rows.some((r) => r.flag === 'L')).toBe(true)
    }, 120_000)

    it('dbtwin check counts the source rows breaking each declared rule', async () => {
      const result = await runCli(['check', source.url, '--rules', RULES])
      expect(result.stderr).toBe('')
      const expected = Array.from({ length: 120 }, (_, i) => ({
        value: (i * 37) % 200,
        ref_low: 40 + (i % 7),
        ref_high: 150 - (i % 5),
      })).filter((r) => flagOf(r) !== null).length
      expect(result.stdout).toContain(`declared derive on `)
      expect(result.stdout).toContain(`${expected} of 120 source rows break it`)
      expect(result.stdout).toMatch(
        /declared check on .*lab-results\.yaml:6:12\): holds on all 120 source rows/,
      )
    }, 120_000)

    it('refuses an unknown column with the place and the fix', async () => {
      const file = join(dir, 'unknown.yaml')
      await writeFile(file, 'constraints:\n  - table: lab_results\n    check: "nope >= 0"\n')
      const result = await runCli(['check', source.url, '--rules', file])
      expect(result.code).toBe(1)
      expect(result.stderr).toContain(`${file}:3:12: check "nope >= 0": "nope" is not a column of the table`)
      const table = join(dir, 'table.yaml')
      await writeFile(table, 'constraints:\n  - table: lab_result\n    check: "value >= 0"\n')
      const missing = await runCli(['check', source.url, '--rules', table])
      expect(missing.stderr).toContain(`${table}:2:12: no table lab_result`)
      expect(missing.stderr).toContain('did you mean')
    }, 60_000)
  })
}
