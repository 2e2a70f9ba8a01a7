import { sql, type RawBuilder } from 'kysely'
import type { Column } from '../../schema/schema.js'
import type { KeyPart } from '../dialect.js'
import { checkedTypeText } from '../twin-target.js'

/**
 * `columns` take one of `keys`, the whole set sent as one array parameter per column (issue 21):
 * `(a, b) in (select * from unnest($1, $2))`, a semi-join PostgreSQL runs by the columns' index or, without one,
 * as one scan probing a hash of the keys. An IN list of 5,000 parameters per batch scanned an unindexed child table
 * once per batch: more than 3 minutes for one query at 2M rows. `col = any($1)` is no better here: the cast array
 * is no constant when planned, so each row searched it from the start (20,000 keys × 200,000 rows: minutes).
 * Each array travels as one text parameter in array-literal form, cast to the column's type (as the catalog
 * printed it), so both drivers (pg, PGlite) send it alike and the comparison is of like with like.
 */
export function postgresKeySet(
  columns: readonly Column[],
  keys: readonly (readonly KeyPart[])[],
): RawBuilder<unknown> {
  const arrays = columns.map((column, i) => {
    const literal = `{${keys.map((k) => arrayElement(k[i]!)).join(',')}}`
    return sql`cast(cast(${literal} as text) as ${sql.raw(checkedTypeText(column.nativeType))}[])`
  })
  return sql`(${sql.join(columns.map((c) => sql.id(c.name)))}) in (select * from unnest(${sql.join(arrays)}))`
}

/** One element of an array literal, quoted; bytes in bytea's hex input form. */
function arrayElement(part: KeyPart): string {
  const text = typeof part === 'string' ? part : `\\x${Buffer.from(part).toString('hex')}`
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}
