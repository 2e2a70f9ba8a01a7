import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import { report } from '../../src/report/report-twin.js'
import { subset } from '../../src/subset/subset.js'
import { parseRoot } from '../../src/subset/subset-options.js'
import { clone } from '../../src/write/clone.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

/**
 * Issue 15's engine pairs on small schemas: what a PostgreSQL source holds that MySQL refuses (keys of two
 * integer sizes, SET NULL on NOT NULL, two schemas with a table of the same name, infinite and BC dates, timetz,
 * char padding), and what a MySQL source holds that PostgreSQL refuses (bigint unsigned identities, zero dates,
 * BIT(n), negative TIME), each written across and read back. GEOMETRY is also copied MariaDB → MariaDB.
 */
const available = new Set(
  testDialects()
    .filter((d) => d.available)
    .map((d) => d.name),
)
const both = available.has('postgres') && available.has('mysql')

async function run(db: Database, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db.db)
}

async function rowsOf(url: string, query: string): Promise<Record<string, unknown>[]> {
  return withDatabase(url, async (db) => (await sql.raw<Record<string, unknown>>(query).execute(db.db)).rows)
}

const POSTGRES_SOURCE = [
  `create schema shop`,
  `create schema archive`,
  `create table shop.users (id bigint primary key, tier integer not null)`,
  `insert into shop.users select i, i % 3 from generate_series(1, 40) i`,
  // int → bigint, and ON DELETE SET NULL on a NOT NULL column: InnoDB refuses both as they are.
  `create table shop.comments (id integer primary key, user_id integer not null
     references shop.users (id) on delete set null, stars integer)`,
  `insert into shop.comments select i, 1 + i % 40, i % 5 from generate_series(1, 120) i`,
  // The same table name in two schemas: on MySQL they would both be <db>.item.
  `create table shop.item (id integer primary key, code char(5) not null)`,
  `insert into shop.item select i, case when i % 3 = 0 then 'PG' else 'ABCDE' end from generate_series(1, 60) i`,
  `create table archive.item (id integer primary key, kept date)`,
  `insert into archive.item select i, date '2020-01-01' + i from generate_series(1, 30) i`,
  `create table shop.periods (id integer primary key, valid_from date, valid_to timestamp not null,
     at_tz timestamptz, opens timetz, ratio numeric)`,
  `insert into shop.periods values
     (1, '-infinity', 'infinity', 'infinity', '04:05:06+02', 'NaN'),
     (2, '0044-03-15 BC', '2020-05-01 10:00:00', '2020-05-01 10:00:00+00', '23:30:00-01:30', 1.25),
     (3, '2021-01-01', '2021-01-02 03:04:05.678901', null, '12:00:00+00', null)`,
]

