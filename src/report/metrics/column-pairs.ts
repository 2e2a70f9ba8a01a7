import { tvComplement } from './column-shapes.js'

/** How often a pair of category values occurs together: `[a, b, count]`, as a GROUP BY a, b returns it. */
export type PairCount = readonly [a: string, b: string, count: number]

/**
 * SDMetrics' CorrelationSimilarity: 1 − |a − b| / 2 for two correlations in [−1, 1]. 1 = same correlation,
 * 0 = opposite perfect correlations.
 *
 * @example correlationSimilarity(0.8, -0.2) // 0.5
 */
export function correlationSimilarity(realCorr: number, twinCorr: number): number {
  return 1 - Math.abs(realCorr - twinCorr) / 2
}

/**
 * SDMetrics' ContingencySimilarity: 1 − ½·Σ|p − q| over the cells of the joint frequency table of two
 * categorical columns (the TVComplement of the pairs). Repeated pairs are summed. Number columns are first cut
 * into bins shared by both sides with `discretize`.
 *
 * @example contingencySimilarity([['x', 'u', 1]], [['x', 'u', 3]]) // 1
 */
export function contingencySimilarity(real: Iterable<PairCount>, twin: Iterable<PairCount>): number {
  return tvComplement(jointCounts(real), jointCounts(twin))
}

/**
 * Counts the pairs of two aligned columns of values held in memory, for {@link contingencySimilarity}.
 *
 * @example countPairs(['x', 'x'], ['u', 'u']) // [['x', 'u', 2]]
 */
export function countPairs(as: readonly string[], bs: readonly string[]): PairCount[] {
  if (as.length !== bs.length) throw new RangeError(`countPairs: ${as.length} values against ${bs.length}`)
  const counts = new Map<string, { a: string; b: string; count: number }>()
  for (let i = 0; i < as.length; i++) {
    const a = as[i]!
    const b = bs[i]!
    const key = JSON.stringify([a, b])
    const cell = counts.get(key)
    if (cell === undefined) counts.set(key, { a, b, count: 1 })
    else cell.count++
  }
  return [...counts.values()].map(({ a, b, count }) => [a, b, count] as const)
}

function jointCounts(pairs: Iterable<PairCount>): Map<string, number> {
  const counts = new Map<string, number>()
  // JSON keeps the two values apart: 'a|b' + 'c' and 'a' + 'b|c' must stay different cells.
  for (const [a, b, count] of pairs) {
    const key = JSON.stringify([a, b])
    counts.set(key, (counts.get(key) ?? 0) + count)
  }
  return counts
}
