import type { AnyKysely } from '../dialect.js'
import { sql } from 'kysely'
import type { Column, TableRef } from '../../schema/schema.js'
import type { BulkWriter } from '../twin-target.js'
import type { CellValue } from '../../schema/cell-value.js'
import { byteaHex } from './postgres-twin.js'

/**
 * Rows through INSERT, for a caller's Kysely instance, which gives no driver to COPY through: each batch is one JSON
 * parameter that json_populate_recordset turns into rows of the table's own type, so every value goes through its
 * column's input function as COPY's text would (arrays, enums, intervals), in one statement per batch.
 */
export function postgresInsertWriter(
  db: AnyKysely,
  target: TableRef,
  columns: readonly Column[],
): BulkWriter {
  const table = sql.id(target.schema, target.name)
  const names = sql.join(columns.map((c) => sql.id(c.name)))
  // A JSON column is given its document, which json_populate_recordset keeps as is; any other its text.
  const documents = columns.map((c) => c.type === 'json')
  return {
    async write(rows) {
      if (rows.length === 0) return
      const records = rows.map((row) =>
        Object.fromEntries(columns.map((c, i) => [c.name, jsonCell(row[i] ?? null, documents[i] === true)])),
      )
      await sql`insert into ${table} (${names})
        select ${names} from json_populate_recordset(null::${table}, ${JSON.stringify(records)}::json)`.execute(
        db,
      )
    },
    end: () => Promise.resolve(),
  }
}

function jsonCell(value: CellValue, document: boolean): unknown {
  if (value === null) return null
  if (typeof value === 'object') return byteaHex(value)
  if (typeof value === 'boolean') return value
  const text = String(value)
  return document ? (JSON.parse(text) as unknown) : text
}
