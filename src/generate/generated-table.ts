import type { CellValue } from '../dialects/twin-target.js'
import type { Column, Table } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'

/** Row-indexed numbers: a typed array once a table is done, or the growing store of the table being generated. */
export interface RowLookup {
  at(row: number): number | undefined
}

/**
 * What stays in memory of a generated table so later tables can point at it: not its rows, only which parent row
 * each row references per foreign key, its position within its parent (for composite keys), and the normal scores
 * of the columns children condition on. Keys themselves are a function of these.
 */
export interface GeneratedTable {
  id: string
  table: Table
  rows: number
  parentIndex: ReadonlyMap<string, RowLookup>
  /** 1-based position of each row within its driving parent: the non-FK part of a composite primary key. */
  sequence: RowLookup | null
  scores: Map<string, Float32Array>
}

/** Reads a row's key value; resolvers are built once per column and called once per row. */
export type KeyResolver = (row: number) => CellValue

/**
 * How to read key column `column` of a table for any row: a surrogate number for a single-column primary key, the
 * position within the parent for the rest of a composite one, and for an FK column the key of the parent row it
 * references, resolved the same way (a self-reference reads the same table).
 */
export function keyResolver(
  states: ReadonlyMap<string, GeneratedTable>,
  state: Pick<GeneratedTable, 'table' | 'parentIndex' | 'sequence'>,
  column: string,
): KeyResolver {
  const table = state.table
  const fk = table.foreignKeys.find((f) => f.columns.includes(column) && state.parentIndex.has(f.name))
  if (fk !== undefined) {
    const index = state.parentIndex.get(fk.name)!
    const referenced = fk.references.columns[fk.columns.indexOf(column)]!
    const parent =
      tableName(fk.references) === tableName(table) ? state : states.get(tableName(fk.references))
    const nullable = table.columns.find((c) => c.name === column)?.nullable === true
    let resolveParent: KeyResolver | null = null
    return (row) => {
      const parentRow = index.at(row) ?? -1
      // Deferred or unresolved: NULL where allowed, else a placeholder fixed once the parent exists.
      if (parentRow < 0 || parent === undefined) return nullable ? null : 1
      resolveParent ??= keyResolver(states, parent, referenced)
      return resolveParent(parentRow)
    }
  }
  const sequence = state.sequence
  if ((table.primaryKey?.columns.length ?? 0) > 1 && sequence !== null)
    return (row) => sequence.at(row) ?? null
  return isNumericKey(table.columns.find((c) => c.name === column))
    ? (row) => row + 1
    : (row) => String(row + 1)
}

function isNumericKey(column: Column | undefined): boolean {
  return (
    column === undefined ||
    ['smallint', 'integer', 'bigint', 'decimal', 'real', 'double'].includes(column.type)
  )
}
