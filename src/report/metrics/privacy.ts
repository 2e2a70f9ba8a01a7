import { mannWhitneyAuc } from './ranks.js'
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
 * Distance to closest record, train against holdout (SDMetrics' DCROverfittingProtection): the share of twin
 * rows whose closest training row is nearer than their closest holdout row, ties counting half. A twin learnt
 * without copying is as near to unseen rows as to seen ones: ≈ |train| / (|train| + |holdout|), so 0.5 for an
 * even split; copied rows push it to 1. Null when any side is empty.
 */
export function dcrShare(
  twin: readonly MixedRow[],
  train: readonly MixedRow[],
  holdout: readonly MixedRow[],
  encoding: RowEncoding,
): number | null {
  if (twin.length === 0 || train.length === 0 || holdout.length === 0) return null
  const toTrain = closestDistances(twin, train, encoding)
  const toHoldout = closestDistances(twin, holdout, encoding)
  let closer = 0
  for (let i = 0; i < twin.length; i++) {
    const t = toTrain[i]!
    const h = toHoldout[i]!
    closer += t < h ? 1 : t === h ? 0.5 : 0
  }
  return closer / twin.length
}

/**
 * Privacy score of a {@link dcrShare}: 1 − max(0, share − expected) / (1 − expected), which for the even split
 * (expected 0.5) is SDMetrics' 1 − max(0, share − 0.5)·2. 1 = no closer to training rows than chance (being
 * closer to the holdout is not rewarded), 0 = every twin row nearest a training row. Pass
 * expected = |train| / (|train| + |holdout|) for an uneven split.
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

/** How many of a column's rare real values (seen at least once but fewer than k times) the twin contains. */
export interface RareValueLeakage {
  readonly rareValues: number
  readonly leaked: number
  /** leaked / rareValues; 0 when there are no rare values. */
  readonly share: number
}

/**
 * Rare-value leakage of one column, as counts only, so the summary can be shown and stored without repeating
 * the values it warns about.
 *
 * @example rareValueLeakage(new Map([['a', 100], ['b', 2], ['c', 1]]), ['a', 'b'], 3) // { rareValues: 2, leaked: 1, share: 0.5 }
 */
export function rareValueLeakage(
  realCounts: ReadonlyMap<string, number>,
  twinValues: Iterable<string>,
  k: number,
): RareValueLeakage {
  const rareValues = [...realCounts.values()].filter((count) => isRare(count, k)).length
  const leaked = leakedRareValues(realCounts, twinValues, k).size
  return { rareValues, leaked, share: rareValues === 0 ? 0 : leaked / rareValues }
}

/** The rare real values (see {@link rareValueLeakage}) that appear in the twin. For internal use only: never report them. */
export function leakedRareValues(
  realCounts: ReadonlyMap<string, number>,
  twinValues: Iterable<string>,
  k: number,
): Set<string> {
  const leaked = new Set<string>()
  for (const value of twinValues) if (isRare(realCounts.get(value) ?? 0, k)) leaked.add(value)
  return leaked
}

function isRare(count: number, k: number): boolean {
  return count > 0 && count < k
}
