import { PGlite } from '@electric-sql/pglite'
import { Kysely, MysqlDialect, PGliteDialect, PostgresDialect, sql } from 'kysely'
import { createPool, type Pool as MysqlPool } from 'mysql2'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as dbtwin from '../../src/index.js'
import type { DialectName } from '../../src/schema/schema.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'

/**
 * An integrator's own connections (issue 22): a Kysely instance, a pg Pool, a mysql2 pool or a PGlite instance go
 * where a URL would, dbtwin reads a source given so in a read-only transaction, and it never closes them.
 */
interface Opened {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>
  /** The driver's own handle: a pg Pool, a mysql2 pool or a PGlite instance. */
  driver: pg.Pool | MysqlPool | PGlite
  close(): Promise<void>
}

async function callerConnection(dialect: DialectName, database: TestDatabase | null): Promise<Opened> {
  const url = database?.url ?? ''
  if (dialect === 'pglite') {
    const pglite = await PGlite.create()
    return {
      db: new Kysely({ dialect: new PGliteDialect({ pglite }) }),
      driver: pglite,
      close: () => pglite.close(),
    }
  }
  if (dialect === 'postgres') {
    const pool = new pg.Pool({ connectionString: url, max: 3 })
    return {
      db: new Kysely({ dialect: new PostgresDialect({ pool }) }),
      driver: pool,
      close: () => pool.end(),
    }
  }
  const pool = createPool({ uri: url, connectionLimit: 3 })
  return {
    db: new Kysely({ dialect: new MysqlDialect({ pool }) }),
    driver: pool,
    close: () =>
      new Promise((resolve) => {
        pool.end(() => {
          resolve()
        })
      }),
  }
}

/** Two tables, one foreign key, a timestamp and a number: made with the caller's Kysely, as an app would. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function fillSource(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('shops')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('region', 'varchar(20)', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('sales')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('shop_id', 'integer', (c) => c.notNull().references('shops.id'))
    .addColumn('amount', 'decimal(10, 2)', (c) => c.notNull())
    .addColumn('sold_at', 'timestamp', (c) => c.notNull())
    .execute()
  const regions = ['north', 'south', 'east', 'west']
  await db
    .insertInto('shops')
    .values(Array.from({ length: 20 }, (_, i) => ({ id: i + 1, region: regions[i % 4] })))
    .execute()
  await db
    .insertInto('sales')
    .values(
      Array.from({ length: 80 }, (_, i) => ({
        id: i + 1,
        shop_id: (i % 20) + 1,
        amount: `${(i * 7.31) % 500}`.slice(0, 6),
        sold_at: `2024-0${(i % 9) + 1}-1${i % 10} 10:${10 + (i % 50)}:00`,
      })),
    )
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function counts(db: Kysely<any>): Promise<{ shops: number; sales: number; orphans: number }> {
  const count = async (query: ReturnType<typeof sql<{ n: unknown }>>) =>
    Number((await query.execute(db)).rows[0]?.n)
  return {
    shops: await count(sql`select count(*) as n from shops`),
    sales: await count(sql`select count(*) as n from sales`),
    orphans: await count(
      sql`select count(*) as n from sales s left join shops p on p.id = s.shop_id where p.id is null`,
    ),
  }
}

for (const { name: dialect, available } of testDialects()) {
  describe.skipIf(!available)(`the library on a caller's own connections (${dialect})`, () => {
    const databases: TestDatabase[] = []
    const opened: Opened[] = []
    const open = async () => {
      const database = dialect === 'pglite' ? null : await createTestDatabase(dialect)
      if (database !== null) databases.push(database)
      const connection = await callerConnection(dialect, database)
      opened.push(connection)
      return connection
    }
    let source: Opened

    beforeAll(async () => {
      source = await open()
      await fillSource(source.db)
    }, 60_000)
    afterAll(async () => {
      for (const connection of opened) await connection.close()
      for (const database of databases) await database.drop()
    })

    it('learns from, generates into, subsets and reports on Kysely instances it leaves open', async () => {
      const { schema } = await dbtwin.inspect(source.db)
      expect(schema.tables.map((t) => t.name).sort()).toEqual(['sales', 'shops'])

      const model = await dbtwin.learn(source.db, { seed: 3 })
      expect(model.tables.find((t) => t.table.endsWith('sales'))?.rows).toBe(80)
      // 20 shops and no personal data: a reference table, kept row for row whatever the scale.
      expect(model.tables.find((t) => t.table.endsWith('shops'))?.reference?.rows).toHaveLength(20)

      const twin = await open()
      const generated = await dbtwin.generate(model, twin.db, { seed: 3, scale: 0.5 })
      const written = await counts(twin.db)
      expect(Object.values(generated.rows).reduce((a, b) => a + b, 0)).toBe(written.shops + written.sales)
      expect(written.shops).toBe(20)
      expect(written.sales).toBeGreaterThan(0)
      expect(written.orphans).toBe(0)

      const slice = await open()
      const subsetted = await dbtwin.subset(source.db, slice.db, {
        roots: [`${schema.tables[0]?.schema ?? ''}.shops where region = 'north'`],
      })
      const sliced = await counts(slice.db)
      // The sales of the 5 northern shops; shops, a reference table, whole.
      expect(sliced.shops).toBe(20)
      expect(sliced.sales).toBe(20)
      expect(sliced.orphans).toBe(0)
      expect(Object.values(subsetted.rows).reduce((a, b) => a + b, 0)).toBe(40)

      const report = await dbtwin.report(twin.db, { real: source.db, model, scale: 0.5 })
      expect(report.verdicts.consistency.score).toBe(1)

      // Every connection is still the caller's to use.
      for (const connection of [source, twin, slice]) expect((await counts(connection.db)).orphans).toBe(0)
    }, 120_000)

    it('takes the driver itself (pg Pool, mysql2 pool, PGlite) and reads a source in a read-only transaction', async () => {
      const { schema } = await dbtwin.inspect(source.driver)
      expect(schema.tables).toHaveLength(2)
      const database = await dbtwin.openDatabase(source.driver, { readOnly: true })
      try {
        await expect(
          sql`insert into shops (id, region) values (99, 'x')`.execute(database.db),
        ).rejects.toThrow(/read.only/i)
      } finally {
        await database.close()
      }
      const onKysely = await dbtwin.openDatabase(source.db, { readOnly: true })
      try {
        await expect(sql`delete from sales`.execute(onKysely.db)).rejects.toThrow(/read.only/i)
      } finally {
        await onKysely.close()
      }
      expect((await counts(source.db)).sales).toBe(80)

      const twin = await open()
      const model = await dbtwin.learn(source.driver, { seed: 4 })
      await dbtwin.generate(model, twin.driver, { seed: 4, scale: 0.25 })
      const written = await counts(twin.db)
      expect(written.shops).toBe(20)
      expect(written.orphans).toBe(0)
    }, 120_000)
  })
}
