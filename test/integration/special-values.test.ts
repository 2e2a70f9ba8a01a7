import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import { learn } from '../../src/learn/learn.js'
import { formatModelFile } from '../../src/model/model-file.js'
import type { ColumnModel, Model } from '../../src/model/model.js'
import { subset } from '../../src/subset/subset.js'
import { parseRoot } from '../../src/subset/subset-options.js'
import { generate } from '../../src/write/generate-into-target.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

/**
 * A PostgreSQL source with the values issue 14 found corrupted: a date and a timestamp ordered across types
 * (ts < d in every row), floats holding NaN and ±Infinity (one column NOT NULL), and money.
 */
async function fill(db: Database): Promise<void> {
  const statements = [
    `create table events (id integer primary key, d date not null, ts timestamp not null)`,
    `insert into events select i, date '2020-01-01' + i,
       timestamp '2020-01-01' + (i - 1) * interval '1 day' + (i % 24) * interval '1 hour'
     from generate_series(1, 300) i`,
    `create table measures (id integer primary key, f double precision, g double precision not null)`,
    // f: 40 NaN, 10 Infinity, 10 -Infinity in 400; g: 50 NaN.
    `insert into measures select i,
       case when i % 10 = 0 then 'NaN'::float8 when i % 40 = 1 then 'Infinity' when i % 40 = 2 then '-Infinity'
            else i * 1.5 end,
       case when i % 8 = 0 then 'NaN'::float8 else i end
     from generate_series(1, 400) i`,
    `create table prices (id integer primary key, m money not null)`,
    `insert into prices select i, (i * 3.25 + 1000)::numeric::money from generate_series(1, 200) i`,
  ]
  for (const statement of statements) await sql.raw(statement).execute(db.db)
}

const numbers = (rows: Record<string, unknown>[], column: string) => rows.map((r) => Number(r[column]))
const finite = (values: number[]) => values.filter(Number.isFinite)
const text = (value: unknown) => String(value).slice(0, 19)

async function rowsOf(db: Database, query: string): Promise<Record<string, unknown>[]> {
  return (await sql.raw<Record<string, unknown>>(query).execute(db.db)).rows
}

/** Money as a number on either engine: PostgreSQL prints it in its currency format. */
const moneyQuery = (db: Database) =>
  `select id, ${db.dialect === 'mysql' ? 'm' : 'cast(m as numeric) as m'} from prices order by id`

const sourceDialect = testDialects().find((d) => d.name !== 'mysql' && d.available)

