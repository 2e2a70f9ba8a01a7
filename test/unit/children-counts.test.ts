import { describe, expect, it } from 'vitest'
import { childrenCounts, countsByRank } from '../../src/generate/children-counts.js'
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
