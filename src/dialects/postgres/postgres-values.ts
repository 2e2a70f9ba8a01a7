import { sql, type RawBuilder } from 'kysely'
import { SPECIAL_NUMBERS, type SpecialNumber } from '../../schema/cell-value.js'
import type { Column } from '../../schema/schema.js'

/**
 * Types read as the server prints them, which is how writers take them back. Temporal types never become
 * local-time Dates (whose text lost BC and ±infinity). Issue 15: drivers parsed the rest into JavaScript values
 * that no longer wrote back: a jsonb array became a PostgreSQL array literal, a point {"x":1,"y":2}, an interval
 * an object. With their arrays: json[], point[], date[] and the like.
 */
export const SERVER_TEXT_OIDS: ReadonlySet<number> = new Set([
  // date, time, timestamp, timestamptz, timetz; their arrays
  1082, 1083, 1114, 1184, 1266, 1182, 1183, 1115, 1185, 1270,
  // json, jsonb, interval; their arrays
  114, 3802, 1186, 199, 3807, 1187,
  // point, lseg, path, box, polygon, line, circle; their arrays
  600, 601, 602, 603, 604, 628, 718, 1017, 1018, 1019, 1020, 1027, 629, 719,
])

/**
 * Money prints in the server's currency format ('$1,234.56', by lc_monetary), which no reader takes for a number:
 * it is read as the numeric it holds, in the server's own locale (a session locale of our own could scale it).
 */
export function postgresReadValue(column: Column, value: RawBuilder<unknown>): RawBuilder<unknown> {
  return isMoney(column) ? sql`cast(${value} as numeric)` : value
}

/**
 * NaN and ±Infinity, which floats and numerics can hold (infinite numerics since PostgreSQL 14). Floats compare
 * with the literals directly: a text cast of every float made a 2M-row scan 30% slower. A numeric compares by its
 * text, since 'Infinity' is no numeric literal before 14.
 */
export function postgresSpecialNumbers(
  column: Column,
  value: RawBuilder<unknown>,
): { value: SpecialNumber; is: RawBuilder<unknown> }[] {
  // Dates and timestamps hold ±infinity too (issue 15), printed in lower case.
  if (column.type === 'date' || column.type === 'timestamp' || column.type === 'timestamptz') {
    return (['Infinity', '-Infinity'] as const).map((special) => ({
      value: special,
      is: sql`cast(${value} as text) = ${sql.lit(special.toLowerCase())}`,
    }))
  }
  const float = column.type === 'real' || column.type === 'double'
  if (!float && (column.type !== 'decimal' || isMoney(column))) return []
  const compared = float ? value : sql`cast(${value} as text)`
  return SPECIAL_NUMBERS.map((special) => ({ value: special, is: sql`${compared} = ${sql.lit(special)}` }))
}

function isMoney(column: Column): boolean {
  return column.nativeType === 'money'
}
