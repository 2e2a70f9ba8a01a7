import { describe, expect, it } from 'vitest'
import type { ForeignKey, Schema, Table } from '../../src/schema/schema.js'
import { planSelection } from '../../src/subset/select-rows.js'
import { parseRoot } from '../../src/subset/subset-options.js'
import { column } from '../fixtures/columns.js'

/** A table in schema `s` keyed by `id` (unless `keyless`), with `columns` NOT NULL unless listed in `nullable`. */
function table(
  name: string,
  columns: string[],
  fks: ForeignKey[],
  nullable: string[] = [],
  keyless = false,
): Table {
  return {
    schema: 's',
    name,
    columns: ['id', ...columns].map((c) => column(c, 'integer', { nullable: nullable.includes(c) })),
    primaryKey: keyless ? null : { name: `${name}_pkey`, columns: ['id'] },
    uniques: [],
    foreignKeys: fks,
    checks: [],
    estimatedRows: 0,
    comment: null,
    partitions: [],
  }
}

const fk = (name: string, columns: string[], parent: string): ForeignKey => ({
  name,
  columns,
  references: { schema: 's', name: parent, columns: ['id'] },
  onDelete: 'no action',
  onUpdate: 'no action',
  deferrable: false,
  initiallyDeferred: false,
  validated: true,
})

// A shop: orders need a customer, may have a coupon; lines need an order; a log points at orders loosely.
const schema: Schema = {
  formatVersion: 1,
  dialect: 'postgres',
  database: 'shop',
  schemas: ['s'],
  tables: [
    table('customer', [], []),
    table('coupon', [], []),
    table(
      'orders',
      ['customer_id', 'coupon_id'],
      [fk('o_c', ['customer_id'], 'customer'), fk('o_k', ['coupon_id'], 'coupon')],
      ['coupon_id'],
    ),
    table('line', ['order_id'], [fk('l_o', ['order_id'], 'orders')]),
    table('log', ['order_ref'], [], [], true),
  ],
  enums: [],
  objects: [],
  skipped: [],
}

describe('planSelection', () => {
  it('follows declared and virtual foreign keys, a nullable one as optional', () => {
    const plan = planSelection(schema, {
      roots: [parseRoot('s.customer limit 3')],
      virtualForeignKeys: [
        { from: { table: 'log', columns: ['order_ref'] }, to: { table: 's.orders', columns: ['id'] } },
      ],
    })
    expect(plan.edges.map((e) => [e.name, e.child.name, e.parent.name, e.nullable, e.virtual])).toEqual([
      ['o_c', 'orders', 'customer', false, false],
      ['o_k', 'orders', 'coupon', true, false],
      ['l_o', 'line', 'orders', false, false],
      ['virtual#1', 'log', 'orders', false, true],
    ])
    expect(plan.roots.map((r) => r.table.name)).toEqual(['customer'])
    expect(plan.edges.every(plan.followUp)).toBe(true)
  })

  it("leaves out what an excluded table's NOT NULL keys need, and no more", () => {
    const plan = planSelection(schema, { roots: [parseRoot('s.coupon')], exclude: ['customer'] })
    expect([...plan.excluded]).toEqual([
      ['s.customer', 'excluded'],
      ['s.orders', 'its NOT NULL o_c needs s.customer, which is left out'],
      ['s.line', 'its NOT NULL l_o needs s.orders, which is left out'],
    ])
    // Nothing pulls in a parent left out.
    expect(plan.edges.filter(plan.followUp).map((e) => e.name)).toEqual(['o_k'])
  })

  it('does not follow nullable keys upward when optional parents are written NULL', () => {
    const plan = planSelection(schema, { roots: [parseRoot('s.line 5%')], optionalParents: 'null' })
    expect(plan.edges.filter(plan.followUp).map((e) => e.name)).toEqual(['o_c', 'l_o'])
  })

  it('copies passthrough and reference tables whole, and limits children as the policy says', () => {
    const plan = planSelection(schema, {
      roots: [parseRoot('s.customer')],
      passthrough: ['coupon'],
      reference: ['s.customer'],
      children: { default: 'none', perTable: { line: 2 } },
    })
    expect(plan.whole.map((w) => [w.table.name, w.reason])).toEqual([
      ['coupon', 'passthrough'],
      ['customer', 'reference table'],
    ])
    const byName = (name: string) => schema.tables.find((t) => t.name === name)!
    expect(plan.limitFor(byName('line'))).toBe(2)
    expect(plan.limitFor(byName('orders'))).toBe(0)
  })

  it('refuses a root left out or without a primary key, and a misspelt table, before any query', () => {
    expect(() => planSelection(schema, { roots: [parseRoot('s.line')], exclude: ['orders'] })).toThrow(
      'root s.line is left out (its NOT NULL l_o needs s.orders, which is left out)',
    )
    expect(() => planSelection(schema, { roots: [parseRoot('s.log')] })).toThrow(
      'root s.log has no primary key to select rows by',
    )
    expect(() =>
      planSelection(schema, { roots: [parseRoot('s.customer')], passthrough: ['coupons'] }),
    ).toThrow('--passthrough: no table "coupons"')
  })
})
