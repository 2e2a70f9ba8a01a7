import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CellValue } from '../../src/schema/cell-value.js'
import type { DialectName, ForeignKey, Schema, Table } from '../../src/schema/schema.js'
import { writeIntoTarget } from '../../src/write/write-target.js'
import { column } from '../fixtures/columns.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

/**
 * orders, their lines (order_lines, whose key to orders begins their primary key) and their notes (whose key to orders begins
 * no key of theirs): on MariaDB the lines' key goes on before their rows and the notes' after the load.
 */
function shopSchema(dialect: DialectName): Schema {
  const schema = dialect === 'mysql' ? 'shop' : 'public'
  const key = (name: string, columns: string[]): ForeignKey => ({
    name,
    columns,
    references: { schema, name: 'orders', columns: ['id'] },
    onDelete: 'no action',
    onUpdate: 'no action',
    deferrable: false,
    initiallyDeferred: false,
    validated: true,
  })
  const table = (name: string, rest: Partial<Table>): Table => ({
    schema,
    name,
    columns: [],
    primaryKey: null,
    uniques: [],
    foreignKeys: [],
    checks: [],
    estimatedRows: 0,
    comment: null,
    partitions: [],
    ...rest,
  })
  const notNull = { nullable: false }
  return {
    formatVersion: 1,
    dialect,
    database: 'shop',
    schemas: [schema],
    tables: [
      table('orders', {
        columns: [column('id', 'integer', notNull)],
        primaryKey: { name: 'orders_pkey', columns: ['id'] },
      }),
      table('order_lines', {
        columns: [column('order_id', 'integer', notNull), column('line', 'integer', notNull)],
        primaryKey: { name: 'order_lines_pkey', columns: ['order_id', 'line'] },
        foreignKeys: [key('lines_order_fk', ['order_id'])],
      }),
      table('notes', {
        columns: [column('id', 'integer', notNull), column('order_id', 'integer')],
        primaryKey: { name: 'notes_pkey', columns: ['id'] },
        foreignKeys: [key('notes_order_fk', ['order_id'])],
      }),
    ],
    enums: [],
    objects: [],
    skipped: [],
  }
}

/** Writes the shop's rows, table by table, parents first, as generate and subset do. */
async function writeShop(url: string, dialect: DialectName, rows: Record<string, CellValue[][]>) {
  const schema = shopSchema(dialect)
  const spec = {
    schema,
    source: { dialect, fingerprint: 'elsewhere' },
    what: 'twin',
    failureCode: 'GENERATE_FAILED',
    existing: 'refuse',
  } as const
  await writeIntoTarget(
    spec,
    url,
    () => {},
    async (session) => {
      for (const table of schema.tables) {
        const writer = session.writer(table, table.columns)
        await writer.write(rows[table.name] ?? [])
        await writer.end()
      }
    },
  )
}

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`a twin's foreign keys around its rows on ${dialect.name}`, () => {
    let target: TestDatabase
    beforeEach(async () => {
      target = await createTestDatabase(dialect.name)
    })
    afterEach(async () => {
      await target?.drop()
    })

    const tableCount = () => withDatabase(target.url, async (db) => (await db.introspect()).tables.length)

    it('writes rows that keep every key, and the engine enforces each key from then on', async () => {
      await writeShop(target.url, dialect.name, {
        orders: [[1], [2]],
        order_lines: [
          [1, 1],
          [1, 2],
          [2, 1],
        ],
        notes: [
          [1, 2],
          [2, null],
        ],
      })
      await withDatabase(target.url, async (db) => {
        const { rows } = await sql<{
          order_id: unknown
          line: unknown
        }>`select order_id, line from order_lines
          order by order_id, line`.execute(db.db)
        expect(rows.map((r) => [Number(r.order_id), Number(r.line)])).toEqual([
          [1, 1],
          [1, 2],
          [2, 1],
        ])
        const { rows: notes } = await sql<{
          order_id: unknown
        }>`select order_id from notes order by id`.execute(db.db)
        expect(notes.map((r) => (r.order_id === null ? null : Number(r.order_id)))).toEqual([2, null])
        await expect(sql`insert into order_lines values (9, 1)`.execute(db.db)).rejects.toThrow()
        await expect(sql`insert into notes values (3, 9)`.execute(db.db)).rejects.toThrow()
      })
    })

    it('fails on a line whose order is not there, naming its key, and rolls the target back', async () => {
      const failure = writeShop(target.url, dialect.name, {
        orders: [[1], [2]],
        order_lines: [
          [1, 1],
          [3, 1],
        ],
      })
      await expect(failure).rejects.toThrow(/lines_order_fk/)
      // On MariaDB the key was there before the rows: the load itself refused the line.
      if (dialect.name === 'mysql')
        await expect(failure).rejects.toThrow(/LOAD DATA into .*order_lines stored 1 of 2/)
      expect(await tableCount()).toBe(0)
    })

    it('fails on a note whose order is not there, naming its key, and rolls the target back', async () => {
      const failure = writeShop(target.url, dialect.name, {
        orders: [[1]],
        order_lines: [[1, 1]],
        notes: [[1, 7]],
      })
      await expect(failure).rejects.toThrow(/notes_order_fk/)
      // A key no index begins with is added after the load, and checked then.
      if (dialect.name === 'mysql') await expect(failure).rejects.toThrow(/points at rows/)
      expect(await tableCount()).toBe(0)
    })
  })
}
