import { seededRandom } from '../../random/seeded-random.js'
import { fitLogistic, predictLogistic } from './logistic-regression.js'
import { mannWhitneyAuc } from '../../stats/ranks.js'

/** Folds of the cross-validation. */
const FOLDS = 5

/**
 * A classifier two-sample test: how well logistic regression tells twin rows from real ones, as the AUC of its
 * out-of-fold predictions (each row scored by a model that never saw it) over `FOLDS` stratified folds. 0.5 means
 * the rows cannot be told apart; 1 means every twin row is recognised. Features are z-scored on each training fold
 * (the classifier needs comparable scales; see logistic-regression.ts). Rows are dealt into folds by a generator
 * seeded from `seed`, so the figure is the same on every run. Null when a side has fewer rows than folds.
 *
 * @example detectionAuc(realRows, twinRows, 1) // 0.5 for rows drawn alike, 1 for separable ones
 */
export function detectionAuc(
  real: readonly (readonly number[])[],
  twin: readonly (readonly number[])[],
  seed: number | string,
): number | null {
  if (real.length < FOLDS || twin.length < FOLDS) return null
  const rows = [...real, ...twin]
  const labels = [...real.map(() => 0), ...twin.map(() => 1)]
  const fold = foldsOf(real.length, twin.length, seed)
  const scores = new Array<number>(rows.length).fill(0)
  for (let k = 0; k < FOLDS; k++) {
    const train = rows.flatMap((_, i) => (fold[i] === k ? [] : [i]))
    const test = rows.flatMap((_, i) => (fold[i] === k ? [i] : []))
    const scale = standardize(train.map((i) => rows[i]!))
    const model = fitLogistic(
      train.map((i) => scale(rows[i]!)),
      train.map((i) => labels[i]!),
    )
    for (const i of test) scores[i] = predictLogistic(model, scale(rows[i]!))
  }
  return mannWhitneyAuc(
    scores.filter((_, i) => labels[i] === 1),
    scores.filter((_, i) => labels[i] === 0),
  )
}

/**
 * SDMetrics' detection score of an AUC: 1 − max(0, 2·AUC − 1). 1 = the classifier does no better than chance,
 * 0 = it tells every twin row from the real ones.
 *
 * @example detectionScore(0.75) // 0.5
 */
export function detectionScore(auc: number): number {
  return 1 - Math.max(0, 2 * auc - 1)
}

/** Each row's fold, stratified: real and twin rows are each shuffled and dealt round-robin. */
function foldsOf(realRows: number, twinRows: number, seed: number | string): number[] {
  const random = seededRandom(seed, 'detection folds')
  const deal = (n: number) => {
    const order = Array.from({ length: n }, (_, i) => i)
    for (let i = n - 1; i > 0; i--) {
      const j = random.int(0, i)
      ;[order[i], order[j]] = [order[j]!, order[i]!]
    }
    const fold = new Array<number>(n)
    order.forEach((row, position) => (fold[row] = position % FOLDS))
    return fold
  }
  return [...deal(realRows), ...deal(twinRows)]
}

/** A z-scoring of rows by the means and deviations of `rows` (a constant feature becomes 0). */
function standardize(rows: readonly (readonly number[])[]): (row: readonly number[]) => number[] {
  const d = rows[0]?.length ?? 0
  const means = new Array<number>(d).fill(0)
  const deviations = new Array<number>(d).fill(0)
  for (const row of rows) for (let j = 0; j < d; j++) means[j]! += row[j]! / rows.length
  for (const row of rows)
    for (let j = 0; j < d; j++) deviations[j]! += (row[j]! - means[j]!) ** 2 / rows.length
  const scales = deviations.map((v) => (v > 1e-12 ? 1 / Math.sqrt(v) : 0))
  return (row) => row.map((v, j) => (v - means[j]!) * scales[j]!)
}
