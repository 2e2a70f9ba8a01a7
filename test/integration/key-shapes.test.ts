import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import { learn } from '../../src/learn/learn.js'
import type { Model } from '../../src/model/model.js'
import type { DialectName } from '../../src/schema/schema.js'
import { subset } from '../../src/subset/subset.js'
import type { SubsetOptions } from '../../src/subset/subset-options.js'
import { parseChildren, parseRoot, parseVirtualForeignKey } from '../../src/subset/subset-options.js'
import { generate } from '../../src/write/generate-into-target.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { orphanCounts, withDatabase } from '../support/twin-checks.js'

/**
 * Three key shapes dbtwin handles but no other test covered (issue 22.7): a relation the schema does not declare,
 * given to a subset as a virtual foreign key; a log table with no primary or unique key; and a foreign key to a
 * UNIQUE column that is not the primary key. Tables stay at 50 rows or fewer so PGlite runs them in time.
 */
async function createShapes(db: Database): Promise<void> {
  // Owners and their pets: pets.owner_id means owners.id, but no constraint says so.
  await db.db.schema
    .createTable('owners')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('tier', 'integer', (c) => c.notNull())
    .execute()
  await db.db.schema
    .createTable('pets')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('owner_id', 'integer', (c) => c.notNull())
    .addColumn('legs', 'integer', (c) => c.notNull())
    .execute()
  // Machines and a log with no key at all, only a foreign key to its machine.
  await db.db.schema
    .createTable('machines')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('label', 'varchar(20)', (c) => c.notNull())
    .execute()
  await db.db.schema
    .createTable('machine_log')
    .addColumn('machine_id', 'integer', (c) => c.notNull().references('machines.id'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('message', 'varchar(30)', (c) => c.notNull())
    .execute()
  // Products keyed by id, referenced by their unique code.
  await db.db.schema
    .createTable('products')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('code', 'varchar(8)', (c) => c.notNull().unique())
    .addColumn('price', 'integer', (c) => c.notNull())
    .execute()
  await db.db.schema
    .createTable('order_lines')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('code', 'varchar(8)', (c) => c.notNull().references('products.code'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .execute()

  const range = (n: number) => Array.from({ length: n }, (_, i) => i)
  await db.db
    .insertInto('owners')
    .values(range(20).map((i) => ({ id: i + 1, tier: i % 4 })))
    .execute()
  // Owners 1..15 have pets (some several); 16..20 have none.
  await db.db
    .insertInto('pets')
    .values(range(40).map((i) => ({ id: i + 1, owner_id: (i % 15) + 1, legs: i % 3 === 0 ? 2 : 4 })))
    .execute()
  await db.db
    .insertInto('machines')
    .values(range(20).map((i) => ({ id: i + 1, label: `machine ${i + 1}` })))
    .execute()
  // Duplicate rows on purpose: a keyless table may hold them, and a copy must keep them.
  await db.db
    .insertInto('machine_log')
    .values(range(50).map((i) => ({ machine_id: (i % 10) + 1, level: i % 3, message: `event ${i % 25}` })))
    .execute()
  // Ids and codes in different orders, so a copy that joined on the id would pick the wrong products.
  await db.db
    .insertInto('products')
    .values(range(20).map((i) => ({ id: i + 1, code: `P-${String(20 - i).padStart(3, '0')}`, price: i * 7 })))
    .execute()
  await db.db
    .insertInto('order_lines')
    .values(
      range(50).map((i) => ({ id: i + 1, code: `P-${String((i % 12) + 1).padStart(3, '0')}`, quantity: i })),
    )
    .execute()
}

const count = async (db: Database, query: string) =>
  Number((await sql<{ n: unknown }>`${sql.raw(query)}`.execute(db.db)).rows[0]!.n)

const column = async (db: Database, query: string) =>
  (await sql<{ v: unknown }>`${sql.raw(query)}`.execute(db.db)).rows.map((r) => String(r.v)).sort()

/** Writes a subset of `source` into a fresh database and hands it to `check`, then drops it. */
async function withSubset(
  dialect: DialectName,
  source: string,
  options: SubsetOptions,
  check: (twin: Database) => Promise<void>,
): Promise<void> {
  const target = await createTestDatabase(dialect)
  try {
    await subset(source, target.url, options)
    await withDatabase(target.url, check)
  } finally {
    await target.drop()
  }
}

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`key shapes on ${dialect.name}`, () => {
    let source: TestDatabase
    let model: Model
    let twin: TestDatabase
    let work: string
    let rules: string

    beforeAll(async () => {
      // 20 machines or products, referenced and holding no personal data, would be reference tables, copied whole
      // by generate and subset alike: synthesize them, so the keys are what decides which rows a twin holds.
      work = await mkdtemp(join(tmpdir(), 'key-shapes-'))
      rules = join(work, 'tables.yaml')
      await writeFile(
        rules,
        'tables:\n  - { table: machines, reference: synthesize }\n  - { table: products, reference: synthesize }\n',
      )
      source = await createTestDatabase(dialect.name)
      await withDatabase(source.url, createShapes)
      model = await learn(source.url, { seed: 7, rules })
      expect(model.tables.filter((t) => t.reference !== undefined).map((t) => t.table)).toEqual([])
      twin = await createTestDatabase(dialect.name)
      await generate(model, twin.url, { seed: 7 })
    })
    afterAll(async () => {
      await twin?.drop()
      await source?.drop()
      await rm(work, { recursive: true, force: true })
    })

    const petsToOwners = parseVirtualForeignKey('pets(owner_id) -> owners(id)')

    it('a virtual foreign key brings the owners of the chosen pets, and no pet points at a missing owner', async () => {
      await withSubset(
        dialect.name,
        source.url,
        {
          roots: [parseRoot('pets where id <= 10')],
          children: parseChildren(['none']),
          virtualForeignKeys: [petsToOwners],
        },
        async (db) => {
          expect(await column(db, 'select id as v from pets')).toEqual(
            Array.from({ length: 10 }, (_, i) => String(i + 1)).sort(),
          )
          // Pets 1..10 belong to owners 1..10, and nothing else pulls an owner in.
          expect(await column(db, 'select id as v from owners')).toEqual(
            Array.from({ length: 10 }, (_, i) => String(i + 1)).sort(),
          )
          expect(
            await count(
              db,
              'select count(*) as n from pets p where not exists (select 1 from owners o where o.id = p.owner_id)',
            ),
          ).toBe(0)
        },
      )
    })

    it('a virtual foreign key brings the pets of the chosen owners as children', async () => {
      await withSubset(
        dialect.name,
        source.url,
        {
          roots: [parseRoot('owners where id = 3')],
          children: parseChildren(['all']),
          virtualForeignKeys: [petsToOwners],
        },
        async (db) => {
          // Owner 3 has pets 3, 18 and 33.
          expect(await column(db, 'select id as v from pets')).toEqual(['18', '3', '33'])
          expect(await column(db, 'select id as v from owners')).toEqual(['3'])
        },
      )
    })

    it('generates the keyless log with its learned row count, scaled, every row on a machine of the twin', async () => {
      expect(model.tables.find((t) => t.table.endsWith('machine_log'))!.rows).toBe(50)
      const orphanLogs =
        'select count(*) as n from machine_log l where not exists (select 1 from machines m where m.id = l.machine_id)'
      await withDatabase(twin.url, async (db) => {
        // Every table's rows are the learned rows × scale (see scaledRows): at scale 1, the source's 50.
        expect(await count(db, 'select count(*) as n from machine_log')).toBe(50)
        expect(await count(db, orphanLogs)).toBe(0)
        expect(Object.values(await orphanCounts(db, await db.introspect())).every((n) => n === 0)).toBe(true)
      })
      const doubled = await createTestDatabase(dialect.name)
      try {
        await generate(model, doubled.url, { seed: 8, scale: 2 })
        await withDatabase(doubled.url, async (db) => {
          // 20 machines are a lookup table, which keeps its size; the log doubles, spread over them.
          expect(await count(db, 'select count(*) as n from machines')).toBe(20)
          expect(await count(db, 'select count(*) as n from machine_log')).toBe(100)
          expect(await count(db, 'select count(distinct machine_id) as n from machine_log')).toBeGreaterThan(
            1,
          )
          expect(await count(db, orphanLogs)).toBe(0)
        })
      } finally {
        await doubled.drop()
      }
    })

    it('a subset copies every log row of the chosen machines, duplicates included', async () => {
      const logOf = (db: Database) =>
        column(
          db,
          `select ${db.dialect === 'mysql' ? "concat(machine_id, ' ', level, ' ', message)" : "machine_id || ' ' || level || ' ' || message"} as v from machine_log where machine_id in (2, 5)`,
        )
      const real = await withDatabase(source.url, logOf)
      expect(real).toHaveLength(10)
      await withSubset(
        dialect.name,
        source.url,
        { rules, roots: [parseRoot('machines where id in (2, 5)')], children: parseChildren(['all']) },
        async (db) => {
          expect(await count(db, 'select count(*) as n from machine_log')).toBe(10)
          expect(await logOf(db)).toEqual(real)
          expect(await column(db, 'select id as v from machines')).toEqual(['2', '5'])
        },
      )
    })

    it('generates order lines whose every code is a product code of the twin', async () => {
      await withDatabase(twin.url, async (db) => {
        expect(await count(db, 'select count(*) as n from order_lines')).toBeGreaterThan(0)
        expect(
          await count(
            db,
            'select count(*) as n from order_lines l where not exists (select 1 from products p where p.code = l.code)',
          ),
        ).toBe(0)
        expect(await count(db, 'select count(distinct code) as n from products')).toBe(
          await count(db, 'select count(*) as n from products'),
        )
      })
    })

    it('a subset through a unique non-primary key brings the products the lines name, by code', async () => {
      const wanted = await withDatabase(source.url, (db) =>
        column(db, 'select distinct code as v from order_lines where id <= 5'),
      )
      expect(wanted).toEqual(['P-001', 'P-002', 'P-003', 'P-004', 'P-005'])
      await withSubset(
        dialect.name,
        source.url,
        { rules, roots: [parseRoot('order_lines where id <= 5')], children: parseChildren(['none']) },
        async (db) => {
          expect(await column(db, 'select code as v from products')).toEqual(wanted)
          // Product P-001 has id 20 in the source: the copy kept the row the code named.
          expect(await column(db, "select id as v from products where code = 'P-001'")).toEqual(['20'])
          expect(
            await count(
              db,
              'select count(*) as n from order_lines l where not exists (select 1 from products p where p.code = l.code)',
            ),
          ).toBe(0)
        },
      )
      await withSubset(
        dialect.name,
        source.url,
        { rules, roots: [parseRoot("products where code = 'P-002'")], children: parseChildren(['all']) },
        async (db) => {
          // Lines 2, 14, 26, 38 and 50 carry code P-002.
          expect(await column(db, 'select id as v from order_lines')).toEqual(['14', '2', '26', '38', '50'])
          expect(await column(db, 'select code as v from products')).toEqual(['P-002'])
        },
      )
    })
  })
}
