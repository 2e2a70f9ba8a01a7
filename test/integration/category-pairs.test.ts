import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import { generate } from '../../src/write/generate-into-target.js'
import { learnedSource, type LearnedSource } from '../support/learned-source.js'
import { testDialects } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

/** Each state belongs to one country; a state's share of its country's rows differs from country to country. */
const STATES: Record<string, string[]> = {
  USA: ['NY', 'CA', 'TX', 'WA', 'FL', 'IL'],
  Canada: ['ON', 'QC', 'BC'],
  Brazil: [],
}

/** 720 customers with a country, a state inside it (none in Brazil), and a tier that depends on neither. */
async function createCustomers(db: Database): Promise<void> {
  await db.db.schema
    .createTable('customers')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('country', 'varchar(20)', (c) => c.notNull())
    .addColumn('state', 'varchar(4)')
    .addColumn('tier', 'varchar(10)', (c) => c.notNull())
    .execute()
  const countries = Object.keys(STATES)
  const rows = Array.from({ length: 720 }, (_, i) => {
    const country = countries[i % 3 === 0 ? 0 : i % 3 === 1 ? (i % 4 === 1 ? 1 : 0) : 2]!
    const states = STATES[country]!
    return {
      id: i + 1,
      country,
      state: country === 'Brazil' || i % 40 === 7 ? null : states[(i * 7 + (i >> 3)) % states.length]!,
      tier: ['gold', 'silver', 'bronze'][(i >> 2) % 3]!,
    }
  })
  await db.db.insertInto('customers').values(rows).execute()
}

const pairs = async (db: Database) =>
  (await sql<{ country: string; state: string | null }>`select country, state from customers`.execute(db.db))
    .rows

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`dependent category columns on ${dialect.name}`, () => {
    let learned: LearnedSource

    beforeAll(async () => {
      learned = await learnedSource(dialect.name, createCustomers, 4)
      await generate(learned.model, learned.target, { seed: 4 })
    }, 60_000)
    afterAll(() => learned?.drop())

    it('learns the state given the country, and not the tier', () => {
      const table = learned.model.tables.find((t) => t.table.endsWith('customers'))!
      expect(table.conditionals.map((c) => [c.column, c.given])).toEqual([['country', 'state']])
    })

    it('writes every state inside its own country, and a country without states mostly where the state is NULL', async () => {
      const twin = await withDatabase(learned.target, pairs)
      expect(twin).toHaveLength(720)
      const wrong = twin.filter((r) => r.state !== null && !STATES[r.country]!.includes(r.state))
      expect(wrong).toEqual([])
      const real = await withDatabase(learned.source, pairs)
      const brazilAmongNulls = (rows: typeof real) =>
        rows.filter((r) => r.state === null && r.country === 'Brazil').length /
        rows.filter((r) => r.state === null).length
      expect(Math.abs(brazilAmongNulls(twin) - brazilAmongNulls(real))).toBeLessThan(0.1)
    })
  })
}
