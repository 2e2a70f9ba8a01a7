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
})

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
