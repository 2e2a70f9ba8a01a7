/**
 * Logistic regression with an L2 penalty, fitted by plain full-batch gradient descent. Hand-written rather than
 * taken from a library: the detection score needs only this (a few dozen lines), it must give the same weights on
 * every machine (no threads, no random start: weights begin at 0), and the pure report folder imports no
 * numerical package (issue 19 asked for no Python, and the JavaScript ML packages bring far more than this).
 * Features should be on comparable scales (see standardize): the step is halved whenever the loss rises, so a
 * badly scaled feature slows the fit rather than breaking it.
 */

export interface LogisticModel {
  weights: Float64Array
  bias: number
}

export interface LogisticOptions {
  /** L2 penalty on the weights (not the bias), per row. Default 0.01. */
  l2?: number
  /** Gradient steps. Default 200. */
  iterations?: number
  /** First step size, halved when a step raises the loss. Default 1. */
  step?: number
}

/**
 * Fits P(y = 1 | x) = σ(w·x + b) to rows `x` with labels `y` (0 or 1).
 *
 * @example
 * const m = fitLogistic([[0], [1]], [0, 1])
 * predictLogistic(m, [1]) // > 0.5
 */
export function fitLogistic(
  x: readonly (readonly number[])[],
  y: readonly number[],
  options: LogisticOptions = {},
): LogisticModel {
  const l2 = options.l2 ?? 0.01
  const iterations = options.iterations ?? 200
  let step = options.step ?? 1
  const n = x.length
  const d = x[0]?.length ?? 0
  // One flat array: the descent reads every row hundreds of times, and nested arrays are half as fast to read.
  const flat = new Float64Array(n * d)
  x.forEach((row, i) => flat.set(row, i * d))
  const gradient = new Float64Array(d + 1)
  // Each pass measures the loss where the weights are and its gradient there; a step that raised the loss is taken
  // back (from `kept`) and tried again at half the size.
  const weights = new Float64Array(d + 1)
  const kept = { weights: new Float64Array(d + 1), gradient: new Float64Array(d + 1), loss: Infinity }
  for (let iteration = 0; iteration < iterations && n > 0 && step > 1e-6; iteration++) {
    const loss = lossAndGradient(flat, y, n, d, weights, l2, gradient)
    if (loss > kept.loss) {
      step /= 2
      weights.set(kept.weights)
      gradient.set(kept.gradient)
    } else {
      kept.weights.set(weights)
      kept.gradient.set(gradient)
      kept.loss = loss
    }
    for (let j = 0; j <= d; j++) weights[j]! -= step * gradient[j]!
  }
  return { weights: kept.weights.slice(0, d), bias: kept.weights[d]! }
}

/** Mean log loss plus the L2 penalty at `w` (bias last, not penalised), and its gradient into `out`. */
function lossAndGradient(
  x: Float64Array,
  y: readonly number[],
  n: number,
  d: number,
  w: Float64Array,
  l2: number,
  out: Float64Array,
): number {
  out.fill(0)
  let sum = 0
  for (let i = 0; i < n; i++) {
    const at = i * d
    let z = w[d]!
    for (let j = 0; j < d; j++) z += w[j]! * x[at + j]!
    // log(1 + e^−z) for y = 1, log(1 + e^z) for y = 0, without overflow.
    const signed = y[i] === 1 ? -z : z
    sum += signed > 0 ? signed + Math.log1p(Math.exp(-signed)) : Math.log1p(Math.exp(signed))
    const error = sigmoid(z) - y[i]!
    for (let j = 0; j < d; j++) out[j]! += error * x[at + j]!
    out[d]! += error
  }
  let penalty = 0
  for (let j = 0; j < d; j++) {
    penalty += w[j]! * w[j]!
    out[j] = out[j]! / n + l2 * w[j]!
  }
  out[d] = out[d]! / n
  return sum / n + (l2 / 2) * penalty
}

/** P(y = 1) for one row. */
export function predictLogistic(model: LogisticModel, row: readonly number[]): number {
  return sigmoid(dot(model.weights, row) + model.bias)
}

function dot(weights: Float64Array, row: readonly number[]): number {
  let sum = 0
  for (let j = 0; j < weights.length; j++) sum += weights[j]! * row[j]!
  return sum
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)))
