/** How the real values are cut: equal-width bins over their range (SDMetrics' default), or equal-count bins. */
export type BinMethod = 'equal-width' | 'quantile'

/** Bin count (default 10, as SDMetrics' ContingencySimilarity) and method (default equal-width). */
export interface BinOptions {
  readonly bins?: number
  readonly method?: BinMethod
}

/** The label a null or NaN gets from {@link discretize}, so missing values form a category of their own. */
export const NULL_BIN = 'null'

/**
 * Interior cut points, strictly increasing, learnt from the real values only (non-finite ones ignored), so both
 * sides are binned alike and a twin value outside the real range falls in the first or last bin, as numpy's
 * `digitize` with open outer edges does in SDMetrics. A constant column is widened to ±0.5, as
 * `numpy.histogram_bin_edges` does. Quantile cuts use linear interpolation, and cuts that coincide under ties
 * are merged, so there may be fewer bins than asked for. No real values → no cuts (one bin).
 *
 * @example binCuts([0, 10], { bins: 5 }) // [2, 4, 6, 8]
 */
export function binCuts(real: readonly number[], options: BinOptions = {}): number[] {
  const { bins = 10, method = 'equal-width' } = options
  if (!Number.isInteger(bins) || bins < 1)
    throw new RangeError(`binCuts: bins must be a positive integer, not ${bins}`)
  const values = Float64Array.from(real.filter((v) => Number.isFinite(v))).sort()
  if (values.length === 0) return []
  const inner = Array.from({ length: bins - 1 }, (_, i) => (i + 1) / bins)
  const cuts =
    method === 'quantile'
      ? inner.map((p) => quantile(values, p))
      : equalWidth(values[0]!, values[values.length - 1]!, inner)
  return cuts.filter((cut, i) => i === 0 || cut > cuts[i - 1]!)
}

/**
 * The bin a value falls in, 0 to `cuts.length`: how many cuts are at or below it (a value on a cut goes to the
 * upper bin, numpy's `digitize` convention). Binary search.
 *
 * @example binIndex(4, [2, 4, 6]) // 2
 */
export function binIndex(value: number, cuts: readonly number[]): number {
  let lo = 0
  let hi = cuts.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (cuts[mid]! <= value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Bin labels for both sides of a number column, with cuts learnt from the real side (see {@link binCuts}), so a
 * number × category or number × number pair can be scored by contingency similarity. Labels are the bin index
 * as text; null and NaN become {@link NULL_BIN}.
 *
 * @example discretize([0, 5, 10], [-1, null], { bins: 2 }) // { real: ['0', '1', '1'], twin: ['0', 'null'] }
 */
export function discretize(
  real: readonly (number | null)[],
  twin: readonly (number | null)[],
  options: BinOptions = {},
): { real: string[]; twin: string[] } {
  const cuts = binCuts(
    real.filter((v): v is number => v !== null),
    options,
  )
  const label = (v: number | null): string =>
    v === null || Number.isNaN(v) ? NULL_BIN : String(binIndex(v, cuts))
  return { real: real.map(label), twin: twin.map(label) }
}

function equalWidth(min: number, max: number, inner: readonly number[]): number[] {
  const [lo, hi] = min === max ? [min - 0.5, max + 0.5] : [min, max]
  return inner.map((p) => lo + (hi - lo) * p)
}

/** Linear interpolation between order statistics (numpy's default, Hyndman–Fan type 7). */
function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p
  const below = Math.floor(h)
  const low = sorted[below]!
  const high = sorted[Math.min(below + 1, sorted.length - 1)]!
  return low + (h - below) * (high - low)
}
