import { sql, type RawBuilder } from 'kysely'
import type { Table, TableRef } from '../schema/schema.js'

/**
 * A table as a query reads its rows: `ONLY schema.table` for a PostgreSQL table others INHERIT (sakila's payment,
 * whose children hold rows of their own), so learn, subset and report count and copy each table's own rows once,
 * as the twin writes them; the plain name for every other table, and on every other engine (the field is only ever
 * set from PostgreSQL). A partitioned table keeps its plain name: its rows are its partitions'.
 *
 * @example sql`select count(*) from ${ownRows(table)}`
 */
export function ownRows(table: TableRef & Pick<Partial<Table>, 'inheritanceParent'>): RawBuilder<unknown> {
  const name = sql.id(table.schema, table.name)
  return table.inheritanceParent === true ? sql`only ${name}` : sql`${name}`
}
