import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import { learn } from '../../src/learn/learn.js'
import type { Model } from '../../src/model/model.js'
import { generate } from '../../src/write/write-twin.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
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
    let source: TestDatabase
    let target: TestDatabase
    let model: Model

    beforeAll(async () => {
      source = await createTestDatabase(dialect.name)
      target = await createTestDatabase(dialect.name)
      await withDatabase(source.url, createParts)
      model = await learn(source.url, { seed: 5 })
      await generate(model, target.url, { seed: 5 })
    }, 60_000)
    afterAll(async () => {
      await source?.drop()
      await target?.drop()
    })

    it('writes codes with their learned prefixes and shapes, without copying a real code', async () => {
      const real = await withDatabase(source.url, codes)
      const twin = await withDatabase(target.url, codes)
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
