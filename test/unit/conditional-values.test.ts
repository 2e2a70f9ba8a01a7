import { describe, expect, it } from 'vitest'
import { derivedValues } from '../../src/generate/derived-values.js'
import type { ColumnSampler } from '../../src/generate/column-sampler.js'
import { findDifferences } from '../../src/model/differences.js'
import { dependencyPairs, findDependencies } from '../../src/model/functional-dependencies.js'
import { QUANTILE_LEVELS, type TableModel } from '../../src/model/model.js'
import { correlationRatio, numericGivenCategory, withinCellRanks } from '../../src/model/numeric-cells.js'
import type { Column } from '../../src/schema/schema.js'

const repeat = <T>(values: readonly T[], times: number) => Array.from({ length: times }, () => values).flat()
const MEDIAN = QUANTILE_LEVELS.indexOf(0.5)

/** 200 lab results: four tests, each with its own range, unit and a rare fifth test seen twice. */
function labSample() {
  const tests = [...repeat(['hemoglobin', 'glucose', 'creatinine', 'potassium'], 50), 'rare', 'rare']
  const centre: Record<string, number> = {
    hemoglobin: 14.5,
    glucose: 100,
    creatinine: 1,
    potassium: 4,
    rare: 50,
  }
  const unit: Record<string, string> = {
    hemoglobin: 'g/dL',
    glucose: 'mg/dL',
    creatinine: 'mg/dL',
    potassium: 'mmol/L',
    rare: 'U/L',
  }
  return {
    tests,
    values: tests.map((t, i) => centre[t]! * (1 + ((i % 7) - 3) / 30)),
    units: tests.map((t) => unit[t]!),
    // Independent of the test: the tests cycle every four rows, the shelves every eight.
    shelf: tests.map((_, i) => ['A', 'B'][Math.floor(i / 4) % 2]!),
  }
}

describe('numbers given a category', () => {
  it('measures the share of variance a category explains (η²), leaving out categories seen too rarely', () => {
    expect(correlationRatio(['a', 'a', 'b', 'b'], [1, 1, 5, 5], 1)).toBe(1)
    const { tests, values, shelf } = labSample()
    expect(correlationRatio(tests, values, 5)).toBeGreaterThan(0.95)
    expect(correlationRatio(shelf, values, 5)).toBeLessThan(0.05)
    // One category alone explains nothing; nulls are left out.
    expect(correlationRatio(['a', 'a', null], [1, 2, 3], 1)).toBe(0)
  })

  it('keeps a cell per released category value with minCount numbers, and none where no category explains them', () => {
    const { tests, values, shelf } = labSample()
    const released = new Map(['hemoglobin', 'glucose', 'creatinine', 'rare'].map((t) => [t, t]))
    const found = numericGivenCategory(
      [
        { name: 'result', values },
        { name: 'noise', values: values.map((_, i) => (i * 37) % 101) },
      ],
      [
        {
          name: 'shelf',
          values: shelf,
          released: new Map([
            ['A', 'A'],
            ['B', 'B'],
          ]),
        },
        { name: 'test', values: tests, released },
      ],
      5,
    )
    expect(found.map((f) => [f.column, f.given])).toEqual([['result', 'test']])
    // potassium is not released by its column; 'rare' has two numbers, fewer than minCount.
    expect(found[0]!.cells.map((c) => c.value)).toEqual(['creatinine', 'glucose', 'hemoglobin'])
    const glucose = found[0]!.cells.find((c) => c.value === 'glucose')!
    expect(glucose.quantiles[MEDIAN]).toBeCloseTo(100, 0)
    expect(glucose.quantiles[0]).toBeGreaterThan(85)
  })

  it('ranks each number within its own cell, for the copula', () => {
    const ranks = withinCellRanks(['a', 'a', 'b', 'b', 'b', null], [10, 20, 1, 3, 2, 7], new Set(['a', 'b']))
    expect(ranks).toEqual([1 / 3, 2 / 3, 1 / 4, 3 / 4, 2 / 4, 1 / 2])
  })
})

