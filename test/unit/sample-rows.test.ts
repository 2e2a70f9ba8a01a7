import { describe, expect, it } from 'vitest'
import { patientRows, sampleStaff } from '../../src/sample/seed-sample-data.js'

const ids = () => ({ encounter: 1, lab: 1, dispensation: 1, policy: 1, claim: 1, payment: 1 })

describe('the sample clinic rows', () => {
  it('are the same whether patients are drawn in one chunk or several', () => {
    const staff = sampleStaff({ patients: 60, seed: 4 })
    const whole = patientRows(0, 60, staff, ids(), 4)
    const next = ids()
    const parts = [patientRows(0, 25, staff, next, 4), patientRows(25, 60, staff, next, 4)]
    for (const table of Object.keys(whole)) {
      expect(
        parts.flatMap((p) => p[table] ?? []),
        table,
      ).toEqual(whole[table])
    }
    expect(whole['claims']!.length).toBeGreaterThan(0)
  })

  it('give each department a head working in it, and pay each paid claim exactly its amount', () => {
    const staff = sampleStaff({ patients: 100, seed: 1 })
    for (const d of staff.departments) {
      const head = staff.providers.find((p) => p.id === d.head_provider_id)
      expect(head?.department_id).toBe(d.id)
    }
    const rows = patientRows(0, 100, staff, ids(), 1)
    const paid = rows['claims']!.filter((c) => c['status'] === 'paid')
    expect(paid.length).toBeGreaterThan(0)
    for (const claim of paid) {
      const cents = rows['payments']!.filter((p) => p['claim_id'] === claim['id']).map((p) =>
        Math.round(Number(p['amount']) * 100),
      )
      expect(cents.reduce((a, b) => a + b, 0)).toBe(Math.max(1, Math.round(Number(claim['amount']) * 100)))
    }
  })
})
