import type { Database } from '../dialects/dialect.js'
import type { Table } from '../schema/schema.js'
import { presentShare, vocabulary, vocabularyShare } from './metrics/text-realism.js'
import { readPresentValues } from '../dialects/queries/report-queries.js'
import type { ComparedColumn } from './table-samples.js'

/** Twin values of a sampled category column looked up in the whole source table, at most. */
const LOOKED_UP = 1000

/**
 * Text realism of a table's columns, by name: for free text, the share of the twin's tokens in the source's
 * vocabulary (tokens of at least `k` sampled source rows); for a category, the share of the twin's values the
 * source holds. When the table was sampled, category values missing from the source's sample are looked up in
 * the whole table (the first LOOKED_UP of them), so a rare real value does not count as invented.
 */
export async function columnRealism(
  real: Database,
  table: Table,
  columns: readonly ComparedColumn[],
  k: number,
  sampled: boolean,
): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>()
  for (const c of columns) {
    if (c.kind === 'text') out.set(c.name, vocabularyShare(c.twin, vocabulary(c.real, k)))
    if (c.kind !== 'category') continue
    const source = new Set(c.real.filter((v) => v !== null).map(String))
    if (sampled) {
      const missing = [...new Set(c.twin.filter((v) => v !== null).map(String))].filter((v) => !source.has(v))
      const found = await readPresentValues(real, table, c.name, missing.slice(0, LOOKED_UP)).catch(() => [])
      for (const v of found) source.add(v)
    }
    out.set(c.name, presentShare(c.twin, source))
  }
  return out
}
