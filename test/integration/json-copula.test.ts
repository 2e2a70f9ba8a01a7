import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import { parseJsonValue } from '../../src/model/json-paths.js'
import { formatModelFile, parseModelFile } from '../../src/model/model-file.js'
import { generate } from '../../src/write/generate-into-target.js'
import { learnedSource, type LearnedSource } from '../support/learned-source.js'
import { testDialects } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

/**
 * 300 visits: a charge, and vitals whose pulse rises with it (absent in one visit of five) and whose temperature
 * has one decimal (issue 17.4: numeric paths join the copula; numbers keep their decimals).
 */
async function createVisits(db: Database): Promise<void> {
  await db.db.schema
    .createTable('visits')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('charge', 'integer', (c) => c.notNull())
    .addColumn('vitals', db.dialect === 'mysql' ? 'json' : 'jsonb')
    .execute()
  const rows = Array.from({ length: 300 }, (_, i) => {
    const charge = 100 + ((i * 37) % 400)
    return {
      id: i + 1,
      charge,
      vitals: JSON.stringify({
        ...(i % 5 === 0 ? {} : { pulse: 50 + Math.round(charge / 5) + ((i * 7) % 9) }),
        temp: 36 + ((i * 13) % 30) / 10,
      }),
    }
  })
  await db.db.insertInto('visits').values(rows).execute()
}

interface Visit {
  charge: number
  pulse: number | null
  temp: number | null
}

async function visits(db: Database): Promise<Visit[]> {
  const { rows } = await sql<{ charge: unknown; vitals: unknown }>`select charge, vitals from visits`.execute(
    db.db,
  )
  return rows.map((r) => {
    const parsed = parseJsonValue(r.vitals)
    const doc = (parsed.ok ? parsed.value : {}) as { pulse?: number; temp?: number }
    return { charge: Number(r.charge), pulse: doc.pulse ?? null, temp: doc.temp ?? null }
  })
}

function pearson(pairs: readonly [number, number][]): number {
  const mean = (k: 0 | 1) => pairs.reduce((s, p) => s + p[k], 0) / pairs.length
  const [mx, my] = [mean(0), mean(1)]
  let sxy = 0
  let sxx = 0
  let syy = 0
  for (const [x, y] of pairs) {
    sxy += (x - mx) * (y - my)
    sxx += (x - mx) ** 2
    syy += (y - my) ** 2
  }
  return sxy / Math.sqrt(sxx * syy)
}

const pulseByCharge = (rows: readonly Visit[]) =>
  pearson(rows.flatMap((r) => (r.pulse === null ? [] : [[r.charge, r.pulse] as [number, number]])))

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`numeric JSON paths in the copula on ${dialect.name}`, () => {
    let learned: LearnedSource
    let real: Visit[]
    let twin: Visit[]

    beforeAll(async () => {
      learned = await learnedSource(dialect.name, createVisits, 5)
      // Through the model file, as `learn` then `generate` would.
      const model = parseModelFile(formatModelFile(learned.model), 'model.yaml')
      await generate(model, learned.target, { seed: 5 })
      real = await withDatabase(learned.source, visits)
      twin = await withDatabase(learned.target, visits)
    }, 120_000)
    afterAll(() => learned?.drop())

    it("keeps a numeric path's correlation with a column", () => {
      expect(learned.model.tables[0]!.copula?.columns).toEqual(['charge', 'vitals$.pulse', 'vitals$.temp'])
      expect(pulseByCharge(real)).toBeGreaterThan(0.9)
      const pulses = twin.filter((r) => r.pulse !== null)
      expect(pulses.length).toBeGreaterThan(180)
      expect(pulseByCharge(twin)).toBeGreaterThan(0.7)
    })

    it('writes numbers with the decimals the source has', () => {
      const temps = twin.flatMap((r) => (r.temp === null ? [] : [r.temp]))
      expect(temps.length).toBeGreaterThan(250)
      expect(temps.filter((t) => Math.abs(t * 10 - Math.round(t * 10)) > 1e-9)).toEqual([])
      expect(temps.filter((t) => !Number.isInteger(t)).length).toBeGreaterThan(100)
    })
  })
}
