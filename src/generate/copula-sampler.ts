import type { Random } from '../random/seeded-random.js'

/**
 * Draws correlated standard normals for a Gaussian copula. The learned matrix is pairwise and may be slightly
 * indefinite; it is shrunk toward the identity until its Cholesky factor exists.
 *
 * Entry k's independent normal comes from `randoms[k]`, its own stream: since the factor is lower-triangular, an
 * entry appended to the copula leaves every earlier entry's scores as they were.
 */
export function copulaSampler(
  correlation: readonly (readonly number[])[],
): (randoms: readonly Random[], out: Float64Array) => void {
  const n = correlation.length
  let factor: number[][] | null = null
  for (let shrink = 0; factor === null; shrink += 0.05) {
    factor = cholesky(
      correlation.map((row, i) => row.map((v, j) => (i === j ? 1 : v * (1 - Math.min(shrink, 1))))),
    )
  }
  const lower = Float64Array.from(factor.flat())
  const independent = new Float64Array(n)
  return (randoms, out) => {
    for (let k = 0; k < n; k++) independent[k] = randoms[k]!.normal()
    for (let i = 0; i < n; i++) {
      let sum = 0
      for (let k = 0; k <= i; k++) sum += lower[i * n + k]! * independent[k]!
      out[i] = sum
    }
  }
}

function cholesky(matrix: number[][]): number[][] | null {
  const n = matrix.length
  const lower = matrix.map(() => new Array<number>(n).fill(0))
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i]![j]!
      for (let k = 0; k < j; k++) sum -= lower[i]![k]! * lower[j]![k]!
      if (i === j) {
        if (sum <= 1e-9) return null
        lower[i]![i] = Math.sqrt(sum)
      } else {
        lower[i]![j] = sum / lower[j]![j]!
      }
    }
  }
  return lower
}
