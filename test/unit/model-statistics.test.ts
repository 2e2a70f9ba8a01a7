import { describe, expect, it } from 'vitest'
import { categoryFrequencies } from '../../src/model/categories.js'
import { findInequalities } from '../../src/model/inequalities.js'
import { QUANTILE_LEVELS } from '../../src/model/model.js'
import { correlation, inverseNormal, normalScores } from '../../src/model/normal-scores.js'
import { quantileSketch } from '../../src/model/quantile-sketch.js'
import { mergeSmallBins } from '../../src/model/small-bins.js'
import { textProfile } from '../../src/model/text-profile.js'

describe('quantileSketch', () => {
  it('averages the minCount nearest order statistics, so the ends are not single rows', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1)
    const q = quantileSketch(values, 5)!
    expect(q).toHaveLength(QUANTILE_LEVELS.length)
    expect(q[0]).toBe(3) // mean of 1..5
    expect(q.at(-1)).toBe(98) // mean of 96..100
    expect(Math.abs(q[QUANTILE_LEVELS.indexOf(0.5)]! - 50.5)).toBeLessThanOrEqual(0.5)
  })

  it('keeps two modes apart', () => {
    const values = [...Array(500).fill(10), ...Array(500).fill(1000)]
    const q = quantileSketch(values, 5)!
    expect(q[QUANTILE_LEVELS.indexOf(0.25)]).toBe(10)
    expect(q[QUANTILE_LEVELS.indexOf(0.75)]).toBe(1000)
  })

  it('describes nothing with fewer values than minCount', () => {
    expect(quantileSketch([1, 2, 3], 5)).toBeNull()
  })
})

describe('categoryFrequencies', () => {
  it('drops values seen fewer than minCount times and reports their share', () => {
    const result = categoryFrequencies(
      [
        { value: 'a', count: 60 },
        { value: 'b', count: 30 },
        { value: 'rare', count: 4 },
      ],
      100, // 6 nulls
      5,
    )
    expect(result).toEqual({
      categories: [
        { value: 'a', frequency: 0.6 },
        { value: 'b', frequency: 0.3 },
      ],
      suppressedFraction: 0.04,
    })
  })
})

describe('mergeSmallBins', () => {
  it('merges a thin tail into one bin at its weighted mean', () => {
    expect(
      mergeSmallBins(
        [
          { value: 0, count: 9 },
          { value: 7, count: 1 },
          { value: 9, count: 1 },
        ],
        2,
      ),
    ).toEqual([
      { value: 0, count: 9 },
      { value: 8, count: 2 },
    ])
  })

  it('borrows the parents a small remainder at the top lacks from the last kept bin', () => {
    // One parent with 30 children cannot be a bin of its own: four of the twenty parents with one child join it,
    // and the five average 34 / 5 = 6.8 children, written as 7.
    expect(
      mergeSmallBins(
        [
          { value: 1, count: 20 },
          { value: 30, count: 1 },
        ],
        5,
      ),
    ).toEqual([
      { value: 1, count: 16 },
      { value: 7, count: 5 },
    ])
  })

  it('keeps a zero-inflated histogram zero-inflated (2 stores of 500 hold every item, issue 17.7)', () => {
    expect(
      mergeSmallBins(
        [
          { value: 0, count: 498 },
          { value: 2270, count: 1 },
          { value: 2311, count: 1 },
        ],
        5,
      ),
    ).toEqual([
      { value: 0, count: 495 },
      { value: 916, count: 5 },
    ])
  })

  it('never splits a merged bin into one that describes fewer than minCount rows', () => {
    // Two parents with one child among 601 with none: a mean of 0.0033, written as 0 (learnRelation then gives such
    // a one-bin histogram the mean the row counts tell).
    expect(
      mergeSmallBins(
        [
          { value: 0, count: 601 },
          { value: 1, count: 2 },
        ],
        5,
      ),
    ).toEqual([{ value: 0, count: 603 }])
  })
})

