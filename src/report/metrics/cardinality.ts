import { ksComplement } from './column-shapes.js'

/**
 * SDMetrics' CardinalityShapeSimilarity: the KS complement of the children-per-parent distributions of one
 * foreign key, real against twin. Parents without children must be in the lists as zeros; otherwise a twin that
 * leaves parents childless would look perfect.
 *
 * @example cardinalityShapeSimilarity([0, 1, 1, 2], [1, 1, 1, 1]) // 0.75
 */
export function cardinalityShapeSimilarity(
  realChildCounts: readonly number[],
  twinChildCounts: readonly number[],
): number {
  return ksComplement(realChildCounts, twinChildCounts)
}
