import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import type { DbtwinError } from '../../src/errors.js'
import { parseRoot } from '../../src/subset/subset-options.js'
import { subset } from '../../src/subset/subset.js'
import { clone } from '../../src/write/clone.js'
import { generate } from '../../src/write/generate-into-target.js'
import { learnedSource, type LearnedSource } from '../support/learned-source.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

async function createItems(db: Database): Promise<void> {
  await db.db.schema
    .createTable('items')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('price', 'integer', (c) => c.notNull())
    .execute()
  await db.db
    .insertInto('items')
    .values(Array.from({ length: 20 }, (_, i) => ({ id: i + 1, price: 10 + i })))
    .execute()
}

const count = (url: string, table: string) =>
  withDatabase(url, async (db) =>
    Number(
      (await sql<{ n: unknown }>`select count(*) as n from ${sql.table(table)}`.execute(db.db)).rows[0]!.n,
    ),
  )

// Issue 15: `clone --create` into a database that has the source's tables learned the whole source first and was
// refused only when it came to write; a target's unrelated tables were written beside without a word.
for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(
    `the target is checked before the source is read, on ${dialect.name}`,
    () => {
      let learned: LearnedSource
      let taken: TestDatabase

      beforeAll(async () => {
        learned = await learnedSource(dialect.name, createItems, 2)
        taken = await createTestDatabase(dialect.name)
        await withDatabase(taken.url, createItems)
      })
      afterAll(async () => {
        await learned?.drop()
        await taken?.drop()
      })

      it('clone --create refuses a target that has the tables before it learns a table', async () => {
        const steps: string[] = []
        const error = (await clone(learned.source, taken.url, { existing: 'create' }, (e) =>
          steps.push(e.step),
        ).catch((e: unknown) => e)) as DbtwinError
        expect(error.code).toBe('TARGET_NOT_EMPTY')
        expect(error.message).toMatch(/already has \S*items$/)
        expect(steps).toEqual([])
        expect(await count(taken.url, 'items')).toBe(20)
      })

      it('clone without a flag refuses a table holding rows before it learns', async () => {
        const steps: string[] = []
        const error = (await clone(learned.source, taken.url, {}, (e) => steps.push(e.step)).catch(
          (e: unknown) => e,
        )) as DbtwinError
        expect(error.code).toBe('TARGET_NOT_EMPTY')
        expect(error.message).toMatch(/items on .* already holds rows$/)
        expect(steps).toEqual([])
      })

      it('subset --create refuses the same target before it chooses a row', async () => {
        const steps: string[] = []
        const error = (await subset(
          learned.source,
          taken.url,
          { roots: [parseRoot('items limit 5')], existing: 'create' },
          (e) => steps.push(e.step),
        ).catch((e: unknown) => e)) as DbtwinError
        expect(error.code).toBe('TARGET_NOT_EMPTY')
        expect(steps).not.toContain('plan')
      })

      it('writes beside unrelated tables, leaves them as they were, and says so in one line', async () => {
        const other = await createTestDatabase(dialect.name)
        try {
          await withDatabase(other.url, async (db) => {
            await db.db.schema.createTable('app_migrations').addColumn('version', 'integer').execute()
            await db.db
              .insertInto('app_migrations')
              .values([{ version: 1 }, { version: 2 }])
              .execute()
          })
          const notes: string[] = []
          await generate(learned.model, other.url, { existing: 'create' }, (e) => {
            if (e.step === 'note') notes.push(e.message)
          })
          expect(notes.filter((n) => n.includes('other table'))).toEqual([
            expect.stringMatching(
              /holds 1 other table \(\S*app_migrations\): the twin is written beside them, which are left as they are$/,
            ),
          ])
          expect(await count(other.url, 'app_migrations')).toBe(2)
          expect(await count(other.url, 'items')).toBe(20)
        } finally {
          await other.drop()
        }
      })
    },
  )
}
