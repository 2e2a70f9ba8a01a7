import { describe, expect, it } from 'vitest'
import { DbtwinError } from '../../src/errors.js'
import { assertLoadable, planLoad, type LoadPlan } from '../../src/graph/load-plan.js'
import type { Column, ForeignKey, Table } from '../../src/schema/schema.js'
import { tableName } from '../../src/schema/table-name.js'

/** A table in schema `s` with an `id` column and its FK columns, NOT NULL unless listed in `nullable`. */
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
    validated: true,
  }
}

/**
 * The invariants a writer relies on: every table once, `order` is `levels` flat, and each table comes after (and
 * on a higher level than) every parent it references through an FK that is not deferred. Tables of one
 * unbreakable cycle are exempt from each other, as nothing can order them.
 */
function expectParentsFirst(tables: Table[], plan: LoadPlan): void {
  expect([...plan.order].sort()).toEqual(tables.map(tableName).sort())
  expect(plan.levels.flat()).toEqual(plan.order)
  const position = new Map(plan.order.map((id, i) => [id, i]))
  const levelOf = new Map(plan.levels.flatMap((level, i) => level.map((id) => [id, i] as const)))
  const deferred = new Set(plan.deferred.map((d) => `${d.table}/${d.foreignKey}`))
  const stuck = plan.cycles.filter((c) => !c.breakable).map((c) => new Set(c.tables))
  const violations: string[] = []
  for (const t of tables) {
    const child = tableName(t)
    for (const f of t.foreignKeys) {
      const parent = tableName(f.references)
      if (child === parent || deferred.has(`${child}/${f.name}`) || !position.has(parent)) continue
      if (stuck.some((members) => members.has(child) && members.has(parent))) continue
      if (position.get(child)! <= position.get(parent)! || levelOf.get(child)! <= levelOf.get(parent)!) {
        violations.push(`${child} (${f.name}) is not after ${parent}`)
      }
    }
  }
  expect(violations).toEqual([])
}

function thrown(run: () => void): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  return undefined
}

