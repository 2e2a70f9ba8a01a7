import { describe, expect, it } from 'vitest'
import { DbtwinError } from '../../src/errors.js'
import { formatModelFile, parseModelFile } from '../../src/model/model-file.js'
import { QUANTILE_LEVELS, type Model } from '../../src/model/model.js'

function model(): Model {
  return {
    formatVersion: 1,
    madeBy: {
      tool: 'dbtwin',
      version: '0.1.0',
      learnedAt: '2026-01-01T00:00:00.000Z',
      source: { dialect: 'postgres', database: 'shop', fingerprint: '0123456789abcdef' },
      parameters: { sampleRows: 100, minCount: 5, epsilon: null, seed: 1, ruledColumns: [] },
    },
    privacy: { minCount: 5, differentialPrivacy: null },
    pii: [],
    schema: {
      formatVersion: 1,
      dialect: 'postgres',
      database: 'shop',
      schemas: ['public'],
      tables: [
        {
          schema: 'public',
          name: 'orders',
          columns: ['id', 'total', 'placed_at'].map((name) => ({
            name,
            nativeType: name === 'placed_at' ? 'date' : 'integer',
            type: name === 'placed_at' ? 'date' : 'integer',
            elementType: null,
            nullable: name !== 'id',
            default: null,
            identity: null,
            generated: null,
            length: null,
            precision: null,
            scale: null,
            enumValues: null,
            enumType: null,
            comment: null,
          })),
          primaryKey: { name: 'orders_pkey', columns: ['id'] },
          uniques: [],
          foreignKeys: [],
          checks: [],
          estimatedRows: 10,
          comment: null,
          partitions: [],
        },
      ],
      enums: [],
      objects: [],
      skipped: [],
    },
    tables: [
      {
        table: 'public.orders',
        rows: 10,
        sampledRows: 10,
        columns: [
          { name: 'id', nullFraction: 0, kind: 'key', role: 'primary-key' },
          {
            name: 'total',
            nullFraction: 0.1,
            kind: 'numeric',
            integer: true,
            quantiles: QUANTILE_LEVELS.map((l) => Math.round(10 + l * 90)),
            min: 10,
            max: 100,
            distinctRatio: 1,
            unique: false,
          },
          {
            name: 'placed_at',
            nullFraction: 0,
            kind: 'temporal',
            type: 'date',
            fractionDigits: 0,
            quantiles: QUANTILE_LEVELS.map(() => '2026-01-01'),
            min: '2026-01-01',
            max: '2026-01-01',
            distinctRatio: 0.1,
            unique: false,
          },
        ],
        copula: {
          columns: ['total', 'placed_at'],
          correlation: [
            [1, 0.2],
            [0.2, 1],
          ],
        },
        inequalities: [],
        conditionals: [],
        relations: [],
      },
    ],
  }
}

