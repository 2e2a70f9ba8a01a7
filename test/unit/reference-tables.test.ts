import { describe, expect, it } from 'vitest'
import { DbtwinError } from '../../src/errors.js'
import { columnSampler } from '../../src/generate/column-sampler.js'
import { OTHER_MARKER, otherValue } from '../../src/model/other-value.js'
import type { ColumnModel } from '../../src/model/model.js'
import { REFERENCE_ROWS, referenceTables } from '../../src/model/reference-tables.js'
import { seededRandom } from '../../src/random/seeded-random.js'
import { parseRuleFile } from '../../src/rules/rule-file.js'
import { loadRuleSet } from '../../src/rules/rule-file.js'
import { resolveTableRules } from '../../src/rules/table-rules.js'
import type { ForeignKey, Table } from '../../src/schema/schema.js'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { column } from '../fixtures/columns.js'

const fk = (columns: string[], parent: string): ForeignKey => ({
  name: `${columns.join('_')}_fk`,
  columns,
  references: { schema: 's', name: parent, columns: ['id'] },
  onDelete: 'no action',
  onUpdate: 'no action',
  deferrable: false,
  initiallyDeferred: false,
  validated: true,
})

const table = (name: string, fks: ForeignKey[] = [], extra: string[] = []): Table => ({
  schema: 's',
  name,
  columns: [
    column('id', 'integer', { nullable: false }),
    ...fks.flatMap((f) => f.columns.map((c) => column(c, 'integer'))),
    ...extra.map((c) => column(c, c === 'photo' ? 'binary' : 'varchar')),
  ],
  primaryKey: { name: `${name}_pkey`, columns: ['id'] },
  uniques: [],
  foreignKeys: fks,
  checks: [],
  estimatedRows: 0,
  comment: null,
  partitions: [],
})

/** continents ← countries ← cities (600 rows) ← customers; languages ← films; staff ← stores; badges (photo). */
const SCHEMA = {
  tables: [
    table('continents', [], ['name']),
    table('countries', [fk(['continent_id'], 'continents')], ['name']),
    table('cities', [fk(['country_id'], 'countries')], ['name']),
    table('customers', [fk(['city_id'], 'cities'), fk(['badge_id'], 'badges')], ['email']),
    table('languages', [], ['name']),
    table('films', [fk(['language_id'], 'languages')], ['title']),
    table('zones', [fk(['city_id'], 'cities')], ['name']),
    table('shops', [fk(['zone_id'], 'zones')], ['name']),
    table('badges', [], ['photo']),
    table('unused', [], ['name']),
  ],
}
const ROWS: Record<string, number> = {
  cities: 600,
  customers: 5000,
  films: 1000,
  continents: 7,
  countries: 109,
}

const decide = (overrides?: Parameters<typeof referenceTables>[1]['overrides']) =>
  referenceTables(SCHEMA, {
    rows: (id) => ROWS[id.slice(2)] ?? 20,
    personalColumns: ['s.customers.email'],
    overrides,
  })

describe('referenceTables', () => {
  it('keeps small lookups others point at, with the reason that decided each table', () => {
    const d = decide()
    const reference = [...d.values()].filter((x) => x.reference).map((x) => x.table)
    expect(reference).toEqual(['s.continents', 's.countries', 's.languages'])
    expect(d.get('s.countries')!.reason).toBe('109 rows, referenced by s.cities, no personal data')
    expect(d.get('s.cities')!.reason).toBe(`600 rows, not fewer than ${REFERENCE_ROWS}`)
    expect(d.get('s.customers')!.reason).toBe('no other table points at it')
    expect(d.get('s.badges')!.reason).toBe('column photo is binary')
    expect(d.get('s.unused')!.reason).toBe('no other table points at it')
    // zones is small and referenced, but hangs off the 600 cities: a kept row must point at a kept row.
    expect(d.get('s.zones')!.reason).toBe('points at s.cities, which is not a reference table')
  })

  it('finds personal columns of a table whose name is quoted (MySQL Chinook’s "Chinook"."Customer")', () => {
    const customer = { ...table('Customer', [], ['Email']), schema: 'Chinook' }
    const invoice = {
      ...table('Invoice', [
        {
          ...fk(['CustomerId'], 'Customer'),
          references: { schema: 'Chinook', name: 'Customer', columns: ['id'] },
        },
      ]),
      schema: 'Chinook',
    }
    const d = referenceTables(
      { tables: [customer, invoice] },
      { rows: () => 59, personalColumns: ['Chinook.Customer.Email'] },
    )
    expect(d.get('"Chinook"."Customer"')).toMatchObject({
      reference: false,
      reason: 'a column holds personal data',
    })
  })

  it('refuses a table with a personal column, and follows the rules file over its own criteria', () => {
    const d = referenceTables(SCHEMA, {
      rows: () => 10,
      personalColumns: ['s.languages.name'],
      overrides: new Map([
        ['s.countries', { decision: 'synthesize', source: 'r.yaml:3:5' }],
        ['s.cities', { decision: 'keep', source: 'r.yaml:4:5' }],
      ]),
    })
    expect(d.get('s.languages')!.reason).toBe('a column holds personal data')
    expect(d.get('s.countries')).toEqual({
      table: 's.countries',
      reference: false,
      reason: 'synthesized by the rule at r.yaml:3:5',
    })
    expect(d.get('s.cities')!.reference).toBe(true)
  })
})

