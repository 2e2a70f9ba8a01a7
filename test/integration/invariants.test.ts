import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { learn } from '../../src/learn/learn.js'
import type { Invariant, Model } from '../../src/model/model.js'
import { formatModelFile, parseModelFile } from '../../src/model/model-file.js'
import { countInvariantViolations } from '../../src/report/invariant-violations.js'
import { report } from '../../src/report/report-twin.js'
import { generate } from '../../src/write/generate-into-target.js'
import { createSampleSource } from '../support/sample-source.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

/** The rules the sample clinic plants (issue 18), by kind, table (without its schema) and what identifies them. */
const PLANTED: { kind: Invariant['kind']; table: string; key: string }[] = [
  // 1. Paths that meet: a claim's policy is its encounter's patient's; a department's head works in it; an
  // encounter's department is its provider's.
  { kind: 'paths-meet', table: 'claims', key: 'claims_policy_fk,policies_patient_fk' },
  { kind: 'paths-meet', table: 'departments', key: 'departments_head_fk,providers_department_fk' },
  { kind: 'paths-meet', table: 'encounters', key: 'encounters_provider_fk,providers_department_fk' },
  // 2. Time order across keys: encounter after birth, claim after discharge, payment after claim.
  { kind: 'time-order', table: 'encounters', key: 'admitted_at:encounters_patient_fk:birth_date' },
  { kind: 'time-order', table: 'claims', key: 'submitted_at:claims_encounter_fk:discharged_at' },
  { kind: 'time-order', table: 'payments', key: 'paid_at:payments_claim_fk:submitted_at' },
  // 3. Children by the parent's state: payments only under paid claims, claims only on closed encounters.
  { kind: 'children-by-state', table: 'payments', key: 'payments_claim_fk:status' },
  { kind: 'children-by-state', table: 'claims', key: 'claims_encounter_fk:status' },
  // 4. Sums: a paid claim's payments add up to its amount.
  { kind: 'sum', table: 'payments', key: 'payments_claim_fk:amount' },
  // 5. Ancestors further up: a claim's amount follows its encounter's kind (and department, whose names are each
  // one row's, so never released under K).
  { kind: 'ancestor-cells', table: 'claims', key: 'amount:claims_encounter_fk:kind' },
  // … and categories across keys: a policy's coverage follows its patient's age band (Medicare at 65 and over).
  { kind: 'ancestor-categories', table: 'policies', key: 'coverage:policies_patient_fk:age_band' },
  // 6. Sequences: line numbers and lab orders count 1..n within their encounter.
  { kind: 'sequence', table: 'prescriptions', key: 'line_no' },
  { kind: 'sequence', table: 'lab results', key: 'order' },
]

function keyOf(invariant: Invariant): string {
  switch (invariant.kind) {
    case 'paths-meet':
      return invariant.second.join(',')
    case 'time-order':
      return `${invariant.column}:${invariant.path.join(',')}:${invariant.ancestorColumn}`
    case 'sequence':
      return invariant.column
    case 'ancestor-cells':
    case 'ancestor-categories':
      return `${invariant.column}:${invariant.path.join(',')}:${invariant.ancestorColumn}`
    case 'children-by-state':
    case 'sum':
      return `${invariant.foreignKey}:${invariant.parentColumn}`
  }
}

/** The sample clinic's declared rules (kind 7): a derived lab flag, a check, and fixed test/unit pairs. */
const DECLARED = new URL('../../rules/declared/clinic.yaml', import.meta.url).pathname

