import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/dialects/open-database.js'
import { planLoad } from '../../src/graph/load-plan.js'
import { createSampleSchema } from '../../src/sample/create-sample-schema.js'
import { introspect } from '../../src/dialects/introspect.js'
import type { Column, Schema, Table } from '../../src/schema/schema.js'
import { tableName } from '../../src/schema/table-name.js'
import {
  CLINIC_TABLES,
  CLAIM_STATUSES,
  ENCOUNTER_KINDS,
  expectedIdentity,
  SEXES,
  SPECIALTIES,
} from '../fixtures/clinic-schema.js'
import {
  MARIADB_SETUP,
  MARIADB_TYPES,
  POSTGRES_SETUP,
  POSTGRES_TYPES,
  type TypeFields,
} from '../fixtures/native-types.js'
import { parseRuleSet } from '../../src/rules/rule-file.js'
import { clone } from '../../src/write/clone.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`introspecting the sample clinic schema on ${dialect.name}`, () => {
    let database: TestDatabase
    let schema: Schema
    /** Where a sample namespace lands: a PostgreSQL schema, or the one database on MySQL. */
    let namespace: (n: 'clinic' | 'billing') => string

    beforeAll(async () => {
      database = await createTestDatabase(dialect.name)
      const target = await openDatabase(database.url)
      try {
        await createSampleSchema(target)
        // Rows for the estimate check, then the engine's statistics refreshed.
        await target.db
          .insertInto(target.ddl.schemas ? 'clinic.diagnoses' : 'diagnoses')
          .values(Array.from({ length: 40 }, (_, i) => ({ code: `D${i}`, description: `diagnosis ${i}` })))
          .execute()
        await (dialect.name === 'mysql' ? sql`analyze table diagnoses` : sql`analyze`).execute(target.db)
      } finally {
        await target.close()
      }
      schema = await introspect(database.url)
      namespace = (n) => (dialect.name === 'mysql' ? schema.database : n)
    })
    afterAll(async () => database?.drop())

    const find = (n: 'clinic' | 'billing', name: string): Table => {
      const table = schema.tables.find((t) => t.schema === namespace(n) && t.name === name)
      if (table === undefined) throw new Error(`table ${n}.${name} not introspected`)
      return table
    }

    it('returns exactly the sample tables and namespaces', () => {
      expect(schema.dialect).toBe(dialect.name)
      expect(schema.tables.map((t) => `${t.schema}/${t.name}`).sort()).toEqual(
        CLINIC_TABLES.map((t) => `${namespace(t.namespace)}/${t.name}`).sort(),
      )
      expect(schema.schemas).toEqual(dialect.name === 'mysql' ? [schema.database] : ['billing', 'clinic'])
    })

    for (const expected of CLINIC_TABLES) {
      it(`reads ${expected.namespace}.${expected.name} column by column`, () => {
        const table = find(expected.namespace, expected.name)
        expect(table.columns.map((c) => c.name)).toEqual(expected.columns.map((c) => c.name))
        for (const [i, want] of expected.columns.entries()) {
          const got = table.columns[i]!
          const context = `${expected.name}.${want.name}`
          expect({ context, type: got.type, nullable: got.nullable }).toEqual({
            context,
            type: want.type,
            nullable: want.nullable,
          })
          expect({ context, identity: got.identity }).toEqual({
            context,
            identity: want.identity === true ? expectedIdentity(dialect.name) : null,
          })
          expect({ context, generated: got.generated !== null }).toEqual({
            context,
            generated: want.generated === true,
          })
          if (want.generated === true) expect(got.generated).toMatch(/quantity.*\*.*unit_price/)
          expect({ context, hasDefault: got.default !== null }).toEqual({
            context,
            hasDefault: want.hasDefault === true,
          })
          if (want.length !== undefined)
            expect({ context, length: got.length }).toEqual({ context, length: want.length })
          if (want.precision !== undefined) {
            expect({ context, precision: got.precision, scale: got.scale }).toEqual({
              context,
              precision: want.precision,
              scale: want.scale,
            })
          }
          expect({ context, enumValues: got.enumValues }).toEqual({
            context,
            enumValues: want.enumValues ?? null,
          })
          expect(got.nativeType.length).toBeGreaterThan(0)
        }
      })

      it(`reads the keys, foreign keys and checks of ${expected.namespace}.${expected.name}`, () => {
        const table = find(expected.namespace, expected.name)
        expect(table.primaryKey?.columns).toEqual(expected.primaryKey)
        expect(table.uniques).toEqual(expected.uniques)
        expect(
          table.foreignKeys.map((f) => ({
            name: f.name,
            columns: f.columns,
            references: f.references,
            onDelete: f.onDelete,
            onUpdate: f.onUpdate,
          })),
        ).toEqual(
          expected.foreignKeys.map((f) => ({
            name: f.name,
            columns: f.columns,
            references: {
              schema: namespace(f.references.namespace),
              name: f.references.name,
              columns: f.references.columns,
            },
            // MySQL reports RESTRICT where no action was declared; both refuse the same deletes.
            onDelete: f.onDelete ?? (dialect.name === 'mysql' ? 'restrict' : 'no action'),
            onUpdate: f.onUpdate ?? (dialect.name === 'mysql' ? 'restrict' : 'no action'),
          })),
        )
        expect(table.checks.map((c) => c.name)).toEqual(Object.keys(expected.checks))
        for (const check of table.checks) expect(check.expression).toContain(expected.checks[check.name])
        expect(table.comment).toBe(expected.comment ?? null)
      })
    }

    it('reads the enums: named types on PostgreSQL, inline values on MySQL', () => {
      const want = [
        { schema: 'billing', name: 'claim_status', values: CLAIM_STATUSES },
        { schema: 'clinic', name: 'encounter_kind', values: ENCOUNTER_KINDS },
        { schema: 'clinic', name: 'patient_sex', values: SEXES },
        { schema: 'clinic', name: 'provider_specialty', values: SPECIALTIES },
      ]
      expect(schema.enums).toEqual(dialect.name === 'mysql' ? [] : want)
      const specialty = find('clinic', 'providers').columns.find((c) => c.name === 'specialty')
      expect(specialty?.enumType).toBe(dialect.name === 'mysql' ? null : 'clinic.provider_specialty')
    })

    it('marks the cycle FK deferrable where the engine can defer constraints', () => {
      const head = find('clinic', 'departments').foreignKeys.find((f) => f.name === 'departments_head_fk')
      const deferrable = dialect.name !== 'mysql'
      expect({ deferrable: head?.deferrable, initiallyDeferred: head?.initiallyDeferred }).toEqual({
        deferrable,
        initiallyDeferred: deferrable,
      })
    })

    it('estimates row counts from the engine statistics', () => {
      expect(find('clinic', 'diagnoses').estimatedRows).toBe(40)
      expect(find('clinic', 'patients').estimatedRows).toBe(0)
    })

    it('reads the view as a schema object, as its engine prints it', () => {
      const view = expect.objectContaining({
        kind: 'view',
        schema: namespace('clinic'),
        name: 'active_patients',
      })
      expect(schema.objects).toContainEqual(view)
      // MySQL's SHOW CREATE VIEW without its DEFINER: the twin's writer becomes the definer (issue 16).
      expect(schema.objects.find((o) => o.kind === 'view')?.statement).toMatch(
        dialect.name === 'mysql'
          ? /^CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `active_patients` AS select /
          : /^CREATE VIEW clinic\.active_patients AS\s+SELECT /,
      )
    })

    it('orders every table after the tables it references, breaking the departments ↔ providers cycle', () => {
      const plan = planLoad(schema)
      expect([...plan.order].sort()).toEqual(schema.tables.map(tableName).sort())
      const position = new Map(plan.order.map((id, i) => [id, i]))
      const deferred = new Set(plan.deferred.map((d) => `${d.table}/${d.foreignKey}`))
      for (const table of schema.tables) {
        for (const fk of table.foreignKeys) {
          const parent = tableName(fk.references)
          if (parent === tableName(table) || deferred.has(`${tableName(table)}/${fk.name}`)) continue
          expect({ fk: fk.name, after: position.get(tableName(table))! > position.get(parent)! }).toEqual({
            fk: fk.name,
            after: true,
          })
        }
      }
      const departments = tableName({ schema: namespace('clinic'), name: 'departments' })
      const providers = tableName({ schema: namespace('clinic'), name: 'providers' })
      expect(plan.cycles).toEqual([
        {
          tables: [departments, providers],
          breakable: true,
          fix: null,
          brokenAt: [
            {
              table: departments,
              foreignKey: 'departments_head_fk',
              columns: ['head_provider_id'],
              references: providers,
              how: dialect.name === 'mysql' ? 'null-then-update' : 'deferred-constraint',
            },
          ],
        },
      ])
      expect(plan.selfReferences).toEqual([
        { table: departments, foreignKey: 'departments_parent_fk', columns: ['parent_id'], nullable: true },
      ])
    })

    it('reads a source over a connection the server keeps read-only', async () => {
      const source = await openDatabase(database.url, { readOnly: true })
      try {
        const insert = source.db
          .insertInto(source.ddl.schemas ? 'billing.insurers' : 'insurers')
          .values({ name: 'Acme', country: 'US' })
        await expect(insert.execute()).rejects.toThrow(/read.only/i)
      } finally {
        await source.close()
      }
    })
  })
}

