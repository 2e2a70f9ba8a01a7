import type { RelationModel } from '../model/model.js'
import type { Random } from '../random/seeded-random.js'
import { firstAtLeast } from '../model/quantile-draw.js'

type Histogram = RelationModel['childrenPerParent']

/**
 * The number of children at quantile u of the learned children-per-parent distribution: the first bin whose running
 * sum of frequencies reaches u. Asked once per parent row, so the running sums (which ascend: frequencies are
 * fractions, see the model file's schema) are made once and searched (issue 21).
 */
export function childrenAt(histogram: Histogram): (u: number) => number {
  const sums = new Float64Array(histogram.length)
  let cumulative = 0
  histogram.forEach((bin, i) => (sums[i] = cumulative += bin.frequency))
  const last = histogram.at(-1)?.children ?? 0
  return (u) => {
    const i = firstAtLeast(sums, u)
    return i < histogram.length ? histogram[i]!.children : last
  }
}

/**
 * Each parent's number of children by its rank: the parent at rank r of n (ranked by `tilt`, lowest first) gets the
 * count at quantile (r + ½) / n of the learned distribution. The share of parents with each count — zero
 * included — is then the source's exactly, not a draw around it: 500 stores of which 5 may hold items get 5, not
 * anywhere from 1 to 10. `tilt` carries the randomness and any pull of a parent column on the count.
 */
export function countsByRank(histogram: Histogram, tilt: Float64Array): Int32Array {
  const n = tilt.length
  const sorted = Float64Array.from(tilt).sort()
  const counts = new Int32Array(n)
  const at = childrenAt(histogram)
  for (let p = 0; p < n; p++) counts[p] = at((firstAtLeast(sorted, tilt[p]!) + 0.5) / n)
  return counts
}

/**
 * Children of each parent under the driving foreign key, `total` in all. Counts come by rank (see countsByRank)
 * and are then stretched or shrunk to the total by systematic rounding: each parent gets its count × total / sum,
 * rounded down or up from one random offset, so the sum is exact and a parent without children keeps none. A
 * draw per parent summed to whatever it summed to: a 600-city table under 109 countries came out at 553, and each
 * child table below a short parent was short again (issue 15). `atMostOne` (a unique foreign key) gives one child
 * to each of the `total` highest-ranked parents instead.
 */
export function childrenCounts(
  histogram: Histogram,
  tilt: Float64Array,
  total: number,
  atMostOne: boolean,
  random: Random,
): Int32Array {
  const n = tilt.length
  if (atMostOne) {
    const sorted = Float64Array.from(tilt).sort()
    const first = n - Math.min(total, n)
    return Int32Array.from(tilt, (t) => (firstAtLeast(sorted, t) >= first ? 1 : 0))
  }
  return stretchedCounts(countsByRank(histogram, tilt), total, random, () => true)
}

/**
 * childrenCounts where each parent's state (a claim's status) picks its histogram (see Invariant
 * 'children-by-state'): the parents of each state get their counts by rank within the state, from its histogram
 * (parents of an unknown state from `histogram`), and a parent whose state has no children never gets one, also
 * when the counts are stretched to the total or `atMostOne` hands out one child each; nor does a parent `barred`
 * (childless by another rule on the same key).
 */
export function childrenCountsByState(
  histogram: Histogram,
  states: ReadonlyMap<string, { childless: boolean; histogram: Histogram }>,
  stateOf: (parent: number) => string | null,
  tilt: Float64Array,
  total: number,
  atMostOne: boolean,
  random: Random,
  barred: (parent: number) => boolean = () => false,
): Int32Array {
  const n = tilt.length
  const groups = new Map<string | null, number[]>()
  for (let p = 0; p < n; p++) {
    const label = stateOf(p)
    const key = label !== null && states.has(label) ? label : null
    ;(groups.get(key) ?? groups.set(key, []).get(key)!).push(p)
  }
  const open = (p: number) => {
    const label = stateOf(p)
    return !barred(p) && (label === null || states.get(label)?.childless !== true)
  }
  if (atMostOne) {
    const ranked = Array.from({ length: n }, (_, p) => p)
      .filter(open)
      .sort((a, b) => tilt[b]! - tilt[a]!)
    const counts = new Int32Array(n)
    for (const p of ranked.slice(0, total)) counts[p] = 1
    return counts
  }
  const counts = new Int32Array(n)
  for (const [key, parents] of groups) {
    const state = key === null ? undefined : states.get(key)
    if (state?.childless === true) continue
    const ranked = countsByRank(
      state?.histogram ?? histogram,
      Float64Array.from(parents, (p) => tilt[p]!),
    )
    parents.forEach((p, i) => (counts[p] = barred(p) ? 0 : ranked[i]!))
  }
  return stretchedCounts(counts, total, random, open)
}

/**
 * Counts stretched or shrunk to `total` by systematic rounding (see childrenCounts); when every count is 0 yet the
 * table has rows, each parent `open` allows (all, when none does) gets one first.
 */
function stretchedCounts(
  counts: Int32Array,
  total: number,
  random: Random,
  open: (parent: number) => boolean,
): Int32Array {
  const n = counts.length
  let sum = 0
  for (const c of counts) sum += c
  if (sum === 0) {
    // The histogram says no parent has children, yet the table has rows: spread them evenly.
    const any = counts.some((_, p) => open(p))
    for (let p = 0; p < n; p++) counts[p] = !any || open(p) ? 1 : 0
    for (const c of counts) sum += c
  }
  if (sum === total || n === 0) return counts
  const offset = random.next()
  let cumulative = 0
  let before = Math.floor(offset)
  for (let p = 0; p < n; p++) {
    cumulative += counts[p]!
    // Multiplied before dividing, so that the last bound is the total exactly.
    const upTo = Math.floor((cumulative * total) / sum + offset)
    counts[p] = upTo - before
    before = upTo
  }
  return counts
}
