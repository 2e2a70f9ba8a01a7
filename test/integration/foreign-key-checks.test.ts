import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import type { NewForeignKey } from '../../src/dialects/twin-target.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { inTwinWrite, withDatabase } from '../support/twin-checks.js'

/** parents (1, 2) and children pointing at them: with `orphan`, one child points at a parent that is not there. */
async function createPair(db: Database, orphan: boolean): Promise<NewForeignKey> {
  const schema = db.ddl.schemas ? 'public' : db.name
  await db.db.schema
    .createTable('parents')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .execute()
  await db.db.schema
    .createTable('children')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('parent id', 'integer')
    .execute()
  await db.db
    .insertInto('parents')
    .values([{ id: 1 }, { id: 2 }])
    .execute()
  await db.db
    .insertInto('children')
    .values([
      { id: 1, 'parent id': 1 },
      { id: 2, 'parent id': null },
      { id: 3, 'parent id': orphan ? 3 : 2 },
    ])
    .execute()
  return {
    target: { schema, name: 'children' },
    parent: { schema, name: 'parents' },
    fk: {
      name: 'children_parent_fk',
      columns: ['parent id'],
      references: { schema, name: 'parents', columns: ['id'] },
      onDelete: 'no action',
      onUpdate: 'no action',
      deferrable: false,
      initiallyDeferred: false,
      validated: true,
    },
  }
}

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`adding a twin's foreign keys on ${dialect.name}`, () => {
    let target: TestDatabase
    beforeEach(async () => {
      target = await createTestDatabase(dialect.name)
    })
    afterEach(async () => {
      await target?.drop()
    })

    it('adds a key that every row satisfies, and the engine enforces it from then on', async () => {
      await withDatabase(target.url, async (db) => {
        const key = await createPair(db, false)
        await inTwinWrite(db, ({ db: write, twin }) => twin.addForeignKeys(write, [key]))
        await expect(
          db.db.insertInto('children').values({ id: 4, 'parent id': 9 }).execute(),
        ).rejects.toThrow()
      })
    })

    it('refuses a key that a row breaks, naming it', async () => {
      await withDatabase(target.url, async (db) => {
        const key = await createPair(db, true)
        await expect(
          inTwinWrite(db, ({ db: write, twin }) => twin.addForeignKeys(write, [key])),
        ).rejects.toThrow(/children_parent_fk/)
        const { rows } = await sql<{ n: unknown }>`select count(*) as n from children`.execute(db.db)
        expect(Number(rows[0]?.n)).toBe(3)
      })
    })
  })
}
