import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Column, TableRef } from '../../schema/schema.js'
import type { KeyPart } from '../dialect.js'
import { checkedTypeText } from '../twin-target.js'

/**
 * `columns` take one of `keys`, the whole set sent as one JSON parameter and joined through JSON_TABLE (MariaDB
 * 10.6+, MySQL 8): `(a, b) in (select k0, k1 from json_table(?, '$[*]' columns (…)) k)`, a semi-join the engine
 * runs once, where IN lists of 5,000 parameters per batch scanned an unindexed child table once per batch (issue
 * 21). Each JSON_TABLE column is declared with the column's own type, so the comparison is of like with like and
 * the column's index serves; a text column also with its collation, which the engine refuses to mix with the
 * JSON document's (`Illegal mix of collations`). Bytes travel as hex and are compared unhexed.
 */
export function mysqlKeySet(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
): (
  table: TableRef,
  columns: readonly Column[],
  keys: readonly (readonly KeyPart[])[],
) => Promise<RawBuilder<unknown>> {
  const collations = new Map<string, Map<string, string | null>>()
  return async (table, columns, keys) => {
    const id = `${table.schema}.${table.name}`
    let collation = collations.get(id)
    if (collation === undefined) {
      const { rows } = await sql<{ name: string; collation: string | null }>`
        select column_name as name, collation_name as collation from information_schema.columns
        where table_schema = ${table.schema} and table_name = ${table.name}`.execute(db)
      collation = new Map(rows.map((r) => [r.name, r.collation]))
      collations.set(id, collation)
    }
    const json = JSON.stringify(
      keys.map((k) => k.map((part) => (typeof part === 'string' ? part : Buffer.from(part).toString('hex')))),
    )
    const bytes = (c: Column) => c.type === 'binary' || c.type === 'geometry'
    const definitions = columns.map((c, i) => {
      const path = sql.lit(`$[${i}]`)
      if (bytes(c)) return sql`${sql.id(`dbtwin_k${i}`)} text path ${path}`
      const collate = collation.get(c.name)
      const type = sql.raw(checkedTypeText(c.nativeType))
      return collate === undefined || collate === null
        ? sql`${sql.id(`dbtwin_k${i}`)} ${type} path ${path}`
        : sql`${sql.id(`dbtwin_k${i}`)} ${type} collate ${sql.id(collate)} path ${path}`
    })
    const picked = columns.map((c, i) =>
      bytes(c) ? sql`unhex(${sql.id('k', `dbtwin_k${i}`)})` : sql.id('k', `dbtwin_k${i}`),
    )
    return sql`(${sql.join(columns.map((c) => sql.id(c.name)))}) in (select ${sql.join(picked)} from json_table(${json}, '$[*]' columns (${sql.join(definitions)})) as k)`
  }
}
