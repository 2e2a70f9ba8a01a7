import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import type { DbtwinError } from '../../src/errors.js'
import type { Model } from '../../src/model/model.js'
import { generate } from '../../src/write/generate-into-target.js'
import { learnedSource, type LearnedSource } from '../support/learned-source.js'
import { absentTestDatabase, testDialects } from '../support/test-database.js'
import { overflowing } from '../support/overflowing-model.js'
import { withDatabase } from '../support/twin-checks.js'

async function createItems(db: Database): Promise<void> {
  await db.db.schema
    .createTable('items')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('price', 'integer', (c) => c.notNull())
    .execute()
  await db.db
    .insertInto('items')
    .values(Array.from({ length: 50 }, (_, i) => ({ id: i + 1, price: 10 + i })))
    .execute()
}

/**
 * The model with prices no integer column holds (10¹²), so writing fails after the target was created. (A CHECK no
 * row can meet no longer fails a write: generation keeps to the CHECKs it reads, and one it cannot read is added
 * NOT VALID after the load.)
 */
function unwritable(model: Model): Model {
  return overflowing(model, 'items', 'price')
}

// A PGlite database is a directory, created whenever it is opened: there is no server to create it on.
for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available || dialect.name === 'pglite')(
    `a target database that does not exist yet, on ${dialect.name}`,
    () => {
      let learned: LearnedSource

      beforeAll(async () => {
        learned = await learnedSource(dialect.name, createItems, 2)
      })
      afterAll(() => learned?.drop())

      it('is refused with the fix, and nothing is created', async () => {
        const target = absentTestDatabase(dialect.name as 'postgres' | 'mysql')
        const error = (await generate(learned.model, target.url).catch((e: unknown) => e)) as DbtwinError
        expect(error.code).toBe('DATABASE_NOT_FOUND')
        // The library names its option, the CLI its flag; the data names the database.
        expect(error.fix).toMatch(/or let dbtwin create it \(existing: 'create'\)$/)
        expect(error.cliFix).toMatch(/or pass --create to have dbtwin create it$/)
        expect(error.is('DATABASE_NOT_FOUND') && error.data.database).toContain(target.name)
        expect(await target.exists()).toBe(false)
      })

      it('is created with --create and filled', async () => {
        const target = absentTestDatabase(dialect.name as 'postgres' | 'mysql')
        try {
          const notes: string[] = []
          await generate(learned.model, target.url, { existing: 'create' }, (e) => {
            if (e.step === 'note') notes.push(e.message)
          })
          expect(notes).toContain(`created the database ${target.url.replace(/\/$/, '')}`)
          const rows = await withDatabase(target.url, async (db) =>
            Number((await sql<{ n: unknown }>`select count(*) as n from items`.execute(db.db)).rows[0]!.n),
          )
          expect(rows).toBe(50)
        } finally {
          await target.drop()
        }
      })

      it('is dropped again when writing into it fails', async () => {
        const target = absentTestDatabase(dialect.name as 'postgres' | 'mysql')
        try {
          const error = (await generate(unwritable(learned.model), target.url, { existing: 'create' }).catch(
            (e: unknown) => e,
          )) as DbtwinError
          expect(error.code).toBe('GENERATE_FAILED')
          expect(error.message).toMatch(/the database it created is dropped again/)
          expect(await target.exists()).toBe(false)
        } finally {
          await target.drop()
        }
      })
    },
  )
}
