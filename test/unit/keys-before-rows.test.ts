import { describe, expect, it } from 'vitest'
import type { NewForeignKey } from '../../src/dialects/twin-target.js'
import type { Key, Table, TableRef } from '../../src/schema/schema.js'
import { KeysBeforeRows, updatedColumns } from '../../src/write/keys-before-rows.js'

const ref = (name: string): TableRef => ({ schema: 'twin', name })

function key(
  name: string,
  child: string,
  columns: string[],
  parent: string,
  validated = true,
): NewForeignKey {
  return {
    target: ref(child),
    parent: ref(parent),
    fk: {
      name,
      columns,
      references: { ...ref(parent), columns: ['id'] },
      onDelete: 'no action',
      onUpdate: 'no action',
      deferrable: false,
      initiallyDeferred: false,
      validated,
    },
  }
}

function table(name: string, primaryKey: string[], uniques: Key[] = []): { table: Table; target: TableRef } {
  return {
    table: {
      ...ref(name),
      columns: [],
      primaryKey: { name: `${name}_pkey`, columns: primaryKey },
      uniques,
      foreignKeys: [],
      checks: [],
      estimatedRows: 0,
      comment: null,
      partitions: [],
    },
    target: ref(name),
  }
}

const TABLES = [
  table('orders', ['id']),
  table('lines', ['order_id', 'line']),
  table('notes', ['id'], [{ name: 'notes_order', columns: ['order_id', 'at'] }]),
  table('tags', ['id'], [{ name: 'tags_order', columns: ['order_id'], index: true }]),
  table('tree', ['parent_id', 'id']),
]
const names = (keys: NewForeignKey[]) => keys.map((k) => k.fk.name)

describe('the foreign keys added before a table’s rows', () => {
  it('are the valid keys to a written parent that a key of the table begins with, each handed out once', () => {
    const keys = [
      key('lines_order', 'lines', ['order_id'], 'orders'),
      key('notes_order', 'notes', ['order_id'], 'orders'),
      key('tags_order', 'tags', ['order_id'], 'orders'),
      key('tree_parent', 'tree', ['parent_id'], 'tree'),
    ]
    const early = new KeysBeforeRows(keys, TABLES, [])
    // No parent written yet.
    expect(early.take(ref('lines'))).toEqual([])
    early.tableWritten(ref('orders'))
    expect(names(early.take(ref('lines')))).toEqual(['lines_order'])
    expect(early.take(ref('lines'))).toEqual([])
    // A unique key begins with it.
    expect(names(early.take(ref('notes')))).toEqual(['notes_order'])
    // A unique key written as the source's own index comes after the rows.
    expect(early.take(ref('tags'))).toEqual([])
    // A table's key to itself: its parents are its own rows, still to come.
    early.tableWritten(ref('tree'))
    expect(early.take(ref('tree'))).toEqual([])
    expect(names(early.after())).toEqual(['tags_order', 'tree_parent'])
  })

  it('leaves for after the load a key the source holds NOT VALID or whose columns an UPDATE sets then', () => {
    const keys = [
      key('lines_order', 'lines', ['order_id'], 'orders', false),
      key('notes_order', 'notes', ['order_id'], 'orders'),
      key('lines_by_total', 'lines', ['order_id'], 'totals'),
    ]
    const sums = [
      {
        parent: ref('totals'),
        parentColumn: 'id',
        child: ref('lines'),
        foreignKey: { columns: ['order_id'], references: { ...ref('totals'), columns: ['id'] } },
        column: 'amount',
        limit: null,
      },
    ]
    const early = new KeysBeforeRows(
      keys,
      TABLES,
      updatedColumns(sums, [{ table: ref('notes'), column: 'order_id' }]),
    )
    early.tableWritten(ref('orders'))
    early.tableWritten(ref('totals'))
    expect(early.take(ref('lines'))).toEqual([])
    expect(early.take(ref('notes'))).toEqual([])
    expect(names(early.after())).toEqual(['lines_order', 'notes_order', 'lines_by_total'])
  })
})
