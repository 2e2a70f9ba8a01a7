import { describe, expect, it } from 'vitest'
import { cardinalityShapeSimilarity } from '../../src/report/metrics/cardinality.js'
import {
  contingencySimilarity,
  correlationSimilarity,
  countPairs,
  type PairCount,
} from '../../src/report/metrics/column-pairs.js'
import { ksComplement, tvComplement } from '../../src/report/metrics/column-shapes.js'
import { binCuts, binIndex, discretize } from '../../src/report/metrics/number-bins.js'
import { dcrScore, exactMatchRate, membershipAuc } from '../../src/report/metrics/privacy.js'
import { pearson, spearman } from '../../src/stats/correlation.js'
import { averageRanks, mannWhitneyAuc } from '../../src/stats/ranks.js'
import {
  closestDistances,
  rowDistance,
  rowEncoding,
  type MixedRow,
} from '../../src/report/metrics/row-distance.js'
import { mean, overallQuality } from '../../src/report/metrics/scores.js'
import { columnQualities } from '../../src/report/table-quality.js'

/** Deterministic draws for the property checks (a 32-bit LCG; the tests must not depend on Math.random). */
function lcg(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

const counts = (entries: Record<string, number>): Map<string, number> => new Map(Object.entries(entries))

describe('averageRanks and mannWhitneyAuc', () => {
  it('gives tied values the mean of the ranks they span', () => {
    expect(averageRanks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]) // 20s take ranks 2 and 3 → 2.5
    expect(averageRanks([3, 1, 3, 3])).toEqual([3, 1, 3, 3]) // the 3s take ranks 2, 3, 4 → 3
    expect(averageRanks([Infinity, -Infinity, 0])).toEqual([3, 1, 2])
    expect(averageRanks([0, -0, 1])).toEqual([1.5, 1.5, 3]) // one value to ===, so one tie
    expect(averageRanks([NaN, 2, NaN, 1])).toEqual([3.5, 2, 3.5, 1]) // NaN ranks last, tied with NaN
  })

  it('counts won pairs, ties half', () => {
    expect(mannWhitneyAuc([3, 4], [1, 2])).toBe(1) // all 4 pairs won
    expect(mannWhitneyAuc([1, 2], [3, 4])).toBe(0) // all 4 pairs lost
    expect(mannWhitneyAuc([1, 1], [1, 1])).toBe(0.5) // 4 ties → 4·½ / 4
    expect(mannWhitneyAuc([3, 2], [1, 2])).toBe(0.875) // 3>1, 3>2, 2>1 won, 2=2 half → 3.5 / 4
    expect(mannWhitneyAuc([], [1])).toBeNull()
  })
})

describe('ksComplement', () => {
  it('is 1 − D', () => {
    // CDF gaps at 1, 2, 3, 4: .25, .5, .75−.25, 1−.5 → D = .5
    expect(ksComplement([1, 2, 3, 4], [3, 4, 5, 6])).toBe(0.5)
    // at 1: .25 − 0; at 2: .5 − 1 → D = .5
    expect(ksComplement([1, 2, 3, 4], [2])).toBe(0.5)
    expect(ksComplement([1, 2], [3, 4])).toBe(0) // disjoint: D = 1
  })

  it('steps over ties as a block', () => {
    // at 1: F = 2/3 vs 1/3; at 2: 1 vs 1 → D = 1/3. Stepping one value at a time would see 2/3 − 0 after the real 1s.
    expect(ksComplement([1, 1, 2], [1, 2, 2])).toBeCloseTo(2 / 3, 12)
    expect(ksComplement([5, 5, 5, 7], [7, 5, 5, 5])).toBe(1) // same multiset
  })

  it('ignores NaN and handles empty samples', () => {
    expect(ksComplement([1, NaN, 2], [2, 1])).toBe(1)
    expect(ksComplement([], [])).toBe(1) // nothing differs
    expect(ksComplement([1], [])).toBe(0) // the twin has no shape at all
    expect(ksComplement([], [NaN])).toBe(1) // NaN only is empty
  })

  it('handles 10^5 values per side', () => {
    const next = lcg(1)
    const a = Array.from({ length: 100_000 }, next)
    const b = Array.from({ length: 100_000 }, next)
    // Two uniform samples of 10^5: D is about 1.36·√(2/10^5) ≈ 0.006 at the 95th percentile.
    expect(ksComplement(a, b)).toBeGreaterThan(0.99)
    expect(
      ksComplement(
        a,
        a.map((x) => x + 1),
      ),
    ).toBe(0) // shifted by the whole range
  })
})