describe('normal scores and correlation', () => {
  it('gives tied values one score and keeps nulls null', () => {
    const scores = normalScores([3, 1, 3, null, 2])
    expect(scores[0]).toBe(scores[2])
    expect(scores[3]).toBeNull()
    expect(scores[1]!).toBeLessThan(scores[4]!)
  })

  it('finds a monotone relation whatever its shape', () => {
    const x = Array.from({ length: 200 }, (_, i) => i)
    expect(correlation(normalScores(x), normalScores(x.map((v) => Math.exp(v / 20))))).toBeCloseTo(1, 6)
    expect(correlation(normalScores(x), normalScores(x.map((v) => -v)))).toBeCloseTo(-1, 6)
  })

  it('inverts the normal distribution', () => {
    expect(inverseNormal(0.5)).toBeCloseTo(0, 9)
    expect(inverseNormal(0.975)).toBeCloseTo(1.959964, 5)
    expect(inverseNormal(0.001)).toBeCloseTo(-3.090232, 5)
  })
})

describe('findInequalities', () => {
  const start = Array.from({ length: 30 }, (_, i) => i * 10)
  it('finds an ordering that every row keeps and the ranges do not imply', () => {
    const end = start.map((s) => s + 5)
    expect(
      findInequalities(
        [
          { name: 'start', values: start },
          { name: 'end', values: end },
        ],
        20,
      ),
    ).toEqual([{ left: 'start', op: '<', right: 'end' }])
  })

  it('ignores an ordering the ranges already imply, and one a single row breaks', () => {
    const far = start.map((s) => s + 10_000)
    expect(
      findInequalities(
        [
          { name: 'a', values: start },
          { name: 'b', values: far },
        ],
        20,
      ),
    ).toEqual([])
    const broken = start.map((s, i) => (i === 7 ? s - 1 : s + 5))
    expect(
      findInequalities(
        [
          { name: 'a', values: start },
          { name: 'b', values: broken },
        ],
        20,
      ),
    ).toEqual([])
  })
})

describe('textProfile', () => {
  it('keeps the shape of codes and falls back to coarse patterns for rare ones', () => {
    const codes = [
      ...Array.from({ length: 8 }, (_, i) => `AB-12${i}${i}`),
      'Zq-9',
      'Zq-99',
      'Zq-999',
      'Zq-9999',
      'Zq-99999',
    ]
    const profile = textProfile(
      codes,
      [
        { value: 7, count: 8 },
        { value: 4, count: 1 },
        { value: 5, count: 4 },
      ],
      5,
      1,
      true,
    )
    expect(profile.shapes).toEqual([
      { pattern: 'A{2}-9{4}', frequency: 0.615385 },
      { pattern: 'A+a+-9+', frequency: 0.384615 },
    ])
    expect(profile.prefixes).toEqual([{ prefix: 'AB-1', frequency: 0.615385 }])
    // Lengths 4 (1 value) and 5 (4 values) merge into one bin of 5 at their mean; 7 stands alone.
    expect(profile.lengths).toEqual([
      { length: 5, frequency: 0.384615 },
      { length: 7, frequency: 0.615385 },
    ])
  })

  it('releases shape and prefix counts through the privacy mechanism it is given', () => {
    const codes = Array.from({ length: 10 }, (_, i) => `AB-12${i}${i}`)
    const silenced = textProfile(codes, [{ value: 7, count: 10 }], 5, 1, true, () => 0)
    expect(silenced.shapes).toEqual([])
    expect(silenced.prefixes).toEqual([])
    const seen: string[] = []
    textProfile(codes, [{ value: 7, count: 10 }], 5, 1, true, (count, key) => (seen.push(key), count))
    expect(seen.sort()).toEqual(['prefix:AB-1', 'shape:A{2}-9{4}'])
  })
})
