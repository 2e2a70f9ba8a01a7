import { sql } from 'kysely'
import { ownRows } from '../own-rows.js'
import type { SampledTable } from '../dialect.js'
import type { TableRef } from '../../schema/schema.js'

/**
 * TABLESAMPLE BERNOULLI with REPEATABLE: each row kept with the given probability, the same rows for a seed (the
 * choice follows the rows' places in the table, not the order a query reads them in, so no key is needed). With
 * `pages`, SYSTEM: each page kept with that probability, whole, so only the kept pages are read where BERNOULLI
 * reads every page of the table (its sample scan took a quarter of the time on the wide clinic's encounters).
 */
export function postgresSampledTable(
  table: TableRef,
  alias: string,
  fraction: number,
  seed: number,
  _key: readonly string[] = [],
  pages = false,
): SampledTable {
  const percent = Math.min(100, Math.max(0, fraction * 100))
  const method = pages ? sql`system` : sql`bernoulli`
  return {
    from: sql`${ownRows(table)} as ${sql.id(alias)} tablesample ${method} (${sql.lit(percent)}) repeatable (${sql.lit(seed)})`,
    where: null,
  }
}
