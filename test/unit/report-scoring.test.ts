import { describe, expect, it } from 'vitest'
import { twinPath } from '../../src/report/invariant-violations.js'
import { invariantsScore } from '../../src/report/invariants-part.js'
import type { PrivacySection } from '../../src/report/report.js'
import { scoreReport, type ReportInputs } from '../../src/report/score-report.js'
import type { ForeignKey, Schema, Table } from '../../src/schema/schema.js'
import { column } from '../fixtures/columns.js'
import { sampleReport } from '../fixtures/sample-report.js'

const fk = (name: string, columns: string[], parent: string): ForeignKey => ({
  name,
  columns,
  references: { schema: 'app', name: parent, columns: ['id'] },
  onDelete: 'no action',
  onUpdate: 'no action',
  deferrable: false,
  initiallyDeferred: false,
  validated: true,
})

const table = (name: string, foreignKeys: ForeignKey[]): Table => ({
  schema: 'app',
  name,
  columns: [
    column('id', 'integer'),
    ...foreignKeys.flatMap((k) => k.columns.map((c) => column(c, 'integer'))),
  ],
  primaryKey: { name: `${name}_pkey`, columns: ['id'] },
  uniques: [],
  foreignKeys,
  checks: [],
  estimatedRows: 0,
  comment: null,
  partitions: [],
})

/** people ← visits ← notes */
const schema = {
  formatVersion: 1,
  dialect: 'postgres',
  database: 'app',
  schemas: ['app'],
  enums: [],
  objects: [],
  skipped: [],
  tables: [
    table('people', []),
    table('visits', [fk('visits_person_fk', ['person_id'], 'people')]),
    table('notes', [fk('notes_visit_fk', ['visit_id'], 'visits')]),
  ],
} as Schema

const privacyRow = (
  name: string,
  exactMatchRate: number,
  membershipAuc: number,
  exactMatchUnavoidable = false,
): PrivacySection['tables'][number] => ({
  table: name,
  exactMatchRate,
  exactMatchUnavoidable,
  dcrShare: null,
  membershipAuc,
  rareLeaked: 0,
  rareLeakedColumns: [],
})

/** What a report over the sample clinic read: two tables' privacy rows, 1 of 10 rare values leaked, both PII covered. */
function inputs(extra: Partial<ReportInputs> = {}): ReportInputs {
  const report = sampleReport()
  return {
    createdAt: report.createdAt,
    realSchema: { ...schema, tables: [] },
    sourceRead: true,
    twin: { database: 'app_twin', dialect: 'postgres' },
    maxRows: 10_000,
    k: 5,
    subset: false,
    failUnder: undefined,
    sampledTables: [],
    tables: report.quality.tables,
    privacy: {
      tables: [privacyRow('app.codes', 0.4, 0.6, true), privacyRow('app.people', 0.1, 0.7)],
      ruledColumns: [],
      rare: { rare: 10, leaked: 1 },
      pii: [
        { column: 'app.people.ssn', kind: 'ssn', covered: true },
        { column: 'app.people.email', kind: 'email', covered: true },
      ],
    },
    consistency: report.consistency,
    invariants: { ...report.invariants, score: 0.83333 },
    ...extra,
  }
}

