import { describe, expect, it } from 'vitest'
import { boundedSampler, legalFallback } from '../../src/generate/check-guard.js'
import type { ColumnSampler } from '../../src/generate/column-sampler.js'
import type { ColumnModel } from '../../src/model/model.js'
import { seededRandom } from '../../src/random/seeded-random.js'
import { tableChecks, type ColumnBounds } from '../../src/schema/check-bounds.js'
import { evaluateCheck } from '../../src/schema/check-evaluation.js'
import { isFullyParsed, parseCheck } from '../../src/schema/check-expression.js'
import { textFromPattern } from '../../src/schema/pattern-text.js'
import type { Column, Table } from '../../src/schema/schema.js'

const row = (values: Record<string, unknown>) => (c: string) => values[c] as never

describe('CHECK expressions as PostgreSQL prints them', () => {
  const cases: [string, Record<string, unknown>, boolean | null][] = [
    ['((rating >= 1) AND (rating <= 5))', { rating: 0 }, false],
    ['((rating >= 1) AND (rating <= 5))', { rating: 5 }, true],
    ['((rating >= 1) AND (rating <= 5))', { rating: null }, null],
    ["(gender = ANY (ARRAY['M'::text, 'F'::text]))", { gender: 'X' }, false],
    [
      "((kind)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))",
      { kind: 'b' },
      true,
    ],
    ["(vote = ANY (ARRAY['-1'::integer, 0, 1]))", { vote: -1 }, true],
    ['(startdate < enddate)', { startdate: '2020-01-02', enddate: '2020-01-02' }, false],
    [
      "((payment_date >= '2007-01-01 00:00:00'::timestamp without time zone) AND (payment_date < '2007-02-01 00:00:00'::timestamp without time zone))",
      { payment_date: '2007-02-01 00:00:00+00' },
      false,
    ],
    ["(ssn ~ '^[0-9]{3}-[0-9]{2}-[0-9]{4}$'::text)", { ssn: 'ssn111e-0' }, false],
    ["(ssn ~ '^[0-9]{3}-[0-9]{2}-[0-9]{4}$'::text)", { ssn: '123-45-6789' }, true],
    ["((name)::text <> ''::text)", { name: '' }, false],
    ['(char_length((code)::text) = 3)', { code: 'abcd' }, false],
    ['((quantity IS NULL) OR (quantity > 0))', { quantity: 0 }, false],
    ['(price >= (0)::numeric)', { price: -1 }, false],
    ['(type <> ALL (ARRAY[2, 5, 6]))', { type: 5 }, false],
  ]
  for (const [text, values, expected] of cases) {
    it(`${text} on ${JSON.stringify(values)} is ${expected}`, () => {
      const expression = parseCheck(text, 'postgres')
      expect(isFullyParsed(expression)).toBe(true)
      expect(evaluateCheck(expression, row(values))).toBe(expected)
    })
  }

  it('keeps what it can read of a CHECK that calls a function, and cannot tell the rest', () => {
    const e = parseCheck(
      "(((name)::text <> ''::text) AND controlled_for_whitespace((name)::text))",
      'postgres',
    )
    expect(isFullyParsed(e)).toBe(false)
    expect(evaluateCheck(e, row({ name: '' }))).toBe(false)
    expect(evaluateCheck(e, row({ name: 'x' }))).toBeUndefined()
  })
})

describe('CHECK expressions as MariaDB prints them', () => {
  const cases: [string, Record<string, unknown>, boolean][] = [
    ['`rating` between 1 and 5', { rating: 6 }, false],
    ["`g` in ('M','F')", { g: 'm' }, false],
    ['`s` < `e`', { s: '2020-01-01', e: '2020-01-02' }, true],
    ["`ssn` regexp '^[0-9]{3}-[0-9]{2}-[0-9]{4}$'", { ssn: 'ssn111e-0' }, false],
    ["char_length(`name`) > 0 and `name` <> 'it\\'s'", { name: "it's" }, false],
  ]
  for (const [text, values, expected] of cases) {
    it(`${text} on ${JSON.stringify(values)} is ${expected}`, () => {
      const expression = parseCheck(text, 'mysql')
      expect(isFullyParsed(expression)).toBe(true)
      expect(evaluateCheck(expression, row(values))).toBe(expected)
    })
  }
})

