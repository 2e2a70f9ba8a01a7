import { describe, expect, it } from 'vitest'
import { ancestorCandidates, invariantCandidates } from '../../src/learn/invariant-candidates.js'
import type { Column, ForeignKey, Schema, Table } from '../../src/schema/schema.js'

function column(name: string, type: Column['type']): Column {
  return {
    name,
    nativeType: type,
    type,
    elementType: null,
    nullable: false,
    default: null,
    identity: null,
    generated: null,
    length: null,
    precision: null,
    scale: null,
    enumValues: null,
    enumType: null,
    comment: null,
  }
}

function fk(name: string, columns: string[], parent: string): ForeignKey {
  return {
    name,
    columns,
    references: { schema: 'public', name: parent, columns: ['id'] },
    onDelete: 'no action',
    onUpdate: 'no action',
    deferrable: false,
    initiallyDeferred: false,
    validated: true,
  }
}

function table(name: string, columns: Column[], foreignKeys: ForeignKey[]): Table {
  return {
    schema: 'public',
    name,
    columns,
    primaryKey: { name: `${name}_pkey`, columns: ['id'] },
    uniques: [],
    foreignKeys,
    checks: [],
    estimatedRows: 10,
    comment: null,
    partitions: [],
  } as Table
}

/** patients ← encounters ← claims → policies → patients: the clinic's claim, in four tables. */
const schema = {
  formatVersion: 1,
  dialect: 'postgres',
  database: 'clinic',
  schemas: ['public'],
  tables: [
    table('patients', [column('id', 'integer'), column('born', 'date'), column('sex', 'enum')], []),
    table(
      'encounters',
      [column('id', 'integer'), column('patient_id', 'integer'), column('admitted', 'timestamp')],
      [fk('encounters_patient_fk', ['patient_id'], 'patients')],
    ),
    table(
      'policies',
      [column('id', 'integer'), column('patient_id', 'integer')],
      [fk('policies_patient_fk', ['patient_id'], 'patients')],
    ),
    table(
      'claims',
      [
        column('id', 'integer'),
        column('encounter_id', 'integer'),
        column('policy_id', 'integer'),
        column('line', 'smallint'),
        column('submitted', 'timestamp'),
        column('amount', 'decimal'),
      ],
      [
        fk('claims_encounter_fk', ['encounter_id'], 'encounters'),
        fk('claims_policy_fk', ['policy_id'], 'policies'),
      ],
    ),
  ],
  enums: [],
  objects: [],
  skipped: [],
} as unknown as Schema

describe('invariant candidates', () => {
  const candidates = invariantCandidates(schema)
  const names = (steps: { name: string }[]) => steps.map((s) => s.name).join(',')

  it('pairs the two paths from a claim that end at the patient, and no path with itself', () => {
    const meets = candidates.flatMap((c) =>
      c.kind === 'paths-meet' ? [`${c.table.name}: ${names(c.first.steps)} | ${names(c.second.steps)}`] : [],
    )
    expect(meets).toEqual([
      'claims: claims_encounter_fk,encounters_patient_fk | claims_policy_fk,policies_patient_fk',
    ])
  })

  it('orders a time column after every time column one or two keys up, and nothing after itself', () => {
    const orders = candidates.flatMap((c) =>
      c.kind === 'time-order'
        ? [`${c.table.name}.${c.column.name} ≥ ${names(c.path.steps)}.${c.ancestorColumn.name}`]
        : [],
    )
    expect(orders).toEqual([
      'encounters.admitted ≥ encounters_patient_fk.born',
      'claims.submitted ≥ claims_encounter_fk.admitted',
      'claims.submitted ≥ claims_encounter_fk,encounters_patient_fk.born',
      'claims.submitted ≥ claims_policy_fk,policies_patient_fk.born',
    ])
  })

  it('asks whether an integer column numbers the rows of each parent, never the key itself', () => {
    const sequences = candidates.flatMap((c) =>
      c.kind === 'sequence' ? [`${c.table.name}.${c.column.name} in ${c.foreignKey.name}`] : [],
    )
    expect(sequences).toEqual(['claims.line in claims_encounter_fk', 'claims.line in claims_policy_fk'])
  })

  it("asks whether a parent's state decides its children, of every category-typed parent column", () => {
    const states = candidates.flatMap((c) =>
      c.kind === 'children-by-state'
        ? [`${c.table.name} by ${c.foreignKey.name}.${c.parentColumn.name}`]
        : [],
    )
    expect(states).toEqual(['encounters by encounters_patient_fk.sex', 'policies by policies_patient_fk.sex'])
  })

  it('finds the category columns up to three keys up that may explain a number, no table twice', () => {
    const paths = ancestorCandidates(schema).flatMap((c) =>
      c.table.name === 'claims'
        ? [`${names(c.path.steps)}: ${c.categories.map((k) => k.name).join(',')}`]
        : [],
    )
    expect(paths).toEqual([
      'claims_encounter_fk,encounters_patient_fk: sex',
      'claims_policy_fk,policies_patient_fk: sex',
    ])
  })
})
