import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import { generate } from '../../src/write/generate-into-target.js'
import { learnedSource, type LearnedSource } from '../support/learned-source.js'
import { testDialects } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

const DAY_MS = 86_400_000

/**
 * Employee's shape (issue 16): assignments from up to five years after their person's hire but none after the data
 * ends, most of them still current (and every one that would end after the data ends), which the source writes as 9999-01-01 — the learned gap added to a later start passed 9999-12-31, which MariaDB's DATE
 * cannot hold, and left no assignment current.
 */
async function createAssignments(db: Database): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db.db)
  await run('create table people (id integer primary key, hired date not null)')
  await run(`create table assignments (id integer primary key, person_id integer not null,
    from_date date not null, to_date date not null,
    constraint assignments_person foreign key (person_id) references people (id))`)
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)
  const start = Date.UTC(1985, 0, 1)
  const end = start + (5_843 + 100) * DAY_MS
  // 250 people, more than a reference table holds: their hires are drawn, as employee's are.
  const people = Array.from({ length: 250 }, (_, i) => ({
    id: i + 1,
    hired: day(start + Math.floor((i * 5_843) / 250) * DAY_MS),
  }))
  await db.db.insertInto('people').values(people).execute()
  const assignments = people.flatMap((p, i) =>
    [0, 1, 2].map((k) => {
      const n = i * 3 + k
      // Up to five years after the hire, but never after the data ends, 100 days after the last hire.
      const hired = Date.parse(`${p.hired}T00:00:00Z`)
      const room = Math.round((end - hired) / DAY_MS)
      const from = hired + (((n * 37) % 1_801) % room) * DAY_MS
      const to = from + (30 + ((n * 53) % 901)) * DAY_MS
      const current = n % 5 < 3 || to > end
      return { id: n + 1, person_id: p.id, from_date: day(from), to_date: current ? '9999-01-01' : day(to) }
    }),
  )
  await db.db.insertInto('assignments').values(assignments).execute()
}

/** A date read back as [year, month, day], for years of any length (PostgreSQL's pass 9999). */
function civil(value: unknown): number {
  const m = /^(\d+)-(\d\d)-(\d\d)/.exec(value instanceof Date ? value.toISOString() : String(value))
  expect(m, String(value)).not.toBeNull()
  return Number(m![1]) * 10_000 + Number(m![2]) * 100 + Number(m![3])
}

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`dates at the end of the type's range on ${dialect.name}`, () => {
    let learned: LearnedSource
    let rows: { from_date: unknown; to_date: unknown }[]

    beforeAll(async () => {
      learned = await learnedSource(dialect.name, createAssignments, 2)
      await generate(learned.model, learned.target, { seed: 1 })
      rows = await withDatabase(
        learned.target,
        async (db) =>
          (
            await sql<{
              from_date: unknown
              to_date: unknown
            }>`select from_date, to_date from assignments`.execute(db.db)
          ).rows,
      )
    }, 120_000)
    afterAll(() => learned?.drop())

    it('writes every assignment, none ending before it starts', () => {
      expect(rows).toHaveLength(750)
      const backwards = rows.filter((r) => civil(r.to_date) < civil(r.from_date))
      expect(backwards).toEqual([])
    })

    it("starts no assignment after the source's latest start, however late its person's hire", async () => {
      // The gap after the hire was drawn whole: a person hired late started an assignment after the data ends.
      const latest = await withDatabase(learned.source, async (db) => {
        const { rows } = await sql<{
          latest: unknown
        }>`select max(from_date) as latest from assignments`.execute(db.db)
        return civil(rows[0]!.latest)
      })
      expect(rows.filter((r) => civil(r.from_date) > latest)).toEqual([])
    })

    it("ends no assignment after the source's latest end but the still-current ones", async () => {
      // The difference after a late start was drawn whole: an ended assignment ended after the data ends.
      const latest = await withDatabase(learned.source, async (db) => {
        const { rows } = await sql<{
          latest: unknown
        }>`select max(to_date) as latest from assignments where to_date < '9999-01-01'`.execute(db.db)
        return civil(rows[0]!.latest)
      })
      const ended = rows.filter((r) => civil(r.to_date) !== 9999_01_01)
      expect(ended.filter((r) => civil(r.to_date) > latest)).toEqual([])
    })

    it('keeps 9999-01-01 for the still-current two in three, and dates of the other ends within their gaps', () => {
      // Drawn as differences, the still-current ends spread over 9982–10005: past MariaDB's DATE, and none current.
      const current = rows.filter((r) => civil(r.to_date) === 9999_01_01).length / rows.length
      expect(current).toBeGreaterThan(0.5)
      expect(current).toBeLessThan(0.7)
      const others = rows.filter((r) => civil(r.to_date) !== 9999_01_01)
      expect(others.filter((r) => civil(r.to_date) > 2010_00_00)).toEqual([])
    })
  })
}
