import { describe, expect, it } from 'vitest'
import { cardinalityShapeSimilarity } from '../../src/report/metrics/cardinality.js'
import { overallQuality } from '../../src/report/metrics/scores.js'
import type { TableQuality } from '../../src/report/report.js'
import {
  columnQualities,
  interTableQualities,
  pairQualities,
  qualityParts,
} from '../../src/report/table-quality.js'
import type { ComparedColumn } from '../../src/report/table-samples.js'

/**
 * SDMetrics' quality report worked out by hand on two tiny tables, from its published definitions
 * (docs.sdv.dev/sdmetrics: KSComplement, TVComplement, CorrelationSimilarity, ContingencySimilarity,
 * CardinalityShapeSimilarity, and the quality report's four properties).
 *
 *   customers (real)      customers (twin)      orders (real)          orders (twin)
 *   id tier age           id tier age           id customer amount     id customer amount
 *   1  a    10            1  a    10            1  1        5          1  1        5
 *   2  a    20            2  b    20            2  1        15         2  2        10
 *   3  b    30            3  b    30            3  3        25         3  3        25
 *   4  b    40            4  b    40            4  4        35         4  4        40
 *
 * Keys (id, customer) are SDMetrics' `id` columns: left out of shapes and pairs.
 */
const column = (
  name: string,
  kind: ComparedColumn['kind'],
  real: ComparedColumn['real'],
  twin: ComparedColumn['twin'],
): ComparedColumn => ({ name, kind, real, twin })

const tier = column('tier', 'category', ['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b'])
const age = column('age', 'number', [10, 20, 30, 40], [10, 20, 30, 40])
const amount = column('amount', 'number', [5, 15, 25, 35], [5, 10, 25, 40])
// The orders joined to their customers (one row per order): the denormalized table of the relationship.
const joinedTier = column('tier', 'category', ['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b'])
const joinedAge = column('age', 'number', [10, 10, 30, 40], [10, 20, 30, 40])

const table = (name: string, columns: ComparedColumn[], extra: Partial<TableQuality> = {}): TableQuality => ({
  table: name,
  rows: { real: 4, twin: 4 },
  sampled: { real: 4, twin: 4 },
  columns: columnQualities(columns),
  pairs: pairQualities(columns),
  correlation: null,
  cardinality: [],
  interTable: [],
  detection: null,
  ...extra,
})

