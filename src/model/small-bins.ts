/**
 * Merges histogram bins counted fewer than `minCount` times into their neighbours, walking up from the smallest
 * value: a run of small bins becomes one bin at its count-weighted mean value, so the tail keeps its mass and its
 * mean but no bin describes fewer than `minCount` rows. A small remainder at the top joins the last kept bin.
 *
 * @example mergeSmallBins([{ value: 0, count: 9 }, { value: 7, count: 1 }, { value: 9, count: 1 }], 2)
 *   // [{ value: 0, count: 9 }, { value: 8, count: 2 }]
 */
export function mergeSmallBins(
  bins: readonly { value: number; count: number }[],
  minCount: number,
): { value: number; count: number }[] {
  const sorted = [...bins].filter((b) => b.count > 0).sort((a, b) => a.value - b.value)
  const out: { value: number; count: number }[] = []
  let pending = { weighted: 0, count: 0 }
  for (const bin of sorted) {
    pending = { weighted: pending.weighted + bin.value * bin.count, count: pending.count + bin.count }
    if (pending.count >= minCount) {
      out.push({ value: Math.round(pending.weighted / pending.count), count: pending.count })
      pending = { weighted: 0, count: 0 }
    }
  }
  if (pending.count > 0) {
    const last = out.pop()
    if (last === undefined) return []
    const count = last.count + pending.count
    out.push({ value: Math.round((last.value * last.count + pending.weighted) / count), count })
  }
  return out
}