describe('table rules', () => {
  it('reads `tables:` entries and matches them by schema.table or table name, the more specific first', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dbtwin-table-rules-'))
    const file = join(dir, 'r.yaml')
    await writeFile(
      file,
      [
        'tables:',
        '  - { table: countries, reference: keep, public: true }',
        '  - { table: s.countries, reference: synthesize }',
        '  - { table: languages, public: true }',
        '',
      ].join('\n'),
    )
    const { tables, rules } = await loadRuleSet(file)
    expect(rules).toEqual([])
    const resolved = resolveTableRules(SCHEMA, tables)
    expect(resolved.overrides.get('s.countries')).toEqual({ decision: 'synthesize', source: `${file}:3:5` })
    expect([...resolved.public].sort()).toEqual(['s.countries', 's.languages'])
  })

  it('reports every problem in a table rule with file:line:column', () => {
    const text = [
      'tables:',
      '  - { table: countries, reference: copy }',
      '  - { table: x, publik: true }',
      '',
    ].join('\n')
    let error: unknown
    try {
      parseRuleFile(text, 'r.yaml')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(DbtwinError)
    const message = (error as DbtwinError).message
    expect(message).toContain(
      'r.yaml:2:36: reference: expected `keep` (copy the table whole) or `synthesize`, not "copy"',
    )
    expect(message).toContain('r.yaml:3:25: unknown key "publik" (did you mean "public"?)')
    expect(message).toContain('r.yaml:3:5: say what to do with the table: `reference:` and/or `public:`')
  })
})

describe('category columns never get made-up values', () => {
  const text = (
    categories: { value: string; frequency: number }[],
    suppressedFraction: number,
  ): ColumnModel => ({
    name: 'country',
    nullFraction: 0,
    kind: 'text',
    categories,
    suppressedFraction,
    lengths: [{ length: 6, frequency: 1 }],
    shapes: [{ pattern: 'Aa{5}', frequency: 1 }],
    prefixes: [{ prefix: 'Germ', frequency: 0.5 }],
    distinctRatio: 0.1,
    unique: false,
  })

  it('draws a released category, or the marked other value for the suppressed share, never a shape', () => {
    const sampler = columnSampler(
      text(
        [
          { value: 'USA', frequency: 0.4 },
          { value: 'Canada', frequency: 0.3 },
        ],
        0.3,
      ),
      column('country', 'varchar'),
      { family: 'postgres' },
    )!
    const random = seededRandom(1, 'test')
    const counts = new Map<unknown, number>()
    for (let i = 0; i < 3000; i++) {
      const v = sampler.draw(random.next(), random)
      counts.set(v, (counts.get(v) ?? 0) + 1)
    }
    expect([...counts.keys()].sort()).toEqual(['(other)', 'Canada', 'USA'])
    expect(Math.abs(counts.get(OTHER_MARKER)! / 3000 - 0.3)).toBeLessThan(0.03)
  })

  it('marks other within the column’s length', () => {
    expect(otherValue(column('state', 'char', { length: 2 }))).toBe('~~')
    expect(otherValue(column('country', 'varchar', { length: 40 }))).toBe(OTHER_MARKER)
  })

  it('draws an enum’s values from the released ones, and from its declared values only when none was released', () => {
    const draw = (categories: { value: string; frequency: number }[]) => {
      const sampler = columnSampler(
        { name: 'rating', nullFraction: 0, kind: 'categorical', categories, suppressedFraction: 0.2 },
        column('rating', 'enum', { enumValues: ['G', 'PG', 'R'] }),
        { family: 'postgres' },
      )!
      const random = seededRandom(2, 'test')
      return [...new Set(Array.from({ length: 500 }, () => sampler.draw(random.next(), random)))].sort()
    }
    expect(draw([{ value: 'G', frequency: 0.8 }])).toEqual(['G'])
    expect(draw([])).toEqual(['G', 'PG', 'R'])
  })
})
