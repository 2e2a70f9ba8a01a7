import { describe, expect, it } from 'vitest'
import { detectionFeatures } from '../../src/report/detection-features.js'
import { detectionAuc, detectionScore } from '../../src/report/metrics/detection.js'
import { fitLogistic, predictLogistic } from '../../src/report/metrics/logistic-regression.js'
import { textWords } from '../../src/model/text-tokens.js'
import { presentShare, vocabulary, vocabularyShare } from '../../src/report/metrics/text-realism.js'
import { seededRandom } from '../../src/random/seeded-random.js'
import type { ComparedColumn } from '../../src/report/table-samples.js'

const draw = (key: string, n: number, shift: number) => {
  const random = seededRandom(7, key)
  return Array.from({ length: n }, () => [random.normal() + shift, random.normal()])
}

describe('logistic regression', () => {
  it('learns a separating direction and is the same on every run', () => {
    const x = [[-2], [-1], [1], [2]]
    const model = fitLogistic(x, [0, 0, 1, 1])
    expect(predictLogistic(model, [2])).toBeGreaterThan(0.8)
    expect(predictLogistic(model, [-2])).toBeLessThan(0.2)
    expect(fitLogistic(x, [0, 0, 1, 1]).weights).toEqual(model.weights)
  })

  it('gives, to the last bit, the weights of a plain row-by-row descent, whatever the rows left after fours', () => {
    // fitLogistic reads rows four at a time for speed; it must add in the same order as this loop does.
    for (const n of [1, 3, 4, 7, 8, 13, 50, 101]) {
      const rows = draw(`rows ${n}`, n, 0).map(([a, b]) => [a!, b!, a! * b!])
      const labels = rows.map((r, i) => (r[0]! + (i % 3) > 1 ? 1 : 0))
      expect(fitLogistic(rows, labels, { iterations: 60 }), `${n} rows`).toEqual(plainFit(rows, labels, 60))
    }
  })
})

/** fitLogistic as it was written before issue report21: one row at a time, σ and the loss each with their own exp. */
function plainFit(x: number[][], y: number[], iterations: number) {
  const d = x[0]!.length
  const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)))
  const lossAndGradient = (w: number[]) => {
    const gradient = new Array<number>(d + 1).fill(0)
    let sum = 0
    for (const [i, row] of x.entries()) {
      let z = w[d]!
      for (let j = 0; j < d; j++) z += w[j]! * row[j]!
      const signed = y[i] === 1 ? -z : z
      sum += signed > 0 ? signed + Math.log1p(Math.exp(-signed)) : Math.log1p(Math.exp(signed))
      const error = sigmoid(z) - y[i]!
      for (let j = 0; j < d; j++) gradient[j]! += error * row[j]!
      gradient[d]! += error
    }
    const penalty = w.slice(0, d).reduce((s, v) => s + v * v, 0)
    return {
      loss: sum / x.length + (0.01 / 2) * penalty,
      gradient: gradient.map((g, j) => g / x.length + (j < d ? 0.01 * w[j]! : 0)),
    }
  }
  let step = 1
  let weights = new Array<number>(d + 1).fill(0)
  let kept = { weights, gradient: weights, loss: Infinity }
  for (let iteration = 0; iteration < iterations && step > 1e-6; iteration++) {
    const { loss, gradient } = lossAndGradient(weights)
    if (loss > kept.loss) step /= 2
    else kept = { weights, gradient, loss }
    weights = kept.weights.map((v, j) => v - step * kept.gradient[j]!)
  }
  return { weights: Float64Array.from(kept.weights.slice(0, d)), bias: kept.weights[d] }
}

describe('detection (classifier two-sample test)', () => {
  it('tells separable rows apart (AUC ≈ 1, score ≈ 0) and not rows drawn alike (AUC ≈ 0.5, score ≈ 1)', () => {
    const separable = detectionAuc(draw('real', 500, 0), draw('twin', 500, 6), 1)!
    const alike = detectionAuc(draw('real', 500, 0), draw('twin', 500, 0), 1)!
    expect(separable).toBeGreaterThan(0.99)
    expect(detectionScore(separable)).toBeLessThan(0.02)
    expect(Math.abs(alike - 0.5)).toBeLessThan(0.06)
    expect(detectionScore(alike)).toBeGreaterThan(0.88)
    expect(detectionAuc(draw('real', 500, 0), draw('twin', 500, 0), 1)).toBe(alike)
  })

  it('needs rows in every fold', () => {
    expect(detectionAuc([[1], [2]], [[1], [2]], 1)).toBeNull()
  })

  it('scores 1 − max(0, 2·AUC − 1): a classifier worse than chance counts as chance', () => {
    expect(detectionScore(0.75)).toBe(0.5)
    expect(detectionScore(0.4)).toBe(1)
  })

  it('tells gibberish from words by their features, though lengths match', () => {
    const random = seededRandom(3, 'words')
    const words = ['the', 'quick', 'brown', 'fox', 'jumps', 'over', 'lazy', 'dog']
    const sentence = () => Array.from({ length: 3 }, () => random.pick(words)).join(' ')
    const real = Array.from({ length: 300 }, sentence)
    const same = Array.from({ length: 300 }, sentence)
    const letters = 'abcdefghijklmnopqrstuvwxyz'
    const gibberish = same.map((s) => [...s].map(() => random.pick([...letters])).join(''))
    const column = (twin: string[]): ComparedColumn[] => [{ name: 'note', kind: 'text', real, twin }]
    const auc = (twin: string[]) => {
      const f = detectionFeatures(column(twin), 5)
      return detectionAuc(f.real, f.twin, 1)!
    }
    expect(auc(same)).toBeLessThan(0.6)
    expect(auc(gibberish)).toBeGreaterThan(0.95)
  })
})

describe('text realism', () => {
  it('counts tokens of at least k rows as the vocabulary', () => {
    expect(textWords('Hello, wörld 42!')).toEqual(['hello', 'wörld', '42'])
    expect([...vocabulary(['a b', 'a c', 'a', null], 2)]).toEqual(['a'])
    expect(vocabularyShare(['a x', 'a', null], new Set(['a']))).toBeCloseTo(2 / 3)
    expect(vocabularyShare([null], new Set(['a']))).toBeNull()
  })

  it('counts category values the source holds', () => {
    expect(presentShare(['a', 'a', 'z', null], new Set(['a']))).toBeCloseTo(2 / 3)
    expect(presentShare([null], new Set(['a']))).toBeNull()
  })
})
