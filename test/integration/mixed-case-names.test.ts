import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/dialects/open-database.js'
import { subset } from '../../src/subset/subset.js'
import { parseRoot } from '../../src/subset/subset-options.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'

/**
 * Chinook's shape: tables named in mixed case (`Genre`, `Track`), which tableName quotes (`"Genre"`). A subset copies
 * the small lookup `Genre` whole as a reference table; it failed with `reference table: no table ""Chinook"."Genre""`
 * when the reference list, made of tableName ids, was looked up as names a user types.
 */
for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`mixed-case table names on ${dialect.name}`, () => {
    let source: TestDatabase

    beforeAll(async () => {
      source = await createTestDatabase(dialect.name)
      const db = await openDatabase(source.url)
      try {
        await db.db.schema
          .createTable('Genre')
          .addColumn('GenreId', 'integer', (c) => c.primaryKey())
          .addColumn('Name', 'varchar(40)', (c) => c.notNull())
          .execute()
        await db.db.schema
          .createTable('Track')
          .addColumn('TrackId', 'integer', (c) => c.primaryKey())
          .addColumn('GenreId', 'integer', (c) => c.notNull().references('Genre.GenreId'))
          .addColumn('Milliseconds', 'integer', (c) => c.notNull())
          .execute()
        const genres = ['Rock', 'Jazz', 'Metal', 'Blues', 'Latin', 'Reggae', 'Pop', 'Soul']
        await db.db
          .insertInto('Genre')
          .values(genres.map((Name, i) => ({ GenreId: i + 1, Name })))
          .execute()
        // Every track is Rock, Jazz or Metal: the other five genres come only with the whole table.
        await db.db
          .insertInto('Track')
          .values(
            Array.from({ length: 60 }, (_, i) => ({
              TrackId: i + 1,
              GenreId: (i % 3) + 1,
              Milliseconds: 180_000 + i * 1_000,
            })),
          )
          .execute()
      } finally {
        await db.close()
      }
    }, 60_000)
    afterAll(() => source?.drop())

    it('subsets a mixed-case table and copies its mixed-case lookup whole', async () => {
      const target = await createTestDatabase(dialect.name)
      try {
        await subset(source.url, target.url, { roots: [parseRoot('Track limit 6')] })
        const db = await openDatabase(target.url)
        try {
          const count = async (table: string) =>
            Number(
              (await sql<{ n: unknown }>`select count(*) as n from ${sql.id(table)}`.execute(db.db)).rows[0]!
                .n,
            )
          expect(await count('Track')).toBe(6)
          expect(await count('Genre')).toBe(8)
        } finally {
          await db.close()
        }
      } finally {
        await target.drop()
      }
    }, 120_000)
  })
}
