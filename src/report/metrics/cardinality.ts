import { ksComplement } from './column-shapes.js'

/**
 * SDMetrics' CardinalityShapeSimilarity: the KS complement of the children-per-parent distributions of one
 * foreign key, real against twin. Parents without children must be in the lists as zeros (see
 * {@link childrenPerParent}); otherwise a twin that leaves parents childless would look perfect.
 *
 * @example cardinalityShapeSimilarity([0, 1, 1, 2], [1, 1, 1, 1]) // 0.75
 */
export function cardinalityShapeSimilarity(
  realChildCounts: readonly number[],
  twinChildCounts: readonly number[],
): number {
  return ksComplement(realChildCounts, twinChildCounts)
}

/**
 * Children per parent, zeros included, in the order the parent keys are first seen. Null foreign keys and
 * orphans (a key no parent has) are not counted.
 *
 * @example childrenPerParent(['p1', 'p2', 'p3'], ['p1', 'p1', 'p3', null]) // [2, 0, 1]
 */
export function childrenPerParent(
  parentKeys: Iterable<string>,
  childParentKeys: Iterable<string | null>,
): number[] {
  const counts = new Map<string, number>()
  for (const key of parentKeys) counts.set(key, 0)
  for (const key of childParentKeys) {
    if (key === null) continue
    const count = counts.get(key)
    if (count !== undefined) counts.set(key, count + 1)
  }
  return [...counts.values()]
}
