import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CellValue, cellValue } from '../../src/schema/cell-value.js'
import { column } from '../fixtures/columns.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { inTwinWrite, withDatabase } from '../support/twin-checks.js'

/** Text that CSV, COPY or an INSERT could mangle: each must come back exactly as written, NULL apart from ''. */
const AWKWARD: CellValue[] = [
  '',
  'plain',
  'a,b',
  'say "hi"',
  '"',
  'line\nbreak',
  'carriage\rreturn',
  '\\.',
  '\\',
  'back\\slash',
  ' padded ',
  'NULL',
  '\\N',
  "it's",
  'Zoë → 東京',
  null,
]

/** Bytes a hex, escape or text form could mangle, as Buffers and as the plain Uint8Array PGlite reads. */
const large = Buffer.alloc(100_000, 0)
for (let i = 0; i < large.length; i++) large[i] = (i * 7919) % 256
const BINARY: CellValue[] = [
  Buffer.from([0x00, 0x5c, 0x27, 0xff]),
  Buffer.alloc(0),
  Buffer.from('\\x41', 'latin1'),
  Buffer.from("'); drop table t; --", 'latin1'),
  new Uint8Array([0xff, 0x00, 0x22, 0x2c, 0x0a, 0x0d]),
  // A view into a larger buffer, as drivers hand out: only its own bytes count.
  Buffer.from([1, 2, 3, 4, 5, 6]).subarray(2, 4),
  large,
  null,
]

const bytesOf = (value: unknown): number[] | null =>
  value === null ? null : [...Buffer.from(value as Uint8Array)]

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`bulk loading on ${dialect.name}`, () => {
    let target: TestDatabase

    beforeAll(async () => {
      target = await createTestDatabase(dialect.name)
    })
    afterAll(async () => {
      await target?.drop()
    })

    it.skipIf(dialect.name !== 'mysql')(
      'writes instants that carry a UTC offset (a PostgreSQL source) as the same instant in UTC',
      async () => {
        await withDatabase(target.url, async (db) => {
          await sql`create table instants (id int, t datetime(6))`.execute(db.db)
          await inTwinWrite(db, async ({ twin }) => {
            const writer = twin.bulkWriter({ schema: db.name, name: 'instants' }, [
              column('id', 'integer'),
              column('t', 'timestamptz'),
            ])
            await writer.write([
              [1, '2006-02-15 04:44:00+00'],
              [2, '2006-02-15 10:14:00.25+05:30'],
              [3, '2006-02-14 23:44:00-05'],
              [4, '2006-02-15 04:44:00.123456+00'],
              [5, null],
            ])
            await writer.end()
          })
          const { rows } = await sql<{ t: string | null }>`select t from instants order by id`.execute(db.db)
          expect(rows.map((r) => r.t)).toEqual([
            '2006-02-15 04:44:00.000000',
            '2006-02-15 04:44:00.250000',
            '2006-02-15 04:44:00.000000',
            '2006-02-15 04:44:00.123456',
            null,
          ])
        })
      },
    )

    it('writes awkward text through the bulk path and reads back every value as written', async () => {
      await withDatabase(target.url, async (db) => {
        const schema = db.ddl.schemas ? 'public' : db.name
        await db.db.schema
          .createTable(`${schema}.awkward`)
          .addColumn('id', 'integer')
          .addColumn('v', 'text')
          .execute()
        await inTwinWrite(db, async ({ twin }) => {
          const writer = twin.bulkWriter({ schema, name: 'awkward' }, [
            column('id', 'integer'),
            column('v', 'text'),
          ])
          await writer.write(AWKWARD.map((v, i) => [i, v]))
          await writer.end()
        })
        const { rows } = await sql<{
          id: unknown
          v: string | null
        }>`select id, v from ${sql.id(schema, 'awkward')} order by id`.execute(db.db)
        expect(rows.map((r) => r.v)).toEqual(AWKWARD)

        // One column: a line holding only `\.` would end a COPY's data.
        await db.db.schema.createTable(`${schema}.single`).addColumn('v', 'text').execute()
        await inTwinWrite(db, async ({ twin }) => {
          const single = twin.bulkWriter({ schema, name: 'single' }, [column('v', 'text')])
          await single.write([['before'], ['\\.'], ['after']])
          await single.end()
        })
        const read = await sql<{ v: string }>`select v from ${sql.id(schema, 'single')}`.execute(db.db)
        expect(read.rows.map((r) => r.v).sort()).toEqual(['\\.', 'after', 'before'])
      })
    })

    it('writes bytes through the bulk path and reads back the same bytes, as the driver read them too', async () => {
      await withDatabase(target.url, async (db) => {
        const schema = db.ddl.schemas ? 'public' : db.name
        // mediumblob: a blob holds at most 64 kB.
        const type = db.ddl.schemas ? 'bytea' : 'mediumblob'
        const columns = [column('id', 'integer'), column('v', 'binary')]
        const readBack = async (name: string) =>
          (
            await sql<{
              id: unknown
              v: unknown
            }>`select id, v from ${sql.id(schema, name)} order by id`.execute(db.db)
          ).rows
        for (const name of ['bytes', 'copied']) {
          await db.db.schema
            .createTable(`${schema}.${name}`)
            .addColumn('id', 'integer')
            .addColumn('v', sql.raw(type))
            .execute()
        }
        await inTwinWrite(db, async ({ twin }) => {
          const writer = twin.bulkWriter({ schema, name: 'bytes' }, columns)
          await writer.write(BINARY.map((v, i) => [i, v]))
          await writer.end()
        })
        const rows = await readBack('bytes')
        expect(rows.map((r) => bytesOf(r.v))).toEqual(BINARY.map(bytesOf))

        // What a subset does: the driver's own form of the bytes, through cellValue, into a writer.
        await inTwinWrite(db, async ({ twin }) => {
          const copier = twin.bulkWriter({ schema, name: 'copied' }, columns)
          await copier.write(rows.map((r) => [cellValue(r.id), cellValue(r.v)]))
          await copier.end()
        })
        expect((await readBack('copied')).map((r) => bytesOf(r.v))).toEqual(BINARY.map(bytesOf))
      })
    })

    it('loads more large values than one statement or packet could hold', async () => {
      await withDatabase(target.url, async (db) => {
        const schema = db.ddl.schemas ? 'public' : db.name
        await db.db.schema
          .createTable(`${schema}.many`)
          .addColumn('id', 'integer')
          .addColumn('v', sql.raw(db.ddl.schemas ? 'bytea' : 'mediumblob'))
          .execute()
        // 200 rows of 100 kB: 40 MB as hex, over MariaDB's default max_allowed_packet of 16 MB.
        await inTwinWrite(db, async ({ twin }) => {
          const writer = twin.bulkWriter({ schema, name: 'many' }, [
            column('id', 'integer'),
            column('v', 'binary'),
          ])
          await writer.write(Array.from({ length: 200 }, (_, i) => [i, large]))
          await writer.end()
        })
        const { rows } = await sql<{
          n: unknown
          bytes: unknown
        }>`select count(*) as n, sum(length(v)) as bytes from ${sql.id(schema, 'many')}`.execute(db.db)
        expect(Number(rows[0]?.n)).toBe(200)
        expect(Number(rows[0]?.bytes)).toBe(200 * large.length)
      })
    })
  })
}
