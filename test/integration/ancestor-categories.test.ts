import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { learn } from '../../src/learn/learn.js'
import { generate } from '../../src/write/generate-into-target.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

/**
 * A category three keys up (issue 18.5): a sale's channel follows the kind of its visit's store's region — 90% web
 * in urban regions, 10% in rural ones. Nothing in a sale's own row, nor its visit's or store's, says which. Stores
 * number 250, so that they are synthesized rather than copied as a reference table (whose rows keep no key index
 * for a path to walk through).
 */
async function fill(url: string): Promise<void> {
  await withDatabase(url, async (db) => {
    await sql`create table regions (id integer primary key, kind varchar(8) not null)`.execute(db.db)
    await sql`create table stores (id integer primary key, region_id integer not null references regions (id))`.execute(
      db.db,
    )
    await sql`create table visits (id integer primary key, store_id integer not null references stores (id))`.execute(
      db.db,
    )
    await sql`create table sales (id integer primary key, visit_id integer not null references visits (id),
      channel varchar(8) not null)`.execute(db.db)
    const urban = (region: number) => region % 2 === 0
    await db.db
      .insertInto('regions')
      .values(Array.from({ length: 10 }, (_, i) => ({ id: i + 1, kind: urban(i + 1) ? 'urban' : 'rural' })))
      .execute()
    await db.db
      .insertInto('stores')
      .values(Array.from({ length: 250 }, (_, i) => ({ id: i + 1, region_id: (i % 10) + 1 })))
      .execute()
    await db.db
      .insertInto('visits')
      .values(Array.from({ length: 500 }, (_, i) => ({ id: i + 1, store_id: (i % 250) + 1 })))
      .execute()
    await db.db
      .insertInto('sales')
      .values(
        Array.from({ length: 1500 }, (_, i) => {
          const visit = (i % 500) + 1
          const region = (((visit - 1) % 250) % 10) + 1
          // One sale in ten of each region goes the other way (i % 10 picks the region, so the tenth is by i / 10).
          const odd = Math.floor(i / 10) % 10 === 0
          const web = urban(region) !== odd
          return { id: i + 1, visit_id: visit, channel: web ? 'web' : 'phone' }
        }),
      )
      .execute()
  })
}

/** The share of web sales among the sales under urban and under rural regions. */
async function webShares(url: string): Promise<Record<string, number>> {
  return withDatabase(url, async (db) => {
    const { rows } = await sql<{ kind: string; web: unknown; n: unknown }>`select r.kind as kind,
        count(case when s.channel = 'web' then 1 end) as web, count(*) as n
      from sales s join visits v on v.id = s.visit_id join stores t on t.id = v.store_id
      join regions r on r.id = t.region_id group by r.kind`.execute(db.db)
    return Object.fromEntries(rows.map((r) => [r.kind, Number(r.web) / Number(r.n)]))
  })
}

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`a category given an ancestor's on ${dialect.name}`, () => {
    let source: TestDatabase
    let target: TestDatabase

    beforeAll(async () => {
      source = await createTestDatabase(dialect.name)
      target = await createTestDatabase(dialect.name)
      await fill(source.url)
    }, 60_000)
    afterAll(async () => {
      await source?.drop()
      await target?.drop()
    })

    it('learns the channel given the region three keys up, and the twin keeps it', async () => {
      const model = await learn(source.url, { seed: 3 })
      const rule = model.invariants?.find((i) => i.kind === 'ancestor-categories')
      expect(
        rule?.kind === 'ancestor-categories' && [rule.column, rule.path.length, rule.ancestorColumn],
      ).toEqual(['channel', 3, 'kind'])
      expect(rule!.strength).toBeGreaterThan(0.6)
      expect(await webShares(source.url)).toEqual({ urban: 0.9, rural: 0.1 })

      await generate(model, target.url, { seed: 3 })
      const twin = await webShares(target.url)
      // Without the rule both shares are about a half: the channel is drawn as if no region told it.
      expect(twin['urban']).toBeGreaterThan(0.8)
      expect(twin['rural']).toBeLessThan(0.2)
    }, 120_000)
  })
}