describe('bounds generation draws within', () => {
  const column = (name: string, extra: Partial<Column> = {}): Column => ({
    name,
    nativeType: 'integer',
    type: 'integer',
    elementType: null,
    nullable: true,
    default: null,
    identity: null,
    generated: null,
    length: null,
    precision: null,
    scale: null,
    enumValues: null,
    enumType: null,
    comment: null,
    ...extra,
  })
  const table = (checks: string[], columns: Column[]): Table => ({
    schema: 'public',
    name: 't',
    columns,
    primaryKey: null,
    uniques: [],
    foreignKeys: [],
    checks: checks.map((expression, i) => ({ name: `c${i}`, expression })),
    estimatedRows: 0,
    comment: null,
    partitions: [],
  })

  it('reads ranges, lists, column orderings and domain checks', () => {
    const checks = tableChecks(
      table(
        [
          '((rating >= 1) AND (rating <= 5))',
          "(g = ANY (ARRAY['M'::text, 'F'::text]))",
          '(enddate > startdate)',
        ],
        [
          column('rating'),
          column('g'),
          column('startdate'),
          column('enddate'),
          column('release_year', {
            domainChecks: [{ name: 'year_check', expression: '((VALUE >= 1901) AND (VALUE <= 2155))' }],
          }),
        ],
      ),
      'postgres',
    )
    expect(checks.columns.get('rating')).toMatchObject({
      low: { value: 1, strict: false },
      high: { value: 5 },
    })
    expect(checks.columns.get('g')?.values).toEqual(['M', 'F'])
    expect(checks.comparisons).toEqual([{ left: 'startdate', op: '<', right: 'enddate' }])
    expect(checks.columns.get('release_year')).toMatchObject({ low: { value: 1901 }, high: { value: 2155 } })
  })
})

describe('texts drawn from a CHECK pattern', () => {
  for (const pattern of [
    '^[0-9]{3}-[0-9]{2}-[0-9]{4}$',
    '^\\d{15}[\\dX]$',
    '^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$',
    '^T-?\\d{3}\\.?\\d{3}\\.?\\d{3}[-.]?\\d$',
    '^(ab|cd)+x?$',
    '^[[:upper:]]{2}$',
  ]) {
    it(`match ${pattern}`, () => {
      for (let i = 0; i < 20; i++) {
        const text = textFromPattern(pattern, seededRandom('pattern', i))
        expect(text).not.toBeNull()
        expect(new RegExp(pattern.replace('[[:upper:]]', '[A-Z]')).test(text!)).toBe(true)
      }
    })
  }
})

describe('samplers kept inside CHECK bounds', () => {
  const numeric = (draws: number[], digits: number): ColumnSampler => {
    let i = 0
    return {
      draw: () => draws[i++ % draws.length]!,
      format: (v) => Math.round(Number(v) * 10 ** digits) / 10 ** digits,
      grid: { unit: 1, digits },
    }
  }
  const learned: ColumnModel = {
    name: 'x',
    nullFraction: 0,
    kind: 'numeric',
    integer: true,
    quantiles: [0, 1],
    min: 0,
    max: 1,
    distinctRatio: 1,
    unique: false,
  }
  const bounds = (extra: Partial<ColumnBounds>): ColumnBounds => ({
    low: null,
    high: null,
    values: null,
    excluded: [],
    patterns: [],
    minLength: null,
    maxLength: null,
    ...extra,
  })
  const random = seededRandom('bounds')

  it('clamps as the column writes: 4.7 is written 5, which `< 5` refuses, so 4; 0.04 under `> 0` is 0.1', () => {
    const integer = boundedSampler(
      numeric([4.7, -3, 2.2], 0),
      bounds({ high: { value: 5, strict: true }, low: { value: 1, strict: false } }),
      learned,
    )
    expect([0, 1, 2].map(() => integer.format(integer.draw(0.5, random)!))).toEqual(
      [4, 1, 2.2].map(Math.round),
    )
    const decimal = boundedSampler(
      numeric([0.04, 99.96], 1),
      bounds({ low: { value: 0, strict: true }, high: { value: 100, strict: true } }),
      learned,
    )
    expect([0, 1].map(() => decimal.format(decimal.draw(0.5, random)!))).toEqual([0.1, 99.9])
  })

  it('draws a declared value where the learned one is outside the list', () => {
    const sampler = boundedSampler(
      { draw: () => 'free text', format: (v) => String(v) },
      bounds({ values: ['M', 'F', 'X'] }),
      { name: 'g', nullFraction: 0, kind: 'categorical', categories: [], suppressedFraction: 1 },
    )
    expect(['M', 'F', 'X']).toContain(sampler.draw(0.5, random))
  })

  it('falls back to a value the CHECK accepts, not the type zero', () => {
    const column = { type: 'integer', scale: null, nullable: false } as Column
    expect(
      legalFallback(
        column,
        bounds({ low: { value: 1, strict: false }, high: { value: 5, strict: false } }),
        random,
      ),
    ).toBe(1)
    expect(legalFallback(column, bounds({ low: { value: 0, strict: true } }), random)).toBe(1)
    expect(legalFallback({ ...column, type: 'varchar' }, bounds({ minLength: 3 }), random)).toBe('xxx')
  })
})