describe('tvComplement', () => {
  it('is 1 − ½·Σ|p − q|', () => {
    // p = (.5, .5), q = (.75, .25): Σ = .25 + .25 = .5, TV = .25 → .75
    expect(tvComplement(counts({ a: 2, b: 2 }), counts({ a: 3, b: 1 }))).toBe(0.75)
    // p = (.25, .25, .5), q = (.5, .5, 0): Σ = .25 + .25 + .5 = 1, TV = .5 → .5
    expect(tvComplement(counts({ a: 1, b: 1, c: 2 }), counts({ a: 2, b: 2 }))).toBe(0.5)
    expect(tvComplement(counts({ a: 1 }), counts({ b: 5 }))).toBe(0) // no category in common
  })

  it('compares shares, not counts, and handles empty tables', () => {
    expect(tvComplement(counts({ a: 1, b: 3 }), counts({ a: 10, b: 30 }))).toBe(1)
    expect(tvComplement(counts({}), counts({}))).toBe(1)
    expect(tvComplement(counts({ a: 1 }), counts({}))).toBe(0)
    expect(tvComplement(counts({ a: 0 }), counts({ b: 0 }))).toBe(1) // both totals 0
  })
})

describe('correlations', () => {
  it('correlationSimilarity is 1 − |a − b| / 2', () => {
    expect(correlationSimilarity(0.8, -0.2)).toBe(0.5) // |1| / 2
    expect(correlationSimilarity(1, -1)).toBe(0) // |2| / 2
    expect(correlationSimilarity(0.3, 0.3)).toBe(1)
  })

  it('pearson over complete pairs', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12)
    expect(pearson([1, 2, 3], [6, 4, 2])).toBeCloseTo(-1, 12)
    // deviations (−1.5, −.5, .5, 1.5) and (−1.5, .5, −.5, 1.5): cov = 2.25 − .25 − .25 + 2.25 = 4; var 5 and 5 → .8
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12)
    // the pairs with a null or NaN are dropped, leaving the case above
    expect(pearson([1, null, 2, 3, 4, 9], [1, 5, 3, 2, 4, NaN])).toBeCloseTo(0.8, 12)
  })

  it('pearson is null when undefined', () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull() // constant side
    expect(pearson([1], [2])).toBeNull() // one pair
    expect(pearson([1, null], [null, 2])).toBeNull() // no complete pair
    expect(() => pearson([1, 2], [1])).toThrow(RangeError)
  })

  it('spearman uses average ranks for ties', () => {
    // ranks (1, 2.5, 2.5, 4) and (1, 2, 3, 4); deviations (−1.5, 0, 0, 1.5) and (−1.5, −.5, .5, 1.5):
    // cov = 2.25 + 2.25 = 4.5, var 4.5 and 5 → 4.5 / √22.5 = √0.9 ≈ 0.948683
    expect(spearman([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(Math.sqrt(0.9), 12)
    expect(spearman([1, 2, 3, 4], [1, 4, 9, 100])).toBeCloseTo(1, 12) // monotone, not linear
    // pearson of the same data is below 1: (1, 4, 9, 100) is far from a line
    expect(pearson([1, 2, 3, 4], [1, 4, 9, 100])!).toBeLessThan(0.9)
    expect(spearman([null, 1, 2, 2, 3], [7, 1, 2, 3, 4])).toBeCloseTo(Math.sqrt(0.9), 12) // null pair dropped
  })
})

describe('contingencySimilarity', () => {
  it('is the TV complement of the joint table', () => {
    const real: PairCount[] = [
      ['x', 'u', 2],
      ['x', 'v', 2],
      ['y', 'u', 4],
    ] // shares .25, .25, .5
    const twin: PairCount[] = [
      ['x', 'u', 1],
      ['y', 'u', 1],
      ['y', 'v', 2],
    ] // shares .25, .25, .5
    // |xu| 0 + |xv| .25 + |yu| .5 − .25 + |yv| .5 = 1, TV = .5 → .5
    expect(contingencySimilarity(real, twin)).toBe(0.5)
  })

  it('keeps the two values of a pair apart and sums repeated pairs', () => {
    expect(contingencySimilarity([['a|b', 'c', 1]], [['a', 'b|c', 1]])).toBe(0)
    expect(
      contingencySimilarity(
        [
          ['a', 'b', 1],
          ['a', 'b', 1],
        ],
        [['a', 'b', 5]],
      ),
    ).toBe(1)
  })

  it('countPairs tallies aligned values', () => {
    expect(countPairs(['x', 'x', 'y'], ['u', 'u', 'u'])).toEqual([
      ['x', 'u', 2],
      ['y', 'u', 1],
    ])
    expect(() => countPairs(['x'], [])).toThrow(RangeError)
  })

  it('scores a number × category pair through shared bins', () => {
    // real range 1..10, 2 equal-width bins → one cut at 5.5
    const { real, twin } = discretize([1, 2, 9, 10], [1, 9, 2, 10], { bins: 2 })
    expect(real).toEqual(['0', '0', '1', '1'])
    expect(twin).toEqual(['0', '1', '0', '1'])
    const categories = ['a', 'a', 'b', 'b']
    // real: (0,a) .5, (1,b) .5; twin: (0,a) (1,a) (0,b) (1,b) .25 each → Σ = .25·4 = 1, TV = .5 → .5
    expect(contingencySimilarity(countPairs(real, categories), countPairs(twin, categories))).toBe(0.5)
  })
})

describe('number bins', () => {
  it('cuts equal widths over the real range; a value on a cut goes up', () => {
    const cuts = binCuts([0, 10], { bins: 5 })
    expect(cuts).toEqual([2, 4, 6, 8])
    expect([-5, 0, 2, 3.9, 10, 99].map((v) => binIndex(v, cuts))).toEqual([0, 0, 1, 1, 4, 4])
    expect(binCuts([5, 5], { bins: 2 })).toEqual([5]) // constant widened to [4.5, 5.5]
    expect(binCuts([], { bins: 4 })).toEqual([])
    expect(binCuts([1, 2, 3])).toHaveLength(9) // 10 bins by default
    expect(() => binCuts([1], { bins: 0 })).toThrow(RangeError)
  })

  it('cuts quantiles by linear interpolation, merging tied cuts', () => {
    // 1..8, h = 7p: p=.25 → 1.75 → 2.75; p=.5 → 3.5 → 4.5; p=.75 → 5.25 → 6.25
    expect(binCuts([8, 7, 6, 5, 4, 3, 2, 1], { bins: 4, method: 'quantile' })).toEqual([2.75, 4.5, 6.25])
    // six zeros: p=.25 → 0, p=.5 → 0, p=.75 → h 5.25 → 0 + .25·(1 − 0) = .25 → cuts [0, .25]
    expect(binCuts([0, 0, 0, 0, 0, 0, 1, 2], { bins: 4, method: 'quantile' })).toEqual([0, 0.25])
  })

  it('labels nulls apart and bins the twin with the real cuts', () => {
    expect(discretize([0, 5, 10, null], [-1, 11, null, NaN], { bins: 2 })).toEqual({
      real: ['0', '1', '1', 'null'], // cut at 5
      twin: ['0', '1', 'null', 'null'],
    })
  })
})

describe('cardinality', () => {
  it('is the KS complement of children per parent', () => {
    // at 0: .25 vs 0; at 1: .75 vs 1; at 2: 1 vs 1 → D = .25 → .75
    expect(cardinalityShapeSimilarity([0, 1, 1, 2], [1, 1, 1, 1])).toBe(0.75)
  })

  // Childless parents as zeros, NULL keys and orphans left out: the SQL that counts them is tested on every engine
  // in test/integration/children-histogram.test.ts.
})

describe('row distances', () => {
  const encoding = rowEncoding([
    [0, 'x', null],
    [10, 'y', null],
    [5, null, null],
  ])

  it('learns number ranges and category columns from the real rows', () => {
    expect(encoding).toEqual([{ kind: 'number', range: 10 }, { kind: 'category' }, { kind: 'category' }])
    expect(rowEncoding([[1], ['a']])).toEqual([{ kind: 'category' }]) // mixed → category
  })

  it('averages the column distances', () => {
    // |0 − 5| / 10 = .5, 'x' ≠ 'y' 1, both null 0 → 1.5 / 3 = .5
    expect(rowDistance([0, 'x', null], [5, 'y', null], encoding)).toBe(0.5)
    // |0 − 20| / 10 capped at 1, one null 1, one null 1 → 3 / 3 = 1
    expect(rowDistance([0, 'x', null], [20, null, 3], encoding)).toBe(1)
    expect(rowDistance([0, 'x', null], [0, 'x', null], encoding)).toBe(0)
    // a zero range makes any difference 1; NaN counts as null
    expect(rowDistance([1], [2], [{ kind: 'number', range: 0 }])).toBe(1)
    expect(rowDistance([NaN], [null], [{ kind: 'number', range: 1 }])).toBe(0)
  })

  it('finds the closest reference row', () => {
    const oneNumber = rowEncoding([[0], [10]]) // range 10
    const d = closestDistances([[1], [7]], [[0], [10], [6]], oneNumber)
    expect(d[0]).toBeCloseTo(0.1, 12) // |1 − 0| / 10
    expect(d[1]).toBeCloseTo(0.1, 12) // |7 − 6| / 10
    expect(closestDistances([[1]], [], oneNumber)).toEqual([Infinity])
  })
})

describe('privacy', () => {
  it('exactMatchRate is the share of twin rows found among the real rows', () => {
    const real = [
      ['a', '1'],
      ['b', '2'],
    ]
    // ['a','1'] and ['b','2'] match, ['a','2'] and ['c','3'] do not → 2 / 4
    expect(
      exactMatchRate(real, [
        ['a', '1'],
        ['a', '2'],
        ['b', '2'],
        ['c', '3'],
      ]),
    ).toBe(0.5)
    expect(exactMatchRate([['a,b', 'c']], [['a', 'b,c']])).toBe(0) // cells stay apart
    expect(exactMatchRate(real, [])).toBe(0)
  })

  it('dcrScore turns a DCR share into a score', () => {
    expect(dcrScore(1)).toBe(0)
    expect(dcrScore(0)).toBe(1) // nearer the holdout is not rewarded above 1
    expect(dcrScore(0.625)).toBe(0.75) // 1 − .125·2
    expect(dcrScore(0.5)).toBe(1)
    expect(dcrScore(0.625, 0.25)).toBe(0.5) // 1 − .375 / .75
  })

  it('membershipAuc is 1 when members sit on twin rows, 0.5 when nothing tells them apart', () => {
    const enc = rowEncoding([[0], [60]]) // range 60
    // members at distance 0, non-members at 40/60 and 50/60: every pair won
    expect(membershipAuc([[0], [10]], [[0], [10]], [[50], [60]], enc)).toBe(1)
    // every candidate 10/60 from the twin row: all ties
    expect(membershipAuc([[30]], [[20], [40]], [[40], [20]], enc)).toBe(0.5)
    expect(membershipAuc([[50], [60]], [[0], [10]], [[50], [60]], enc)).toBe(0) // non-members exposed instead
    // member scores 0, −.5; non-member scores −1/6, −1: won 0>−1/6, 0>−1, −.5>−1; lost −.5<−1/6 → 3/4
    expect(membershipAuc([[0]], [[0], [30]], [[10], [60]], enc)).toBe(0.75)
    expect(membershipAuc([], [[0]], [[1]], enc)).toBeNull()
  })
})

describe('scores', () => {
  it('mean skips missing scores', () => {
    expect(mean([1, null, 0.5, undefined, NaN])).toBe(0.75) // (1 + .5) / 2
    expect(mean([])).toBeNull()
    expect(mean([null])).toBeNull()
  })

  it('overallQuality weighs the parts that exist equally', () => {
    expect(overallQuality({ columnShapes: 0.9, columnPairs: 0.7 })).toBeCloseTo(0.8, 12) // 1.6 / 2
    // (.9 + .7 + 1 + .6) / 4 = 3.2 / 4
    expect(
      overallQuality({ columnShapes: 0.9, columnPairs: 0.7, cardinality: 1, interTable: 0.6 }),
    ).toBeCloseTo(0.8, 12)
    expect(overallQuality({ columnShapes: 0.9, cardinality: null, interTable: 0.5 })).toBeCloseTo(0.7, 12) // 1.4 / 2
    expect(overallQuality({})).toBeNull()
  })
})

describe('properties', () => {
  const next = lcg(42)
  const sample = (n: number): number[] => Array.from({ length: n }, () => Math.floor(next() * 20))
  const categories = (n: number): string[] => sample(n).map((v) => `c${v % 6}`)
  const tally = (values: readonly string[]): Map<string, number> => {
    const map = new Map<string, number>()
    for (const v of values) map.set(v, (map.get(v) ?? 0) + 1)
    return map
  }
  const cases = Array.from({ length: 20 }, (_, i) => ({
    a: sample(5 + i * 3),
    b: sample(8 + i * 2),
    ca: categories(5 + i * 3),
    cb: categories(8 + i * 2),
  }))

  it('similarities are 1 on identical inputs', () => {
    for (const { a, ca } of cases) {
      const shuffled = [...a].reverse()
      expect(ksComplement(a, shuffled)).toBe(1)
      expect(cardinalityShapeSimilarity(a, shuffled)).toBe(1)
      expect(tvComplement(tally(ca), tally([...ca].reverse()))).toBeCloseTo(1, 12)
      const pairs = countPairs(ca, a.map(String))
      expect(contingencySimilarity(pairs, [...pairs].reverse())).toBeCloseTo(1, 12)
      expect(correlationSimilarity(pearson(a, a)!, pearson(a, a)!)).toBe(1)
    }
  })

  it('similarities and distances are symmetric', () => {
    for (const { a, b, ca, cb } of cases) {
      expect(ksComplement(a, b)).toBe(ksComplement(b, a))
      expect(tvComplement(tally(ca), tally(cb))).toBeCloseTo(tvComplement(tally(cb), tally(ca)), 12)
      const pa = countPairs(ca, a.map(String))
      const pb = countPairs(cb, b.map(String))
      expect(contingencySimilarity(pa, pb)).toBeCloseTo(contingencySimilarity(pb, pa), 12)
      const n = Math.min(a.length, b.length)
      const x = a.slice(0, n)
      const y = b.slice(0, n)
      expect(pearson(x, y)).toBe(pearson(y, x))
      expect(spearman(x, y)).toBe(spearman(y, x))
      expect(correlationSimilarity(0.3, a[0]! / 20)).toBe(correlationSimilarity(a[0]! / 20, 0.3))
      const rows = (v: number[], c: string[]): MixedRow[] =>
        v.slice(0, 4).map((value, i) => [value, c[i] ?? null])
      const encoding = rowEncoding([...rows(a, ca), ...rows(b, cb)])
      for (const [i, row] of rows(a, ca).entries()) {
        const other = rows(b, cb)[i]!
        expect(rowDistance(row, other, encoding)).toBe(rowDistance(other, row, encoding))
      }
    }
  })

  it('scores stay within [0, 1]', () => {
    for (const { a, b, ca, cb } of cases) {
      for (const score of [ksComplement(a, b), tvComplement(tally(ca), tally(cb))]) {
        expect(score).toBeGreaterThanOrEqual(0)
        expect(score).toBeLessThanOrEqual(1)
      }
    }
  })

  it('distance metrics handle a few thousand rows', () => {
    const rows = (n: number): MixedRow[] =>
      Array.from({ length: n }, () => [
        next() * 100,
        `c${Math.floor(next() * 5)}`,
        next() < 0.1 ? null : next(),
      ])
    const train = rows(2000)
    const holdout = rows(2000)
    const twin = rows(2000)
    const encoding = rowEncoding([...train, ...holdout])
    // the twin is drawn like both halves: no side is favoured
    expect(membershipAuc(twin, train, holdout, encoding)!).toBeCloseTo(0.5, 1)
  })
})

describe('column qualities of empty and far-off columns', () => {
  it('labels no bins for a time column whose source table is empty, and keeps dates a Date cannot hold', () => {
    const [empty, far] = columnQualities([
      { name: 'at', kind: 'time', real: [], twin: [1.7e9] },
      { name: 'far', kind: 'time', real: [0, 1.7e9, 9.2e12], twin: [0] },
    ])
    expect(empty!.histogram).toEqual({ bins: [], real: [], twin: [] })
    expect(far!.histogram.bins[0]).toMatch(/^1970-01-01–/)
    expect(far!.histogram.bins.at(-1)).toMatch(/–9200000000000$/)
  })
})
