/**
 * Average ranks, 1-based: tied values share the mean of the ranks they span, as Spearman's ρ and the
 * Mann–Whitney U statistic both require. O(n log n).
 *
 * @example averageRanks([10, 20, 20, 30]) // [1, 2.5, 2.5, 4]
 */
export function averageRanks(values: readonly number[]): number[] {
  // A typed array sorts numbers natively (±Infinity in place, NaN last), 2–3× faster than an index sort
  // with a comparator (learn ranks every sampled column, issue 21); each value's rank is the middle of its run.
  const sorted = Float64Array.from(values).sort()
  const rankOf = new Map<number, number>()
  for (let start = 0; start < sorted.length;) {
    let end = start
    while (end + 1 < sorted.length && same(sorted[end + 1]!, sorted[start]!)) end++
    // -0 and 0 are one key of a Map, as they are one value to ===; so is NaN, which ties with NaN.
    rankOf.set(sorted[start]!, (start + end) / 2 + 1)
    start = end + 1
  }
  return values.map((v) => rankOf.get(v)!)
}

/**
 * Area under the ROC curve of `positives` against `negatives` from the Mann–Whitney U statistic: the chance that a
 * random positive scores above a random negative, ties counting half. 1 = perfect separation, 0.5 = none. Null when
 * either side is empty.
 *
 * @example mannWhitneyAuc([3, 2], [1, 2]) // 0.875: 3 of 4 pairs won, one tie
 */
export function mannWhitneyAuc(positives: readonly number[], negatives: readonly number[]): number | null {
  const p = positives.length
  const n = negatives.length
  if (p === 0 || n === 0) return null
  const ranks = averageRanks([...positives, ...negatives])
  let rankSum = 0
  for (let i = 0; i < p; i++) rankSum += ranks[i]!
  return (rankSum - (p * (p + 1)) / 2) / (p * n)
}

function same(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b))
}
