import { sql } from 'kysely'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/dialects/open-database.js'
import { learn, type LearnEvent } from '../../src/learn/learn.js'
import { countRows } from '../../src/dialects/queries/report-queries.js'
import { formatModelFile, parseModelFile } from '../../src/model/model-file.js'
import { runCli } from '../support/run-cli.js'
import { createSampleSource } from '../support/sample-source.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`dbtwin learn options on ${dialect.name}`, () => {
    let source: TestDatabase
    let work: string

    beforeAll(async () => {
      source = await createSampleSource(dialect.name, 150, 3)
      work = await mkdtemp(join(tmpdir(), 'dbtwin-learn-'))
    })
    afterAll(async () => {
      await source?.drop()
      if (work !== undefined) await rm(work, { recursive: true, force: true })
    })

    it('writes the same file byte for byte for the same source and seed', async () => {
      const first = join(work, 'a.yaml')
      const second = join(work, 'b.yaml')
      const env = { SOURCE_DATE_EPOCH: '1767225600' }
      const a = await runCli(['learn', source.url, '-o', first, '--seed', '11', '--rules', 'rules/clinic/'], {
        env,
      })
      const b = await runCli(
        ['learn', source.url, '-o', second, '--seed', '11', '--rules', 'rules/clinic/'],
        {
          env,
        },
      )
      expect([a.code, b.code]).toEqual([0, 0])
      expect(a.stderr).toMatch(/learning tables 13\/13: /) // plain progress lines off a terminal
      const [textA, textB] = await Promise.all([readFile(first, 'utf8'), readFile(second, 'utf8')])
      expect(textA).toBe(textB)
      expect(parseModelFile(textA, first).madeBy.learnedAt).toBe('2026-01-01T00:00:00.000Z')
    })

    it('samples in the database when a table is larger than --sample-rows, reproducibly for a seed', async () => {
      const small = await learn(source.url, { sampleRows: 40, seed: 5 })
      const again = await learn(source.url, { sampleRows: 40, seed: 5 })
      const encounters = small.tables.find((t) => t.table.endsWith('.encounters'))!
      expect(encounters.rows).toBeGreaterThan(40)
      expect(encounters.sampledRows).toBeLessThanOrEqual(40)
      expect(encounters.sampledRows).toBeGreaterThan(10)
      expect(formatModelFile({ ...again, madeBy: small.madeBy })).toBe(formatModelFile(small))
    })

    it('samples the same rows whichever order the engine reads them in', async () => {
      const db = await openDatabase(source.url, { readOnly: true })
      try {
        const schema = await db.introspect()
        const encounters = schema.tables.find((t) => t.name === 'encounters')!
        const sample = db.sampledTable(encounters, 's', 0.3, 5, ['id'])
        // A descending ORDER BY makes the engine read the rows backwards, which a per-row RAND() would notice.
        const ids = async (direction: 'asc' | 'desc') =>
          (
            await sql<{ id: unknown }>`select ${sql.ref('s.id')} as id from ${sample.from}
              ${sample.where === null ? sql`` : sql`where ${sample.where}`}
              order by ${sql.ref('s.id')} ${sql.raw(direction)}`.execute(db.db)
          ).rows
            .map((r) => Number(r.id))
            .sort((a, b) => a - b)
        const [forwards, backwards] = [await ids('asc'), await ids('desc')]
        expect(forwards).toEqual(backwards)
        const total = await countRows(db, encounters)
        expect(forwards.length / total).toBeGreaterThan(0.2)
        expect(forwards.length / total).toBeLessThan(0.4)
      } finally {
        await db.close()
      }
    })

    it('adds Laplace noise to counts under --epsilon and states the guarantee', async () => {
      const exact = await learn(source.url, { seed: 2 })
      const noisy = await learn(source.url, { seed: 2, epsilon: 1 })
      const dp = noisy.privacy.differentialPrivacy!
      expect(dp.mechanism).toBe('laplace')
      expect(dp.epsilonPerQuery * dp.queries).toBeCloseTo(1, 9)
      expect(dp.notCovered.join(' ')).toContain('quantile')
      const rows = (m: typeof exact) => m.tables.map((t) => t.rows)
      expect(rows(noisy)).not.toEqual(rows(exact))
      // Noise of scale queries/epsilon: far from zero per table, but bounded.
      const scale = 1 / dp.epsilonPerQuery
      rows(noisy).forEach((n, i) => expect(Math.abs(n - rows(exact)[i]!)).toBeLessThan(20 * scale))
      expect(exact.privacy.differentialPrivacy).toBeNull()
    })

    it('names a column type it cannot model and falls back instead of failing', async () => {
      const odd: TestDatabase = await createTestDatabase(dialect.name)
      try {
        const target = await openDatabase(odd.url)
        try {
          await target.db.schema
            .createTable('flags')
            .addColumn('id', 'integer', (c) => c.primaryKey())
            .addColumn('mask', sql`bit(8)`)
            .execute()
          await target.db
            .insertInto('flags')
            .values([{ id: 1 }, { id: 2 }])
            .execute()
        } finally {
          await target.close()
        }
        const events: LearnEvent[] = []
        const model = await learn(odd.url, {}, (e) => events.push(e))
        const mask = model.tables[0]!.columns.find((c) => c.name === 'mask')!
        expect(mask).toMatchObject({ kind: 'unmodeled', nullFraction: 1 })
        expect(events).toContainEqual(
          expect.objectContaining({
            step: 'unmodeled',
            column: 'mask',
            reason: expect.stringContaining('bit'),
          }),
        )
        const cli = await runCli(['learn', odd.url, '-o', join(work, 'odd.yaml')])
        expect(cli.code).toBe(0)
        expect(cli.stderr).toMatch(
          /flags\.mask is not modeled: type bit\(8\) \(bit\) is not modeled; generated as NULL where allowed/,
        )
      } finally {
        await odd.drop()
      }
    })
  })
}

describe('dbtwin learn on bad input', () => {
  it('refuses a broken rule file before touching the source, naming file:line:column', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dbtwin-rules-'))
    try {
      const file = join(dir, 'bad.yaml')
      await import('node:fs/promises').then((fs) =>
        fs.writeFile(file, 'rules:\n  - column: "*.patients.email"\n    fakr: internet.email\n'),
      )
      const { code, stderr } = await runCli(['learn', 'postgres://nobody@127.0.0.1:1/none', '--rules', dir])
      expect(code).toBe(1)
      expect(stderr).toMatch(
        new RegExp(`^dbtwin: ${file}:3:11: unknown key "fakr" \\(did you mean "faker"\\?\\)\\. Fix: `),
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('refuses a non-numeric --epsilon', async () => {
    const { code, stderr } = await runCli(['learn', 'pglite:memory', '--epsilon', 'lots'])
    expect(code).not.toBe(0)
    expect(stderr).toContain('"lots" is not a number > 0')
  })
})
