import { sql } from 'kysely'
import { ownRows } from './own-rows.js'
import type { TableRef } from '../schema/schema.js'
import type { Database } from './dialect.js'

/** How a table's rows fall into groups that share the values of some columns. */
export interface GroupSizes {
  rows: number
  /** Rows alone in their group: unique on these columns. */
  uniqueRows: number
  /** The smallest group's size (k of k-anonymity); null for an empty table. */
  k: number | null
}

/**
 * Groups a table's rows by `columns` in the database, in one query, and returns only counts: how many rows are
 * alone in their group and the smallest group's size. Nulls group together, as an attacker's lookup would treat a
 * missing value. Portable SQL: PostgreSQL, MySQL and PGlite run it as is.
 *
 * @example
 * const { uniqueRows, k } = await readGroupSizes(source, { schema: 'clinic', name: 'patients' }, ['zip', 'sex'])
 */
export async function readGroupSizes(
  source: Database,
  table: TableRef,
  columns: readonly string[],
): Promise<GroupSizes> {
  const grouped = sql`select count(*) as n from ${ownRows(table)} as t
    group by ${sql.join(columns.map((c) => sql.id('t', c)))}`
  const result = await sql<Record<string, unknown>>`select
      coalesce(sum(g.n), 0) as total,
      coalesce(sum(case when g.n = 1 then 1 else 0 end), 0) as alone,
      min(g.n) as k
    from (${grouped}) as g`.execute(source.db)
  const row = result.rows[0] ?? {}
  return {
    rows: Number(row['total'] ?? 0),
    uniqueRows: Number(row['alone'] ?? 0),
    k: row['k'] === null || row['k'] === undefined ? null : Number(row['k']),
  }
}
