import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import { learn } from '../../src/learn/learn.js'
import type { Model } from '../../src/model/model.js'
import { parseRoot } from '../../src/subset/subset-options.js'
import { subset } from '../../src/subset/subset.js'
import { generate } from '../../src/write/generate-into-target.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

/**
 * Issue 15: PostgreSQL values a twin or a subset lost or could not write. A NOT NULL int[] (and interval, point)
 * got '' ("malformed array literal"); a subset wrote a jsonb array as a PostgreSQL array literal, a point as
 * {"x":…}; ±infinity dates were never generated and BC dates came back as the same year AD; numeric NaN.
 */
async function fill(db: Database): Promise<void> {
  await sql`create table t (
    id integer primary key, arr integer[] not null, iv interval not null, p point not null, j jsonb not null,
    d date not null, ts timestamp not null, tz timestamptz not null, n numeric not null)`.execute(db.db)
  await sql`insert into t select i,
      case when i % 3 = 0 then '{}' else array[i, i + 1] end, (i || ' days 03:00:00')::interval, point(i, i * 2),
      case when i % 2 = 0 then '[1, 2, {"a": 3}]'::jsonb else '{"k": [1]}'::jsonb end,
      case i % 10 when 0 then 'infinity'::date when 1 then '-infinity' when 2 then '0044-03-15 BC'
        else date '2020-01-01' + i end,
      case i % 10 when 0 then 'infinity'::timestamp when 1 then '-infinity' when 2 then '0044-03-15 12:00:00 BC'
        else timestamp '2020-01-01' + i * interval '1 hour' end,
      case i % 10 when 0 then 'infinity'::timestamptz when 2 then '0044-03-15 12:00:00+00 BC'
        else timestamptz '2020-01-01 00:00:00+00' + i * interval '1 hour' end,
      case when i % 10 = 0 then 'NaN'::numeric else i * 1.25 end
    from generate_series(1, 200) i`.execute(db.db)
}

const ROWS = `select id, arr::text as arr, iv::text as iv, p::text as p, j::text as j, jsonb_typeof(j) as jt,
  d::text as d, ts::text as ts, tz::text as tz, n::text as n from t order by id`
const rowsOf = (url: string) =>
  withDatabase(url, async (db) => (await sql.raw<Record<string, string>>(ROWS).execute(db.db)).rows)

const servers = testDialects().filter((d) => d.name !== 'mysql' && d.available)
const source = servers.find((d) => d.name === 'postgres')

describe.skipIf(source === undefined)('PostgreSQL types from PostgreSQL', () => {
  let from: TestDatabase
  let model: Model
  let original: Record<string, string>[]
  beforeAll(async () => {
    from = await createTestDatabase('postgres')
    await withDatabase(from.url, fill)
    model = await learn(from.url, { seed: 3 })
    original = await rowsOf(from.url)
  })
  afterAll(() => from?.drop())

  for (const target of servers) {
    it(`a subset into ${target.name} holds every value as it was`, { timeout: 120_000 }, async () => {
      const to = await createTestDatabase(target.name)
      try {
        await subset(from.url, to.url, { roots: [parseRoot('public.t limit 200')] })
        expect(await rowsOf(to.url)).toEqual(original)
      } finally {
        await to.drop()
      }
    })

    it(`a generated twin in ${target.name} writes them all`, { timeout: 120_000 }, async () => {
      const to = await createTestDatabase(target.name)
      try {
        await generate(model, to.url, { seed: 3 })
        const rows = await rowsOf(to.url)
        const share = (test: (r: Record<string, string>) => boolean) => rows.filter(test).length / rows.length
        expect(rows).toHaveLength(200)
        // Unmodeled NOT NULL columns get their type's zero value, which the engine takes.
        expect(new Set(rows.map((r) => `${r['arr']} ${r['iv']} ${r['p']}`))).toEqual(
          new Set(['{} 00:00:00 (0,0)']),
        )
        expect(share((r) => r['jt'] === 'array')).toBeGreaterThan(0.35)
        expect(share((r) => r['jt'] === 'object')).toBeGreaterThan(0.35)
        for (const column of ['d', 'ts', 'tz']) {
          expect(
            share((r) => r[column] === 'infinity'),
            column,
          ).toBeGreaterThan(0.03)
          expect(
            share((r) => r[column]!.endsWith(' BC')),
            column,
          ).toBeGreaterThan(0)
        }
        expect(share((r) => r['d'] === '-infinity')).toBeGreaterThan(0.03)
        expect(share((r) => r['ts'] === '-infinity')).toBeGreaterThan(0.03)
        expect(share((r) => r['tz'] === '-infinity')).toBe(0)
        expect(share((r) => r['n'] === 'NaN')).toBeGreaterThan(0.03)
        // BC values are the source's years BC, not the same years AD.
        expect(rows.filter((r) => r['d']!.startsWith('0044-') && !r['d']!.endsWith(' BC'))).toEqual([])
      } finally {
        await to.drop()
      }
    })
  }
})
