import { applyOrder } from './apply-order.js'
import { round } from './categories.js'
import type { Difference, Inequality } from './model.js'
import { quantileSketch } from './quantile-sketch.js'

/**
 * Which learned inequalities become differences, and the quantile sketch of each one's `right − left` over the
 * sampled rows where both are set (`values` gives a column's sample in seconds for times, units for numbers). A
 * column is the later one of one difference at most: the earlier column that bounds it most tightly (the narrowest
 * spread of differences: a discharge hangs off its admission, not off the patient's birth date). In the order they
 * must be applied: a difference whose earlier column another one sets comes after it.
 */
export function findDifferences(
  inequalities: readonly Inequality[],
  values: (column: string) => readonly (number | null)[],
  minCount: number,
): Difference[] {
  const best = new Map<string, { difference: Difference; spread: number }>()
  for (const q of inequalities) {
    const left = values(q.left)
    const right = values(q.right)
    const both = right.flatMap((b, i) => {
      const a = left[i]
      return a === null || a === undefined || b === null ? [] : [[a, b] as const]
    })
    const fixed = commonValue(
      both.map(([, b]) => b),
      minCount,
    )
    const differences = both.filter(([, b]) => b !== fixed?.value).map(([a, b]) => b - a)
    const quantiles = quantileSketch(differences, minCount)
    if (quantiles === null) continue
    // Between the quartiles, so one extreme row does not decide.
    const spread = quantiles[76]! - quantiles[26]!
    const current = best.get(q.right)
    if (current !== undefined && current.spread <= spread) continue
    best.set(q.right, {
      difference: {
        from: q.left,
        to: q.right,
        quantiles: quantiles.map((d) => round(Math.max(0, d))),
        ...(fixed === null ? {} : { fixed }),
      },
      spread,
    })
  }
  return applyOrder(
    [...best.values()].map((b) => b.difference),
    (d) => d.from,
    (d) => d.to,
  )
}

/** Share of the rows a value must hold to be written as it is (see Difference.fixed), unless it is a sentinel. */
const FIXED_SHARE = 0.1

/**
 * The most common value, when it lies above every other value (the rows of the largest differences are given it),
 * is held by minCount of the values, and either by FIXED_SHARE of them or it is a sentinel: beyond the other values
 * by as far as they spread (employee's salaries still paid end on 9999-01-01, 8.5% of the rows, while every other
 * end is before 2003; drawn as a difference, a fifth of the twin's ended between 2003 and past 9999, and none was
 * current). Else null: a common value among the others, as hemoglobin's upper reference 16.45 among the clinic's
 * lab results (15% of them, between troponin's 0.035 and glucose's 122.5), is drawn as a difference like them.
 */
function commonValue(values: readonly number[], minCount: number): Difference['fixed'] | null {
  const counts = new Map<number, number>()
  let top: number | null = null
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1
    counts.set(v, n)
    if (top === null || n > counts.get(top)!) top = v
  }
  if (top === null) return null
  const n = counts.get(top)!
  if (n < minCount) return null
  let low = Infinity
  let high = -Infinity
  for (const v of values) {
    if (v === top) continue
    if (v < low) low = v
    if (v > high) high = v
  }
  if (low <= high && top <= high) return null
  const sentinel = low > high || top >= high + (high - low)
  return n >= FIXED_SHARE * values.length || sentinel ? { value: top, share: round(n / values.length) } : null
}

/**
 * Each sampled row's `to − from`, null where either is: what the copula correlates in place of the later column,
 * so the difference, not the later time itself, moves with the rest of the row.
 */
export function differenceValues(
  from: readonly (number | null)[],
  to: readonly (number | null)[],
): (number | null)[] {
  return to.map((b, i) => {
    const a = from[i]
    return a === null || a === undefined || b === null ? null : b - a
  })
}