describe.skipIf(sourceDialect === undefined)('special values from PostgreSQL', () => {
  let source: TestDatabase
  let model: Model
  let range: { events: Record<string, unknown>; f: number[]; g: number[]; m: number[] }

  beforeAll(async () => {
    source = await createTestDatabase(sourceDialect!.name)
    await withDatabase(source.url, fill)
    model = await learn(source.url, { seed: 5 })
    range = await withDatabase(source.url, async (db) => ({
      events: (
        await rowsOf(db, 'select min(d) as d0, max(d) as d1, min(ts) as t0, max(ts) as t1 from events')
      )[0]!,
      f: finite(numbers(await rowsOf(db, 'select f from measures'), 'f')),
      g: finite(numbers(await rowsOf(db, 'select g from measures'), 'g')),
      m: numbers(await rowsOf(db, moneyQuery(db)), 'm'),
    }))
  }, 60_000)
  afterAll(() => source?.drop())

  const column = (table: string, name: string) =>
    model.tables
      .find((t) => t.table.endsWith(table))!
      .columns.find((c) => c.name === name)! as ColumnModel & {
      specials?: unknown
    }

  it('learns NaN and infinities as their own shares, and quantiles of the finite values only', () => {
    expect(column('measures', 'f').specials).toEqual([
      { value: 'NaN', frequency: 0.1 },
      { value: 'Infinity', frequency: 0.025 },
      { value: '-Infinity', frequency: 0.025 },
    ])
    expect(column('measures', 'g').specials).toEqual([{ value: 'NaN', frequency: 0.125 }])
    expect(formatModelFile(model)).not.toMatch(/\.nan|\.inf/i)
    expect(model.tables.find((t) => t.table.endsWith('events'))!.inequalities).toEqual([
      { left: 'ts', op: '<', right: 'd' },
    ])
    expect(column('prices', 'm')).toMatchObject({ kind: 'numeric', min: expect.any(Number) as number })
  })

  for (const dialect of testDialects()) {
    describe.skipIf(!dialect.available)(`cloned into ${dialect.name}`, () => {
      let target: TestDatabase
      const notes: string[] = []

      beforeAll(async () => {
        target = await createTestDatabase(dialect.name)
        await generate(model, target.url, { seed: 5 }, (event) => {
          if (event.step === 'note') notes.push(event.message)
        })
      }, 60_000)
      afterAll(() => target?.drop())

      it('keeps ts < d in every row, dates and times within the source range', async () => {
        const [twin] = await withDatabase(target.url, (db) =>
          rowsOf(
            db,
            `select count(*) as n, sum(case when ts >= d then 1 else 0 end) as broken,
               min(d) as d0, max(d) as d1, min(ts) as t0, max(ts) as t1 from events`,
          ),
        )
        expect(Number(twin!['n'])).toBe(300)
        expect(Number(twin!['broken'])).toBe(0)
        expect(text(twin!['d0']) >= text(range.events['d0'])).toBe(true)
        expect(text(twin!['d1']) <= text(range.events['d1'])).toBe(true)
        expect(text(twin!['t0']) >= text(range.events['t0'])).toBe(true)
        expect(text(twin!['t1']) <= text(range.events['t1'])).toBe(true)
      })

      it('writes NaN and infinities at about their rates, finite values within the source range', async () => {
        const rows = await withDatabase(target.url, (db) => rowsOf(db, 'select f, g from measures'))
        const f = rows.map((r) => (r['f'] === null ? null : Number(r['f'])))
        const g = numbers(rows, 'g')
        const inRange = (values: number[], of: number[]) =>
          values.filter((v) => v < Math.min(...of) || v > Math.max(...of))
        expect(rows).toHaveLength(400)
        if (dialect.name === 'mysql') {
          // 15% of f is special: NULL there; g is NOT NULL and gets finite values.
          expect(f.filter((v) => v === null).length).toBeGreaterThan(30)
          expect(f.filter((v) => v === null).length).toBeLessThan(100)
          expect(g.every(Number.isFinite)).toBe(true)
          expect(notes).toContain(
            'MySQL has no NaN or Infinity: they are written as NULL in public.measures.f; as finite values in public.measures.g (NOT NULL)',
          )
        } else {
          const nan = f.filter((v) => Number.isNaN(v)).length
          expect(nan).toBeGreaterThan(20)
          expect(nan).toBeLessThan(65)
          expect(f.filter((v) => v === Infinity).length).toBeGreaterThan(1)
          expect(f.filter((v) => v === -Infinity).length).toBeGreaterThan(1)
          expect(g.filter(Number.isNaN).length).toBeGreaterThan(25)
          expect(g.filter(Number.isNaN).length).toBeLessThan(80)
          expect(notes.filter((n) => n.includes('NaN'))).toEqual([])
        }
        expect(inRange(finite(f.filter((v) => v !== null)), range.f)).toEqual([])
        expect(inRange(finite(g), range.g)).toEqual([])
      })

      it('writes money as a number with two decimals within the source range', async () => {
        const m = await withDatabase(target.url, async (db) => numbers(await rowsOf(db, moneyQuery(db)), 'm'))
        expect(m).toHaveLength(200)
        expect(m.filter((v) => v < Math.min(...range.m) || v > Math.max(...range.m))).toEqual([])
        expect(
          m.filter((v) => Math.round(v * 100) !== v * 100 && Math.abs(Math.round(v * 100) - v * 100) > 1e-6),
        ).toEqual([])
      })
    })
  }

  const mysql = testDialects().find((d) => d.name === 'mysql')
  describe.skipIf(mysql === undefined || !mysql.available)('subset into MySQL', () => {
    let target: TestDatabase
    beforeAll(async () => {
      target = await createTestDatabase('mysql')
    })
    afterAll(() => target?.drop())

    it('copies money as the number it holds', async () => {
      await subset(source.url, target.url, { roots: [parseRoot('public.prices')] })
      const copied = await withDatabase(target.url, async (db) =>
        numbers(await rowsOf(db, moneyQuery(db)), 'm'),
      )
      expect(copied).toEqual(range.m)
    }, 60_000)

    it('writes NaN and infinities as NULL (0 under NOT NULL), says so, and copies the rest as they are', async () => {
      const other = await createTestDatabase('mysql')
      try {
        const notes: string[] = []
        await subset(source.url, other.url, { roots: [parseRoot('public.measures')] }, (e) => {
          if (e.step === 'note') notes.push(e.message)
        })
        const rows = await withDatabase(other.url, async (db) =>
          rowsOf(db, 'select id, f, g from measures order by id'),
        )
        expect(rows).toHaveLength(400)
        const at = (id: number) => rows.find((r) => Number(r['id']) === id)!
        expect(at(10)['f']).toBeNull() // NaN
        expect(at(41)['f']).toBeNull() // Infinity
        expect(Number(at(8)['g'])).toBe(0) // NaN under NOT NULL
        expect(Number(at(3)['f'])).toBe(4.5)
        expect(notes).toContainEqual(
          'values MySQL cannot hold are written as: public.measures.f: 60 as NULL (NaN or ±Infinity), public.measures.g: 50 as 0 (NaN or ±Infinity)',
        )
      } finally {
        await other.drop()
      }
    }, 60_000)
  })
})
