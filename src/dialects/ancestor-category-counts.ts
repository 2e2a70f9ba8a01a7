import { sql } from 'kysely'
import type { ForeignKey, TableRef } from '../schema/schema.js'
import type { Database } from './dialect.js'
import { ownRows } from './own-rows.js'

/** How many rows of a table hold `value` under an ancestor whose category column holds `given`. */
export interface AncestorCategoryCount {
  given: unknown
  value: unknown
  count: number
}

/**
 * Counts the rows of `table` by their own `column` and the `ancestorColumn` of the row `path` reaches (one to three
 * foreign keys, each step's `references` naming the table it joins), in one grouped scan: what a category drawn
 * given an ancestor's is learned from in the source and measured by in a twin. Rows without an ancestor, or with
 * either value NULL, are not counted. Portable SQL: PostgreSQL, MySQL and PGlite run it as is.
 *
 * @example
 * await readAncestorCategoryCounts(source, policies, [policiesPatientFk], 'coverage', 'age_band')
 * // [{ given: '65+', value: 'medicare', count: 239 }, …]
 */
export async function readAncestorCategoryCounts(
  source: Database,
  table: TableRef,
  path: readonly Pick<ForeignKey, 'columns' | 'references'>[],
  column: string,
  ancestorColumn: string,
): Promise<AncestorCategoryCount[]> {
  let at = 't'
  const joins = path.map((fk, i) => {
    const alias = `a${i + 1}`
    const on = sql.join(
      fk.columns.map((c, j) => sql`${sql.id(at, c)} = ${sql.id(alias, fk.references.columns[j]!)}`),
      sql` and `,
    )
    at = alias
    return sql`join ${ownRows(fk.references)} as ${sql.id(alias)} on ${on}`
  })
  const [given, value] = [sql.id(at, ancestorColumn), sql.id('t', column)]
  const result = await sql<Record<string, unknown>>`select ${given} as g, ${value} as v, count(*) as n
    from ${ownRows(table)} as t ${sql.join(joins, sql` `)}
    where ${given} is not null and ${value} is not null
    group by ${given}, ${value}`.execute(source.db)
  return result.rows.map((r) => ({ given: r['g'], value: r['v'], count: Number(r['n'] ?? 0) }))
}