describe.skipIf(!both)('PostgreSQL → MySQL', () => {
  let source: TestDatabase
  let target: TestDatabase

  beforeAll(async () => {
    source = await createTestDatabase('postgres')
    await withDatabase(source.url, (db) => run(db, POSTGRES_SOURCE))
  }, 60_000)
  afterAll(async () => {
    await source?.drop()
    await target?.drop()
  })

  it('subsets two schemas as <schema>__<table>, keys harmonized, values MySQL cannot hold translated', async () => {
    target = await createTestDatabase('mysql')
    const notes: string[] = []
    await subset(
      source.url,
      target.url,
      {
        roots: [
          parseRoot('shop.comments'),
          parseRoot('archive.item'),
          parseRoot('shop.periods'),
          parseRoot('shop.item'),
        ],
      },
      (e) => {
        if (e.step === 'note') notes.push(e.message)
      },
    )
    const tables = await rowsOf(
      target.url,
      `select table_name as name from information_schema.tables where table_schema = database() order by 1`,
    )
    expect(tables.map((t) => t['name'])).toEqual([
      'archive__item',
      'shop__comments',
      'shop__item',
      'shop__periods',
      'shop__users',
    ])
    const [key] = await rowsOf(
      target.url,
      `select delete_rule from information_schema.referential_constraints
        where constraint_schema = database() and table_name = 'shop__comments'`,
    )
    expect(key?.['delete_rule']).toBe('NO ACTION')
    const [column] = await rowsOf(
      target.url,
      `select column_type from information_schema.columns
        where table_schema = database() and table_name = 'shop__comments' and column_name = 'user_id'`,
    )
    expect(column?.['column_type']).toBe('bigint(20)')
    const periods = await rowsOf(
      target.url,
      `select id, cast(valid_from as char) f, cast(valid_to as char) t, cast(at_tz as char) z, cast(opens as char) o,
          cast(ratio as char) r
        from shop__periods order by id`,
    )
    expect(periods).toEqual([
      {
        id: 1,
        f: '0001-01-01',
        t: '9999-12-31 23:59:59.999999',
        z: '9999-12-31 23:59:59.999999',
        o: '02:05:06.000000',
        r: null,
      },
      {
        id: 2,
        f: '0001-01-01',
        t: '2020-05-01 10:00:00.000000',
        z: '2020-05-01 10:00:00.000000',
        o: '01:00:00.000000',
        r: '1.2500000000',
      },
      { id: 3, f: '2021-01-01', t: '2021-01-02 03:04:05.678901', z: null, o: '12:00:00.000000', r: null },
    ])
    expect(notes).toContainEqual(
      expect.stringMatching(
        /^ON … SET NULL on a NOT NULL column.*: shop\.comments\.comments_user_id_fkey \(on delete\)$/,
      ),
    )
    expect(notes).toContainEqual(expect.stringContaining('shop.comments.user_id (integer → bigint)'))
    for (const part of [
      'shop.periods.valid_from: 1 as 0001-01-01 (-infinity)',
      'shop.periods.valid_from: 1 as 0001-01-01 (BC)',
      'shop.periods.valid_to: 1 as 9999-12-31 23:59:59.999999 (infinity)',
      'shop.periods.opens: 3 as the time of day in UTC',
      'shop.periods.ratio: 1 as NULL (NaN or ±Infinity)',
    ])
      expect(notes).toContainEqual(expect.stringContaining(part))
  }, 120_000)

  it('reports on that subset by the same mapping, char(n) padding compared trimmed', async () => {
    const result = await report(source.url, target.url, { subset: true })
    const item = result.quality.tables.find((t) => t.table === 'shop.item')
    expect(result.quality.tables.map((t) => t.table)).toContain('archive.item')
    expect(item?.columns.find((c) => c.column === 'code')?.shape).toBe(1)
    expect(result.consistency.orphans.every((o) => o.count === 0)).toBe(true)
  }, 120_000)

  it('refuses --schema-map merge, naming the two tables that would collide', async () => {
    const other = await createTestDatabase('mysql')
    try {
      await expect(
        subset(source.url, other.url, { roots: [parseRoot('archive.item')], schemaMap: 'merge' }),
      ).rejects.toThrow(/archive\.item and shop\.item would both become .*\.item/)
    } finally {
      await other.drop()
    }
  }, 60_000)

  it('clones into MySQL with every key added', async () => {
    const other = await createTestDatabase('mysql')
    try {
      await clone(source.url, other.url, { seed: 3 })
      const keys = await rowsOf(
        other.url,
        `select table_name, delete_rule from information_schema.referential_constraints
          where constraint_schema = database()`,
      )
      expect(keys).toEqual([{ table_name: 'shop__comments', delete_rule: 'NO ACTION' }])
      const orphans = await rowsOf(
        other.url,
        `select count(*) n from shop__comments c left join shop__users u on u.id = c.user_id where u.id is null`,
      )
      expect(Number(orphans[0]?.['n'])).toBe(0)
    } finally {
      await other.drop()
    }
  }, 120_000)
})

