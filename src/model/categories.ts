import type { Category } from './model.js'

/**
 * Category frequencies among all rows of a column (nulls included in `total`), most frequent first. A value seen
 * fewer than `minCount` times, or `withheld` however often, is never written; its share is reported as suppressed.
 */
export function categoryFrequencies(
  counts: readonly { value: string | number | boolean; count: number }[],
  total: number,
  minCount: number,
  withheld: (value: string | number | boolean) => boolean = () => false,
): { categories: Category[]; suppressedFraction: number } {
  const kept = counts
    .filter((c) => c.count >= minCount && c.count > 0 && !withheld(c.value))
    .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)))
  const nonNull = counts.reduce((n, c) => n + c.count, 0)
  const keptCount = kept.reduce((n, c) => n + c.count, 0)
  return {
    categories: kept.map((c) => ({ value: c.value, frequency: round(c.count / Math.max(1, total)) })),
    suppressedFraction: round((nonNull - keptCount) / Math.max(1, total)),
  }
}

/** Rounds a figure for the model file: enough digits for any statistic, few enough to read. */
export function round(x: number, digits = 6): number {
  const factor = 10 ** digits
  const r = Math.round(x * factor) / factor
  return Object.is(r, -0) ? 0 : r
}
