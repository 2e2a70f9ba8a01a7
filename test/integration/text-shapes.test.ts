import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import { generate } from '../../src/write/generate-into-target.js'
import { learnedSource, type LearnedSource } from '../support/learned-source.js'
import { testDialects } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

/** 400 distinct codes: every sku is `SKU-` and five digits; refs are `INV-…` (three in four) or `ORD-…`. */
async function createParts(db: Database): Promise<void> {
  await db.db.schema
    .createTable('parts')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('sku', 'varchar(12)', (c) => c.notNull())
    .addColumn('ref', 'varchar(12)', (c) => c.notNull())
    .execute()
  const rows = Array.from({ length: 400 }, (_, i) => ({
    id: i + 1,
    sku: `SKU-${String((i * 7919) % 100_000).padStart(5, '0')}`,
    ref: `${i % 4 === 0 ? 'ORD' : 'INV'}-${String((i * 104_729) % 1_000_000).padStart(6, '0')}`,
  }))
  await db.db.insertInto('parts').values(rows).execute()
}

async function codes(db: Database): Promise<{ sku: string; ref: string }[]> {
  const { rows } = await sql<{ sku: string; ref: string }>`select sku, ref from parts`.execute(db.db)
  return rows
}

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`text shapes on ${dialect.name}`, () => {
    let learned: LearnedSource

    beforeAll(async () => {
      learned = await learnedSource(dialect.name, createParts, 5)
      await generate(learned.model, learned.target, { seed: 5 })
    }, 60_000)
    afterAll(() => learned?.drop())

    it('writes codes with their learned prefixes and shapes, without copying a real code', async () => {
      const real = await withDatabase(learned.source, codes)
      const twin = await withDatabase(learned.target, codes)
      expect(twin).toHaveLength(400)
      expect(twin.filter((r) => !/^SKU-\d{5}$/.test(r.sku))).toEqual([])
      expect(twin.filter((r) => !/^(INV|ORD)-\d{6}$/.test(r.ref))).toEqual([])
      const invoices = twin.filter((r) => r.ref.startsWith('INV-')).length / twin.length
      expect(Math.abs(invoices - 0.75)).toBeLessThan(0.08)
      const realRefs = new Set(real.map((r) => r.ref))
      expect(twin.filter((r) => realRefs.has(r.ref)).length).toBeLessThan(5)
    })
  })
}