describe('functional dependencies', () => {
  it('finds test → unit, and neither the reverse (one unit, two tests) nor a column unrelated', () => {
    const { tests, units, shelf } = labSample()
    const found = findDependencies(
      [
        { name: 'test', values: tests },
        { name: 'unit', values: units },
        { name: 'shelf', values: shelf },
      ],
      5,
    )
    expect(found).toEqual([{ determinant: 'test', dependent: 'unit' }])
  })

  it('takes the coarsest determinant, orders a chain, and leaves a dependent set where the determinant is NULL to conditionals', () => {
    const city = repeat(['Paris', 'Lyon', 'Berlin', 'Munich', 'Rome'], 20)
    const country = city.map((c) => ({ Paris: 'FR', Lyon: 'FR', Berlin: 'DE', Munich: 'DE', Rome: 'IT' })[c]!)
    const currency = country.map((c) => (c === 'FR' || c === 'DE' || c === 'IT' ? 'EUR' : 'X'))
    const language = country.map((c) => ({ FR: 'fr', DE: 'de', IT: 'it' })[c]!)
    const found = findDependencies(
      [
        { name: 'language', values: language },
        { name: 'country', values: country },
        { name: 'city', values: city },
        { name: 'currency', values: currency },
      ],
      5,
    )
    // currency takes one value: nothing to keep. country and language determine each other: one direction only.
    expect(found).toEqual([
      { determinant: 'city', dependent: 'country' },
      { determinant: 'country', dependent: 'language' },
    ])
    const state = city.map((c, i) => (i % 10 === 0 ? null : c))
    expect(
      findDependencies(
        [
          { name: 'state', values: state },
          { name: 'country', values: country },
        ],
        5,
      ),
    ).toEqual([])
  })

  it('releases a pair only when both values are released, counted minCount times, and without a rival', () => {
    const pairs = dependencyPairs(
      [
        { given: 'hemoglobin', value: 'g/dL', count: 40 },
        { given: 'glucose', value: 'mg/dL', count: 30 },
        { given: 'glucose', value: 'mmol/L', count: 6 },
        { given: 'sodium', value: 'mmol/L', count: 3 },
        { given: 'secret', value: 'U/L', count: 20 },
        { given: null, value: 'g/dL', count: 9 },
      ],
      {
        determinant: new Set(['hemoglobin', 'glucose', 'sodium']),
        dependent: new Set(['g/dL', 'mg/dL', 'mmol/L']),
      },
      5,
    )
    expect(pairs).toEqual([{ value: 'hemoglobin', determined: 'g/dL' }])
  })
})

