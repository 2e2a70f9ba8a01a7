import type { Database } from '../dialects/dialect.js'
import { writtenColumns, type Table } from '../schema/schema.js'
import type { ReferenceRows } from '../model/model.js'
import { cellValue } from '../schema/cell-value.js'
import { readAllRows } from '../dialects/queries/subset-queries.js'

/**
 * Every row of a reference table, as the model file keeps it (see ReferenceRows): the columns a writer fills, in
 * primary-key order (else in the order of their text), so the same source gives the same file. Reference tables
 * are under REFERENCE_ROWS rows, so reading them whole is one small query.
 */
export async function readReferenceRows(
  source: Database,
  table: Table,
): Promise<Omit<ReferenceRows, 'reason'>> {
  const columns = writtenColumns(table)
  const read = await readAllRows(source, table, columns)
  const rows = read.map((row) =>
    columns.map((_, i) => {
      const value = cellValue(row[`c${i}`])
      // Binary columns keep a table from being a reference table; bytes never reach here.
      return value instanceof Uint8Array ? null : value
    }),
  )
  const order = (table.primaryKey?.columns ?? columns.map((c) => c.name)).map((name) =>
    columns.findIndex((c) => c.name === name),
  )
  rows.sort((a, b) => {
    for (const i of order) {
      const x = a[i] ?? null
      const y = b[i] ?? null
      const c = compareValues(x, y)
      if (c !== 0) return c
    }
    return 0
  })
  return { columns: columns.map((c) => c.name), rows }
}

function compareValues(a: string | number | boolean | null, b: string | number | boolean | null): number {
  if (a === b) return 0
  if (a === null) return -1
  if (b === null) return 1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  const x = String(a)
  const y = String(b)
  return x < y ? -1 : x > y ? 1 : 0
}
