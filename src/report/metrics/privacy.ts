import { mannWhitneyAuc } from '../../stats/ranks.js'
import { closestDistances, type MixedRow, type RowEncoding } from './row-distance.js'

/**
 * Share of twin rows identical to some real row, on rows already projected to their non-key columns and
 * stringified. 0 is best; SDMetrics' NewRowSynthesis is 1 minus this. No twin rows → 0.
 *
 * @example exactMatchRate([['a', '1']], [['a', '1'], ['b', '2']]) // 0.5
 */
export function exactMatchRate(
  realRows: readonly (readonly string[])[],
  twinRows: readonly (readonly string[])[],
): number {
  if (twinRows.length === 0) return 0
  // JSON keeps cells apart: ['a,b', 'c'] and ['a', 'b,c'] are different rows.
  const real = new Set(realRows.map((row) => JSON.stringify(row)))
  let matches = 0
  for (const row of twinRows) if (real.has(JSON.stringify(row))) matches++
  return matches / twinRows.length
}

/**
 * Privacy score of a DCR share (the share of twin rows nearer the real rows than a real holdout is):
 * 1 − max(0, share − expected) / (1 − expected), which for the even split (expected 0.5) is SDMetrics'
 * 1 − max(0, share − 0.5)·2. 1 = no closer to training rows than chance (being closer to the holdout is not
 * rewarded), 0 = every twin row nearest a training row. Pass expected = |train| / (|train| + |holdout|) for an
 * uneven split.
 *
 * @example dcrScore(0.625) // 0.75
 */
export function dcrScore(share: number, expected = 0.5): number {
  return 1 - Math.max(0, share - expected) / (1 - expected)
}

/**
 * Distance-based membership inference: an attacker scores each candidate by −(distance to its closest twin
 * row) and guesses that high scorers were in the training data. Returns the attack's AUC, members against
 * non-members, by the Mann–Whitney U statistic (ties half): 0.5 = no leakage, 1 = members fully exposed. Null
 * when any side is empty.
 */
export function membershipAuc(
  twin: readonly MixedRow[],
  members: readonly MixedRow[],
  nonMembers: readonly MixedRow[],
  encoding: RowEncoding,
): number | null {
  if (twin.length === 0) return null
  const score = (rows: readonly MixedRow[]): number[] => closestDistances(rows, twin, encoding).map((d) => -d)
  return mannWhitneyAuc(score(members), score(nonMembers))
}
