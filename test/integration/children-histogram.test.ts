import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { readChildrenCounts, readChildrenHistogram } from '../../src/dialects/queries/source-queries.js'
import type { ForeignKey, TableRef } from '../../src/schema/schema.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

/**
 * The children-per-parent histogram behind learn's cardinalities and the report's cardinality score. SDMetrics
 * counts every parent, so a childless parent must be a zero; a child whose key is NULL or points at no parent
 * (the key is not declared, so the database lets it) belongs to no parent and must not be counted.
 */
describe.each(testDialects())('children per parent on $name', ({ name, available }) => {
  let database: TestDatabase | undefined
  afterEach(async () => database?.drop())

  it.skipIf(!available)('counts childless parents as zeros and skips null keys and orphans', async () => {
    database = await createTestDatabase(name)
    const histogram = await withDatabase(database.url, async (db) => {
      for (const statement of [
        'create table parent (id integer primary key)',
        'create table child (id integer primary key, parent_id integer)',
        'insert into parent values (1), (2), (3), (4)',
        // parent 1: three children, parent 2: one, parents 3 and 4: none; one NULL key, two orphans of parent 9
        'insert into child values (1, 1), (2, 1), (3, 1), (4, 2), (5, null), (6, 9), (7, 9)',
      ])
        await sql.raw(statement).execute(db.db)
      const schema = await db.introspect()
      const table = (tableName: string): TableRef => {
        const found = schema.tables.find((t) => t.name === tableName)!
        return { schema: found.schema, name: found.name }
      }
      const fk: ForeignKey = {
        name: 'child_parent_fk',
        columns: ['parent_id'],
        references: { ...table('parent'), columns: ['id'] },
        onDelete: 'no action',
        onUpdate: 'no action',
        deferrable: false,
        initiallyDeferred: false,
        validated: true,
      }
      return readChildrenHistogram(db, table('child'), fk)
    })
    expect([...histogram].sort((a, b) => a.value - b.value)).toEqual([
      { value: 0, count: 2 },
      { value: 1, count: 1 },
      { value: 3, count: 1 },
    ])
  })
  it.skipIf(!available)(
    'counts a declared composite key from the child alone as the join does: nulls, partial nulls, childless parents',
    async () => {
      database = await createTestDatabase(name)
      const counted = await withDatabase(database.url, async (db) => {
        for (const statement of [
          'create table parent (a integer not null, b integer not null, primary key (a, b))',
          `create table child (id integer primary key, pa integer, pb integer,
             constraint child_parent_fk foreign key (pa, pb) references parent (a, b))`,
          'insert into parent values (1, 1), (1, 2), (2, 1), (3, 3), (4, 4)',
          // (1,1): three children, (1,2) and (2,1): one each, (3,3) and (4,4): none; two NULL keys, one half NULL
          `insert into child values (1, 1, 1), (2, 1, 1), (3, 1, 1), (4, 1, 2), (5, 2, 1),
             (6, null, null), (7, null, null), (8, 3, null)`,
        ])
          await sql.raw(statement).execute(db.db)
        const schema = await db.introspect()
        const child = schema.tables.find((t) => t.name === 'child')!
        const fk = child.foreignKeys[0]!
        const joined = await readChildrenHistogram(db, child, fk)
        return { joined, counts: await readChildrenCounts(db, child, fk) }
      })
      const sorted = (bins: { value: number; count: number }[]) => [...bins].sort((a, b) => a.value - b.value)
      expect(counted.counts.nulls).toBe(3)
      expect(sorted(counted.counts.histogram)).toEqual([
        { value: 0, count: 2 },
        { value: 1, count: 2 },
        { value: 3, count: 1 },
      ])
      expect(sorted(counted.counts.histogram)).toEqual(sorted(counted.joined))
    },
  )
})