describe("SDMetrics' quality properties, by hand", () => {
  const customers = table('s.customers', [tier, age])
  // Children per customer: real [2, 0, 1, 1], twin [1, 1, 1, 1].
  const cardinality = cardinalityShapeSimilarity([2, 0, 1, 1], [1, 1, 1, 1])
  const orders = table('s.orders', [amount], {
    cardinality: [{ foreignKey: 'fk', parent: 's.customers', score: cardinality, real: [], twin: [] }],
    interTable: interTableQualities('fk', [joinedTier, joinedAge], [amount]),
  })

  it('column shapes: TVComplement for categories, KSComplement for numbers', () => {
    // tier: real {a .5, b .5}, twin {a .25, b .75}: 1 − ½(.25 + .25) = 0.75.
    expect(customers.columns.find((c) => c.column === 'tier')!.shape).toBe(0.75)
    // age: the same values on both sides: D = 0 → 1.
    expect(customers.columns.find((c) => c.column === 'age')!.shape).toBe(1)
    // amount: ECDFs at 10 are real .25 / twin .5, at 35 real 1 / twin .75: D = .25 → 0.75.
    expect(orders.columns[0]!.shape).toBe(0.75)
  })

  it('column pair trends: contingency with the number cut into 10 equal-width bins over the real values', () => {
    // age over [10, 40] in bins of 3: 10 → 0, 20 → 3, 30 → 6, 40 → 9 on both sides.
    // real (a,0) (a,3) (b,6) (b,9); twin (a,0) (b,3) (b,6) (b,9), a quarter each: (a,3) and (b,3) differ by
    // .25 each → 1 − ½·.5 = 0.75.
    expect(customers.pairs).toEqual([
      { a: 'tier', b: 'age', metric: 'contingency', real: null, twin: null, score: 0.75 },
    ])
    expect(orders.pairs).toEqual([])
  })

  it('cardinality: KSComplement of the children per parent, childless parents as 0', () => {
    // real 0,1,1,2 against twin 1,1,1,1: at 0 the ECDFs are .25 / 0, at 1 .75 / 1: D = .25 → 0.75.
    expect(cardinality).toBe(0.75)
  })

  it('inter-table trends: every parent column × every child column on the joined rows', () => {
    const byPair = Object.fromEntries(orders.interTable.map((t) => [`${t.parentColumn}×${t.childColumn}`, t]))
    // tier × amount: amount over [5, 35] in bins of 3: real 5→0, 15→3, 25→6, 35→9; twin 5→0, 10→1, 25→6,
    // 40→9 (past the last real edge: the last bin). real (a,0) (a,3) (b,6) (b,9); twin (a,0) (b,1) (b,6) (b,9):
    // (a,3) and (b,1) differ by .25 each → 0.75.
    expect(byPair['tier×amount']).toMatchObject({ metric: 'contingency', score: 0.75 })
    // age × amount, Pearson. Real: deviations (−12.5, −12.5, 7.5, 17.5) and (−15, −5, 5, 15): cov 550, var 675
    // and 500 → r = 550 / √337,500 = 0.946729. Twin: (−15, −5, 5, 15) and (−15, −10, 5, 20): cov 600, var 500
    // and 750 → r = 600 / √375,000 = 0.979796. Score 1 − |0.946729 − 0.979796| / 2 = 0.983467.
    expect(byPair['age×amount']).toMatchObject({
      metric: 'correlation',
      real: 0.9467,
      twin: 0.9798,
      score: 0.9835,
    })
  })

  it('the score is the mean of the four properties; null rates sit beside it', () => {
    const { parts, extras } = qualityParts([customers, orders])
    // Shapes (.75 + 1 + .75) / 3 = 0.833333; pairs 0.75; cardinality 0.75; inter-table (.75 + .9835) / 2.
    expect(parts.columnShapes).toBeCloseTo(2.5 / 3, 4)
    expect(parts.columnPairs).toBe(0.75)
    expect(parts.cardinality).toBe(0.75)
    expect(parts.interTable).toBeCloseTo((0.75 + 0.9835) / 2, 4)
    // (0.833333 + 0.75 + 0.75 + 0.866733) / 4 = 0.800017
    expect(overallQuality(parts)).toBeCloseTo(0.800017, 4)
    expect(extras).toEqual({
      nullRates: 1,
      textLengths: null,
      jsonStructure: null,
      detection: null,
      textTokens: null,
      categoryValues: null,
    })
  })

  it('pairs every column of a wide table, thinning rows instead of columns', () => {
    const wide = Array.from({ length: 40 }, (_, i) =>
      column(
        `c${i}`,
        i % 2 === 0 ? 'number' : 'category',
        Array.from({ length: 5000 }, (_, r) => (i % 2 === 0 ? (r * (i + 1)) % 97 : `v${(r + i) % 5}`)),
        Array.from({ length: 5000 }, (_, r) => (i % 2 === 0 ? (r * (i + 1)) % 97 : `v${(r + i) % 5}`)),
      ),
    )
    const pairs = pairQualities(wide)
    expect(pairs).toHaveLength((40 * 39) / 2)
    expect(pairs.every((p) => p.score === 1)).toBe(true)
  })

  // Found by bench/sdmetrics-check.py, which recomputes the properties from the documentation on pagila's twin.
  it('leaves out a relationship with no real joined rows; a twin with none scores 0 where the source has some', () => {
    // pagila's film.original_language_id is never set: no joined rows on either side, nothing to compare (it
    // scored 1 for every contingency pair).
    const none = (name: string, kind: ComparedColumn['kind']) => column(name, kind, [], [])
    expect(interTableQualities('fk', [none('last_update', 'time')], [none('rating', 'category')])).toEqual([])
    // Real rows, no twin rows: tier × amount as above, but the twin side is empty → TVComplement of nothing = 0.
    const lost = column('amount', 'number', [5, 15, 25, 35], [])
    const emptyTier = column('tier', 'category', ['a', 'a', 'b', 'b'], [])
    expect(interTableQualities('fk', [emptyTier], [lost])).toMatchObject([
      { metric: 'contingency', score: 0 },
    ])
  })

  it('keeps JSON out of column shapes: SDMetrics has no metric for it, so its path score sits beside the score', () => {
    const documents: TableQuality = {
      ...table('s.documents', [age]),
      columns: [
        ...columnQualities([age]),
        {
          column: 'body',
          kind: 'json',
          shape: 0.2,
          nullRate: { real: 0, twin: 0 },
          nullScore: 1,
          histogram: { bins: [], real: [], twin: [] },
          realism: null,
        },
      ],
    }
    const { parts, extras } = qualityParts([documents])
    expect(parts.columnShapes).toBe(1)
    expect(extras.jsonStructure).toBe(0.2)
  })
})
