import { describe, expect, it } from 'vitest'
import {
  childrenAt,
  childrenCounts,
  childrenCountsByState,
  countsByRank,
} from '../../src/generate/children-counts.js'
import { ParentDeal } from '../../src/generate/parent-deal.js'
import { seededRandom } from '../../src/random/seeded-random.js'

const uniform = (n: number, seed: number) => {
  const random = seededRandom(seed, 'tilt')
  return Float64Array.from({ length: n }, () => random.next())
}
const sum = (counts: Int32Array) => counts.reduce((a, b) => a + b, 0)

describe('childrenCounts', () => {
  const storesWithItems = [
    { children: 0, frequency: 0.99 },
    { children: 916, frequency: 0.01 },
  ]

  it('gives the share of parents with each count exactly, zero included', () => {
    const counts = countsByRank(storesWithItems, uniform(500, 1))
    expect(counts.filter((c) => c === 916).length).toBe(5)
    expect(counts.filter((c) => c === 0).length).toBe(495)
  })

  it('finds the count at a quantile as a walk over the running sums does, on the sums themselves too', () => {
    const histogram = [
      { children: 0, frequency: 0.1 },
      { children: 1, frequency: 0.2 },
      { children: 2, frequency: 0 },
      { children: 3, frequency: 0.3 },
      { children: 7, frequency: 0.3 },
    ]
    const walk = (u: number) => {
      let cumulative = 0
      for (const bin of histogram) if (u <= (cumulative += bin.frequency)) return bin.children
      return 7
    }
    const sums = [0.1, 0.1 + 0.2, 0.1 + 0.2 + 0, 0.1 + 0.2 + 0 + 0.3, 0.1 + 0.2 + 0 + 0.3 + 0.3]
    const at = childrenAt(histogram)
    for (const u of [0, 1e-9, ...sums, ...sums.map((s) => s + 1e-12), 0.95, 1])
      expect(at(u), String(u)).toBe(walk(u))
    expect(childrenAt([])(0.5)).toBe(0)
  })

  it('stretches the counts to the total, leaving parents without children without', () => {
    for (const total of [4581, 4000, 5000]) {
      const counts = childrenCounts(storesWithItems, uniform(500, 2), total, false, seededRandom(2))
      expect(sum(counts)).toBe(total)
      expect(counts.filter((c) => c > 0).length).toBe(5)
    }
  })

  it('gives a unique key one child at the highest-ranked parents', () => {
    const tilt = Float64Array.from([0.5, 0.9, 0.1, 0.7])
    const half = [{ children: 1, frequency: 1 }]
    expect([...childrenCounts(half, tilt, 2, true, seededRandom(3))]).toEqual([0, 1, 0, 1])
    expect(sum(childrenCounts(half, tilt, 9, true, seededRandom(3)))).toBe(4)
  })
})

describe('ParentDeal', () => {
  it('deals each parent exactly its count, then deals the deck again', () => {
    const deal = new ParentDeal(Int32Array.from([2, 0, 3, 1]))
    const random = seededRandom(4)
    const dealt = [0, 0, 0, 0]
    for (let i = 0; i < 12; i++) {
      const parent = deal.draw(random)
      deal.take(parent)
      dealt[parent]!++
    }
    expect(dealt).toEqual([4, 0, 6, 2])
  })
})

describe('childrenCountsByState', () => {
  // Claims: a paid one has 1 or 2 payments, the others none (issue 18.3).
  const states = new Map([
    [
      'paid',
      {
        childless: false,
        histogram: [
          { children: 1, frequency: 0.8 },
          { children: 2, frequency: 0.2 },
        ],
      },
    ],
    ['denied', { childless: true, histogram: [{ children: 0, frequency: 1 }] }],
  ])
  const stateOf = (p: number) => (p % 3 === 0 ? 'denied' : 'paid')

  it('gives no child to a parent of a childless state, whatever the total', () => {
    for (const total of [100, 40, 400]) {
      const counts = childrenCountsByState([], states, stateOf, uniform(90, 3), total, false, seededRandom(3))
      expect(sum(counts)).toBe(total)
      expect(counts.filter((_, p) => stateOf(p) === 'denied' && counts[p]! > 0).length).toBe(0)
    }
    const paid = childrenCountsByState([], states, stateOf, uniform(90, 4), 72, false, seededRandom(4))
    // 60 paid claims: 48 with one payment and 12 with two, as their histogram says.
    expect([1, 2].map((n) => paid.filter((c) => c === n).length)).toEqual([48, 12])
  })

  it('gives no child to a parent another rule on the same key bars', () => {
    const barred = (p: number) => p % 5 === 0
    const counts = childrenCountsByState(
      [],
      states,
      stateOf,
      uniform(90, 6),
      100,
      false,
      seededRandom(6),
      barred,
    )
    expect(sum(counts)).toBe(100)
    expect(counts.filter((c, p) => c > 0 && (barred(p) || stateOf(p) === 'denied')).length).toBe(0)
  })

  it('hands one child each to open parents only for a unique key', () => {
    const counts = childrenCountsByState([], states, stateOf, uniform(90, 5), 200, true, seededRandom(5))
    expect(sum(counts)).toBe(60)
    expect(counts.every((c, p) => stateOf(p) === 'paid' || c === 0)).toBe(true)
  })
})
