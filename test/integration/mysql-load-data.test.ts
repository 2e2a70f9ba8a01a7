import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDataDecision } from '../../src/dialects/mysql/mysql-load-data.js'
import type { CellValue } from '../../src/schema/cell-value.js'
import type { Column } from '../../src/schema/schema.js'
import { column } from '../fixtures/columns.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { inTwinWrite, withDatabase } from '../support/twin-checks.js'

/** Text the tab-separated file could mangle: its field, line and escape characters, and what looks like NULL. */
const TEXT: CellValue[] = [
  '',
  null,
  '\\N',
  'NULL',
  'a\tb',
  'line\nbreak',
  'crlf\r\nend',
  '\\',
  'back\\slash\\t',
  'nul\u0000byte',
  '\t',
  '\n',
  ' padded ',
  'Zoë → 東京 🦆',
]

const BYTES: CellValue[] = [
  Buffer.from([0x00, 0x09, 0x0a, 0x0d, 0x5c, 0x4e, 0xff]),
  Buffer.alloc(0),
  Buffer.from('\\N', 'latin1'),
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  null,
]

const mysql = testDialects().find((d) => d.name === 'mysql')

describe('the decision to load through LOAD DATA LOCAL INFILE', () => {
  it('takes it when the server allows local_infile, and says why not otherwise', () => {
    expect(loadDataDecision(1)).toEqual({ allowed: true })
    expect(loadDataDecision('1')).toEqual({ allowed: true })
    for (const off of [0, '0', null, undefined]) {
      const decision = loadDataDecision(off)
      expect(decision.allowed).toBe(false)
      if (!decision.allowed) expect(decision.why).toMatch(/INSERTs.*local_infile off/)
    }
  })
})

