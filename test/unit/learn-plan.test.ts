import { describe, expect, it } from 'vitest'
import { planLearn } from '../../src/learn/learn-plan.js'
import { planTableRead } from '../../src/learn/learn-table.js'
import { parseRuleSet } from '../../src/rules/rule-file.js'
import type { CellValue } from '../../src/schema/cell-value.js'
import type { ForeignKey, Schema, Table } from '../../src/schema/schema.js'
import { column } from '../fixtures/columns.js'

const fk = (name: string, columns: string[], parent: string): ForeignKey => ({
  name,
  columns,
  references: { schema: 'app', name: parent, columns: ['id'] },
  onDelete: 'no action',
  onUpdate: 'no action',
  deferrable: false,
  initiallyDeferred: false,
  validated: true,
})

const table = (name: string, columns: Table['columns'], extra: Partial<Table> = {}): Table => ({
  schema: 'app',
  name,
  columns,
  primaryKey: { name: `${name}_pkey`, columns: ['id'] },
  uniques: [],
  foreignKeys: [],
  checks: [],
  estimatedRows: 0,
  comment: null,
  partitions: [],
  ...extra,
})

/** people ← visits: a person's ssn, notes and birth date, and the visits they made. */
const people = table('people', [
  column('id', 'integer'),
  column('ssn', 'varchar'),
  column('notes', 'text'),
  column('born', 'date'),
  column('kind', 'enum'),
])
const visits = table(
  'visits',
  [column('id', 'integer'), column('person_id', 'integer'), column('at', 'timestamp')],
  {
    foreignKeys: [fk('visits_person_fk', ['person_id'], 'people')],
  },
)
const schema: Schema = {
  formatVersion: 1,
  dialect: 'postgres',
  database: 'app',
  schemas: ['app'],
  tables: [visits, people],
} as Schema

const rules = parseRuleSet(
  [
    'rules:',
    '  - { column: "*.people.ssn", hash: true }',
    '  - { column: "*.people.notes", words: true }',
    '  - { column: "*.people.born", shift-date: 30 }',
    '',
  ].join('\n'),
  'r.yaml',
)

describe('planLearn', () => {
  const plan = planLearn(schema, rules, [])

  it('orders parents before children', () => {
    expect(plan.order).toEqual(['app.people', 'app.visits'])
  })

  it('leaves a hashed column unlearned, learns a words column from its words and a shifted one from its shifts', () => {
    expect([...plan.rewritten].sort()).toEqual(['app.people.born', 'app.people.notes', 'app.people.ssn'])
    expect([...plan.ruled]).toEqual(['app.people.ssn'])
    expect([...plan.wordsOnly]).toEqual(['app.people.notes'])
  })

  it('splits the budget by the schema and rules alone', () => {
    expect(plan.budgetShape).toEqual({
      combinations: 0,
      tables: 2,
      columns: 8,
      foreignKeys: 1,
      invariants: plan.candidates.length,
    })
  })
})

describe('planTableRead', () => {
  it('samples the columns learned from values, not the keys, and orders the sample by the primary key', () => {
    const plan = planTableRead(visits, { ruled: new Set(), shifted: new Map() })
    expect(plan.planned.map((p) => p.kind)).toEqual(['key', 'key', 'temporal'])
    expect(plan.sampled).toEqual([2])
    expect(plan.order).toEqual(['id'])
    // A time's special values are counted; its distinct values are not (only text's decide anything).
    expect(plan.aggregates.map((a) => [a.column.name, a.distinct, a.specials])).toEqual([
      ['id', false, false],
      ['person_id', false, false],
      ['at', false, true],
    ])
  })

  it('samples the column keying a shift-date, and skips a ruled column', () => {
    const plan = planTableRead(people, {
      ruled: new Set(['app.people.ssn']),
      shifted: new Map([['born', { rewrite: (v: CellValue) => v, entity: 'id' }]]),
    })
    expect(plan.planned.map((p) => p.kind)).toEqual(['key', 'ruled', 'text', 'temporal', 'categorical'])
    expect(plan.sampled).toEqual([0, 2, 3, 4])
  })

  it('orders a sample without a primary key by the sampled columns that can be ordered', () => {
    const log = table('log', [column('body', 'json'), column('at', 'timestamp')], { primaryKey: null })
    expect(planTableRead(log, { ruled: new Set(), shifted: new Map() }).order).toEqual(['at'])
  })
})
