import { rm, symlink } from 'node:fs/promises'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import { openDatabase } from '../../src/dialects/open-database.js'
import { DbtwinError } from '../../src/errors.js'
import { learn } from '../../src/learn/learn.js'
import type { Model } from '../../src/model/model.js'
import { correlation, normalScores } from '../../src/model/normal-scores.js'
import type { DialectName, Schema } from '../../src/schema/schema.js'
import { generate } from '../../src/write/generate-into-target.js'
import { createSampleSource } from '../support/sample-source.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { dumpTables, duplicateKeys, orphanCounts } from '../support/twin-checks.js'

const RULES = new URL('../../rules/clinic/', import.meta.url).pathname
const PATIENTS = 400
const available = new Map(testDialects().map((d) => [d.name, d.available]))

/** Opens a target after generation and hands it, with its schema, to the checks. */
async function withTarget<T>(url: string, work: (db: Database, schema: Schema) => Promise<T>): Promise<T> {
  const db = await openDatabase(url, { readOnly: true })
  try {
    return await work(db, await db.introspect())
  } finally {
    await db.close()
  }
}

/** Correlation of normal scores, the measure the model learns, computed on rows read back from a target. */
async function spearman(
  db: Database,
  query: ReturnType<typeof sql<{ a: unknown; b: unknown }>>,
  toNumber: (v: unknown) => number = Number,
): Promise<number> {
  const { rows } = await query.execute(db.db)
  return correlation(
    normalScores(rows.map((r) => toNumber(r.a))),
    normalScores(rows.map((r) => toNumber(r.b))),
  )
}

const epoch = (v: unknown) => Date.parse(`${String(v).slice(0, 10)}T00:00:00Z`)

