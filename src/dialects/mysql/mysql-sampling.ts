import { sql } from 'kysely'
import type { SampledTable } from '../dialect.js'
import type { TableRef } from '../../schema/schema.js'

/**
 * MySQL has no TABLESAMPLE: RAND(seed) per row keeps a row with the given probability; with the seed fixed and the
 * rows read in primary-key order, the same rows are kept each time.
 */
export function mysqlSampledTable(
  table: TableRef,
  alias: string,
  fraction: number,
  seed: number,
): SampledTable {
  return {
    from: sql`${sql.id(table.schema, table.name)} as ${sql.id(alias)}`,
    where: sql`rand(${sql.lit(seed)}) < ${sql.lit(fraction)}`,
  }
}
