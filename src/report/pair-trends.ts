import { correlationSimilarity } from './metrics/column-pairs.js'
import { pearson } from '../stats/correlation.js'
import { tvComplement } from './metrics/column-shapes.js'
import { discretize } from './metrics/number-bins.js'
import type { ComparedColumn } from './table-samples.js'

/**
 * Column pair trends as SDMetrics' quality report scores them: CorrelationSimilarity of Pearson's r for two number
 * or time columns, ContingencySimilarity for every other pair, a number or time column first cut into 10
 * equal-width bins over its real values (missing values a category of their own). Free text is not paired: its
 * values are new on purpose, and SDMetrics leaves text and id columns out. Pure.
 */

/** Rows × pairs a table's pair trends read at most: past it, rows are thinned evenly (never columns). */
export const PAIR_CELLS = 4_000_000
/** Rows kept per side however many pairs a table has: fewer make contingency tables noise. */
const MIN_PAIR_ROWS = 1000

export interface PairTrend {
  metric: 'correlation' | 'contingency'
  /** Pearson's r on each side (null for contingency). */
  real: number | null
  twin: number | null
  score: number
}

/** A column ready to pair: its numbers (number, time) and its bin or category codes on both sides. */
export interface PairColumn {
  name: string
  kind: ComparedColumn['kind']
  numbers: { real: (number | null)[]; twin: (number | null)[] } | null
  codes: { real: Int32Array; twin: Int32Array; size: number }
}

/** The columns of a table that enter pair trends: every number, time and category column. */
export const pairable = (columns: readonly ComparedColumn[]) => columns.filter((c) => c.kind !== 'text')

/**
 * Prepares a column for pairing: labels once per column rather than once per pair. `keep` thins its rows (see
 * {@link rowsKept}).
 */
export function pairColumn(c: ComparedColumn, keep = Infinity): PairColumn {
  const real = thin(c.real, keep)
  const twin = thin(c.twin, keep)
  const quantitative = c.kind === 'number' || c.kind === 'time'
  const labels = quantitative
    ? discretize(real as (number | null)[], twin as (number | null)[])
    : { real: real.map(categoryLabel), twin: twin.map(categoryLabel) }
  const index = new Map<string, number>()
  const encode = (values: readonly string[]) =>
    Int32Array.from(values, (v) => {
      let code = index.get(v)
      if (code === undefined) index.set(v, (code = index.size))
      return code
    })
  const codes = { real: encode(labels.real), twin: encode(labels.twin), size: 0 }
  codes.size = index.size
  return {
    name: c.name,
    kind: c.kind,
    numbers: quantitative ? { real: real as (number | null)[], twin: twin as (number | null)[] } : null,
    codes,
  }
}

/**
 * The trend of one pair of columns (aligned rows on each side), or null when it is undefined: Pearson's r with a
 * constant side or fewer than two complete rows, as SDMetrics reports an error for such a pair and leaves it out;
 * likewise no real rows at all (a relationship the source never uses, pagila's film.original_language_id), which
 * scored a perfect 1 for every contingency pair across it. Real rows and no twin rows score 0.
 */
export function pairTrend(a: PairColumn, b: PairColumn): PairTrend | null {
  if (a.codes.real.length === 0) return null
  if (a.numbers !== null && b.numbers !== null) {
    const real = pearson(a.numbers.real, b.numbers.real)
    const twin = pearson(a.numbers.twin, b.numbers.twin)
    if (real === null || twin === null) return null
    return { metric: 'correlation', real, twin, score: correlationSimilarity(real, twin) }
  }
  const joint = (x: Int32Array, y: Int32Array) => {
    const counts = new Map<number, number>()
    for (let i = 0; i < x.length; i++) {
      const cell = x[i]! * b.codes.size + y[i]!
      counts.set(cell, (counts.get(cell) ?? 0) + 1)
    }
    return counts
  }
  const score = tvComplement(joint(a.codes.real, b.codes.real), joint(a.codes.twin, b.codes.twin))
  return { metric: 'contingency', real: null, twin: null, score }
}

/**
 * Rows per side a table with `pairs` pairs keeps: all of them while rows × pairs stays under {@link PAIR_CELLS}.
 *
 * @example rowsKept(400, 10_000) // 10_000: 4,000,000 cells
 */
export function rowsKept(pairs: number, rows: number): number {
  return pairs === 0 ? rows : Math.min(rows, Math.max(MIN_PAIR_ROWS, Math.floor(PAIR_CELLS / pairs)))
}

/** Every `length / keep`-th value, so the kept rows spread over the whole sample. */
function thin<T>(values: readonly T[], keep: number): T[] {
  if (values.length <= keep) return [...values]
  const step = values.length / keep
  return Array.from({ length: keep }, (_, i) => values[Math.floor(i * step)]!)
}

// One label for missing values, apart from every category (a category may well be the text "null").
const categoryLabel = (v: number | string | null) => (v === null ? '\u0000null' : `=${String(v)}`)
