import { describe, expect, it } from 'vitest'
import { DbtwinError } from '../../src/errors.js'
import { assertLoadable, planLoad, type LoadPlan } from '../../src/graph/load-plan.js'
import type { Column, ForeignKey, Table } from '../../src/schema/schema.js'

/** A table in schema `s` whose columns are its FK columns (nullable when listed in `nullable`) plus `id`. */
function table(name: string, fks: ForeignKey[] = [], nullable: string[] = []): Table {
  const names = ['id', ...new Set(fks.flatMap((f) => f.columns))]
  return {
    schema: 's',
    name,
    columns: names.map((c): Column => ({
      name: c,
      nativeType: 'integer',
      type: 'integer',
      elementType: null,
      nullable: nullable.includes(c),
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
    primaryKey: { name: `${name}_pkey`, columns: ['id'] },
    uniques: [],
    foreignKeys: fks,
    checks: [],
    estimatedRows: 0,
    comment: null,
    partitions: [],
  }
}

function fk(
  name: string,
  columns: string[],
  parent: string,
  options: { deferrable?: boolean; schema?: string } = {},
): ForeignKey {
  return {
    name,
    columns,
    references: { schema: options.schema ?? 's', name: parent, columns: columns.map(() => 'id') },
    onDelete: 'no action',
    onUpdate: 'no action',
    deferrable: options.deferrable ?? false,
    initiallyDeferred: false,
  }
}

/** The invariant a writer relies on: each table after every parent it references through a non-deferred FK. */
function expectParentsFirst(tables: Table[], plan: LoadPlan): void {
  const position = new Map(plan.order.map((id, i) => [id, i]))
  const deferred = new Set(plan.deferred.map((d) => `${d.table}/${d.foreignKey}`))
  expect(plan.order).toHaveLength(tables.length)
  for (const t of tables) {
    for (const f of t.foreignKeys) {
      const child = `s.${t.name}`
      const parent = `${f.references.schema}.${f.references.name}`
      if (child === parent || deferred.has(`${child}/${f.name}`) || !position.has(parent)) continue
      expect(`${child} at ${position.get(child)} after ${parent} at ${position.get(parent)}`).toMatch(
        position.get(child)! > position.get(parent)! ? /after/ : /^never$/,
      )
    }
  }
}

describe('planLoad', () => {
  it('orders a chain parents first, one level each', () => {
    const tables = [
      table('c', [fk('c_b', ['b_id'], 'b')]),
      table('b', [fk('b_a', ['a_id'], 'a')]),
      table('a'),
    ]
    const plan = planLoad({ tables })
    expect(plan.order).toEqual(['s.a', 's.b', 's.c'])
    expect(plan.levels).toEqual([['s.a'], ['s.b'], ['s.c']])
    expect(plan.cycles).toEqual([])
  })

  it('puts both sides of a diamond on one level', () => {
    const tables = [
      table('top'),
      table('left', [fk('l_top', ['top_id'], 'top')]),
      table('right', [fk('r_top', ['top_id'], 'top')]),
      table('bottom', [fk('b_l', ['left_id'], 'left'), fk('b_r', ['right_id'], 'right')]),
    ]
    const plan = planLoad({ tables })
    expect(plan.levels).toEqual([['s.top'], ['s.left', 's.right'], ['s.bottom']])
    expectParentsFirst(tables, plan)
  })

  it('lists a self-reference without letting it block the table', () => {
    const tables = [table('node', [fk('node_parent', ['parent_id'], 'node')], ['parent_id'])]
    const plan = planLoad({ tables })
    expect(plan.order).toEqual(['s.node'])
    expect(plan.selfReferences).toEqual([
      { table: 's.node', foreignKey: 'node_parent', columns: ['parent_id'], nullable: true },
    ])
    expect(plan.cycles).toEqual([])
  })

  it('breaks a two-table cycle at its nullable side, writing NULL first', () => {
    const tables = [
      table('dept', [fk('dept_head', ['head_id'], 'staff')], ['head_id']),
      table('staff', [fk('staff_dept', ['dept_id'], 'dept')]),
    ]
    const plan = planLoad({ tables })
    expect(plan.cycles).toEqual([
      {
        tables: ['s.dept', 's.staff'],
        breakable: true,
        fix: null,
        brokenAt: [
          {
            table: 's.dept',
            foreignKey: 'dept_head',
            columns: ['head_id'],
            references: 's.staff',
            how: 'null-then-update',
          },
        ],
      },
    ])
    expect(plan.order).toEqual(['s.dept', 's.staff'])
    expectParentsFirst(tables, plan)
    expect(() => assertLoadable(plan)).not.toThrow()
  })

  it('breaks at a deferrable NOT NULL FK with a deferred constraint', () => {
    const tables = [
      table('a', [fk('a_b', ['b_id'], 'b', { deferrable: true })]),
      table('b', [fk('b_a', ['a_id'], 'a')]),
    ]
    const plan = planLoad({ tables })
    expect(plan.deferred).toEqual([
      { table: 's.a', foreignKey: 'a_b', columns: ['b_id'], references: 's.b', how: 'deferred-constraint' },
    ])
    expect(plan.order).toEqual(['s.a', 's.b'])
  })

  it('breaks a three-table cycle at exactly one FK', () => {
    const tables = [
      table('a', [fk('a_c', ['c_id'], 'c')], ['c_id']),
      table('b', [fk('b_a', ['a_id'], 'a')], ['a_id']),
      table('c', [fk('c_b', ['b_id'], 'b')], ['b_id']),
    ]
    const plan = planLoad({ tables })
    expect(plan.cycles).toHaveLength(1)
    expect(plan.deferred).toHaveLength(1)
    expectParentsFirst(tables, plan)
  })

  it('breaks two cycles that share a table, and keeps the rest of the graph in order', () => {
    const tables = [
      table('hub', [fk('hub_x', ['x_id'], 'x'), fk('hub_y', ['y_id'], 'y')], ['x_id', 'y_id']),
      table('x', [fk('x_hub', ['hub_id'], 'hub')]),
      table('y', [fk('y_hub', ['hub_id'], 'hub')]),
      table('leaf', [fk('leaf_y', ['y_id'], 'y')]),
    ]
    const plan = planLoad({ tables })
    expect(plan.cycles).toHaveLength(1) // one strongly connected component: hub, x, y
    expect(plan.cycles[0]?.tables).toEqual(['s.hub', 's.x', 's.y'])
    expect(plan.deferred.map((d) => d.foreignKey).sort()).toEqual(['hub_x', 'hub_y'])
    expectParentsFirst(tables, plan)
  })

  it('reports a cycle of NOT NULL FKs as unbreakable, naming the FKs to relax', () => {
    const tables = [
      table('a', [fk('a_b', ['b_id'], 'b')]),
      table('b', [fk('b_a', ['a_id'], 'a')]),
      table('z'),
    ]
    const plan = planLoad({ tables })
    const [cycle] = plan.cycles
    expect(cycle).toMatchObject({ tables: ['s.a', 's.b'], breakable: false, brokenAt: [] })
    expect(cycle?.fix).toContain('s.a.b_id → s.b')
    expect(cycle?.fix).toContain('s.b.a_id → s.a')
    expect(cycle?.fix).toContain('or exclude one of s.a, s.b')
    expect(plan.order).toEqual(['s.z', 's.a', 's.b'])
    let error: unknown
    try {
      assertLoadable(plan)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(DbtwinError)
    expect((error as DbtwinError).code).toBe('CYCLE_UNBREAKABLE')
    expect((error as DbtwinError).toLine()).toMatch(
      /s\.a, s\.b form a cycle that cannot be broken\. Fix: make one of/,
    )
  })

  it('does not break at a composite FK that is only partly nullable', () => {
    const tables = [
      table('a', [fk('a_b', ['b_id', 'b_no'], 'b')], ['b_id']),
      table('b', [fk('b_a', ['a_id'], 'a')]),
    ]
    expect(planLoad({ tables }).cycles[0]?.breakable).toBe(false)
  })

  it('keeps FKs to tables outside the schema out of the ordering', () => {
    const tables = [table('a', [fk('a_ext', ['ext_id'], 'elsewhere', { schema: 'other' })])]
    const plan = planLoad({ tables })
    expect(plan.external).toEqual([{ table: 's.a', foreignKey: 'a_ext', references: 'other.elsewhere' }])
    expect(plan.order).toEqual(['s.a'])
  })

  it('defers only the FKs that must be, when two FKs join the same pair of tables', () => {
    const tables = [
      table('a', [fk('a_b1', ['b1_id'], 'b'), fk('a_b2', ['b2_id'], 'b')], ['b1_id', 'b2_id']),
      table('b', [fk('b_a', ['a_id'], 'a')]),
    ]
    const plan = planLoad({ tables })
    expect(plan.deferred.map((d) => d.foreignKey)).toEqual(['a_b1', 'a_b2'])
    expect(plan.order).toEqual(['s.a', 's.b'])
  })

  it('returns the same plan whatever the order of the input tables', () => {
    const tables = [
      table('hub', [fk('hub_x', ['x_id'], 'x')], ['x_id']),
      table('x', [fk('x_hub', ['hub_id'], 'hub')]),
      table('m', [fk('m_x', ['x_id'], 'x'), fk('m_hub', ['hub_id'], 'hub')]),
      table('n'),
    ]
    const plan = planLoad({ tables })
    for (const shuffled of [[...tables].reverse(), [tables[2]!, tables[0]!, tables[3]!, tables[1]!]]) {
      expect(planLoad({ tables: shuffled })).toEqual(plan)
    }
  })
})
