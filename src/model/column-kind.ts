import type { Column, PortableType, Table } from '../schema/schema.js'
import { NUMBER_TYPES, TEMPORAL_TYPES } from '../schema/type-groups.js'
import type { ColumnShape } from './model.js'

/** What the learner will do with a column, decided from the schema alone, before any value is read. */
export type PlannedKind =
  | { kind: 'key'; role: 'primary-key' | 'foreign-key' }
  | { kind: 'generated' }
  | { kind: 'ruled' }
  | { kind: 'categorical' }
  | { kind: 'numeric' }
  | { kind: 'temporal'; type: 'date' | 'time' | 'timestamp' | 'timestamptz' }
  | { kind: 'text' }
  | { kind: 'shaped'; format: 'uuid' | 'json' | 'binary' }
  | { kind: 'unmodeled'; reason: string }

const INTEGRAL: readonly PortableType[] = ['smallint', 'integer', 'bigint', 'year']

export function isIntegralType(type: PortableType): boolean {
  return INTEGRAL.includes(type)
}

/** Plans a column: keys and generated and ruled columns are never learned from their values. */
export function planColumn(table: Table, column: Column, ruled: boolean): PlannedKind {
  const foreign = table.foreignKeys.some((fk) => fk.columns.includes(column.name))
  const primary = table.primaryKey?.columns ?? []
  // A time in a composite primary key, like (device_id, read_at) or a partitioned (paid_at, id), is data: learned,
  // then kept unique as it is generated (see keyPlan).
  const keyedTime = primary.length > 1 && !foreign && TEMPORAL_TYPES.has(column.type)
  if (primary.includes(column.name) && !keyedTime) return { kind: 'key', role: 'primary-key' }
  if (foreign) return { kind: 'key', role: 'foreign-key' }
  if (column.generated !== null) return { kind: 'generated' }
  if (ruled) return { kind: 'ruled' }
  const type = column.type
  if (type === 'enum' || type === 'boolean' || type === 'set') return { kind: 'categorical' }
  if (NUMBER_TYPES.has(type)) return { kind: 'numeric' }
  if (type === 'date' || type === 'time' || type === 'timestamp' || type === 'timestamptz')
    return { kind: 'temporal', type }
  if (type === 'char' || type === 'varchar' || type === 'text') return { kind: 'text' }
  if (type === 'uuid' || type === 'json' || type === 'binary') return { kind: 'shaped', format: type }
  return {
    kind: 'unmodeled',
    reason: `type ${column.nativeType} (${type}) is not modeled; generated as NULL where allowed, else its zero value`,
  }
}

/** Text columns with at most this many distinct values may be categories (see isCategoryText). */
const CATEGORY_LIMIT = 50

/**
 * Whether a text column's values are categories — few, and each repeated (on average) — rather than free text:
 * the learner then writes their frequencies, and the report compares them value by value.
 */
export function isCategoryText(distinct: number, nonNull: number): boolean {
  return distinct <= CATEGORY_LIMIT && distinct <= 0.5 * nonNull
}

/** Text columns with at most this many distinct values are learned as categories when any value repeats. */
const SMALL_DOMAIN = 100

/**
 * Whether `learn` treats a text column as categories: isCategoryText, or a small domain in which some value
 * repeats — chinook's 53 cities over 59 customers and 412 invoices (issue 17.3). Their rare values are suppressed
 * like any category's and come back as the marked other value (see otherValue), where drawing them from shapes
 * and prefixes made up cities with real first letters. A column whose every value is distinct stays text.
 */
export function isLearnedCategoryText(distinct: number, nonNull: number): boolean {
  return isCategoryText(distinct, nonNull) || (distinct <= SMALL_DOMAIN && distinct < nonNull)
}

/** Whether a learned column takes part in the copula and in parent → child dependence. */
export function isDependenceColumn(shape: ColumnShape): boolean {
  if (shape.kind === 'numeric' || shape.kind === 'temporal') return !shape.unique
  if (shape.kind === 'categorical') return shape.categories.length > 1
  if (shape.kind === 'text') return shape.categories !== null && shape.categories.length > 1
  return false
}