/** The message `model.yaml:<line>:<column>: <rest>` for some place: the place is asserted where it matters. */
function placed(rest: string): RegExp {
  return new RegExp(`^model\\.yaml:\\d+:\\d+: ${rest.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)
}

function failure(text: string): DbtwinError {
  try {
    parseModelFile(text, 'model.yaml')
  } catch (error) {
    if (error instanceof DbtwinError) return error as DbtwinError
    throw error
  }
  throw new Error('parsed without error')
}

describe('model files', () => {
  it('round-trip through YAML unchanged', () => {
    expect(parseModelFile(formatModelFile(model()), 'model.yaml')).toEqual(model())
  })

  it('read a model from before NaN and infinities were learned, and keep their shares once learned', () => {
    const old = formatModelFile(model())
    expect(old).not.toContain('specials')
    const total = parseModelFile(old, 'model.yaml').tables[0]!.columns[1]!
    expect(total.kind === 'numeric' && total.specials).toBeUndefined()
    const learned = model()
    const column = learned.tables[0]!.columns[1]!
    if (column.kind !== 'numeric') throw new Error('fixture changed')
    column.specials = [
      { value: 'NaN', frequency: 0.1 },
      { value: '-Infinity', frequency: 0.025 },
    ]
    expect(parseModelFile(formatModelFile(learned), 'model.yaml')).toEqual(learned)
  })

  it('refuse a NaN where a number belongs, naming its path', () => {
    const broken = model()
    const column = broken.tables[0]!.columns[1]!
    if (column.kind !== 'numeric') throw new Error('fixture changed')
    column.quantiles[3] = NaN
    expect(formatModelFile(broken)).toContain('.nan')
    expect(failure(formatModelFile(broken)).message).toMatch(
      /^model\.yaml:\d+:\d+: tables\.0\.columns\.1\.quantiles\.3: /,
    )
  })

  it('read numbers given a category, dependencies and differences, and refuse quantiles that decrease', () => {
    const derived = model()
    const table = derived.tables[0]!
    table.numericCells = [
      {
        column: 'total',
        given: 'placed_at',
        eta2: 0.5,
        cells: [{ value: 'x', quantiles: [...QUANTILE_LEVELS] }],
      },
    ]
    table.functionalDependencies = [
      { determinant: 'id', dependent: 'total', pairs: [{ value: 1, determined: 2 }] },
    ]
    table.differences = [{ from: 'total', to: 'placed_at', quantiles: QUANTILE_LEVELS.map((l) => l * 10) }]
    expect(parseModelFile(formatModelFile(derived), 'model.yaml')).toEqual(derived)
    table.differences[0]!.quantiles = QUANTILE_LEVELS.map((l) => -l)
    expect(failure(formatModelFile(derived)).message).toMatch(
      /^model\.yaml:\d+:\d+: tables\.0\.differences\.0\.quantiles: quantiles must never decrease/,
    )
  })

  it('refuse a model from a newer format, saying to upgrade', () => {
    const error = failure(formatModelFile({ ...model(), formatVersion: 2 as 1 }))
    expect(error.toLine()).toMatch(
      /^model\.yaml:\d+:\d+: formatVersion: the model is format 2, newer than this dbtwin reads \(1\)\. Fix: upgrade dbtwin/,
    )
  })

  it('name the line and column of broken YAML', () => {
    expect(failure('formatVersion: 1\ntables: [\n').message).toMatch(/^model\.yaml:\d+:\d+: /)
  })

  it('name every wrong field together, each at its line and column', () => {
    const broken = model()
    broken.tables[0]!.columns[1]!.nullFraction = 1.5
    broken.tables[0]!.sampledRows = -3
    const text = formatModelFile(broken)
    const place = (needle: string) => {
      const lines = text.split('\n')
      const line = lines.findIndex((l) => l.includes(needle))
      return `model.yaml:${line + 1}:${lines[line]!.indexOf(needle) + needle.indexOf(':') + 3}`
    }
    const error = failure(text)
    expect(error.message.split('\n')[0]).toBe('model.yaml: 2 problems')
    expect(error.message).toContain(`\n  ${place('nullFraction: 1.5')}: tables.0.columns.1.nullFraction: `)
    expect(error.message).toContain(`\n  ${place('sampledRows: -3')}: tables.0.sampledRows: `)
    expect(error.toLine().split('\n')[0]).toBe(
      'model.yaml: 2 problems. Fix: learn the model again with dbtwin learn <source-url> -o model.yaml',
    )
  })

  it('name the path of a field out of range', () => {
    const broken = model()
    broken.tables[0]!.columns[1]!.nullFraction = 1.5
    expect(failure(formatModelFile(broken)).message).toMatch(
      /^model\.yaml:\d+:\d+: tables\.0\.columns\.1\.nullFraction: /,
    )
  })

  it('name the path where a hand edit made the model contradict itself', () => {
    const wrongSize = model()
    wrongSize.tables[0]!.copula!.correlation = [[1]]
    expect(failure(formatModelFile(wrongSize)).message).toMatch(
      placed('tables.0.copula.correlation: must be 2×2, one row and column per copula column'),
    )
    const unknownColumn = model()
    unknownColumn.tables[0]!.inequalities = [{ left: 'total', op: '<', right: 'shipped_at' }]
    expect(failure(formatModelFile(unknownColumn)).message).toMatch(
      placed('tables.0.inequalities.0: "shipped_at" is not a column of public.orders'),
    )
    const unknownDifference = model()
    unknownDifference.tables[0]!.differences = [
      { from: 'placed_at', to: 'shipped_at', quantiles: QUANTILE_LEVELS.map(() => 3600) },
    ]
    expect(failure(formatModelFile(unknownDifference)).message).toMatch(
      placed('tables.0.differences.0: "shipped_at" is not a column of public.orders'),
    )
    const renamed = model()
    renamed.tables[0]!.table = 'public.order'
    expect(failure(formatModelFile(renamed)).message).toMatch(
      placed('tables.0.table: "public.order" is not a table of the schema'),
    )
  })

  it('read text words back, and refuse a word pair whose token the vocabulary does not release', () => {
    const withWords = model()
    const schemaColumns = withWords.schema.tables[0]!.columns
    schemaColumns.push({
      ...schemaColumns[0]!,
      name: 'note',
      nativeType: 'text',
      type: 'text',
      nullable: true,
    })
    const words = {
      vocabulary: [
        { token: 'Seen', frequency: 1 },
        { token: '.', frequency: 1 },
      ],
      pairs: [
        { after: '', token: 'Seen', frequency: 1 },
        { after: 'Seen', token: '.', frequency: 1 },
        { after: '.', token: '', frequency: 1 },
      ],
      lengths: [{ tokens: 2, frequency: 1 }],
    }
    withWords.tables[0]!.columns.push({
      name: 'note',
      nullFraction: 0,
      kind: 'text',
      categories: null,
      suppressedFraction: 0,
      lengths: [{ length: 5, frequency: 1 }],
      shapes: [],
      prefixes: [],
      distinctRatio: 0.1,
      unique: false,
      words,
    })
    expect(parseModelFile(formatModelFile(withWords), 'model.yaml')).toEqual(withWords)
    words.pairs.push({ after: 'Seen', token: ' Quarrington', frequency: 1 })
    expect(failure(formatModelFile(withWords)).message).toMatch(
      placed('tables.0.columns.3.words.pairs.3: " Quarrington" is not a token of the vocabulary'),
    )
  })

  it('read a model from before invariants were learned, and refuse an invariant walking a key the table lacks', () => {
    expect(formatModelFile(model())).not.toContain('invariants')
    expect(parseModelFile(formatModelFile(model()), 'model.yaml').invariants).toBeUndefined()
    const sequence = model()
    sequence.invariants = [
      {
        kind: 'sequence',
        table: 'public.orders',
        column: 'total',
        foreignKey: 'orders_customer_fk',
        rows: 9,
        strength: 1,
      },
    ]
    expect(failure(formatModelFile(sequence)).message).toMatch(
      placed('invariants.0: "orders_customer_fk" is not a foreign key of public.orders'),
    )
    const strength = model()
    strength.invariants = [{ ...sequence.invariants[0]!, strength: 1.5 }]
    expect(failure(formatModelFile(strength)).message).toMatch(
      /^model\.yaml:\d+:\d+: invariants\.0\.strength: /,
    )
  })

  it('refuse a category given an ancestor on a column not modeled as categories, with an empty cell, or walking a key the table lacks', () => {
    const rule = {
      kind: 'ancestor-categories' as const,
      table: 'public.orders',
      column: 'total',
      path: ['orders_customer_fk'],
      ancestor: 'public.customers',
      ancestorColumn: 'tier',
      cells: [{ value: 'gold', categories: [{ value: 'big', frequency: 1 }] }],
      rows: 9,
      strength: 0.6,
    }
    const numeric = model()
    numeric.invariants = [rule]
    expect(failure(formatModelFile(numeric)).message).toMatch(
      placed('invariants.0: "total" of public.orders is not modeled as categories'),
    )
    const walking = model()
    walking.tables[0]!.columns[1] = {
      name: 'total',
      nullFraction: 0,
      kind: 'categorical',
      categories: [{ value: 'big', frequency: 1 }],
      suppressedFraction: 0,
    }
    walking.invariants = [rule]
    expect(failure(formatModelFile(walking)).message).toMatch(
      placed('invariants.0: "orders_customer_fk" is not a foreign key of public.orders'),
    )
    const empty = model()
    empty.invariants = [{ ...rule, cells: [{ value: 'gold', categories: [] }] }]
    expect(failure(formatModelFile(empty)).message).toMatch(
      /^model\.yaml:\d+:\d+: invariants\.0\.cells\.0\.categories: /,
    )
  })
})
