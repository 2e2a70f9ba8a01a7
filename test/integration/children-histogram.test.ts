import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { readChildrenHistogram } from '../../src/dialects/queries/source-queries.js'
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
})
