import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import { subset } from '../../src/subset/subset.js'
import { parseRoot } from '../../src/subset/subset-options.js'
import { clone } from '../../src/write/clone.js'
import type { GenerateEvent } from '../../src/write/generate-into-target.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

/**
 * A PostgreSQL source as openstreetmap has one (issue 15): PostGIS (and so its spatial_ref_sys table), citext and
 * cube columns, and a foreign key held NOT VALID over rows that break it on purpose.
 */
async function createSource(db: Database): Promise<void> {
  await sql`create extension postgis`.execute(db.db)
  await sql`create extension citext`.execute(db.db)
  await sql`create extension cube`.execute(db.db)
  await sql`create table regions (
    id integer primary key,
    area geometry(Polygon, 4326) not null,
    centre geography(Point, 4326),
    label citext not null,
    bounds cube not null)`.execute(db.db)
  await sql`create table visits (id integer primary key, region_id integer not null, stay integer not null)`.execute(
    db.db,
  )
  await sql`insert into regions
    select g, ST_GeomFromText(format('POLYGON((%s 0,%s 0,%s 1,%s 0))', g, g + 1, g + 1, g), 4326),
      ST_GeogFromText(format('POINT(%s 1)', g)), 'Region ' || g, cube(g)
    from generate_series(1, 40) g`.execute(db.db)
  // Every tenth visit points at a region that does not exist.
  await sql`insert into visits select g, case when g % 10 = 0 then 1000 + g else 1 + g % 40 end, g % 7
    from generate_series(1, 200) g`.execute(db.db)
  await sql`alter table visits add constraint visits_region_fk foreign key (region_id) references regions (id) not valid`.execute(
    db.db,
  )
  await sql`analyze`.execute(db.db)
}

const count = async (db: Database, query: string) =>
  Number((await sql<{ n: unknown }>`${sql.raw(query)}`.execute(db.db)).rows[0]!.n)

const postgres = testDialects().find((d) => d.name === 'postgres')

describe.skipIf(postgres?.available !== true)('a PostGIS source with a NOT VALID key', () => {
  let source: TestDatabase

  beforeAll(async () => {
    source = await createTestDatabase('postgres')
    await withDatabase(source.url, createSource)
  })
  afterAll(() => source?.drop())

  it('inspect lists the extension’s table as skipped and keeps the key’s NOT VALID', async () => {
    const schema = await withDatabase(source.url, (db) => db.introspect())
    expect(schema.tables.map((t) => t.name)).toEqual(['regions', 'visits'])
    expect(schema.skipped.find((s) => s.name === 'spatial_ref_sys')).toMatchObject({
      kind: 'extension table',
    })
    expect(schema.tables[1]!.foreignKeys[0]).toMatchObject({ name: 'visits_region_fk', validated: false })
  })

  for (const dialect of testDialects()) {
    describe.skipIf(!dialect.available)(`into ${dialect.name}`, () => {
      let target: TestDatabase
      beforeAll(async () => {
        target = await createTestDatabase(dialect.name)
      })
      afterAll(() => target?.drop())

      it('clones every table in types the target has, saying so in one line', async () => {
        const notes: string[] = []
        const onEvent = (e: unknown) => {
          const event = e as GenerateEvent
          if (event.step === 'note') notes.push(event.message)
        }
        await clone(source.url, target.url, { existing: 'drop' }, onEvent)
        // A PostgreSQL target may have been given the source's extensions; then nothing needs translating.
        const translated = await withDatabase(target.url, async (db) =>
          dialect.name === 'mysql'
            ? true
            : (await count(db, "select count(*) as n from pg_extension where extname = 'postgis'")) === 0,
        )
        const typeNotes = notes.filter((n) => n.includes('lacks, written as'))
        expect(typeNotes).toHaveLength(translated ? 1 : 0)
        if (translated) {
          expect(typeNotes[0]).toContain('geometry(Polygon,4326) → ')
          expect(typeNotes[0]).toContain('citext → ')
        }
        expect(notes.some((n) => n.includes('NOT VALID on the source'))).toBe(true)
        await withDatabase(target.url, async (db) => {
          const schema = await db.introspect()
          expect(schema.tables.map((t) => t.name).sort()).toEqual(['regions', 'visits'])
          expect(await count(db, 'select count(*) as n from regions')).toBeGreaterThan(0)
          // Nothing was learned about the geometry: the smallest polygon, in the right place and kind.
          const area =
            dialect.name === 'mysql'
              ? "select count(*) as n from regions where ST_AsText(area) = 'POLYGON((0 0,1 0,1 1,0 0))' and ST_SRID(area) = 4326"
              : "select count(*) as n from regions where area = 'SRID=4326;POLYGON((0 0,1 0,1 1,0 0))'"
          expect(await count(db, area)).toBe(await count(db, 'select count(*) as n from regions'))
          expect(await count(db, "select count(*) as n from regions where bounds = '(0)'")).toBeGreaterThan(0)
        })
      })

      it('subsets the rows that break the NOT VALID key, and the real geometries', async () => {
        await subset(source.url, target.url, {
          roots: [parseRoot('public.visits', 'postgres')],
          existing: 'drop',
        })
        await withDatabase(target.url, async (db) => {
          const orphans = `select count(*) as n from visits v where not exists (select 1 from regions r where r.id = v.region_id)`
          expect(await count(db, orphans)).toBe(20)
          expect(await count(db, 'select count(*) as n from visits')).toBe(200)
          const area =
            dialect.name === 'mysql'
              ? 'select ST_AsText(area) as n from regions where id = 3'
              : 'select area as n from regions where id = 3'
          const { rows } = await sql<{ n: unknown }>`${sql.raw(area)}`.execute(db.db)
          // MySQL holds a geometry; PostgreSQL without PostGIS, and PGlite, hold PostGIS's own hex EWKB as text.
          expect(String(rows[0]?.n)).toBe(
            dialect.name === 'mysql'
              ? 'POLYGON((3 0,4 0,4 1,3 0))'
              : '0103000020E6100000010000000400000000000000000008400000000000000000000000000000104000000000000000000000000000001040000000000000F03F00000000000008400000000000000000',
          )
          if (dialect.name !== 'mysql') {
            const { rows: keys } = await sql<{
              validated: boolean
            }>`select convalidated as validated from pg_constraint where conname = 'visits_region_fk'`.execute(
              db.db,
            )
            expect(keys).toEqual([{ validated: false }])
          }
        })
      })
    })
  }
})
