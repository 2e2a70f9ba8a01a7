/**
 * Mean of the scores that exist: null, undefined and NaN (a metric that could not be computed) are skipped,
 * not counted as 0. Null when no score exists.
 *
 * @example mean([1, null, 0.5]) // 0.75
 */
export function mean(scores: Iterable<number | null | undefined>): number | null {
  let sum = 0
  let n = 0
  for (const score of scores) {
    if (score == null || Number.isNaN(score)) continue
    sum += score
    n++
  }
  return n === 0 ? null : sum / n
}

/** The property scores of a report, each already a mean over its columns, pairs or keys; null if not measured. */
export interface QualityParts {
  readonly columnShapes?: number | null
  readonly columnPairs?: number | null
  readonly cardinality?: number | null
  readonly interTable?: number | null
}

/**
 * Overall quality: the plain mean of SDMetrics' four properties that exist, each weighing the same, as its
 * quality report averages them. A single table has no cardinality or inter-table part, so it is scored on the
 * rest rather than given zeros. Null rates are not a part (issue 19: nearly always 1, they lifted every score).
 * Null when no part exists.
 *
 * @example overallQuality({ columnShapes: 0.9, columnPairs: 0.7 }) // 0.8
 */
export function overallQuality(parts: QualityParts): number | null {
  return mean([parts.columnShapes, parts.columnPairs, parts.cardinality, parts.interTable])
}