const bare = (id: string) => id.split('.').at(-1)!.replaceAll('"', '')

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`invariants across tables on ${dialect.name}`, () => {
    let source: TestDatabase
    let target: TestDatabase
    let model: Model

    beforeAll(async () => {
      source = await createSampleSource(dialect.name, 300, 5)
      target = await createTestDatabase(dialect.name)
      model = await learn(source.url, { seed: 5, rules: DECLARED })
      await generate(model, target.url, { seed: 5, rules: DECLARED })
    }, 240_000)
    afterAll(async () => {
      await source?.drop()
      await target?.drop()
    })

    it('learns every planted rule at full strength, and the model file keeps them', () => {
      for (const planted of PLANTED) {
        const found = (model.invariants ?? []).find(
          (i) => i.kind === planted.kind && bare(i.table) === planted.table && keyOf(i) === planted.key,
        )
        expect(found, `${planted.kind} ${planted.table} ${planted.key}`).toBeDefined()
        // An ancestor's strength is its η² (the planted amounts explain about half their variance by the kind), or
        // for a category its Cramér's V (about 0.5 for coverage by age band).
        if (planted.kind === 'ancestor-cells' || planted.kind === 'ancestor-categories')
          expect(found!.strength).toBeGreaterThan(0.3)
        else expect(found!.strength).toBe(1)
        expect(found!.rows).toBeGreaterThanOrEqual(5)
      }
      const time = model.invariants!.find(
        (i) => i.kind === 'time-order' && bare(i.table) === 'claims' && keyOf(i) === PLANTED[4]!.key,
      )
      // Claims are submitted 1 to 20 days after discharge: the gaps say so, in seconds.
      expect(time?.kind === 'time-order' && time.gaps !== null).toBe(true)
      if (time?.kind === 'time-order') {
        expect(time.gaps![0]).toBeGreaterThanOrEqual(86_400 * 0.9)
        expect(time.gaps!.at(-1)).toBeLessThanOrEqual(86_400 * 20.1)
      }
      // Payments hang only off paid claims: the other statuses are childless, and a paid claim has one or two.
      const states = model.invariants!.find(
        (i) => i.kind === 'children-by-state' && bare(i.table) === 'payments' && i.parentColumn === 'status',
      )
      expect(states?.kind === 'children-by-state' && states.childless.map(String).sort()).toEqual([
        'approved',
        'denied',
        'submitted',
      ])
      if (states?.kind === 'children-by-state') {
        const paid = states.states.find((s) => s.value === 'paid')!
        expect(paid.childrenPerParent.find((b) => b.children === 0)?.frequency ?? 0).toBe(0)
        expect(paid.childrenPerParent.map((b) => b.children)).toEqual([1, 2])
      }
      expect(parseModelFile(formatModelFile(model), 'model.yaml').invariants).toEqual(model.invariants)
    })

    it('keeps every learned rule in the twin: zero violations, counted by SQL', async () => {
      await withDatabase(target.url, async (twin) => {
        const schema = await twin.introspect()
        const twinOf = (id: string) => schema.tables.find((t) => t.name === bare(id))
        for (const invariant of model.invariants!) {
          const count = await countInvariantViolations(twin, model.schema, twinOf, invariant)
          expect(count, `${invariant.kind} ${invariant.table} ${keyOf(invariant)}`).not.toBeNull()
          expect(count!.rows, `${invariant.table} ${keyOf(invariant)}`).toBeGreaterThan(0)
          expect({ rule: `${invariant.table} ${keyOf(invariant)}`, violations: count!.violations }).toEqual({
            rule: `${invariant.table} ${keyOf(invariant)}`,
            violations: 0,
          })
        }
      })
      // Read back directly too: no claim's policy belongs to another patient than its encounter's.
      await withDatabase(target.url, async (twin) => {
        const at = (name: string) =>
          twin.ddl.schemas
            ? sql.id(['claims', 'policies', 'payments'].includes(name) ? 'billing' : 'clinic', name)
            : sql.id(name)
        const { rows } = await sql<{ n: unknown; all: unknown }>`select
            count(case when e.patient_id <> p.patient_id then 1 end) as n, count(*) as ${sql.id('all')}
          from ${at('claims')} c join ${at('encounters')} e on e.id = c.encounter_id
          join ${at('policies')} p on p.id = c.policy_id`.execute(twin.db)
        expect(Number(rows[0]!.n)).toBe(0)
        expect(Number(rows[0]!.all)).toBeGreaterThan(50)
        // Paid claims have payments, no other claim has any (kind 3, read back).
        const paid = await sql<{ status: unknown; claims: unknown; paid: unknown }>`select c.status as status,
            count(distinct c.id) as claims, count(distinct p.claim_id) as paid
          from ${at('claims')} c left join ${at('payments')} p on p.claim_id = c.id group by c.status`.execute(
          twin.db,
        )
        const byStatus = new Map(paid.rows.map((r) => [String(r.status), [Number(r.claims), Number(r.paid)]]))
        // The twin's payments number the source's, spread over however many paid claims it drew: nearly all.
        expect(byStatus.get('paid')![1]).toBeGreaterThanOrEqual(0.9 * byStatus.get('paid')![0]!)
        for (const status of ['submitted', 'approved', 'denied'])
          expect(byStatus.get(status)?.[1] ?? 0).toBe(0)
      })
    }, 120_000)

    it('keeps the planted share of Medicare among patients 65 and over in the twin (issue 18.5)', async () => {
      const shares = async (url: string) =>
        withDatabase(url, async (db) => {
          const at = (namespace: string, name: string) =>
            db.ddl.schemas ? sql.id(namespace, name) : sql.id(name)
          const { rows } = await sql<{ band: unknown; medicare: unknown; n: unknown }>`select
              case when a.age_band = '65+' then 'old' else 'young' end as band,
              count(case when p.coverage = 'medicare' then 1 end) as medicare, count(*) as n
            from ${at('billing', 'policies')} p join ${at('clinic', 'patients')} a on a.id = p.patient_id
            group by case when a.age_band = '65+' then 'old' else 'young' end`.execute(db.db)
          return new Map(rows.map((r) => [String(r.band), Number(r.medicare) / Number(r.n)]))
        })
      const [real, twin] = [await shares(source.url), await shares(target.url)]
      // Planted at 80% and 4% or less: the twin draws each policy's coverage from its own patient's band.
      expect(real.get('old')).toBeGreaterThan(0.65)
      expect(twin.get('old')).toBeGreaterThan(0.65)
      expect(Math.abs(twin.get('old')! - real.get('old')!)).toBeLessThan(0.15)
      expect(twin.get('young')).toBeLessThan(0.1)
    }, 60_000)

    it('reports the invariants beside the verdicts and passes --fail-under invariants=1', async () => {
      const result = await report(null, target.url, {
        model,
        rules: DECLARED,
        failUnder: { invariants: 1 },
        maxRows: 2_000,
      })
      expect(result.invariants.learnedFrom).toBe('model')
      expect(result.invariants.rules).toHaveLength(model.invariants!.length)
      expect(result.invariants.rules.every((r) => r.violations === 0)).toBe(true)
      expect(result.verdicts.invariants).toEqual({ score: 1, threshold: 1, passed: true })
      // 7. Declared rules: the lab flag derived from its range, a check, and the test/unit pairs, none broken.
      expect(result.invariants.declared?.map((d) => [d.kind, d.violations])).toEqual([
        ['derive', 0],
        ['check', 0],
        ['combinations', 0],
      ])
      expect(result.invariants.declared?.every((d) => (d.rows ?? 0) > 50)).toBe(true)
      // Every source CHECK is listed, evaluated on the twin's rows.
      expect(result.invariants.checks.map((c) => c.check)).toContain('claims_amount_nonnegative')
    }, 180_000)
  })
}

