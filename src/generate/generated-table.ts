import type { CellValue } from '../schema/cell-value.js'
import type { Column, Table } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'
import { NUMBER_TYPES } from '../schema/type-groups.js'
import { temporalText } from './column-sampler.js'
import type { KeyRole } from './key-roles.js'

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
  /** How the key columns no foreign key fills are made (see keyPlan). */
  roles: ReadonlyMap<string, KeyRole>
  family: 'postgres' | 'mysql'
  scores: Map<string, Float32Array>
  /** Time columns later rows are ordered after (see Invariant): each row's instant in seconds, NaN when NULL. */
  values: Map<string, Float64Array>
  /**
   * Category columns whose value decides how many children a row has (see Invariant 'children-by-state'): each
   * row's value as text, null when NULL. Absent when no rule reads one.
   */
  labels?: ReadonlyMap<string, readonly (string | null)[]>
  /** A table written as it is (a reference table): each column's values by row, which keys are read from. */
  cells?: ReadonlyMap<string, readonly CellValue[]>
}

/** Reads a row's key value; resolvers are built once per column and called once per row. */
export type KeyResolver = (row: number) => CellValue

/**
 * How to read key column `column` of a table for any row: for an FK column, the key of the parent row it
 * references, resolved the same way (a self-reference reads the same table); else the row's position within its
 * parent or the row's own number, as the column's role says, in the column's type.
 */
export function keyResolver(
  states: ReadonlyMap<string, GeneratedTable>,
  state: Pick<GeneratedTable, 'table' | 'parentIndex' | 'sequence' | 'roles' | 'family' | 'cells'>,
  column: string,
): KeyResolver {
  const fixed = state.cells?.get(column)
  if (fixed !== undefined) return (row) => fixed[row] ?? null
  const table = state.table
  const fk = table.foreignKeys.find((f) => f.columns.includes(column) && state.parentIndex.has(f.name))
  if (fk !== undefined) {
    const index = state.parentIndex.get(fk.name)!
    const referenced = fk.references.columns[fk.columns.indexOf(column)]!
    const parent =
      tableName(fk.references) === tableName(table) ? state : states.get(tableName(fk.references))
    const own = table.columns.find((c) => c.name === column)!
    // Deferred or unresolved: NULL where allowed, else a placeholder of the column's type, filled in once the
    // parent exists (before the foreign key is added) — one per row in a unique key, which checks it meanwhile.
    const placeholder = numberedKey(own, state.family)
    const unique = isInUniqueKey(table, column)
    let resolveParent: KeyResolver | null = null
    return (row) => {
      const parentRow = index.at(row) ?? -1
      if (parentRow < 0 || parent === undefined)
        return own.nullable ? null : placeholder(unique ? row + 1 : 1)
      resolveParent ??= keyResolver(states, parent, referenced)
      return resolveParent(parentRow)
    }
  }
  const key = numberedKey(
    table.columns.find((c) => c.name === column)!,
    state.family,
  )
  const sequence = state.sequence
  if (state.roles.get(column) === 'position' && sequence !== null) return (row) => key(sequence.at(row) ?? 0)
  return (row) => key(row + 1)
}

/** Whether `column` is in the table's primary key or one of its unique keys. */
function isInUniqueKey(table: Table, column: string): boolean {
  return [table.primaryKey, ...table.uniques].some((k) => k !== null && k.columns.includes(column))
}

/** Whether `columns` hold a whole primary or unique key: no two rows may have the same values in them. */
export function holdsUniqueKey(table: Table, columns: readonly string[]): boolean {
  return [table.primaryKey, ...table.uniques].some(
    (k) => k !== null && k.columns.every((c) => columns.includes(c)),
  )
}

/**
 * The n-th value of a key column in its own type: n itself for numbers, its digits for text, and for uuids, dates
 * and times a value of that type that only n has (n days, or n seconds, after 1970; a uuid ending in n).
 */
export function numberedKey(column: Column, family: 'postgres' | 'mysql'): (n: number) => CellValue {
  const type = column.type
  if (NUMBER_TYPES.has(type)) return (n) => n
  if (type === 'uuid') return (n) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`
  if (type === 'date' || type === 'time' || type === 'timestamp' || type === 'timestamptz')
    return (n) => temporalText(type, type === 'time' ? n % 86_400 : n, family)
  return (n) => String(n)
}

/** A row's value of a category column as text, from what the table kept (see GeneratedTable.labels), or null. */
export function labelAt(state: GeneratedTable, column: string, row: number): string | null {
  const kept = state.labels?.get(column)?.[row]
  if (kept !== undefined) return kept
  const cell = state.cells?.get(column)?.[row]
  return cell === null || cell === undefined ? null : String(cell)
}