describe('scoreReport', () => {
  it('takes the worst avoidable exact-match rate, averages the attack, and scores privacy on the rest', () => {
    const { privacy } = scoreReport(inputs())
    expect(privacy.exactMatchRate).toBe(0.1)
    expect(privacy.membershipAuc).toBe(0.65)
    expect(privacy.rareValues).toEqual({ k: 5, rare: 10, leaked: 1, share: 0.1 })
    // mean of 1 − 0.1 (exact), 1 − 2·0.15 (attack), 1 − 0.1 (rare), 1 (PII): no DCR was measured.
    expect(privacy.score).toBe(0.875)
    expect(privacy.scope).toBe('synthetic')
  })

  it("scores a subset's privacy by its ruled columns' rewrite rate and the PII coverage alone", () => {
    const { privacy } = scoreReport(
      inputs({
        subset: true,
        privacy: {
          ...inputs().privacy,
          ruledColumns: [
            { column: 'app.people.ssn', rows: 10, unchanged: 2 },
            { column: 'app.people.code', rows: 0, unchanged: 0 },
          ],
          pii: [
            { column: 'app.people.ssn', kind: 'ssn', covered: true },
            { column: 'app.people.email', kind: 'email', covered: false },
          ],
        },
      }),
    )
    expect(privacy.score).toBe(0.65)
    expect(privacy.scope).toBe('ruled-columns')
    expect(privacy.note).toContain('only the 2 columns rules rewrite')
  })

  it('has no privacy score and no source label without a source', () => {
    const report = scoreReport(inputs({ sourceRead: false }))
    expect(report.real).toBeNull()
    expect(report.privacy.score).toBeNull()
    expect(report.verdicts.privacy).toEqual({ score: null, threshold: null, passed: null })
  })

  it('gives a verdict per threshold, and one per extra gate only when a threshold names it', () => {
    const report = scoreReport(
      inputs({ failUnder: { privacy: 0.9, 'quality.columnPairs': 0.5, invariants: 0.8 } }),
    )
    expect(report.verdicts.privacy).toEqual({ score: 0.875, threshold: 0.9, passed: false })
    expect(report.verdicts['quality.columnPairs']?.passed).toBe(true)
    expect(report.verdicts.invariants).toEqual({ score: 0.8333, threshold: 0.8, passed: true })
    expect(report.verdicts.detection).toBeUndefined()
    expect(report.verdicts.quality.threshold).toBeNull()
    expect(report.invariants.score).toBe(0.8333)
  })

  it('lists the objects a twin in the other engine family does not hold as its source does', () => {
    expect(scoreReport(inputs()).acrossEngines).toBeUndefined()
    const across = scoreReport(inputs({ twin: { database: 'app_twin', dialect: 'mysql' } })).acrossEngines
    expect(across?.target).toBe('mysql')
  })
})

describe('invariantsScore', () => {
  it("is the worst rule's share of rows keeping it, over learned rules, declared ones and CHECKs", () => {
    expect(invariantsScore([{ rows: 10, violations: 1 }], [{ rows: null, violations: null }], [])).toBe(0.9)
    expect(invariantsScore([{ rows: 10, violations: 1 }], [], [{ rows: 4, violations: 2 }])).toBe(0.5)
  })

  it('is null when no rule applied to any row', () => {
    expect(invariantsScore([{ rows: 0, violations: 0 }], [], [{ rows: 0, violations: 0 }])).toBeNull()
  })
})

describe('twinPath', () => {
  const twinOf = (id: string) =>
    id === 'app.notes' ? undefined : { schema: 'twin', name: `app__${id.split('.')[1]!}` }

  it("walks the source's keys and points each at the twin's table for its parent", () => {
    const path = twinPath(schema, twinOf, 'app.notes', ['notes_visit_fk', 'visits_person_fk'])
    expect(path?.map((k) => [k.name, k.columns, k.references])).toEqual([
      ['notes_visit_fk', ['visit_id'], { schema: 'twin', name: 'app__visits', columns: ['id'] }],
      ['visits_person_fk', ['person_id'], { schema: 'twin', name: 'app__people', columns: ['id'] }],
    ])
  })

  it('is null for a key the table lacks or a parent the twin lacks', () => {
    expect(twinPath(schema, twinOf, 'app.notes', ['visits_person_fk'])).toBeNull()
    expect(twinPath(schema, () => undefined, 'app.visits', ['visits_person_fk'])).toBeNull()
    expect(twinPath(schema, twinOf, 'app.visits', [])).toEqual([])
  })
})
