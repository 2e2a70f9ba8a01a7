import { isCategoryText } from '../model/column-kind.js'
import { temporalToNumber, type TemporalType } from '../model/temporal-values.js'
import type { Column, Table } from '../schema/schema.js'
import { DATE_TYPES, NUMBER_TYPES, TEXT_TYPES } from '../schema/type-groups.js'

/**
 * A table's sampled rows on both sides, as columns of comparable values: numbers for numeric and time columns
 * (times as seconds), text for categories and free text. Keys and columns that cannot be compared value by value
 * (JSON, binary) are left out. Pure: the caller reads the rows.
 */
export interface ComparedColumn {
  name: string
  /** `text`: free text, compared by its null rate and the lengths of its values, never value by value. */
  kind: 'number' | 'time' | 'category' | 'text'
  real: (number | string | null)[]
  twin: (number | string | null)[]
}

/**
 * The columns of a table that are compared, from its rows read on both sides (as `{ column: value }`).
 *
 * @param kindOf how each column is compared (null: left out); by default from its type and the real sample, which
 *   a reference drawn from a model replaces with the model's word (see modelColumnKinds)
 */
export function comparedColumns(
  table: Table,
  real: readonly Record<string, unknown>[],
  twin: readonly Record<string, unknown>[],
  kindOf: (column: Column) => ComparedColumn['kind'] | null = (column) => sampleKind(column, real),
): ComparedColumn[] {
  const ids = idColumns(table)
  return table.columns.flatMap((column): ComparedColumn[] => {
    if (ids.has(column.name)) return []
    const kind = kindOf(column)
    if (kind === null) return []
    return [
      {
        name: column.name,
        kind,
        real: columnValues(real, column, kind),
        twin: columnValues(twin, column, kind),
      },
    ]
  })
}

/** One column of rows read as `{ name: value }` (or under `key`), as comparable values of the given kind. */
export function columnValues(
  rows: readonly Record<string, unknown>[],
  column: Column,
  kind: ComparedColumn['kind'],
  key = column.name,
): ComparedColumn['real'] {
  if (kind !== 'time') return rows.map((r) => comparable(r[key], kind, column))
  // Parsing a time is the dearest of these, and time columns repeat their values (pagila's last_update holds a
  // few): each distinct text is parsed once, which took 1.5 s of pagila's report (CPU profile, issue report21).
  const parsed = new Map<unknown, number | string | null>()
  return rows.map((r) => {
    const value = r[key]
    let n = parsed.get(value)
    if (n === undefined) parsed.set(value, (n = comparable(value, kind, column)))
    return n
  })
}

/**
 * Primary and foreign key columns: the `id` columns of SDMetrics' metadata, which its quality report leaves out.
 * A unique column that is neither is scored by its type, as SDMetrics does (issue 19: dbtwin used to skip every
 * column of a unique index).
 */
export function idColumns(table: Table): Set<string> {
  return new Set([...(table.primaryKey?.columns ?? []), ...table.foreignKeys.flatMap((fk) => fk.columns)])
}

/** Primary, unique and foreign key columns: values the generator assigns, not learns. */
export function keyColumns(table: Table): Set<string> {
  return new Set([
    ...(table.primaryKey?.columns ?? []),
    ...table.uniques.flatMap((u) => u.columns),
    ...table.foreignKeys.flatMap((fk) => fk.columns),
  ])
}

/** `number` or `time` for a column whose values compare as numbers (times as seconds), else null. */
export function quantitativeKind(column: Column): 'number' | 'time' | null {
  if (NUMBER_TYPES.has(column.type)) return 'number'
  if (DATE_TYPES.has(column.type)) return 'time'
  return null
}

/** A quantitative column's value as a number (see quantitativeKind), or null. */
export function quantity(value: unknown, column: Column): number | null {
  const kind = quantitativeKind(column)
  return kind === null ? null : (comparable(value, kind, column) as number | null)
}

function sampleKind(column: Column, real: readonly Record<string, unknown>[]): ComparedColumn['kind'] | null {
  const quantitative = quantitativeKind(column)
  if (quantitative !== null) return quantitative
  if (column.type === 'boolean' || column.type === 'enum') return 'category'
  if (!TEXT_TYPES.has(column.type)) return null
  // As the learner decides: few values, each repeated, are categories; the rest is free text.
  const values = real.map((r) => r[column.name]).filter((v) => v !== null && v !== undefined)
  return isCategoryText(new Set(values).size, values.length) ? 'category' : 'text'
}

function comparable(value: unknown, kind: ComparedColumn['kind'], column: Column): number | string | null {
  if (value === null || value === undefined) return null
  if (kind === 'number') {
    const n = Number(value)
    return Number.isFinite(n) ? n : null
  }
  if (kind === 'time') {
    // Seconds for every time type (dates arrive as days), so histograms label them alike.
    const n = temporalToNumber(column.type as TemporalType, String(value))
    return n === null ? null : column.type === 'date' ? n * 86_400 : n
  }
  // Engines spell booleans differently (true, 1, t): one spelling for both sides.
  if (column.type === 'boolean')
    return value === true || value === 1 || value === '1' || value === 't' ? 'true' : 'false'
  // PostgreSQL pads a char(n) with spaces, MySQL strips them: 'PG   ' and 'PG' scored 0% across engines.
  if (column.type === 'char') return String(value).trimEnd()
  return String(value)
}
