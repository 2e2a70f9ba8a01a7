import { averageRanks } from './ranks.js'

/*
 * Correlations, shared by learn (the copula is fitted on normal scores' Pearson correlation) and the report
 * (SDMetrics' CorrelationSimilarity): one implementation, so the model and its score measure the same thing.
 */

/**
 * Pearson's r over the positions where both series hold a number (null and NaN pairs are dropped, as SDMetrics
 * drops missing rows). Null when it is undefined: fewer than 2 pairs, or one side constant.
 *
 * @example pearson([1, 2, 3, 4], [1, 3, 2, 4]) // 0.8
 */
export function pearson(xs: readonly (number | null)[], ys: readonly (number | null)[]): number | null {
  const [a, b] = completePairs(xs, ys)
  const n = a.length
  if (n < 2) return null
  let ma = 0
  let mb = 0
  for (let i = 0; i < n; i++) {
    ma += a[i]!
    mb += b[i]!
  }
  ma /= n
  mb /= n
  let cov = 0
  let va = 0
  let vb = 0
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma
    const db = b[i]! - mb
    cov += da * db
    va += da * da
    vb += db * db
  }
  if (va === 0 || vb === 0) return null
  return Math.max(-1, Math.min(1, cov / Math.sqrt(va * vb)))
}

/**
 * Spearman's ρ: Pearson's r of the average ranks (ties share their mean rank), over the complete pairs. Null
 * when undefined, as for {@link pearson}.
 *
 * @example spearman([1, 2, 2, 3], [1, 2, 3, 4]) // √0.9 ≈ 0.9487
 */
export function spearman(xs: readonly (number | null)[], ys: readonly (number | null)[]): number | null {
  const [a, b] = completePairs(xs, ys)
  return pearson(averageRanks(a), averageRanks(b))
}

function completePairs(xs: readonly (number | null)[], ys: readonly (number | null)[]): [number[], number[]] {
  if (xs.length !== ys.length) throw new RangeError(`correlation: ${xs.length} values against ${ys.length}`)
  const a: number[] = []
  const b: number[] = []
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]
    const y = ys[i]
    if (x == null || y == null || Number.isNaN(x) || Number.isNaN(y)) continue
    a.push(x)
    b.push(y)
  }
  return [a, b]
}
