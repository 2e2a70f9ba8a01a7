import { describe, expect, it } from 'vitest'
import {
  conditionalCells,
  cramersV,
  cramersVOfCounts,
  dependentPairs,
} from '../../src/model/category-pairs.js'

const repeat = <T>(values: readonly T[], times: number) => Array.from({ length: times }, () => values).flat()

describe("Cramér's V", () => {
  it('is 1 when one column determines the other and near 0 when they are independent', () => {
    const states = repeat(['NY', 'CA', 'TX', 'ON', 'QC'], 40)
    const countries = states.map((s) => (s === 'ON' || s === 'QC' ? 'CA-country' : 'US'))
    expect(cramersV(states, countries)).toBeGreaterThan(0.98)
    const flags = states.map((_, i) => (Math.floor(i / 5) % 2 === 0 ? 'yes' : 'no'))
    expect(cramersV(states, flags)).toBeLessThan(0.1)
  })

  it('leaves out rows where either is null, and is 0 for a single category', () => {
    expect(cramersV(['a', 'b', null, 'a', 'b'], ['x', 'y', 'x', 'x', 'y'])).toBeCloseTo(1, 6)
    expect(cramersV(['a', 'a', 'a'], ['x', 'y', 'z'])).toBe(0)
  })

  it('is the same from the counts of each pair, as a grouped query returns them; noise below zero counts as none', () => {
    const bands = repeat(['65+', '18-64', '18-64', '0-17'], 30)
    const coverage = bands.map((b, i) =>
      b === '65+' ? (i % 5 === 0 ? 'commercial' : 'medicare') : 'commercial',
    )
    const counts = new Map<string, { x: string; y: string; count: number }>()
    bands.forEach((x, i) => {
      const y = coverage[i]!
      const cell = counts.get(`${x}/${y}`) ?? counts.set(`${x}/${y}`, { x, y, count: 0 }).get(`${x}/${y}`)!
      cell.count++
    })
    const v = cramersV(bands, coverage)
    expect(v).toBeGreaterThan(0.7)
    expect(cramersVOfCounts([...counts.values()])).toBeCloseTo(v, 10)
    expect(cramersVOfCounts([...counts.values(), { x: '0-17', y: 'medicare', count: -3 }])).toBeCloseTo(v, 10)
  })
})

describe('dependent pairs', () => {
  it('conditions the column with fewer values on the one with more, once, and never in a chain', () => {
    const states = repeat(['NY', 'CA', 'TX', 'ON', 'QC', 'BC'], 30)
    const country = states.map((s) => (['ON', 'QC', 'BC'].includes(s) ? 'Canada' : 'USA'))
    const currency = country.map((c) => (c === 'Canada' ? 'CAD' : 'USD'))
    const pairs = dependentPairs([
      { name: 'state', values: states },
      { name: 'country', values: country },
      { name: 'currency', values: currency },
    ])
    // country ↔ currency is the strongest pair (V = 1 both ways) but currency cannot be given by a column that is
    // itself given: every conditioned column hangs off one that the copula draws.
    expect(pairs.every((p) => !pairs.some((q) => q.column === p.given))).toBe(true)
    expect(pairs.find((p) => p.column === 'country')?.given ?? 'state').toBe('state')
    expect(new Set(pairs.map((p) => p.column)).size).toBe(pairs.length)
  })
})

describe('conditional cells', () => {
  it('writes only cells counted at least minCount times, as frequencies within their given value', () => {
    const cells = conditionalCells(
      [
        { given: 'USA', value: 'NY', count: 30 },
        { given: 'USA', value: 'CA', count: 10 },
        { given: 'USA', value: 'XX', count: 2 },
        { given: 'Canada', value: 'ON', count: 4 },
        { given: null, value: 'Brazil', count: 12 },
        { given: null, value: 'Chile', count: 3 },
      ],
      5,
    )
    expect(cells).toEqual({
      cells: [
        {
          value: 'USA',
          categories: [
            { value: 'NY', frequency: 0.714286 },
            { value: 'CA', frequency: 0.238095 },
          ],
        },
      ],
      whenNull: [{ value: 'Brazil', frequency: 0.8 }],
    })
  })
})
