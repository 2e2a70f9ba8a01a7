import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import { subset } from '../../src/subset/subset.js'
import { parseChildren, parseRoot } from '../../src/subset/subset-options.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { orphanCounts, withDatabase } from '../support/twin-checks.js'

/**
 * Devices keyed by 16 raw bytes (MySQL's usual form of a UUID key), and readings that point at them through a
 * binary foreign key and a composite one of bytes and a timestamp with microseconds.
 */
async function createDevices(db: Database): Promise<void> {
  const bytes = sql.raw(db.dialect === 'mysql' ? 'binary(16)' : 'bytea')
  const instant = sql.raw(db.dialect === 'mysql' ? 'datetime(6)' : 'timestamp(6)')
  await db.db.schema
    .createTable('devices')
    .addColumn('id', bytes, (c) => c.primaryKey())
    .addColumn('label', 'varchar(20)', (c) => c.notNull())
    .execute()
  await db.db.schema
    .createTable('sessions')
    .addColumn('device_id', bytes, (c) => c.notNull().references('devices.id'))
    .addColumn('started_at', instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('sessions_pk', ['device_id', 'started_at'])
    .execute()
  await db.db.schema
    .createTable('readings')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('device_id', bytes, (c) => c.notNull())
    .addColumn('started_at', instant, (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addForeignKeyConstraint('readings_session', ['device_id', 'started_at'], 'sessions', [
      'device_id',
      'started_at',
    ])
    .execute()
  // Bytes that are not text: zeros, 0xff, and the separator and quote characters.
  const id = (i: number) =>
    Buffer.from(Array.from({ length: 16 }, (_, j) => [0, 255, 1, 39, 92][(i + j) % 5]! ^ (j === 0 ? i : 0)))
  const start = Date.parse('2024-05-01T08:00:00Z')
  const stamp = (i: number) =>
    new Date(start + i * 60_000).toISOString().replace('T', ' ').replace('Z', '') + '123'
  await db.db
    .insertInto('devices')
    .values(Array.from({ length: 20 }, (_, i) => ({ id: id(i), label: `unit ${i}` })))
    .execute()
  await db.db
    .insertInto('sessions')
    .values(Array.from({ length: 40 }, (_, i) => ({ device_id: id(i % 20), started_at: stamp(i) })))
    .execute()
  await db.db
    .insertInto('readings')
    .values(
      Array.from({ length: 120 }, (_, i) => ({
        id: i + 1,
        device_id: id(i % 20),
        started_at: stamp(i % 40),
        value: i,
      })),
    )
    .execute()
}

const count = async (db: Database, table: string) =>
  Number((await sql<{ n: unknown }>`select count(*) as n from ${sql.id(table)}`.execute(db.db)).rows[0]!.n)

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(
    `subsetting through binary and timestamp keys on ${dialect.name}`,
    () => {
      let source: TestDatabase

      beforeAll(async () => {
        source = await createTestDatabase(dialect.name)
        await withDatabase(source.url, createDevices)
      })
      afterAll(() => source?.drop())

      it('follows binary and composite keys up from the roots, leaving no orphan', async () => {
        const target = await createTestDatabase(dialect.name)
        try {
          await subset(source.url, target.url, {
            roots: [parseRoot('readings where value < 10')],
            children: parseChildren(['none']),
          })
          await withDatabase(target.url, async (twin) => {
            expect(
              Object.values(await orphanCounts(twin, await twin.introspect())).every((n) => n === 0),
            ).toBe(true)
            expect([
              await count(twin, 'readings'),
              await count(twin, 'sessions'),
              await count(twin, 'devices'),
            ]).toEqual([10, 10, 10])
          })
        } finally {
          await target.drop()
        }
      })

      it('follows them down to children, and copies the bytes and microseconds exactly', async () => {
        const target = await createTestDatabase(dialect.name)
        try {
          await subset(source.url, target.url, {
            roots: [parseRoot("devices where label = 'unit 3'")],
            children: parseChildren(['all']),
          })
          const hex = (db: Database) =>
            sql<{
              device: string
              started_at: string
            }>`select ${sql.raw(db.dialect === 'mysql' ? 'hex(device_id)' : "encode(device_id, 'hex')")} as device, started_at from readings order by id`
          const real = await withDatabase(
            source.url,
            async (db) =>
              (
                await sql<{ device: string; started_at: string }>`select r.* from (${hex(db)}) r`.execute(
                  db.db,
                )
              ).rows,
          )
          await withDatabase(target.url, async (twin) => {
            // Device 3 has sessions 3 and 23, each with three readings.
            expect([
              await count(twin, 'devices'),
              await count(twin, 'sessions'),
              await count(twin, 'readings'),
            ]).toEqual([1, 2, 6])
            const copied = (await hex(twin).execute(twin.db)).rows
            const wanted = new Set(copied.map((r) => `${r.device.toLowerCase()} ${r.started_at}`))
            expect(real.filter((r) => wanted.has(`${r.device.toLowerCase()} ${r.started_at}`))).toHaveLength(
              6,
            )
          })
        } finally {
          await target.drop()
        }
      })
    },
  )
}