describe('differences', () => {
  it('takes the earlier column that bounds the later most tightly, and sketches the difference', () => {
    const n = 200
    const born = Array.from({ length: n }, (_, i) => i * 1000)
    const admitted = born.map((b, i) => b + 1_000_000 + ((i * 7919) % 5000))
    const discharged = admitted.map((a, i) => a + 3600 * (1 + (i % 10)))
    const columns: Record<string, (number | null)[]> = { born, admitted, discharged }
    const found = findDifferences(
      [
        { left: 'born', op: '<', right: 'admitted' },
        { left: 'born', op: '<', right: 'discharged' },
        { left: 'admitted', op: '<', right: 'discharged' },
      ],
      (name) => columns[name]!,
      5,
    )
    expect(found.map((d) => [d.from, d.to])).toEqual([
      ['born', 'admitted'],
      ['admitted', 'discharged'],
    ])
    const stay = found[1]!.quantiles
    expect(stay[0]).toBe(3600)
    expect(stay.at(-1)).toBe(36_000)
  })

  it('writes a sentinel end as it is, however few rows hold it, and not a common end inside the range', () => {
    const day = 86_400
    const n = 400
    const from = Array.from({ length: n }, (_, i) => i * 10 * day)
    // 1 row in 12 is still open (year 9999, as employee's salaries); the others end within a year.
    const open = 253_370_764_800
    const to = from.map((f, i) => (i % 12 === 0 ? open : f + (1 + (i % 365)) * day))
    const [sentinel] = findDifferences(
      [{ left: 'from', op: '<', right: 'to' }],
      (c) => (c === 'from' ? from : to),
      5,
    )
    expect(sentinel!.fixed).toEqual({ value: open, share: 0.085 })
    expect(sentinel!.quantiles.at(-1)).toBeLessThanOrEqual(365 * day)

    // The same share of one end date inside the others' range is only a common value, drawn as a difference.
    const inside = from.map((f, i) => (i % 12 === 0 ? 2000 * day : f + (1 + (i % 365)) * day))
    const [plain] = findDifferences(
      [{ left: 'from', op: '<', right: 'to' }],
      (c) => (c === 'from' ? from : inside),
      5,
    )
    expect(plain!.fixed).toBeUndefined()

    // Lab reference ranges: the most common upper end (hemoglobin's, 15% of rows) lies among the others, so it is
    // no open end; given it, glucose's rows (the largest differences) were written with hemoglobin's upper end.
    const tests = [
      { low: 0.005, high: 0.035 },
      { low: 12.55, high: 16.45 },
      { low: 12.55, high: 16.45 },
      { low: 0.65, high: 1.25 },
      { low: 3.675, high: 4.725 },
      { low: 0.8, high: 3.2 },
      { low: 77.5, high: 122.5 },
    ]
    const rows = Array.from({ length: 210 }, (_, i) => tests[i % tests.length]!)
    const [range] = findDifferences(
      [{ left: 'ref_low', op: '<', right: 'ref_high' }],
      (c) => rows.map((r) => (c === 'ref_low' ? r.low : r.high)),
      5,
    )
    expect(range!.fixed).toBeUndefined()
    expect(range!.quantiles.at(-1)).toBeCloseTo(45)
  })
})

describe('derived values in a generated row', () => {
  const column = (name: string): Column => ({ name }) as Column
  const sampler = (unit: number): ColumnSampler => ({
    draw: () => 0,
    format: (v) => v as number,
    grid: { unit, digits: 0 },
  })
  const flat = (v: number) => QUANTILE_LEVELS.map(() => v)
  const model = {
    functionalDependencies: [
      { determinant: 'test', dependent: 'unit', pairs: [{ value: 'glucose', determined: 'mg/dL' }] },
    ],
    numericCells: [
      {
        column: 'result',
        given: 'test',
        eta2: 0.9,
        cells: [{ value: 'glucose', quantiles: QUANTILE_LEVELS.map((l) => 80 + 40 * l) }],
      },
    ],
    // No learned quantiles of the later column: nothing bounds a difference's end.
    columns: [],
    differences: [{ from: 'admitted_on', to: 'discharged_at', quantiles: flat(7200) }],
  } as unknown as TableModel
  const columns = ['test', 'unit', 'result', 'admitted_on', 'discharged_at'].map(column)
  const derive = derivedValues(model, columns, (i) => (i === 3 ? sampler(86_400) : sampler(1)))!
  const uniforms = Float64Array.from([0.5, 0.5, 0.5, 0.5, 0.5])

  it('sets the unit from the test, the result from its cell, and the discharge a drawn difference after admission', () => {
    const row: unknown[] = ['glucose', 'g/dL', 3.1, 20_000, 5]
    derive(row, uniforms)
    // The admission is a date, drawn in days; the discharge a timestamp, in seconds.
    expect(row).toEqual(['glucose', 'mg/dL', 100, 20_000, 20_000 * 86_400 + 7200])
  })

  it('keeps NULLs drawn, and the drawn values where the category has no cell or pair', () => {
    const row: unknown[] = ['sodium', 'mmol/L', 3.1, null, null]
    derive(row, uniforms)
    expect(row).toEqual(['sodium', 'mmol/L', 3.1, null, null])
    const open: unknown[] = ['glucose', null, null, 20_000, null]
    derive(open, uniforms)
    expect(open).toEqual(['glucose', null, null, 20_000, null])
  })
})