async function expectConsistentTwin(
  db: Database,
  schema: Schema,
  model: Model,
  scale: number,
  sameEngine: boolean,
) {
  // A two-schema PostgreSQL source lands on MySQL as <schema>__<table> (--schema-map auto).
  const table = (name: string) => schema.tables.find((t) => t.name === name || t.name.endsWith(`__${name}`))!
  const ref = (name: string) => sql.id(table(name).schema, table(name).name)
  expect(Object.values(await orphanCounts(db, schema)).every((n) => n === 0)).toBe(true)
  for (const t of schema.tables)
    expect(await duplicateKeys(db, t)).toEqual(
      Object.fromEntries(Object.keys(await duplicateKeys(db, t)).map((k) => [k, 0])),
    )
  // Every FK was added after the load, so the engine checked every row against it.
  expect(schema.tables.reduce((n, t) => n + t.foreignKeys.length, 0)).toBe(16)
  if (sameEngine)
    expect(schema.tables.reduce((n, t) => n + t.checks.length, 0)).toBe(
      model.schema.tables.reduce((n, t) => n + t.checks.length, 0),
    )

  const count = async (name: string) =>
    Number((await sql<{ n: unknown }>`select count(*) as n from ${ref(name)}`.execute(db.db)).rows[0]?.n)
  const learned = (name: string) => model.tables.find((t) => t.table.endsWith(`.${name}`))!
  expect(await count('patients')).toBe(Math.round(learned('patients').rows * scale))
  // Lookup tables (referenced, without parents, under 200 rows) keep their size at any scale.
  for (const lookup of ['insurers', 'diagnoses', 'departments'])
    expect({ lookup, rows: await count(lookup) }).toEqual({ lookup, rows: learned(lookup).rows })
  const relation = learned('encounters').relations.find((r) => r.foreignKey === 'encounters_patient_fk')!
  const mean = relation.childrenPerParent.reduce((s, b) => s + b.children * b.frequency, 0)
  const patients = await count('patients')
  expect(Math.abs((await count('encounters')) / (patients * mean) - 1)).toBeLessThan(0.2)
  const { rows } = await sql<{ n: unknown }>`select count(*) as n from ${ref('patients')} p
    where not exists (select 1 from ${ref('encounters')} e where e.patient_id = p.id)`.execute(db.db)
  expect(Math.abs(Number(rows[0]?.n) / patients - relation.childrenPerParent[0]!.frequency)).toBeLessThan(
    0.12,
  )

  const age = await spearman(
    db,
    sql<{
      a: unknown
      b: unknown
    }>`select p.birth_date as a, (select count(*) from ${ref('encounters')} e where e.patient_id = p.id) as b from ${ref('patients')} p`,
    (v) => (typeof v === 'string' && v.includes('-') ? epoch(v) : Number(v)),
  )
  expect(age).toBeLessThan(-0.25) // planted: older patients, more encounters
  const price = await spearman(
    db,
    sql<{ a: unknown; b: unknown }>`select quantity as a, unit_price as b from ${ref('prescriptions')}`,
  )
  expect(price).toBeLessThan(-0.4) // planted: dearer drugs, smaller quantities
  const broken = await sql<{
    n: unknown
  }>`select count(*) as n from ${ref('encounters')} where discharged_at < admitted_at`.execute(db.db)
  expect(Number(broken.rows[0]?.n)).toBe(0)
}

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`generating a twin on ${dialect.name}`, () => {
    let source: TestDatabase
    let model: Model
    const targets: TestDatabase[] = []
    const target = async (name: DialectName = dialect.name) => {
      const t = await createTestDatabase(name)
      targets.push(t)
      return t
    }

    beforeAll(async () => {
      source = await createSampleSource(dialect.name, PATIENTS)
      model = await learn(source.url, { rules: RULES, seed: 5 })
    })
    afterAll(async () => {
      for (const t of targets) await t.drop()
      await source?.drop()
    })

    for (const scale of [0.5, 3]) {
      it(`writes a consistent, faithful twin at scale ${scale}`, async () => {
        const twin = await target()
        const result = await generate(model, twin.url, { scale, seed: 3, rules: RULES })
        expect(result.rows[Object.keys(result.rows)[0]!]).toBeGreaterThan(0)
        await withTarget(twin.url, (db, schema) => expectConsistentTwin(db, schema, model, scale, true))
        await withTarget(twin.url, async (db, schema) => {
          const patients = schema.tables.find((t) => t.name === 'patients')!
          const { rows } = await sql<{
            email: string | null
            mrn: string
          }>`select email, mrn from ${sql.id(patients.schema, 'patients')}`.execute(db.db)
          const real = await withTarget(source.url, async (s, sourceSchema) => {
            const p = sourceSchema.tables.find((t) => t.name === 'patients')!
            return (
              await sql<{
                email: string | null
                mrn: string
              }>`select email, mrn from ${sql.id(p.schema, 'patients')}`.execute(s.db)
            ).rows
          })
          const realValues = new Set(real.flatMap((r) => [r.email, r.mrn]).filter((v) => v !== null))
          expect(
            rows.flatMap((r) => [r.email, r.mrn]).filter((v) => v !== null && realValues.has(v)),
          ).toEqual([])
        })
      })
    }

    it('writes the same rows for the same seed, refuses a non-empty target, and empties it on --truncate', async () => {
      const [first, second] = [await target(), await target()]
      await generate(model, first.url, { scale: 0.5, seed: 9 })
      await generate(model, second.url, { scale: 0.5, seed: 9 })
      const dump = (url: string) => withTarget(url, (db, schema) => dumpTables(db, schema))
      const [a, b] = [await dump(first.url), await dump(second.url)]
      expect(a).toBe(b)
      await expect(generate(model, first.url, { scale: 0.5, seed: 9 })).rejects.toThrow(/already holds rows/)
      await generate(model, first.url, { scale: 0.5, seed: 9, existing: 'truncate' })
      expect(await dump(first.url)).toBe(a)
    })

    it('writes the same rows whatever the source database was called', async () => {
      // A MySQL source's one schema is its database: a copy of production under another name is the same data.
      const [only] = model.schema.schemas
      if (model.schema.schemas.length !== 1 || only === undefined) return
      const renamed = JSON.parse(JSON.stringify(model).replaceAll(`"${only}`, '"production_copy')) as Model
      expect(renamed.schema.tables.every((t) => t.schema === 'production_copy')).toBe(true)
      const [first, second] = [await target(), await target()]
      await generate(model, first.url, { scale: 0.5, seed: 9 })
      await generate(renamed, second.url, { scale: 0.5, seed: 9 })
      const dump = (url: string) => withTarget(url, (db, schema) => dumpTables(db, schema))
      expect(await dump(second.url)).toBe(await dump(first.url))
    })

    it('refuses to write into its own source', async () => {
      const error = await generate(model, source.url).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(DbtwinError)
      expect((error as DbtwinError).code).toBe('TARGET_IS_SOURCE')
    })

    it('refuses its own source reached through another URL, and writes nothing into it', async () => {
      // The model's URL fingerprint no longer matches (learned through another host name, a port forward, a
      // symlinked PGlite folder): the server's own identity still names the source.
      const elsewhere: Model = {
        ...model,
        madeBy: { ...model.madeBy, source: { ...model.madeBy.source, fingerprint: 'another-url' } },
      }
      let url = source.url
      if (dialect.name === 'pglite') {
        const link = `${source.name}-link`
        await symlink(source.name, link)
        url = `pglite://${link}`
      }
      const before = await withTarget(source.url, (db, schema) => dumpTables(db, schema))
      const error = await generate(elsewhere, url, { existing: 'drop' }).catch((e: unknown) => e)
      expect((error as DbtwinError).code).toBe('TARGET_IS_SOURCE')
      expect((error as DbtwinError).message).toMatch(/reached through another URL/)
      expect(await withTarget(source.url, (db, schema) => dumpTables(db, schema))).toBe(before)
      if (dialect.name === 'pglite') await rm(url.slice('pglite://'.length))
    })

    it('refuses an existing table that lacks a column the twin writes, before writing anything', async () => {
      const twin = await target()
      const db = await openDatabase(twin.url)
      const namespace = db.ddl.schemas ? 'billing' : db.name
      if (db.ddl.schemas) await db.ddl.createSchema(db.db, 'billing')
      await db.db.schema
        .createTable(`${namespace}.payments`)
        .addColumn('id', 'integer')
        .addColumn('amount', 'integer')
        .execute()
      await db.close()
      const error = (await generate(model, twin.url, { seed: 1 }).catch((e: unknown) => e)) as DbtwinError
      expect(error.code).toBe('TARGET_CONFLICT')
      expect(error.message).toMatch(
        /payments on \S+ exists without columns claim_id, paid_at, method, card_number$/,
      )
      await withTarget(twin.url, async (_check, schema) =>
        expect(schema.tables.map((t) => t.name)).toEqual(['payments']),
      )
    })

    it('rolls the target back when writing fails', async () => {
      const twin = await target()
      const db = await openDatabase(twin.url)
      // A table in the target's way whose shape cannot take the twin's rows.
      const namespace = db.ddl.schemas ? 'billing' : db.name
      if (db.ddl.schemas) await db.ddl.createSchema(db.db, 'billing')
      await db.db.schema
        .createTable(`${namespace}.payments`)
        .addColumn('id', 'integer')
        .addColumn('claim_id', 'integer')
        .addColumn('amount', 'integer')
        .addColumn('paid_at', 'integer')
        .addColumn('method', 'integer')
        .addColumn('card_number', 'integer')
        .execute()
      await db.close()
      const error = (await generate(model, twin.url, { seed: 1 }).catch((e: unknown) => e)) as DbtwinError
      expect(error.code).toBe('GENERATE_FAILED')
      // PostgreSQL and PGlite write in one transaction; MySQL undoes its steps one by one.
      expect(error.message).toMatch(
        db.ddl.schemas
          ? /: rolled back, the target is as it was$/
          : /: the target was rolled back \(13 steps: tables created dropped, tables reused emptied\)$/,
      )
      await withTarget(twin.url, async (check, schema) => {
        expect(schema.tables.map((t) => t.name)).toEqual(['payments'])
        expect(
          Number(
            (
              await sql<{ n: unknown }>`select count(*) as n from ${sql.id(namespace, 'payments')}`.execute(
                check.db,
              )
            ).rows[0]?.n,
          ),
        ).toBe(0)
      })
    })
  })
}

