import type { Column, Table } from '../schema/schema.js'

/**
 * What stays in memory of a generated table so later tables can point at it: not its rows, only which parent row
 * each row references per foreign key, its position within its parent (for composite keys), and the normal scores
 * of the columns children condition on. Keys themselves are a function of these.
 */
export interface GeneratedTable {
  id: string
  table: Table
  rows: number
  parentIndex: Map<string, Int32Array>
  /** 1-based position of each row within its driving parent: the non-FK part of a composite primary key. */
  sequence: Int32Array | null
  scores: Map<string, Float32Array>
}

/**
 * The value of key column `column` in row `row` of a generated table: a surrogate number for a single-column
 * primary key, the position within the parent for the rest of a composite one, and for an FK column the key of
 * the parent row it references.
 */
export function keyValue(
  states: ReadonlyMap<string, GeneratedTable>,
  state: GeneratedTable,
  column: string,
  row: number,
  parentId: (fk: Table['foreignKeys'][number]) => string,
): string | number | null {
  const fk = state.table.foreignKeys.find((f) => f.columns.includes(column) && state.parentIndex.has(f.name))
  if (fk !== undefined) {
    const parentRow = state.parentIndex.get(fk.name)![row]!
    if (parentRow < 0) return null
    const parent = states.get(parentId(fk))
    if (parent === undefined) return null
    return keyValue(states, parent, fk.references.columns[fk.columns.indexOf(column)]!, parentRow, parentId)
  }
  const pk = state.table.primaryKey?.columns ?? []
  if (pk.length > 1 && state.sequence !== null) return state.sequence[row]!
  const definition = state.table.columns.find((c) => c.name === column)
  return surrogate(definition, row)
}

/** Row n's surrogate key: n + 1, as text for text keys. */
export function surrogate(column: Column | undefined, row: number): string | number {
  const numeric =
    column === undefined ||
    ['smallint', 'integer', 'bigint', 'decimal', 'real', 'double'].includes(column.type)
  return numeric ? row + 1 : String(row + 1)
}
