/**
 * Merges histogram bins counted fewer than `minCount` times into their neighbours, walking up from the smallest
 * value: a run of small bins becomes one bin at its count-weighted mean value, so the tail keeps its mass and its
 * mean but no bin describes fewer than `minCount` rows. A small remainder at the top borrows the parents it lacks
 * from the last kept bin, at that bin's mean, when the bin can spare them; else it joins that bin. Borrowing keeps a
 * zero-inflated histogram zero-inflated: 2 stores of 500 holding all 4,581 items became 500 stores with 9 items
 * each, and are now 495 with none and 5 with 916 (issue 17.7). A mean between two whole values is written as the
 * two values around it, sharing the count so the mean holds, where both shares are at least `minCount` (60
 * parents with 3 children and 50 with 4 merged stay a mean of 3.45, not 3). Bins that end up at one value are one.
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
  let last = { weighted: 0, count: 0 }
  for (const bin of sorted) {
    pending = { weighted: pending.weighted + bin.value * bin.count, count: pending.count + bin.count }
    if (pending.count >= minCount) {
      out.push(...meanBins(last, minCount))
      last = pending
      pending = { weighted: 0, count: 0 }
    }
  }
  if (last.count === 0) return []
  const borrowed = pending.count === 0 ? 0 : minCount - pending.count
  if (pending.count > 0 && last.count - borrowed >= minCount) {
    const lent = (last.weighted / last.count) * borrowed
    out.push(...meanBins({ weighted: last.weighted - lent, count: last.count - borrowed }, minCount))
    out.push(...meanBins({ weighted: pending.weighted + lent, count: minCount }, minCount))
  } else {
    out.push(
      ...meanBins(
        { weighted: last.weighted + pending.weighted, count: last.count + pending.count },
        minCount,
      ),
    )
  }
  return coalesce(out)
}

/** One bin per value: a borrowing tail can round to the value of the bin it borrowed from. */
function coalesce(bins: readonly { value: number; count: number }[]): { value: number; count: number }[] {
  const counts = new Map<number, number>()
  for (const bin of bins) counts.set(bin.value, (counts.get(bin.value) ?? 0) + bin.count)
  return [...counts].sort(([a], [b]) => a - b).map(([value, count]) => ({ value, count }))
}

/**
 * Bins at the whole values around a group's mean, their counts shared so that the mean holds; one bin at the
 * rounded mean where either share would describe fewer than `minCount` rows.
 */
function meanBins(
  group: { weighted: number; count: number },
  minCount: number,
): { value: number; count: number }[] {
  if (group.count === 0) return []
  const mean = group.weighted / group.count
  const low = Math.floor(mean)
  const upper = group.count * (mean - low)
  if (upper < minCount || group.count - upper < minCount)
    return [{ value: Math.round(mean), count: group.count }]
  return [
    { value: low, count: group.count - upper },
    { value: low + 1, count: upper },
  ]
}

/**
 * The whole values around `mean`, sharing `count` so the mean holds: the histogram of a group too small to describe,
 * from a mean already public (children per parent when the parent table has fewer than minCount rows).
 */
export function binsAroundMean(mean: number, count: number): { value: number; count: number }[] {
  return meanBins({ weighted: mean * count, count }, 0).filter((b) => b.count > 0)
}
