import { sql } from 'kysely'
import type { SampledTable } from '../dialect.js'
import type { TableRef } from '../../schema/schema.js'

/**
 * MySQL has no TABLESAMPLE: a row is kept when a hash of the seed and its key falls below the fraction. RAND(seed)
 * per row would keep different rows whenever the engine reads them in another order (another plan, a backward
 * scan), and the same source and seed must give the same model.
 */
export function mysqlSampledTable(
  table: TableRef,
  alias: string,
  fraction: number,
  seed: number,
  key: readonly string[],
): SampledTable {
  // The first 32 bits of MD5(seed, key…) as an unsigned number, uniform over [0, 2^32).
  const hash = sql`conv(substr(md5(concat_ws(${'\u001f'}, ${sql.lit(String(seed))}, ${sql.join(
    key.map((c) => sql.id(alias, c)),
  )})), 1, 8), 16, 10)`
  return {
    from: sql`${sql.id(table.schema, table.name)} as ${sql.id(alias)}`,
    where: sql`${hash} < ${sql.lit(Math.floor(Math.min(1, Math.max(0, fraction)) * 4294967296))}`,
  }
}