describe('planLoad', () => {
  it('orders a linear chain parents first, one level each', () => {
    const tables = [
      table('c', [fk('c_b', ['b_id'], 'b')]),
      table('b', [fk('b_a', ['a_id'], 'a')]),
      table('a'),
    ]
    const plan = planLoad({ tables })
    expect(plan.order).toEqual(['s.a', 's.b', 's.c'])
    expect(plan.levels).toEqual([['s.a'], ['s.b'], ['s.c']])
    expect(plan).toMatchObject({ cycles: [], deferred: [], selfReferences: [], external: [] })
    expectParentsFirst(tables, plan)
    expect(() => assertLoadable(plan)).not.toThrow()
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
    expect(plan.order).toEqual(['s.top', 's.left', 's.right', 's.bottom'])
    expectParentsFirst(tables, plan)
  })

  it('puts each table one level above its deepest parent, independent tables on level 0', () => {
    const tables = [
      table('patient'),
      table('doctor'),
      table('lonely'),
      table('visit', [
        fk('visit_patient', ['patient_id'], 'patient'),
        fk('visit_doctor', ['doctor_id'], 'doctor'),
      ]),
      table('invoice', [
        fk('invoice_visit', ['visit_id'], 'visit'),
        fk('invoice_patient', ['patient_id'], 'patient'),
      ]),
      table('payment', [
        fk('payment_invoice', ['invoice_id'], 'invoice'),
        fk('payment_doctor', ['doctor_id'], 'doctor'),
      ]),
    ]
    const plan = planLoad({ tables })
    expect(plan.levels).toEqual([
      ['s.doctor', 's.lonely', 's.patient'],
      ['s.visit'],
      ['s.invoice'],
      ['s.payment'],
    ])
    expectParentsFirst(tables, plan)
  })

  it('lists self-references without letting them block their table or order it', () => {
    const tables = [
      table(
        'employee',
        [fk('employee_manager', ['manager_id'], 'employee'), fk('employee_org', ['org_id'], 'org')],
        ['manager_id'],
      ),
      table('category', [fk('category_parent', ['parent_id'], 'category')]),
      table('org'),
    ]
    const plan = planLoad({ tables })
    expect(plan.levels).toEqual([['s.category', 's.org'], ['s.employee']])
    expect(plan.selfReferences).toEqual([
      { table: 's.category', foreignKey: 'category_parent', columns: ['parent_id'], nullable: false },
      { table: 's.employee', foreignKey: 'employee_manager', columns: ['manager_id'], nullable: true },
    ])
    expect(plan.cycles).toEqual([])
    expectParentsFirst(tables, plan)
  })

  it('breaks a two-table cycle at its nullable side, writing NULL first, the NOT NULL parent first', () => {
    const tables = [
      table('staff', [fk('staff_dept', ['dept_id'], 'dept')]),
      table('dept', [fk('dept_head', ['head_id'], 'staff')], ['head_id']),
    ]
    const plan = planLoad({ tables })
    const deferred = {
      table: 's.dept',
      foreignKey: 'dept_head',
      columns: ['head_id'],
      references: 's.staff',
      how: 'null-then-update',
    }
    expect(plan.cycles).toEqual([
      { tables: ['s.dept', 's.staff'], brokenAt: [deferred], breakable: true, fix: null },
    ])
    expect(plan.deferred).toEqual([deferred])
    expect(plan.order).toEqual(['s.dept', 's.staff'])
    expect(plan.levels).toEqual([['s.dept'], ['s.staff']])
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
    expect(plan.cycles[0]?.breakable).toBe(true)
    expect(plan.order).toEqual(['s.a', 's.b'])
    expectParentsFirst(tables, plan)
  })

  it('prefers a deferred constraint to a second pass when the FK is both deferrable and nullable', () => {
    const tables = [
      table('a', [fk('a_b', ['b_id'], 'b', { deferrable: true })], ['b_id']),
      table('b', [fk('b_a', ['a_id'], 'a')]),
    ]
    expect(planLoad({ tables }).deferred.map((d) => d.how)).toEqual(['deferred-constraint'])
  })

  it('breaks a three-table cycle at exactly one FK, the last of them in table order', () => {
    const tables = [
      table('a', [fk('a_c', ['c_id'], 'c')], ['c_id']),
      table('b', [fk('b_a', ['a_id'], 'a')], ['a_id']),
      table('c', [fk('c_b', ['b_id'], 'b')], ['b_id']),
    ]
    const plan = planLoad({ tables })
    expect(plan.cycles).toHaveLength(1)
    expect(plan.cycles[0]?.tables).toEqual(['s.a', 's.b', 's.c'])
    expect(plan.deferred.map((d) => d.foreignKey)).toEqual(['c_b'])
    expect(plan.levels).toEqual([['s.c'], ['s.a'], ['s.b']])
    expectParentsFirst(tables, plan)
  })

  it('breaks two cycles that share a table as one component, and orders the tables around it', () => {
    const tables = [
      table(
        'hub',
        [fk('hub_x', ['x_id'], 'x'), fk('hub_y', ['y_id'], 'y'), fk('hub_owner', ['owner_id'], 'owner')],
        ['x_id', 'y_id'],
      ),
      table('x', [fk('x_hub', ['hub_id'], 'hub')]),
      table('y', [fk('y_hub', ['hub_id'], 'hub')]),
      table('leaf', [fk('leaf_y', ['y_id'], 'y')]),
      table('root'),
      table('owner', [fk('owner_root', ['root_id'], 'root')]),
    ]
    const plan = planLoad({ tables })
    expect(plan.cycles).toHaveLength(1)
    expect(plan.cycles[0]?.tables).toEqual(['s.hub', 's.x', 's.y'])
    expect(plan.deferred.map((d) => d.foreignKey)).toEqual(['hub_x', 'hub_y'])
    expect(plan.levels).toEqual([['s.root'], ['s.owner'], ['s.hub'], ['s.x', 's.y'], ['s.leaf']])
    expectParentsFirst(tables, plan)
  })

  it('breaks two separate cycles independently, each listed once', () => {
    const tables = [
      table('a', [fk('a_b', ['b_id'], 'b')], ['b_id']),
      table('b', [fk('b_a', ['a_id'], 'a')]),
      table('c', [fk('c_d', ['d_id'], 'd')]),
      table('d', [fk('d_c', ['c_id'], 'c', { deferrable: true })]),
    ]
    const plan = planLoad({ tables })
    expect(plan.cycles.map((c) => c.tables)).toEqual([
      ['s.a', 's.b'],
      ['s.c', 's.d'],
    ])
    expect(plan.deferred.map((d) => [d.foreignKey, d.how])).toEqual([
      ['a_b', 'null-then-update'],
      ['d_c', 'deferred-constraint'],
    ])
    expectParentsFirst(tables, plan)
  })

  it('reports a cycle of NOT NULL FKs as unbreakable, names the FKs to relax, and still orders every table', () => {
    const tables = [
      table('a', [fk('a_b', ['b_id'], 'b'), fk('a_p', ['p_id'], 'p')]),
      table('b', [fk('b_a', ['a_id'], 'a')]),
      table('c', [fk('c_b', ['b_id'], 'b')]),
      table('p'),
      table('z'),
    ]
    const plan = planLoad({ tables })
    const [cycle] = plan.cycles
    expect(cycle).toMatchObject({ tables: ['s.a', 's.b'], breakable: false, brokenAt: [] })
    expect(cycle?.fix).toBe(
      'in s.a → s.b → s.a, make one of these NOT NULL foreign keys nullable (or DEFERRABLE on PostgreSQL): ' +
        's.a.b_id → s.b, s.b.a_id → s.a; or exclude one of s.a, s.b',
    )
    expect(plan.deferred).toEqual([])
    expect(plan.levels).toEqual([['s.p', 's.z'], ['s.a', 's.b'], ['s.c']])
    expectParentsFirst(tables, plan)

    const error = thrown(() => assertLoadable(plan))
    expect(error).toBeInstanceOf(DbtwinError)
    expect((error as DbtwinError).code).toBe('CYCLE_UNBREAKABLE')
    expect((error as DbtwinError).message).toContain('s.a, s.b')
    expect((error as DbtwinError).fix).toBe(cycle?.fix)
  })

  it('calls a component unbreakable when only part of it can be broken, naming the cycle that cannot', () => {
    const tables = [
      table('a', [fk('a_b', ['b_id'], 'b')]),
      table('b', [fk('b_a', ['a_id'], 'a'), fk('b_c', ['c_id'], 'c')], ['c_id']),
      table('c', [fk('c_b', ['b_id'], 'b')]),
    ]
    const plan = planLoad({ tables })
    expect(plan.cycles).toEqual([
      {
        tables: ['s.a', 's.b', 's.c'],
        brokenAt: [],
        breakable: false,
        fix:
          'in s.a → s.b → s.a, make one of these NOT NULL foreign keys nullable (or DEFERRABLE on PostgreSQL): ' +
          's.a.b_id → s.b, s.b.a_id → s.a; or exclude one of s.a, s.b',
      },
    ])
    expect(plan.order).toEqual(['s.a', 's.b', 's.c'])
  })

  it('does not break at a composite FK that is only partly nullable, but does when all of it is', () => {
    const partly = [
      table('a', [fk('a_b', ['b_id', 'b_no'], 'b')], ['b_id']),
      table('b', [fk('b_a', ['a_id'], 'a')]),
    ]
    const partlyPlan = planLoad({ tables: partly })
    expect(partlyPlan.cycles[0]?.breakable).toBe(false)
    expect(partlyPlan.cycles[0]?.fix).toContain('s.a.(b_id, b_no) → s.b')
    expect(() => assertLoadable(partlyPlan)).toThrow(DbtwinError)

    const wholly = [
      table('a', [fk('a_b', ['b_id', 'b_no'], 'b')], ['b_id', 'b_no']),
      table('b', [fk('b_a', ['a_id'], 'a')]),
    ]
    expect(planLoad({ tables: wholly }).deferred).toEqual([
      {
        table: 's.a',
        foreignKey: 'a_b',
        columns: ['b_id', 'b_no'],
        references: 's.b',
        how: 'null-then-update',
      },
    ])
  })

  it('keeps FKs to tables outside the schema out of the ordering and lists them', () => {
    const tables = [
      table('b', [fk('b_ext', ['ext_id'], 'elsewhere', { schema: 'other' }), fk('b_a', ['a_id'], 'a')]),
      table('a', [fk('a_ext', ['ext_id'], 'Elsewhere', { schema: 'other' })]),
    ]
    const plan = planLoad({ tables })
    expect(plan.external).toEqual([
      { table: 's.a', foreignKey: 'a_ext', references: 'other."Elsewhere"' },
      { table: 's.b', foreignKey: 'b_ext', references: 'other.elsewhere' },
    ])
    expect(plan.levels).toEqual([['s.a'], ['s.b']])
    expectParentsFirst(tables, plan)
  })

  it('defers every FK that must be when several join the same pair of tables', () => {
    const tables = [
      table('a', [fk('a_b1', ['b1_id'], 'b'), fk('a_b2', ['b2_id'], 'b')], ['b1_id', 'b2_id']),
      table('b', [fk('b_a', ['a_id'], 'a')]),
    ]
    const plan = planLoad({ tables })
    expect(plan.deferred.map((d) => d.foreignKey)).toEqual(['a_b1', 'a_b2'])
    expect(plan.order).toEqual(['s.a', 's.b'])
    expectParentsFirst(tables, plan)
  })

  it('keeps a nullable FK that runs beside a NOT NULL one, deferring the other direction', () => {
    const tables = [
      table('a', [fk('a_b_hard', ['b1_id'], 'b'), fk('a_b_soft', ['b2_id'], 'b')], ['b2_id']),
      table('b', [fk('b_a', ['a_id'], 'a')], ['a_id']),
    ]
    const plan = planLoad({ tables })
    expect(plan.deferred.map((d) => d.foreignKey)).toEqual(['b_a'])
    expect(plan.order).toEqual(['s.b', 's.a'])
    expectParentsFirst(tables, plan)
  })

  it('names every NOT NULL FK of a step when two of them join the same pair in an unbreakable cycle', () => {
    const tables = [
      table('a', [fk('a_b1', ['b1_id'], 'b'), fk('a_b2', ['b2_id'], 'b')]),
      table('b', [fk('b_a', ['a_id'], 'a')]),
    ]
    expect(planLoad({ tables }).cycles[0]?.fix).toContain('s.a.b1_id and s.a.b2_id → s.b, s.b.a_id → s.a;')
  })

  it('returns the same plan whatever the order of the input tables', () => {
    const tables = [
      table('hub', [fk('hub_x', ['x_id'], 'x'), fk('hub_ext', ['e_id'], 'e', { schema: 'o' })], ['x_id']),
      table('x', [fk('x_hub', ['hub_id'], 'hub'), fk('x_ext', ['e_id'], 'e', { schema: 'o' })]),
      table('m', [fk('m_x', ['x_id'], 'x'), fk('m_hub', ['hub_id'], 'hub'), fk('m_m', ['m_id'], 'm')]),
      table('n', [fk('n_n', ['n_id'], 'n')]),
      table('p', [fk('p_q', ['q_id'], 'q')]),
      table('q', [fk('q_p', ['p_id'], 'p')]),
      table('r', [fk('r_q', ['q_id'], 'q')]),
    ]
    const plan = planLoad({ tables })
    expectParentsFirst(tables, plan)
    let seed = 7
    for (let round = 0; round < 20; round++) {
      const shuffled = [...tables]
      for (let i = shuffled.length - 1; i > 0; i--) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31
        const j = seed % (i + 1)
        ;[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!]
      }
      expect(planLoad({ tables: shuffled })).toEqual(plan)
    }
  })
})