describe.skipIf(mysql === undefined || !mysql.available)('LOAD DATA LOCAL INFILE on MariaDB', () => {
  let target: TestDatabase

  beforeAll(async () => {
    target = await createTestDatabase('mysql')
  })
  afterAll(async () => {
    await target?.drop()
  })

  const load = async (name: string, columns: Column[], rows: CellValue[][]) =>
    withDatabase(target.url, async (db) => {
      await inTwinWrite(db, async ({ twin }) => {
        const writer = twin.bulkWriter({ schema: db.name, name }, columns)
        // Two batches: the statement spans writes, as a table's batches come.
        await writer.write(rows.slice(0, 3))
        await writer.write(rows.slice(3))
        await writer.end()
      })
    })

  it('writes values of every type and reads each back exactly as written', async () => {
    await withDatabase(target.url, async (db) => {
      await sql`create table every_type (
        id int primary key, t text, vc varchar(40), j json, d date, tm time(6), dt datetime(6), ts datetime(6),
        dec_ decimal(30,10), big bigint, flag tinyint(1), f double, e enum('a','b c'))`.execute(db.db)
      await sql`create table bytes (id int primary key, b mediumblob, fixed binary(4))`.execute(db.db)
    })
    const columns = [
      column('id', 'integer'),
      column('t', 'text'),
      column('vc', 'varchar'),
      column('j', 'json'),
      column('d', 'date'),
      column('tm', 'time'),
      column('dt', 'timestamp'),
      column('ts', 'timestamptz'),
      column('dec_', 'decimal'),
      column('big', 'bigint'),
      column('flag', 'boolean'),
      column('f', 'double'),
      column('e', 'enum'),
    ]
    const rows: CellValue[][] = TEXT.map((t, i) => [
      i,
      t,
      typeof t === 'string' ? t.slice(0, 40) : t,
      i % 3 === 0 ? null : JSON.stringify({ k: t, n: [i, 1.5, null], s: 'tab\there "q" \\' }),
      i % 2 === 0 ? '2024-02-29' : '0999-12-31',
      i % 2 === 0 ? '-838:59:59.000000' : '12:34:56.123456',
      '2006-02-15 04:44:00.123456',
      '2006-02-15 06:44:00.5+02',
      i % 2 === 0 ? '-12345678901234567890.0123456789' : '0.0000000001',
      i % 2 === 0 ? '9223372036854775807' : -42,
      i % 2 === 0,
      i % 2 === 0 ? 1.5e-300 : -0.1,
      i % 2 === 0 ? 'b c' : null,
    ])
    await load('every_type', columns, rows)
    const bytes: CellValue[][] = BYTES.map((b, i) => [i, b, i === 4 ? null : Buffer.from([0, 0x5c, 9, i])])
    await load('bytes', [column('id', 'integer'), column('b', 'binary'), column('fixed', 'binary')], bytes)

    await withDatabase(target.url, async (db) => {
      const { rows: back } = await sql<Record<string, unknown>>`select id, t, vc, j, d, tm, dt, ts, dec_, big,
        flag, f, e from every_type order by id`.execute(db.db)
      expect(back.map((r) => r['t'])).toEqual(TEXT)
      expect(back.map((r) => r['vc'])).toEqual(rows.map((r) => r[2]))
      // The driver reads MariaDB's JSON (a checked LONGTEXT) as text or, on some servers, parsed already.
      const json = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v)
      expect(back.map((r) => json(r['j']))).toEqual(
        rows.map((r) => (r[3] === null ? null : JSON.parse(r[3] as string))),
      )
      expect(back[0]).toMatchObject({
        d: '2024-02-29',
        tm: '-838:59:59.000000',
        dt: '2006-02-15 04:44:00.123456',
        // The instant with an offset lands in UTC, as the INSERT path writes it.
        ts: '2006-02-15 04:44:00.500000',
        dec_: '-12345678901234567890.0123456789',
        big: '9223372036854775807',
        flag: 1,
        f: 1.5e-300,
        e: 'b c',
      })
      expect(back[1]).toMatchObject({
        d: '0999-12-31',
        tm: '12:34:56.123456',
        dec_: '0.0000000001',
        big: '-42',
        flag: 0,
        f: -0.1,
        e: null,
      })
      const { rows: b } = await sql<{ b: Buffer | null; fixed: Buffer | null }>`
        select b, fixed from bytes order by id`.execute(db.db)
      expect(b.map((r) => (r.b === null ? null : [...r.b]))).toEqual(
        BYTES.map((v) => (v === null ? null : [...(v as Buffer)])),
      )
      expect(b.map((r) => (r.fixed === null ? null : [...r.fixed]))).toEqual(
        bytes.map((r) => (r[2] === null ? null : [...(r[2] as Buffer)])),
      )
    })
  })

  it('fails, naming the table and the first warning, where LOCAL would skip or clip a row', async () => {
    await withDatabase(target.url, async (db) => {
      await sql`create table strict_rows (id int primary key, small tinyint)`.execute(db.db)
    })
    const columns = [column('id', 'integer'), column('small', 'smallint')]
    // A duplicate key: LOCAL skips the row, as with IGNORE.
    await expect(
      load('strict_rows', columns, [
        [1, 1],
        [2, 2],
        [3, 3],
        [1, 4],
      ]),
    ).rejects.toThrow(/LOAD DATA into .*strict_rows stored 3 of 4 rows .*Duplicate entry '1'/)
    // A value out of range: LOCAL clips it to 127 with a warning.
    await expect(
      load('strict_rows', columns, [
        [10, 1],
        [11, 2],
        [12, 3],
        [13, 300],
      ]),
    ).rejects.toThrow(/LOAD DATA into .*strict_rows stored 4 of 4 rows with 1 warning.*Out of range/)
  })

  it('stops a load cancelled while its first batch waits for a connection, and the table can be dropped', async () => {
    await withDatabase(target.url, async (db) => {
      await sql`create table cancelled_early (id int primary key)`.execute(db.db)
      const write = await db.openTwin([])
      const table = { schema: db.name, name: 'cancelled_early' }
      const writer = write.twin.bulkWriter(table, [column('id', 'integer')])
      // The cancel comes before the connection for the statement is had: an interrupt in a table's first batch.
      // Its failure is caught at once: it comes while the cancel is awaited, before an expect could see it.
      const batch = writer.write([[1], [2]]).then(
        () => null,
        (e: unknown) => e,
      )
      await write.cancel()
      expect(String(await batch)).toMatch(/the load into .*cancelled_early was stopped/)
      // A statement left waiting for its file would hold the table's lock, and this drop would wait forever.
      await write.twin.dropTable(db.db, table)
      const { rows } = await sql<{ n: unknown }>`select count(*) as n from information_schema.tables
        where table_schema = ${db.name} and table_name = 'cancelled_early'`.execute(db.db)
      expect(Number(rows[0]?.n)).toBe(0)
    })
  }, 20_000)

  it('stops a load cancelled while a batch waits for the server to take its file', async () => {
    await withDatabase(target.url, async (db) => {
      await sql`create table cancelled_late (id int primary key, note text)`.execute(db.db)
      const write = await db.openTwin([])
      const table = { schema: db.name, name: 'cancelled_late' }
      const writer = write.twin.bulkWriter(table, [column('id', 'integer'), column('note', 'text')])
      await writer.write([[1, 'a']])
      // 64 kB, more than the stream buffers: the batch waits for 'drain', which an ended file never emits.
      const batch = writer.write(Array.from({ length: 64 }, (_, i) => [i + 2, 'x'.repeat(1024)])).then(
        () => null,
        (e: unknown) => e,
      )
      await write.cancel()
      expect(String(await batch)).toMatch(/the load into .*cancelled_late was stopped/)
      await write.twin.dropTable(db.db, table)
      const { rows } = await sql<{ n: unknown }>`select count(*) as n from information_schema.tables
        where table_schema = ${db.name} and table_name = 'cancelled_late'`.execute(db.db)
      expect(Number(rows[0]?.n)).toBe(0)
    })
  }, 20_000)
})