/** The type fields of a column, and its domain's CHECKs where it has a domain. */
const typeFields = (c: Column): TypeFields & Pick<Column, 'domainChecks'> => ({
  nativeType: c.nativeType,
  type: c.type,
  elementType: c.elementType,
  length: c.length,
  precision: c.precision,
  scale: c.scale,
  enumValues: c.enumValues,
  enumType: c.enumType,
  ...(c.domainChecks === undefined ? {} : { domainChecks: c.domainChecks }),
})

const columnsOf = async (url: string) =>
  (await introspect(url)).tables.find((t) => t.name === 'native_types')?.columns ?? []

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(
    `the native types of every common column type on ${dialect.name}`,
    () => {
      const [types, setup] =
        dialect.name === 'mysql' ? [MARIADB_TYPES, MARIADB_SETUP] : [POSTGRES_TYPES, POSTGRES_SETUP]
      let source: TestDatabase
      let columns: Column[]

      beforeAll(async () => {
        source = await createTestDatabase(dialect.name)
        await withDatabase(source.url, async (db) => {
          for (const statement of setup) await sql.raw(statement).execute(db.db)
        })
        columns = await columnsOf(source.url)
      })
      afterAll(async () => source?.drop())

      it('reads each column as the engine spells its type, with its portable type and sizes', () => {
        expect(columns.map((c) => ({ name: c.name, ...typeFields(c) }))).toEqual(
          types.map((t) =>
            t.name === 'c_domain'
              ? {
                  name: t.name,
                  ...t.expected,
                  domainChecks: [{ name: 'positive_int_check', expression: '(VALUE > 0)' }],
                }
              : { name: t.name, ...t.expected },
          ),
        )
      })

      it('keeps every native type in a twin written into the same engine', { timeout: 120_000 }, async () => {
        const target = await createTestDatabase(dialect.name)
        try {
          // A hash rule on a binary column writes made-up files, cut to the column's bytes (varbinary(16) on MySQL).
          const rules = parseRuleSet(
            'rules:\n  - { column: "*.native_types.photo", hash: true }\n',
            'photo.yaml',
          )
          await clone(source.url, target.url, { seed: 5, rules })
          const twin = await columnsOf(target.url)
          expect(twin.map((c) => ({ name: c.name, ...typeFields(c) }))).toEqual(
            columns.map((c) => ({ name: c.name, ...typeFields(c) })),
          )
          const photos = await withDatabase(
            target.url,
            async (db) =>
              (
                await sql<{ n: number | string; longest: number | string }>`select count(*) as n,
            max(octet_length(photo)) as longest from native_types`.execute(db.db)
              ).rows[0],
          )
          expect(Number(photos?.n)).toBe(30)
          expect(Number(photos?.longest)).toBeLessThanOrEqual(dialect.name === 'mysql' ? 16 : 8192)
        } finally {
          await target.drop()
        }
      })
    },
  )
}
