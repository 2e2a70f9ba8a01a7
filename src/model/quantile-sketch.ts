import { QUANTILE_LEVELS } from './model.js'

/**
 * Quantiles of a sample at QUANTILE_LEVELS, each the mean of the `minCount` order statistics nearest its rank, so
 * no quantile — the minimum and maximum least of all — is the value of a single row. Null when the sample has
 * fewer than `minCount` values: too few to describe without describing someone.
 *
 * @example quantileSketch([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 3)?.quantiles[0] // 2, the mean of 1, 2, 3
 */
export function quantileSketch(values: readonly number[], minCount: number): number[] | null {
  const k = Math.max(1, minCount)
  if (values.length < k) return null
  const sorted = Float64Array.from(values).sort()
  // Sums of offsets from the smallest value: sums of raw timestamps (1.7e9 s each) lose their microseconds.
  const base = sorted[0]!
  const prefix = new Float64Array(sorted.length + 1)
  for (let i = 0; i < sorted.length; i++) prefix[i + 1] = prefix[i]! + (sorted[i]! - base)
  return QUANTILE_LEVELS.map((level) => {
    const rank = level * (sorted.length - 1)
    const start = Math.min(Math.max(0, Math.round(rank - (k - 1) / 2)), sorted.length - k)
    return base + (prefix[start + k]! - prefix[start]!) / k
  })
}
