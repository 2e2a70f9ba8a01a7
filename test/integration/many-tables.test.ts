import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { postgresForeignKeys } from '../../src/dialects/postgres/postgres-twin.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

const CHILDREN = 400

for (const dialect of testDialects().filter((d) => d.name !== 'mysql')) {
  describe.skipIf(!dialect.available)(`a target with ${CHILDREN} tables on ${dialect.name}`, () => {
    let database: TestDatabase
    beforeAll(async () => {
      database = await createTestDatabase(dialect.name)
    })
    afterAll(async () => database?.drop())

    // musicbrainz has 375 tables: read back as 802 parameters of a row list, PGlite answered no foreign key at all,
    // and the clone failed saying every key was missing.
    it('reads back every foreign key a write added', async () => {
      await withDatabase(database.url, async (db) => {
        await sql`create table parent (id int primary key)`.execute(db.db)
        const tables = [{ schema: 'public', name: 'parent' }]
        for (let i = 0; i < CHILDREN; i++) {
          await sql`create table ${sql.id(`child_${i}`)} (p int references parent (id))`.execute(db.db)
          tables.push({ schema: 'public', name: `child_${i}` })
        }
        expect(await postgresForeignKeys(db.db, tables)).toHaveLength(CHILDREN)
      })
    })
  })
}
