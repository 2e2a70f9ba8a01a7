import { pearson } from '../stats/correlation.js'
import { averageRanks } from '../stats/ranks.js'

/**
 * Normal scores: each value replaced by the standard normal quantile of its mid-rank, Φ⁻¹(rank / (n + 1)). Ties
 * share their mean rank; nulls stay null. Correlating normal scores is how a Gaussian copula is fitted.
 */
export function normalScores(values: readonly (number | null)[]): (number | null)[] {
  const present: number[] = []
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? null
    if (v !== null && !Number.isNaN(v)) present.push(i)
  }
  const ranks = averageRanks(present.map((i) => values[i]!))
  const scores = new Array<number | null>(values.length).fill(null)
  for (let r = 0; r < present.length; r++)
    scores[present[r]!] = inverseNormal(ranks[r]! / (present.length + 1))
  return scores
}

/**
 * Pearson correlation over the positions where both series are set, as the copula wants it: 0, not undefined,
 * with fewer than 3 pairs or no spread (a column without a correlation is independent of the others).
 */
export function correlation(a: readonly (number | null)[], b: readonly (number | null)[]): number {
  const complete = a.filter((x, i) => x != null && b[i] != null).length
  return complete < 3 ? 0 : (pearson(a, b) ?? 0)
}

// Acklam's coefficients, made once: as literals inside inverseNormal they were four arrays per sampled value.
const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
]
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572]
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
]
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416]

/** Φ⁻¹(p) by Acklam's rational approximation (relative error below 1.2e-9). */
export function inverseNormal(p: number): number {
  const low = 0.02425
  if (p <= 0) return -Infinity
  if (p >= 1) return Infinity
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p))
    return (
      (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1)
    )
  }
  if (p > 1 - low) return -inverseNormal(1 - p)
  const q = p - 0.5
  const r = q * q
  return (
    ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) /
    (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1)
  )
}

/** Φ(z), the standard normal CDF, from erfc (Numerical Recipes' Chebyshev fit, error below 1.2e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2
  const t = 1 / (1 + 0.5 * x)
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    )
  return z >= 0 ? 1 - erfc / 2 : erfc / 2
}