describe.skipIf(!(available.get('postgres') && available.get('mysql') && available.get('pglite')))(
  'generating across engines',
  () => {
    let pgSource: TestDatabase
    let mysqlSource: TestDatabase
    let pgModel: Model
    let mysqlModel: Model
    const targets: TestDatabase[] = []

    beforeAll(async () => {
      pgSource = await createSampleSource('postgres', PATIENTS)
      mysqlSource = await createSampleSource('mysql', PATIENTS)
      pgModel = await learn(pgSource.url, { rules: RULES, seed: 5 })
      mysqlModel = await learn(mysqlSource.url, { rules: RULES, seed: 5 })
    })
    afterAll(async () => {
      for (const t of [...targets, pgSource, mysqlSource]) await t?.drop()
    })

    const cases: [string, () => Model, DialectName][] = [
      ['PostgreSQL → MariaDB', () => pgModel, 'mysql'],
      ['MariaDB → PostgreSQL', () => mysqlModel, 'postgres'],
      ['MariaDB → PGlite', () => mysqlModel, 'pglite'],
    ]
    for (const [label, model, to] of cases) {
      it(`writes a consistent twin ${label}`, async () => {
        const twin = await createTestDatabase(to)
        targets.push(twin)
        await generate(model(), twin.url, { scale: 1, seed: 4, rules: RULES })
        await withTarget(twin.url, (db, schema) => expectConsistentTwin(db, schema, model(), 1, false))
      })
    }

    it('writes the same data whatever engine it writes to', async () => {
      const [pg, lite] = [await createTestDatabase('postgres'), await createTestDatabase('pglite')]
      targets.push(pg, lite)
      await generate(pgModel, pg.url, { scale: 0.5, seed: 8 })
      await generate(pgModel, lite.url, { scale: 0.5, seed: 8 })
      const dump = (url: string) => withTarget(url, (db, schema) => dumpTables(db, schema))
      expect(await dump(pg.url)).toBe(await dump(lite.url))
    })
  },
)