describe.skipIf(!testDialects().find((d) => d.name === 'postgres')?.available)(
  'source CHECKs on a twin that dropped them',
  () => {
    let source: TestDatabase
    let twin: TestDatabase

    beforeAll(async () => {
      source = await createTestDatabase('postgres')
      twin = await createTestDatabase('postgres')
      const rows = Array.from({ length: 10 }, (_, i) => ({ id: i + 1, qty: i < 3 ? -i - 1 : i }))
      await withDatabase(source.url, async (db) => {
        await sql`create table items (id integer primary key, qty integer not null,
          constraint items_qty_positive check (qty >= 0))`.execute(db.db)
        await db.db
          .insertInto('items')
          .values(rows.map((r) => ({ ...r, qty: Math.abs(r.qty) })))
          .execute()
      })
      // As a cross-engine twin that lost the CHECK would: the same table without it, 3 of its 10 rows breaking it.
      await withDatabase(twin.url, async (db) => {
        await sql`create table items (id integer primary key, qty integer not null)`.execute(db.db)
        await db.db.insertInto('items').values(rows).execute()
      })
    }, 60_000)
    afterAll(async () => {
      await source?.drop()
      await twin?.drop()
    })

    it('counts the rows breaking the source CHECK and fails --fail-under invariants=1', async () => {
      const result = await report(source.url, twin.url, { failUnder: { invariants: 1 } })
      expect(result.invariants.checks).toEqual([
        { table: 'public.items', check: 'items_qty_positive', rows: 10, violations: 3, inTwin: false },
      ])
      // The twin's own constraints are all kept: consistency alone would not see it.
      expect(result.consistency.checkViolations).toEqual([])
      expect(result.verdicts.invariants).toEqual({ score: 0.7, threshold: 1, passed: false })
    }, 60_000)
  },
)
