import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import type { ColumnModel } from '../../src/model/model.js'
import { generate } from '../../src/write/generate-into-target.js'
import { learnedSource, type LearnedSource } from '../support/learned-source.js'
import { testDialects } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

const LOADED_AT = '2022-09-10 16:46:03.905795'

/**
 * 300 rows: `loaded_at` is one instant to the microsecond (a bulk load's stamp), `seen_at` varies to the
 * millisecond, `booked_at` holds whole seconds.
 */
async function createEvents(db: Database): Promise<void> {
  const instant = sql.raw(db.dialect === 'mysql' ? 'datetime(6)' : 'timestamp(6)')
  await db.db.schema
    .createTable('events')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('loaded_at', instant, (c) => c.notNull())
    .addColumn('seen_at', instant, (c) => c.notNull())
    .addColumn('booked_at', instant, (c) => c.notNull())
    .execute()
  const start = Date.parse('2024-03-01T00:00:00Z')
  const rows = Array.from({ length: 300 }, (_, i) => ({
    id: i + 1,
    loaded_at: LOADED_AT,
    seen_at: new Date(start + i * 3_600_123).toISOString().replace('T', ' ').replace('Z', ''),
    booked_at: new Date(start + i * 86_400_000 + (i % 60) * 1000)
      .toISOString()
      .slice(0, 19)
      .replace('T', ' '),
  }))
  await db.db.insertInto('events').values(rows).execute()
}

interface Event {
  loaded_at: string
  seen_at: string
  booked_at: string
}

const events = async (db: Database) => (await sql<Event>`select * from events`.execute(db.db)).rows

/** The digits after the seconds, trailing zeros included, as the engine prints them. */
const fraction = (text: string) => /:\d\d\.(\d+)/.exec(text)?.[1] ?? ''

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`fractions of a second on ${dialect.name}`, () => {
    let learned: LearnedSource

    beforeAll(async () => {
      learned = await learnedSource(dialect.name, createEvents, 3)
      await generate(learned.model, learned.target, { seed: 3 })
    }, 60_000)
    afterAll(() => learned?.drop())

    it('learns how many digits of a second each column carries', () => {
      const columns = learned.model.tables.find((t) => t.table.endsWith('events'))!.columns
      const digits = (name: string) =>
        (columns.find((c) => c.name === name) as ColumnModel & { fractionDigits: number }).fractionDigits
      expect([digits('loaded_at'), digits('seen_at'), digits('booked_at')]).toEqual([6, 3, 0])
    })

    it('writes a constant stamp to the microsecond, and each column no finer than its source', async () => {
      const twin = await withDatabase(learned.target, events)
      expect(twin).toHaveLength(300)
      expect(new Set(twin.map((e) => e.loaded_at.replace(/0+$/, '')))).toEqual(new Set([LOADED_AT]))
      const seen = twin.map((e) => fraction(e.seen_at).replace(/0+$/, ''))
      expect(seen.filter((f) => f.length > 3)).toEqual([])
      expect(seen.filter((f) => f.length > 0).length).toBeGreaterThan(250)
      expect(twin.filter((e) => /[1-9]/.test(fraction(e.booked_at)))).toEqual([])
    })
  })
}
