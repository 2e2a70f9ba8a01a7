/**
 * Average ranks, 1-based: tied values share the mean of the ranks they span, as Spearman's ρ and the
 * Mann–Whitney U statistic both require. O(n log n).
 *
 * @example averageRanks([10, 20, 20, 30]) // [1, 2.5, 2.5, 4]
 */
export function averageRanks(values: readonly number[]): number[] {
  // A comparison rather than subtraction, so ±Infinity sorts too (Infinity − Infinity is NaN).
  const order = values.map((_, i) => i).sort((a, b) => compare(values[a]!, values[b]!))
  const ranks = values.map(() => 0)
  for (let start = 0; start < order.length;) {
    let end = start
    while (end + 1 < order.length && values[order[end + 1]!] === values[order[start]!]) end++
    const rank = (start + end) / 2 + 1
    for (let j = start; j <= end; j++) ranks[order[j]!] = rank
    start = end + 1
  }
  return ranks
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

function compare(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0
}
