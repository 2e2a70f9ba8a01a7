import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { learn } from '../../src/learn/learn.js'
import { subset } from '../../src/subset/subset.js'
import { parseRoot } from '../../src/subset/subset-options.js'
import { clone } from '../../src/write/clone.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'

const postgres = testDialects().find((d) => d.name === 'postgres')

async function query<T>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(text)).rows as T[]
  } finally {
    await client.end()
  }
}

/** Each table's own rows (ONLY), as the source and the twin hold them. */
const ownCounts = (url: string) =>
  query<{ t: string; n: number }>(
    url,
    `select 'reading' as t, count(*)::int as n from only public.reading
    union all select 'reading_2023', count(*)::int from only public.reading_2023
    union all select 'reading_2024', count(*)::int from only public.reading_2024
    union all select 'all readings', count(*)::int from public.reading`,
  )

describe.skipIf(postgres?.available !== true)(
  'a parent of an INHERITS tree is read with ONLY (issue 16)',
  () => {
    let source: TestDatabase
    const made: TestDatabase[] = []
    const fresh = async () => {
      const database = await createTestDatabase('postgres')
      made.push(database)
      return database
    }

    beforeAll(async () => {
      source = await createTestDatabase('postgres')
      // The parent holds rows of its own, each child other rows: a plain SELECT of the parent sees all 48.
      await query(
        source.url,
        `create table public.reading (id int primary key, sensor text not null, value numeric(6,2) not null);
        create table public.reading_2023 (primary key (id)) inherits (public.reading);
        create table public.reading_2024 (note text, primary key (id)) inherits (public.reading);
        insert into public.reading select g, 's' || (g % 3), g * 1.5 from generate_series(1, 8) g;
        insert into public.reading_2023 select g, 's' || (g % 4), g * 2.5 from generate_series(101, 115) g;
        insert into public.reading_2024 select g, 's' || (g % 2), g * 0.5, 'n' || g from generate_series(201, 225) g;
        analyze;`,
      )
    })
    afterAll(async () => {
      for (const database of made) await database.drop()
      await source.drop()
    })

    const expected = [
      { t: 'reading', n: 8 },
      { t: 'reading_2023', n: 15 },
      { t: 'reading_2024', n: 25 },
      { t: 'all readings', n: 48 },
    ]

    it('learns each table of the tree with its own rows only', async () => {
      expect(await ownCounts(source.url)).toEqual(expected)
      const model = await learn(source.url, { seed: 1 })
      expect(model.schema.tables.find((t) => t.name === 'reading')?.inheritanceParent).toBe(true)
      expect(Object.fromEntries(model.tables.map((t) => [t.table, t.rows]))).toEqual({
        'public.reading': 8,
        'public.reading_2023': 15,
        'public.reading_2024': 25,
      })
    })

    it('clones the tree with the source count in every table', async () => {
      const target = await fresh()
      await clone(source.url, target.url, { seed: 1 })
      expect(await ownCounts(target.url)).toEqual(expected)
    })

    it('subsets the tree, every row of each table copied once, into the table that held it', async () => {
      const target = await fresh()
      await subset(source.url, target.url, {
        roots: ['public.reading', 'public.reading_2023', 'public.reading_2024'].map((t) => parseRoot(t)),
        seed: 1,
      })
      expect(await ownCounts(target.url)).toEqual(expected)
      // The rows are the source's own, each in its table: the parent did not take its children's.
      const parentIds = await query<{ id: number }>(
        target.url,
        'select id from only public.reading order by id',
      )
      expect(parentIds.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    })
  },
)
