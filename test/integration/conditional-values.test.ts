import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import { learn } from '../../src/learn/learn.js'
import type { Model, TableModel } from '../../src/model/model.js'
import { LAB_PROFILE } from '../../src/sample/sample-vocabulary.js'
import { generate } from '../../src/write/generate-into-target.js'
import { createSampleSource } from '../support/sample-source.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

const PATIENTS = 500

/** The sample's tables sit in schema `clinic` where the engine has schemas, bare on MySQL. */
const clinic = (db: Database, table: string) => (db.ddl.schemas ? sql.id('clinic', table) : sql.id(table))

const labResults = async (db: Database) =>
  (
    await sql<{ test: string; value: unknown; unit: string | null }>`
      select ${sql.id('test name')} as test, ${sql.id('résultat')} as value, unit
      from ${clinic(db, 'lab results')}`.execute(db.db)
  ).rows

/** Each lab result's test and reference range, as `low..high` (NULL ends as `null`). */
const ranges = async (db: Database) =>
  (
    await sql<{ test: string; low: unknown; high: unknown }>`
      select ${sql.id('test name')} as test, ref_low as low, ref_high as high
      from ${clinic(db, 'lab results')}`.execute(db.db)
  ).rows.map((r) => ({
    test: r.test,
    range: [r.low, r.high].map((v) => (v === null ? 'null' : Number(v))).join('..'),
  }))

const stays = async (db: Database) =>
  (
    await sql<{ kind: string; admitted: unknown; discharged: unknown }>`
      select kind, admitted_at as admitted, discharged_at as discharged
      from ${clinic(db, 'encounters')}`.execute(db.db)
  ).rows

const time = (v: unknown) => (v instanceof Date ? v.getTime() : Date.parse(`${String(v).replace(' ', 'T')}Z`))

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Per test name, the median of its results. */
function medians(rows: Awaited<ReturnType<typeof labResults>>): Map<string, number> {
  const byTest = new Map<string, number[]>()
  for (const r of rows) {
    if (r.value === null) continue
    byTest.set(r.test, [...(byTest.get(r.test) ?? []), Number(r.value)])
  }
  return new Map([...byTest].map(([test, values]) => [test, median(values)]))
}

/** Mean log-hours of the stays that ended after they began, and the share still open (discharged_at NULL). */
function lengthOfStay(rows: Awaited<ReturnType<typeof stays>>): { meanLogHours: number; open: number } {
  const hours = rows.flatMap((r) =>
    r.discharged === null ? [] : [(time(r.discharged) - time(r.admitted)) / 3_600_000],
  )
  const positive = hours.filter((h) => h > 0)
  return {
    meanLogHours: positive.reduce((n, h) => n + Math.log(h), 0) / positive.length,
    open: rows.filter((r) => r.discharged === null).length / rows.length,
  }
}

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`values conditioned on the row on ${dialect.name}`, () => {
    let source: TestDatabase
    let target: TestDatabase
    let model: Model
    const tableModel = (name: string): TableModel =>
      model.tables.find((t) => t.table.replaceAll(`"`, '').endsWith(name))!

    beforeAll(async () => {
      source = await createSampleSource(dialect.name, PATIENTS, 3)
      target = await createTestDatabase(dialect.name)
      model = await learn(source.url, { seed: 3 })
      await generate(model, target.url, { seed: 3 })
    }, 180_000)
    afterAll(async () => {
      await source?.drop()
      await target?.drop()
    })

    it('learns the result per test name, the unit from the test name, and the stay as a difference', () => {
      const lab = tableModel('lab results')
      // The reference range (migration 0008) follows the test name too: the result is one of its numbers.
      expect(lab.numericCells?.map((n) => [n.column, n.given])).toContainEqual(['résultat', 'test name'])
      expect(lab.numericCells!.find((n) => n.column === 'résultat')!.eta2).toBeGreaterThan(0.9)
      expect(lab.functionalDependencies?.map((f) => [f.determinant, f.dependent])).toEqual([
        ['test name', 'unit'],
      ])
      expect(
        Object.fromEntries(lab.functionalDependencies![0]!.pairs.map((p) => [p.value, p.determined])),
      ).toEqual(Object.fromEntries(Object.entries(LAB_PROFILE).map(([test, p]) => [test, p.unit])))
      expect(tableModel('encounters').differences?.map((d) => [d.from, d.to, d.given?.given])).toEqual([
        ['admitted_at', 'discharged_at', 'kind'],
      ])
    })

    it("keeps each test's results in its own range: per-test medians within 15% of the source's", async () => {
      const real = medians(await withDatabase(source.url, labResults))
      const twin = medians(await withDatabase(target.url, labResults))
      expect([...twin.keys()].sort()).toEqual([...real.keys()].sort())
      for (const [test, m] of real) expect(Math.abs(twin.get(test)! / m - 1), test).toBeLessThan(0.15)
      // Before, every test drew from one distribution: hemoglobin's median sat near glucose's.
      expect(twin.get('glucose')! / twin.get('hemoglobin')!).toBeGreaterThan(5)
    })

    it('writes the unit its test name determines, on every row', async () => {
      const twin = await withDatabase(target.url, labResults)
      expect(twin.length).toBeGreaterThan(100)
      const wrong = twin.filter((r) => r.unit !== LAB_PROFILE[r.test]!.unit)
      expect(wrong).toEqual([])
    })

    it('writes the reference range its test name gives, on every row', async () => {
      const real = new Map<string, Set<string>>()
      for (const r of await withDatabase(source.url, ranges))
        real.set(r.test, (real.get(r.test) ?? new Set()).add(r.range))
      const twin = await withDatabase(target.url, ranges)
      // The upper end is the lower plus a difference per test: hemoglobin's 16.45, the most common upper end, was
      // taken for an open end and written in the rows of the largest differences, glucose's.
      expect(twin.filter((r) => !real.get(r.test)!.has(r.range))).toEqual([])
    })

    it("keeps the length of stay: mean log-hours within 0.3 of the source's, open stays as often, none negative", async () => {
      const realRows = await withDatabase(source.url, stays)
      const twinRows = await withDatabase(target.url, stays)
      const real = lengthOfStay(realRows)
      const twin = lengthOfStay(twinRows)
      expect(Math.abs(twin.meanLogHours - real.meanLogHours)).toBeLessThan(0.3)
      // Inpatients stay days, the others hours: the difference is drawn per encounter kind.
      const inpatient = (rows: typeof realRows) => lengthOfStay(rows.filter((r) => r.kind === 'inpatient'))
      expect(inpatient(realRows).meanLogHours).toBeGreaterThan(3)
      expect(Math.abs(inpatient(twinRows).meanLogHours - inpatient(realRows).meanLogHours)).toBeLessThan(0.3)
      expect(Math.abs(twin.open - real.open)).toBeLessThan(0.03)
      expect(twinRows.filter((r) => r.discharged !== null && time(r.discharged) < time(r.admitted))).toEqual(
        [],
      )
    })
  })
}
