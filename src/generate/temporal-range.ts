import type { ColumnModel } from '../model/model.js'
import { DAY_SECONDS, daysFromCivil } from '../model/temporal-values.js'
import type { Column } from '../schema/schema.js'

type Temporal = Extract<ColumnModel, { kind: 'temporal' }>

/**
 * Keeps a drawn date or timestamp (days or seconds, as drawn) inside what the target's type holds, on the column's
 * grid, so that a value moved by a difference or a time order is still written. Issue 16: employee's
 * `to_date = 9999-01-01` ("still current") plus a learned stay gave years past 9999, which MariaDB's DATE refuses;
 * PostgreSQL's date holds far more, so only its own range applies there. Infinities (PostgreSQL's specials) pass
 * as they are. Null for times, whose drawn values never leave the source's range.
 *
 * @example temporalRange(learned, column, 'mysql')?.(2_933_000) // 2_932_896, 9999-12-31
 */
export function temporalRange(
  learned: Temporal,
  column: Column,
  family: 'postgres' | 'mysql',
): ((value: number) => number) | null {
  if (learned.type === 'time') return null
  const [low, high] = family === 'mysql' ? mysqlRange(column) : postgresRange(learned.type === 'date')
  // The last instant the column prints: 23:59:59 at no digits, else .999… to its digits, so rounding stays inside.
  const step = learned.type === 'date' ? 0 : 10 ** -learned.fractionDigits
  const unit = learned.type === 'date' ? DAY_SECONDS : 1
  const first = Math.ceil(low / unit)
  const last = learned.type === 'date' ? high / DAY_SECONDS - 1 : high - step
  return (value) => (Number.isFinite(value) ? Math.min(last, Math.max(first, value)) : value)
}

/** Seconds from the first instant to the instant after the last, of a MySQL/MariaDB column's type. */
function mysqlRange(column: Column): readonly [number, number] {
  // TIMESTAMP is seconds since 1970 in 32 bits (MariaDB 10.11, MySQL 8): from 1970-01-01 00:00:01 UTC.
  if (/^timestamp(\(\d\))?$/i.test(column.nativeType)) return [1, 2 ** 31]
  return [daysFromCivil(1, 1, 1) * DAY_SECONDS, daysFromCivil(10_000, 1, 1) * DAY_SECONDS]
}

/** Seconds from the first instant to the instant after the last, of PostgreSQL's date or timestamp (from 4714 BC). */
function postgresRange(date: boolean): readonly [number, number] {
  return [
    daysFromCivil(-4713, 11, 24) * DAY_SECONDS,
    daysFromCivil(date ? 5_874_898 : 294_277, 1, 1) * DAY_SECONDS,
  ]
}
