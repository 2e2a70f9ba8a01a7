/**
 * SDMetrics' KSComplement: 1 − D, where D is the two-sample Kolmogorov–Smirnov statistic, the largest vertical
 * gap between the two empirical CDFs. 1 = same distribution, 0 = no overlap. Ties are stepped over as a block
 * (both CDFs move past every copy of a value before the gap is measured), so equal samples with repeats score
 * exactly 1. NaN is ignored, as SDMetrics drops missing values (null rates are scored on their own). Empty
 * samples: both empty → 1 (nothing differs), one empty → 0 (a whole shape is missing). O(n log n).
 *
 * @example ksComplement([1, 2, 3, 4], [3, 4, 5, 6]) // 0.5
 */
export function ksComplement(real: readonly number[], twin: readonly number[]): number {
  const a = sortedNumbers(real)
  const b = sortedNumbers(twin)
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 1 : 0
  let i = 0
  let j = 0
  let d = 0
  // Once one sample is used up its CDF is 1 and the other's only climbs towards it: the gap can only shrink.
  while (i < a.length && j < b.length) {
    const v = Math.min(a[i]!, b[j]!)
    while (i < a.length && a[i] === v) i++
    while (j < b.length && b[j] === v) j++
    d = Math.max(d, Math.abs(i / a.length - j / b.length))
  }
  return 1 - d
}

/**
 * SDMetrics' TVComplement: 1 − ½·Σ|p − q| over the union of categories, where p and q are each side's counts
 * divided by its total (the total variation distance). 1 = same frequencies, 0 = no category in common. Counts
 * must be non-negative. Empty tables (total 0): both → 1, one → 0.
 *
 * @example tvComplement(new Map([['a', 2], ['b', 2]]), new Map([['a', 3], ['b', 1]])) // 0.75
 */
export function tvComplement<K>(real: ReadonlyMap<K, number>, twin: ReadonlyMap<K, number>): number {
  const realTotal = total(real)
  const twinTotal = total(twin)
  if (realTotal === 0 || twinTotal === 0) return realTotal === twinTotal ? 1 : 0
  let sum = 0
  for (const [key, count] of real) sum += Math.abs(count / realTotal - (twin.get(key) ?? 0) / twinTotal)
  for (const [key, count] of twin) if (!real.has(key)) sum += count / twinTotal
  return Math.max(0, 1 - sum / 2)
}

function sortedNumbers(values: readonly number[]): Float64Array {
  // A typed array sorts numerically and without boxing: about 10 ms for 10^5 values.
  return Float64Array.from(values.filter((v) => !Number.isNaN(v))).sort()
}

function total(counts: ReadonlyMap<unknown, number>): number {
  let sum = 0
  for (const count of counts.values()) sum += count
  return sum
}