const MYSQL_SOURCE = [
  `create table owners (id bigint unsigned auto_increment primary key, tier int not null)`,
  `insert into owners (tier) select seq % 3 from seq_1_to_30`,
  `create table pets (id int primary key, owner_id bigint unsigned not null, born date, seen datetime,
     flags bit(5), waited time, foreign key (owner_id) references owners (id))`,
  `insert into pets values
     (1, 1, '0000-00-00', '0000-00-00 00:00:00', b'00101', '-01:30:00'),
     (2, 2, '2020-00-00', '2020-01-02 03:04:05', b'11111', '838:59:59'),
     (3, 3, '2021-02-03', null, b'00000', '12:00:00')`,
  `insert into pets select seq, 1 + seq % 30, '2021-01-01' + interval seq day, null, b'1', '01:00:00'
     from seq_4_to_60`,
  `create table places (id int primary key, at point not null, area geometry)`,
  `insert into places values (1, ST_GeomFromText('POINT(1 2)'), ST_GeomFromText('LINESTRING(0 0,1 1)', 4326)),
     (2, ST_GeomFromText('POINT(-3.5 4)'), null)`,
]

describe.skipIf(!available.has('mysql'))('MySQL → PostgreSQL, PGlite and MySQL', () => {
  let source: TestDatabase

  beforeAll(async () => {
    source = await createTestDatabase('mysql')
    await withDatabase(source.url, (db) => run(db, MYSQL_SOURCE))
  }, 60_000)
  afterAll(async () => {
    await source?.drop()
  })

  for (const engine of ['postgres', 'pglite'] as const) {
    it.skipIf(!available.has(engine))(
      `clones bigint unsigned identities into ${engine} as bigint identities`,
      async () => {
        const target = await createTestDatabase(engine)
        try {
          await clone(source.url, target.url, { seed: 2 })
          const columns = await rowsOf(
            target.url,
            `select table_name, column_name, data_type, is_identity from information_schema.columns
            where (table_name, column_name) in (('owners', 'id'), ('pets', 'owner_id')) order by 1`,
          )
          expect(columns).toEqual([
            { table_name: 'owners', column_name: 'id', data_type: 'bigint', is_identity: 'YES' },
            { table_name: 'pets', column_name: 'owner_id', data_type: 'bigint', is_identity: 'NO' },
          ])
          // The identity moved past the rows written: a new owner gets a fresh id.
          await withDatabase(target.url, (db) => run(db, [`insert into owners (tier) values (1)`]))
        } finally {
          await target.drop()
        }
      },
      180_000,
    )

    it.skipIf(!available.has(engine))(
      `subsets zero dates, BIT(n) and negative TIME into ${engine}`,
      async () => {
        const target = await createTestDatabase(engine)
        try {
          const notes: string[] = []
          await subset(source.url, target.url, { roots: [parseRoot(`${source.name}.pets`)] }, (e) => {
            if (e.step === 'note') notes.push(e.message)
          })
          const pets = await rowsOf(
            target.url,
            `select id, born::text b, seen::text s, flags::text f, waited::text w from pets where id <= 3 order by id`,
          )
          expect(pets).toEqual([
            { id: 1, b: null, s: null, f: '00101', w: '-01:30:00' },
            { id: 2, b: null, s: '2020-01-02 03:04:05', f: '11111', w: '838:59:59' },
            { id: 3, b: '2021-02-03', s: null, f: '00000', w: '12:00:00' },
          ])
          expect(notes).toContainEqual(
            `values PostgreSQL cannot hold are written as: ${source.name}.pets.born: 2 as NULL (zero date), ${source.name}.pets.seen: 1 as NULL (zero date)`,
          )
        } finally {
          await target.drop()
        }
      },
      120_000,
    )
  }

  it('subsets GEOMETRY into MySQL as the same shapes', async () => {
    const target = await createTestDatabase('mysql')
    try {
      await subset(source.url, target.url, { roots: [parseRoot(`${source.name}.places`)] })
      const places = await rowsOf(
        target.url,
        `select id, ST_AsText(at) a, ST_AsText(area) g, ST_SRID(area) s from places order by id`,
      )
      expect(places).toEqual([
        { id: 1, a: 'POINT(1 2)', g: 'LINESTRING(0 0,1 1)', s: 4326 },
        { id: 2, a: 'POINT(-3.5 4)', g: null, s: null },
      ])
    } finally {
      await target.drop()
    }
  }, 60_000)
})
