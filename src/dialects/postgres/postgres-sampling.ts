import { sql } from 'kysely'
import { ownRows } from '../own-rows.js'
import type { SampledTable } from '../dialect.js'
import type { TableRef } from '../../schema/schema.js'

/**
 * TABLESAMPLE BERNOULLI with REPEATABLE: each row kept with the given probability, the same rows for a seed (the
 * choice follows the rows' places in the table, not the order a query reads them in, so no key is needed).
 */
export function postgresSampledTable(
  table: TableRef,
  alias: string,
  fraction: number,
  seed: number,
): SampledTable {
  const percent = Math.min(100, Math.max(0, fraction * 100))
  return {
    from: sql`${ownRows(table)} as ${sql.id(alias)} tablesample bernoulli (${sql.lit(percent)}) repeatable (${sql.lit(seed)})`,
    where: null,
  }
}
