import { QUANTILE_LEVELS } from './model.js'

/** The value at quantile level u, linear between the learned levels. */
export function interpolate(quantiles: readonly number[], u: number): number {
  const levels = QUANTILE_LEVELS
  if (u <= 0) return quantiles[0]!
  if (u > levels.at(-1)!) return quantiles.at(-1)!
  // The first level at or above u, by bisection: generation calls this for every numeric value it draws.
  const i = Math.max(1, firstAtLeast(levels, u))
  const span = levels[i]! - levels[i - 1]!
  const t = span === 0 ? 0 : (u - levels[i - 1]!) / span
  return quantiles[i - 1]! + t * (quantiles[i]! - quantiles[i - 1]!)
}

/**
 * The quantile level at which `quantiles` reach `x`, linear between the learned levels: the inverse of
 * interpolate. 0 at or below the first quantile, 1 at or above the last.
 */
export function levelOf(quantiles: readonly number[], x: number): number {
  if (x <= quantiles[0]!) return 0
  if (x >= quantiles.at(-1)!) return 1
  const i = Math.max(1, firstAtLeast(quantiles, x))
  const [low, high] = [quantiles[i - 1]!, quantiles[i]!]
  const levels = QUANTILE_LEVELS
  return levels[i - 1]! + ((x - low) / (high - low)) * (levels[i]! - levels[i - 1]!)
}

/** The first index whose value is at least u in an ascending list, or its length when there is none. */
export function firstAtLeast(ascending: ArrayLike<number>, u: number): number {
  let lo = 0
  let hi = ascending.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (ascending[mid]! < u) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The first index whose running sum exceeds u, capped at the last (0 for an empty list): a weighted pick. */
export function firstAbove(cumulative: ArrayLike<number>, u: number): number {
  let lo = 0
  let hi = cumulative.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (cumulative[mid]! <= u) lo = mid + 1
    else hi = mid
  }
  return lo
}
