import { describe, expect, it } from 'vitest'
import type { ColumnModel, RelationModel, TableModel } from '../../src/model/model.js'
import type { Column, ForeignKey, Table } from '../../src/schema/schema.js'
import type { TableGenerationContext } from '../../src/generate/generate-table.js'
import type { GeneratedTable } from '../../src/generate/generated-table.js'
import { planTable } from '../../src/generate/table-plan.js'

function column(name: string, type: Column['type'], nullable = false): Column {
  return {
    name,
    nativeType: type,
    type,
    elementType: null,
    nullable,
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

function table(name: string, columns: Column[], foreignKeys: ForeignKey[], key = ['id']): Table {
  return {
    schema: 'public',
    name,
    columns,
    primaryKey: { name: `${name}_pkey`, columns: key },
    uniques: [],
    foreignKeys,
    checks: [],
    estimatedRows: 10,
    comment: null,
    partitions: [],
  }
}

const category = (name: string): ColumnModel => ({
  name,
  nullFraction: 0,
  kind: 'categorical',
  categories: [
    { value: 'a', frequency: 3 },
    { value: 'b', frequency: 1 },
  ],
  suppressedFraction: 0,
})

const key = (name: string, role: 'primary-key' | 'foreign-key'): ColumnModel => ({
  name,
  nullFraction: 0,
  kind: 'key',
  role,
})

function relation(foreignKey: string, parent: string, nullFraction = 0): RelationModel {
  return {
    foreignKey,
    columns: [],
    parent,
    nullFraction,
    childrenPerParent: [
      { children: 1, frequency: 0.5 },
      { children: 3, frequency: 0.5 },
    ],
    countDependence: [],
    columnDependence: [],
    depths: null,
  }
}

function model(t: Table, columns: ColumnModel[], relations: RelationModel[]): TableModel {
  return {
    table: `public.${t.name}`,
    rows: 20,
    sampledRows: 20,
    columns,
    copula: null,
    inequalities: [],
    conditionals: [],
    relations,
  }
}

/** A parent already generated: its rows, and nothing kept but its count. */
function generated(t: Table, rows: number): GeneratedTable {
  return {
    id: `public.${t.name}`,
    table: t,
    rows,
    parentIndex: new Map(),
    sequence: null,
    roles: new Map(),
    family: 'postgres',
    scores: new Map(),
    values: new Map(),
  }
}

function context(
  t: Table,
  m: TableModel,
  parents: GeneratedTable[],
  driving: ForeignKey | undefined,
  kept: TableGenerationContext['kept'] = null,
): TableGenerationContext {
  return {
    table: t,
    model: m,
    states: new Map(parents.map((p) => [p.id, p])),
    driving,
    rows: 20,
    seed: 7,
    stream: t.name,
    family: 'postgres',
    rules: new Map(),
    checks: { checks: [], columns: new Map(), comparisons: [] },
    deferred: [],
    invariants: [],
    kept,
    sink: () => Promise.resolve(),
  }
}

const actors = table('actors', [column('id', 'integer'), column('name', 'text')], [])
const films = table('films', [column('id', 'integer'), column('title', 'text')], [])
const staff = table(
  'staff',
  [column('id', 'integer'), column('manager_id', 'integer', true), column('grade', 'text')],
  [fk('staff_manager', ['manager_id'], 'staff')],
)
const filmActor = table(
  'film_actor',
  [column('actor_id', 'integer'), column('film_id', 'integer')],
  [fk('film_actor_actor', ['actor_id'], 'actors'), fk('film_actor_film', ['film_id'], 'films')],
  ['actor_id', 'film_id'],
)
const rentals = table(
  'rentals',
  [
    column('id', 'integer'),
    column('film_id', 'integer'),
    column('staff_id', 'integer', true),
    column('note', 'text'),
  ],
  [fk('rentals_film', ['film_id'], 'films'), fk('rentals_staff', ['staff_id'], 'staff')],
)

const keysOf = (plan: ReturnType<typeof planTable>) =>
  plan.keys.map((k) => ({
    foreignKey: k.foreignKey.name,
    kind: k.kind,
    distinct: k.distinct,
    nullable: k.nullable,
  }))

describe('planTable', () => {
  it('hangs a self-reference off earlier rows of the table, keeping every store of its rows', () => {
    const m = model(
      staff,
      [key('id', 'primary-key'), key('manager_id', 'foreign-key'), category('grade')],
      [{ ...relation('staff_manager', 'public.staff', 0.2), depths: [{ depth: 0, frequency: 1 }] }],
    )
    const plan = planTable(context(staff, m, [], undefined))
    expect(plan.driving).toBeNull()
    expect(keysOf(plan)).toEqual([
      { foreignKey: 'staff_manager', kind: 'self', distinct: false, nullable: true },
    ])
    expect(plan.fills.map((f) => f.kind)).toEqual(['key', 'key', 'value'])
    expect(plan.roles.get('id')).toBe('row')
    expect(plan.kept.all).toBe(true)
  })

  it('keeps a many-to-many key distinct within its driving parent', () => {
    const m = model(
      filmActor,
      [key('actor_id', 'foreign-key'), key('film_id', 'foreign-key')],
      [relation('film_actor_actor', 'public.actors'), relation('film_actor_film', 'public.films')],
    )
    const driving = filmActor.foreignKeys[0]!
    const plan = planTable(context(filmActor, m, [generated(actors, 5), generated(films, 8)], driving))
    expect(plan.driving?.foreignKey.name).toBe('film_actor_actor')
    expect(plan.driving?.parent.rows).toBe(5)
    expect(plan.driving?.histogram).toEqual(m.relations[0]!.childrenPerParent)
    expect(plan.driving?.atMostOne).toBe(false)
    expect(keysOf(plan)).toEqual([
      { foreignKey: 'film_actor_actor', kind: 'driving', distinct: false, nullable: false },
      { foreignKey: 'film_actor_film', kind: 'pick', distinct: true, nullable: false },
    ])
    expect(plan.fills.map((f) => f.kind)).toEqual(['key', 'key'])
    expect(plan.kept.all).toBe(false)
    expect(plan.uniqueKeys).toEqual([])
  })

  it('picks a nullable foreign key, leaves one to an ungenerated parent unset, and keeps what later tables read', () => {
    const m = model(
      rentals,
      [
        key('id', 'primary-key'),
        key('film_id', 'foreign-key'),
        key('staff_id', 'foreign-key'),
        category('note'),
      ],
      [relation('rentals_film', 'public.films'), relation('rentals_staff', 'public.staff', 0.3)],
    )
    const driving = rentals.foreignKeys[0]!
    const kept = { keys: new Set(['film_id']), scores: new Set<string>(), labels: new Set(['note']) }
    const withStaff = planTable(
      context(rentals, m, [generated(films, 8), generated(staff, 4)], driving, kept),
    )
    expect(keysOf(withStaff)).toEqual([
      { foreignKey: 'rentals_film', kind: 'driving', distinct: false, nullable: false },
      { foreignKey: 'rentals_staff', kind: 'pick', distinct: false, nullable: true },
    ])
    expect(withStaff.driving?.nulls).toBe(0)
    expect(withStaff.fills.map((f) => f.kind)).toEqual(['key', 'key', 'key', 'value'])
    expect(withStaff.kept).toMatchObject({
      all: false,
      indexes: ['rentals_film'],
      sequence: false,
      scores: [],
      labels: [{ name: 'note', i: 3 }],
    })
    const withoutStaff = planTable(context(rentals, m, [generated(films, 8)], driving))
    expect(keysOf(withoutStaff)[1]).toMatchObject({ foreignKey: 'rentals_staff', kind: 'unset' })
    expect(withoutStaff.kept).toMatchObject({ indexes: [], labels: [] })
  })
})
