import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import { jsonPathSet, parseJsonValue, pathRowShares } from '../../src/model/json-paths.js'
import { formatModelFile } from '../../src/model/model-file.js'
import type { JsonNode } from '../../src/model/model.js'
import { report } from '../../src/report/report-twin.js'
import { generate } from '../../src/write/generate-into-target.js'
import { learnedSource, type LearnedSource } from '../support/learned-source.js'
import { testDialects } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

const RARE_KEY = 'john.smith@example.org'

/**
 * 300 encounters with vitals documents: blood pressure always, a pulse in two of three, tags in two of three (one
 * to three), a position category, and one document with a rare key that is personal data.
 */
async function createEncounters(db: Database): Promise<void> {
  await db.db.schema
    .createTable('encounters')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('vitals', db.dialect === 'mysql' ? 'json' : 'jsonb')
    .execute()
  const rows = Array.from({ length: 300 }, (_, i) => ({
    id: i + 1,
    vitals:
      i % 10 === 9
        ? null
        : JSON.stringify({
            bp: { sys: 100 + (i % 41), dia: 60 + (i % 26) },
            ...(i % 3 === 0 ? {} : { pulse: 55 + (i % 50) }),
            ...(i % 3 === 1 ? {} : { tags: ['a', 'b', 'c'].slice(0, 1 + (i % 3)) }),
            position: ['sitting', 'standing', 'lying'][i % 3],
            ...(i === 0 ? { [RARE_KEY]: 'allergic to penicillin' } : {}),
          }),
  }))
  await db.db.insertInto('encounters').values(rows).execute()
}

async function documents(db: Database): Promise<unknown[]> {
  const { rows } = await sql<{ vitals: unknown }>`select vitals from encounters`.execute(db.db)
  return rows.map((r) => r.vitals)
}

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`JSON documents on ${dialect.name}`, () => {
    let learned: LearnedSource
    let real: unknown[]
    let twin: unknown[]

    beforeAll(async () => {
      learned = await learnedSource(dialect.name, createEncounters, 7)
      await generate(learned.model, learned.target, { seed: 7 })
      real = await withDatabase(learned.source, documents)
      twin = await withDatabase(learned.target, documents)
    }, 180_000)
    afterAll(() => learned?.drop())

    const tree = () => {
      const column = learned.model.tables[0]!.columns.find((c) => c.name === 'vitals')!
      return column.kind === 'shaped' ? (column.document as JsonNode) : null
    }

    it("learns the source's frequent paths and writes no rare key into the model file", () => {
      expect(jsonPathSet(tree()!).sort()).toEqual(
        ['$', '$.bp', '$.bp.dia', '$.bp.sys', '$.position', '$.pulse', '$.tags', '$.tags[]'].sort(),
      )
      expect(formatModelFile(learned.model)).not.toContain('john.smith')
    })

    it("writes valid documents whose path set and presence are the source's", () => {
      expect(twin).toHaveLength(300)
      expect(twin.filter((v) => v !== null && !parseJsonValue(v).ok)).toEqual([])
      const realShares = pathRowShares(real)
      const twinShares = pathRowShares(twin)
      const frequent = [...realShares.keys()].filter((p) => !p.includes('john')).sort()
      expect([...twinShares.keys()].sort()).toEqual(frequent)
      for (const path of frequent)
        expect(Math.abs(twinShares.get(path)! - realShares.get(path)!), path).toBeLessThan(0.1)
      expect(twin.some((v) => JSON.stringify(v).includes('john'))).toBe(false)
    })

    it('keeps numbers within their ranges and categories among the seen values', () => {
      const parsed = twin.flatMap((v) => {
        const doc = v === null ? { ok: false as const } : parseJsonValue(v)
        return doc.ok ? [doc.value as { bp: { sys: number; dia: number }; position: string }] : []
      })
      const sys = parsed.map((d) => d.bp.sys)
      expect(Math.min(...sys)).toBeGreaterThanOrEqual(100)
      expect(Math.max(...sys)).toBeLessThanOrEqual(140)
      expect(sys.every(Number.isInteger)).toBe(true)
      expect(new Set(parsed.map((d) => d.position))).toEqual(new Set(['sitting', 'standing', 'lying']))
    })

    it('the report scores the column by its path set and presence, naming no rare path', async () => {
      const result = await report(learned.source, learned.target, { seed: 7 })
      const vitals = result.quality.tables[0]!.columns.find((c) => c.column === 'vitals')!
      expect(vitals.kind).toBe('json')
      expect(vitals.shape).toBeGreaterThan(0.95)
      expect(vitals.histogram.bins).toContain('$.bp.sys')
      expect(vitals.histogram.bins.some((b) => b.includes('john'))).toBe(false)
    })
  })
}
