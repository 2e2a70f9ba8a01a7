import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CellValue } from '../../src/dialects/twin-target.js'
import { column } from '../fixtures/columns.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

/** Text that CSV, COPY or an INSERT could mangle: each must come back exactly as written, NULL apart from ''. */
const AWKWARD: CellValue[] = [
  '',
  'plain',
  'a,b',
  'say "hi"',
  '"',
  'line\nbreak',
  'carriage\rreturn',
  '\\.',
  '\\',
  'back\\slash',
  ' padded ',
  'NULL',
  '\\N',
  "it's",
  'Zoë → 東京',
  null,
]

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`bulk loading on ${dialect.name}`, () => {
    let target: TestDatabase

    beforeAll(async () => {
      target = await createTestDatabase(dialect.name)
    })
    afterAll(async () => {
      await target?.drop()
    })

    it('writes awkward text through the bulk path and reads back every value as written', async () => {
      await withDatabase(target.url, async (db) => {
        const schema = db.ddl.schemas ? 'public' : db.name
        await db.db.schema
          .createTable(`${schema}.awkward`)
          .addColumn('id', 'integer')
          .addColumn('v', 'text')
          .execute()
        const writer = db
          .twin([])
          .bulkWriter({ schema, name: 'awkward' }, [column('id', 'integer'), column('v', 'text')])
        await writer.write(AWKWARD.map((v, i) => [i, v]))
        await writer.end()
        const { rows } = await sql<{
          id: unknown
          v: string | null
        }>`select id, v from ${sql.id(schema, 'awkward')} order by id`.execute(db.db)
        expect(rows.map((r) => r.v)).toEqual(AWKWARD)

        // One column: a line holding only `\.` would end a COPY's data.
        await db.db.schema.createTable(`${schema}.single`).addColumn('v', 'text').execute()
        const single = db.twin([]).bulkWriter({ schema, name: 'single' }, [column('v', 'text')])
        await single.write([['before'], ['\\.'], ['after']])
        await single.end()
        const read = await sql<{ v: string }>`select v from ${sql.id(schema, 'single')}`.execute(db.db)
        expect(read.rows.map((r) => r.v).sort()).toEqual(['\\.', 'after', 'before'])
      })
    })
  })
}
