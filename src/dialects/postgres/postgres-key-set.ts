import { sql, type RawBuilder } from 'kysely'
import type { Column } from '../../schema/schema.js'
import type { KeyPart } from '../dialect.js'
import { checkedTypeText } from '../twin-target.js'

/**
 * `columns` take one of `keys`, the whole set sent as one array parameter per column (issue 21): one column as
 * `col = any($1)`, which PostgreSQL answers by the column's index or, without one, by one scan probing a hash of
 * the array (PostgreSQL 14+); several as `(a, b) in (select * from unnest($1, $2))`, a semi-join. An IN list of
 * 5,000 parameters per batch scanned an unindexed child table once per batch instead: more than 3 minutes for one
 * query at 2M rows. Each array travels as one text parameter in array-literal form, cast to the column's type (as
 * the catalog printed it), so both drivers (pg, PGlite) send it alike and the column's index still serves.
 */
export function postgresKeySet(
  columns: readonly Column[],
  keys: readonly (readonly KeyPart[])[],
): RawBuilder<unknown> {
  const arrays = columns.map((column, i) => {
    const literal = `{${keys.map((k) => arrayElement(k[i]!)).join(',')}}`
    return sql`cast(cast(${literal} as text) as ${sql.raw(checkedTypeText(column.nativeType))}[])`
  })
  if (columns.length === 1) return sql`${sql.id(columns[0]!.name)} = any(${arrays[0]!})`
  return sql`(${sql.join(columns.map((c) => sql.id(c.name)))}) in (select * from unnest(${sql.join(arrays)}))`
}

/** One element of an array literal, quoted; bytes in bytea's hex input form. */
function arrayElement(part: KeyPart): string {
  const text = typeof part === 'string' ? part : `\\x${Buffer.from(part).toString('hex')}`
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}
