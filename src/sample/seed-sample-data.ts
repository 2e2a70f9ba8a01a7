import type { Database } from '../dialects/dialect.js'
import { seededRandom, type Random } from '../random/seeded-random.js'
import { cardNumber, encounterNote, iban, ipAddress, ssnFor, streetAddress } from './sample-personal-data.js'
import {
  DEPARTMENT_PROFILE,
  DEPARTMENTS,
  DIAGNOSES,
  DRUGS,
  FIRST_NAMES,
  INSURERS,
  LAB_PROFILE,
  LAB_TESTS,
  LAST_NAMES,
  PAYMENT_METHODS,
  ZIP_CODES,
} from './sample-vocabulary.js'

export interface SeedOptions {
  patients: number
  seed: number
}

type Row = Record<string, string | number | boolean | null>

/** The fixed "today" of the sample, so the same seed gives the same rows on any day. */
const TODAY = Date.UTC(2026, 0, 1)
const DAY = 86_400_000
const BATCH = 500

/**
 * Fills the sample clinic schema with seeded, realistic rows, and relationships planted for dbtwin to find: older
 * patients have more encounters; claim amounts follow the department's cost and the encounter kind; dearer drugs
 * are prescribed in smaller quantities; discharge follows admission. Rules across tables hold in every row (issue
 * 18): a claim's policy is its encounter's patient's, a department's head works in it, an encounter's department
 * is its provider's; encounters follow birth, claims discharge, payments claims; prescription lines and lab orders
 * number 1..n within their encounter; a lab result follows its test, which fixes its unit; only paid claims have
 * payments, which add up to the claim's amount; a policy's coverage follows its patient's age band (Medicare at 65
 * and over). Patients are written in
 * chunks with everything that hangs off them, so memory stays flat whatever the size.
 */
export async function seedSampleData(
  database: Database,
  options: SeedOptions,
): Promise<Record<string, number>> {
  const ddl = database.ddl
  const at = (namespace: 'clinic' | 'billing', table: string) =>
    ddl.schemas ? `${namespace}.${table}` : table
  const counts: Record<string, number> = {}
  const insert = async (table: string, rows: Row[]) => {
    for (let i = 0; i < rows.length; i += BATCH) {
      await database.db
        .insertInto(table)
        .values(rows.slice(i, i + BATCH))
        .execute()
    }
    counts[table] = (counts[table] ?? 0) + rows.length
  }
  const staff = sampleStaff(options)
  await insert(
    at('clinic', 'departments'),
    staff.departments.map((d) => ({ id: d.id, name: d.name, parent_id: d.parent_id })),
  )
  await insert(at('clinic', 'providers'), staff.providers)
  // The cycle's nullable side, filled in once the providers exist.
  for (const d of staff.departments) {
    await database.db
      .updateTable(at('clinic', 'departments'))
      .set({ head_provider_id: d.head_provider_id })
      .where('id', '=', d.id)
      .execute()
  }
  await insert(
    at('clinic', 'diagnoses'),
    DIAGNOSES.map(([code, description]) => ({ code, description })),
  )
  await insert(
    at('billing', 'insurers'),
    INSURERS.map(([name, country], i) => ({ id: i + 1, name, country })),
  )
  const next = { encounter: 1, lab: 1, dispensation: 1, policy: 1, claim: 1, payment: 1 }
  for (let start = 0; start < options.patients; start += CHUNK) {
    const end = Math.min(options.patients, start + CHUNK)
    const rows = patientRows(start, end, staff, next, options.seed)
    for (const table of PATIENT_TABLES) {
      const namespace =
        table === 'policies' || table === 'claims' || table === 'payments' ? 'billing' : 'clinic'
      if (rows[table] !== undefined) await insert(at(namespace, table), rows[table])
    }
  }
  for (const [namespace, table] of IDENTITY_TABLES) {
    await ddl.syncIdentity(database.db, { schema: namespace, name: table }, 'id')
  }
  return counts
}

/** Patients per chunk: written with everything that hangs off them, so memory stays flat whatever the size. */
const CHUNK = 200

/** The tables filled per chunk of patients, parents first. */
const PATIENT_TABLES = [
  'patients',
  'policies',
  'encounters',
  'encounter_diagnoses',
  'prescriptions',
  'dispensations',
  'lab results',
  'claims',
  'payments',
]

/** The tables whose `id` is an identity, moved past the rows written. */
const IDENTITY_TABLES = [
  ['clinic', 'departments'],
  ['clinic', 'providers'],
  ['clinic', 'patients'],
  ['clinic', 'encounters'],
  ['clinic', 'dispensations'],
  ['clinic', 'lab results'],
  ['billing', 'insurers'],
  ['billing', 'policies'],
  ['billing', 'claims'],
  ['billing', 'payments'],
] as const

// A type, not an interface: a provider is a Row the insert takes as it is.
type Provider = {
  id: number
  first_name: string
  last_name: string
  email: string
  department_id: number
  specialty: string
  hired_on: string
  salary: string
}

/** The departments (each headed by its first provider, if any) and the providers working in them. */
export interface Staff {
  departments: { id: number; name: string; parent_id: number | null; head_provider_id: number | null }[]
  providers: Provider[]
}

/** The sample's departments and providers: one provider per 25 patients, at least two per department. */
export function sampleStaff(options: SeedOptions): Staff {
  const departments = DEPARTMENTS.map((d, i) => ({ id: i + 1, name: d.name, parent: d.parent }))
  const departmentId = new Map(departments.map((d) => [d.name, d.id]))
  const providerCount = Math.max(departments.length * 2, Math.round(options.patients / 25))
  const providers = Array.from({ length: providerCount }, (_, i): Provider => {
    const r = seededRandom(options.seed, 'sample', 'providers', i)
    const department = departments[i % departments.length]!
    const profile = DEPARTMENT_PROFILE[department.name]!
    const first = r.pick(FIRST_NAMES)
    const last = r.pick(LAST_NAMES)
    return {
      id: i + 1,
      first_name: first,
      last_name: last,
      email: `${first}.${last}.${i + 1}@clinic.example`.toLowerCase(),
      department_id: department.id,
      specialty: profile.specialty,
      hired_on: isoDate(TODAY - r.int(30, 9000) * DAY),
      salary: (60_000 * profile.costFactor ** 0.5 * Math.exp(0.15 * r.normal())).toFixed(2),
    }
  })
  return {
    departments: departments.map((d) => ({
      id: d.id,
      name: d.name,
      parent_id: d.parent === null ? null : departmentId.get(d.parent)!,
      head_provider_id: providers.find((p) => p.department_id === d.id)?.id ?? null,
    })),
    providers,
  }
}

/**
 * The rows of patients `start` to `end` (exclusive) and of everything that hangs off them, per table; `next` holds
 * the next id of each table and moves past the rows drawn.
 */
export function patientRows(
  start: number,
  end: number,
  staff: Staff,
  next: {
    encounter: number
    lab: number
    dispensation: number
    policy: number
    claim: number
    payment: number
  },
  seed: number,
): Record<string, Row[]> {
  const rows: Record<string, Row[]> = {}
  const add = (table: string, row: Row) => (rows[table] ??= []).push(withPersonalData(table, row, seed))
  for (let p = start; p < end; p++) {
    const r = seededRandom(seed, 'sample', 'patients', p)
    const patient = patientRow(p + 1, r)
    const age = (TODAY - Date.parse(`${patient['birth_date']}T00:00:00Z`)) / (365.25 * DAY)
    const band = ageBand(age)
    add('patients', { ...patient, age_band: band })
    const policies = policiesFor(patient, r, next).map((policy) => ({
      ...policy,
      coverage: coverageFor(band, seededRandom(seed, 'coverage', String(policy['id']))),
    }))
    for (const policy of policies) add('policies', policy)
    // Planted: the expected number of encounters grows with age.
    const encounters = poisson(r, 0.3 + age / 25)
    for (let e = 0; e < encounters; e++) {
      const er = seededRandom(seed, 'sample', 'encounters', p, e)
      const provider = er.pick(staff.providers)
      const department = staff.departments[provider.department_id - 1]!
      const born = Date.parse(`${patient['birth_date']}T00:00:00Z`)
      const encounter = encounterRow(next.encounter++, Number(patient['id']), provider, er, born)
      const children = childrenOfEncounter(encounter, department.name, policies, er, next)
      // Planted (issue 18.3): claims only on closed encounters; half of those without a claim are still open.
      const claimed = children.some((c) => c.table === 'claims')
      add('encounters', {
        ...encounter,
        status: claimed || Number(encounter['id']) % 2 === 1 ? 'closed' : 'open',
      })
      for (const row of children) add(row.table, row.row)
    }
  }
  return rows
}

/**
 * The personal columns of migration 0003, drawn from their own random streams so that adding them left every other
 * sampled value (and the relationships planted in them) as it was.
 */
function withPersonalData(table: string, row: Row, seed: number): Row {
  const r = seededRandom(seed, 'personal', table, String(row['id'] ?? row['encounter_id']))
  switch (table) {
    case 'patients':
      return {
        ...row,
        ssn: r.next() < 0.9 ? ssnFor(Number(row['id'])) : null,
        street: r.next() < 0.85 ? streetAddress(r) : null,
        signup_ip: r.next() < 0.6 ? ipAddress(r) : null,
      }
    case 'encounters':
      return {
        ...row,
        notes: encounterNote(r, { first: r.pick(FIRST_NAMES), last: r.pick(LAST_NAMES) }),
        vitals: vitalsFor(row, seededRandom(seed, 'vitals', String(row['id']))),
      }
    case 'policies':
      return { ...row, payer_iban: r.next() < 0.5 ? iban(r) : null }
    case 'payments':
      return { ...row, card_number: row['method'] === 'card' ? cardNumber(r) : null }
    default:
      return row
  }
}

const VITAL_TAGS = ['fever', 'follow-up', 'fasting', 'pain', 'dizziness', 'medication-given']

/**
 * An encounter's vital signs as a JSON document (migration 0006), from its own random stream so that adding it left
 * every other value as it was. Planted: emergencies have higher pulses; telehealth has no blood pressure, and a
 * missing document is as likely as a measured one there. One document in 500 carries a key naming a person, which
 * `learn` must never release.
 */
function vitalsFor(encounter: Row, r: Random): string | null {
  const kind = String(encounter['kind'])
  if (r.next() < (kind === 'telehealth' ? 0.5 : 0.08)) return null
  const sys = Math.round(118 + r.normal() * 14)
  const document: Record<string, unknown> = {
    ...(kind === 'telehealth' ? {} : { bp: { sys, dia: Math.round(sys * 0.64 + r.normal() * 6) } }),
    pulse: Math.round((kind === 'emergency' ? 92 : 74) + r.normal() * 11),
    ...(r.next() < 0.7 ? { temp_c: Math.round((36.8 + r.normal() * 0.5) * 10) / 10 } : {}),
    ...(r.next() < 0.4 ? { spo2: Math.min(100, Math.round(97 + r.normal() * 1.5)) } : {}),
    position: ['sitting', 'lying', 'standing'][r.weighted([70, 22, 8])],
    device: r.next() < 0.6,
    tags: VITAL_TAGS.filter(() => r.next() < 0.15),
  }
  if (r.next() < 0.002) document[`${r.pick(FIRST_NAMES)}.${r.pick(LAST_NAMES)}`.toLowerCase()] = 'called back'
  return JSON.stringify(document)
}

function patientRow(id: number, r: Random): Row {
  const first = r.pick(FIRST_NAMES)
  const last = r.pick(LAST_NAMES)
  // Ages skew old, as a clinic's patients do: a mixture of children and adults.
  const age = r.next() < 0.18 ? r.next() * 16 : Math.min(98, 18 + Math.abs(r.normal()) * 35)
  // 7919 is prime and coprime with 26²·10⁴, so record numbers are unique and look unordered.
  const code = (id * 7919) % 6_760_000
  const letters = String.fromCharCode(65 + Math.floor(code / 260_000), 65 + (Math.floor(code / 10_000) % 26))
  return {
    id,
    mrn: `${letters}-${String(code % 10_000).padStart(4, '0')}`,
    first_name: first,
    last_name: last,
    email: r.next() < 0.8 ? `${first}.${last}${id}@mail.example`.toLowerCase() : null,
    phone: r.next() < 0.7 ? `+1-555-${String(r.int(0, 9999999)).padStart(7, '0')}` : null,
    birth_date: isoDate(TODAY - Math.round(age * 365.25) * DAY - r.int(0, 364) * DAY),
    sex: ['female', 'male', 'other', 'unknown'][r.weighted([49, 48, 1, 2])]!,
    zip: r.next() < 0.95 ? r.pick(ZIP_CODES) : null,
    created_at: isoTimestamp(TODAY - r.int(0, 3000) * DAY - r.int(0, 86_399) * 1000),
  }
}

function ageBand(age: number): string {
  return age < 18 ? '0-17' : age < 65 ? '18-64' : '65+'
}

/**
 * Planted (issue 18.5, migration 0009): a policy's coverage follows its patient's age band, 80% Medicare at 65 and
 * over, next to none below. Drawn from its own random stream, so every other sampled value stayed as it was.
 */
function coverageFor(band: string, r: Random): string {
  const weights = band === '65+' ? [80, 15, 5] : band === '18-64' ? [4, 76, 20] : [0, 55, 45]
  return ['medicare', 'commercial', 'medicaid'][r.weighted(weights)]!
}

function policiesFor(patient: Row, r: Random, next: { policy: number }): Row[] {
  const count = r.weighted([15, 70, 15])
  return Array.from({ length: count }, () => {
    const from = TODAY - r.int(100, 3000) * DAY
    const id = next.policy++
    return {
      id,
      patient_id: patient['id']!,
      insurer_id: r.int(1, INSURERS.length),
      policy_number: `POL-${String(id).padStart(6, '0')}`,
      valid_from: isoDate(from),
      valid_to: r.next() < 0.6 ? null : isoDate(from + r.int(180, 1500) * DAY),
    }
  })
}

function encounterRow(
  id: number,
  patientId: number,
  provider: { id: number; department_id: number },
  r: Random,
  born: number,
): Row {
  const kind = ['outpatient', 'inpatient', 'emergency', 'telehealth'][r.weighted([60, 12, 18, 10])]!
  const drawn = TODAY - r.int(1, 1100) * DAY + r.int(7 * 3600, 19 * 3600) * 1000
  // Planted (issue 18): no encounter before the patient was born (13 in 5,000 patients were); a day drawn before
  // the birth moves, at the same time of day, to the birthday.
  const admitted = drawn >= born ? drawn : drawn + Math.ceil((born - drawn) / DAY) * DAY
  const stay =
    kind === 'inpatient' ? r.int(1, 10) * DAY + r.int(0, 86_399) * 1000 : r.int(900, 6 * 3600) * 1000
  return {
    id,
    patient_id: patientId,
    provider_id: provider.id,
    department_id: provider.department_id,
    kind,
    admitted_at: isoTimestamp(admitted),
    discharged_at: r.next() < 0.03 ? null : isoTimestamp(admitted + stay),
  }
}

const KIND_COST: Record<string, number> = { outpatient: 1, inpatient: 5, emergency: 2, telehealth: 0.5 }

/** What hangs off one encounter: its diagnoses, prescription lines, lab results, and its claim with payments. */
function childrenOfEncounter(
  encounter: Row,
  department: string,
  policies: Row[],
  r: Random,
  next: { lab: number; dispensation: number; claim: number; payment: number },
): { table: string; row: Row }[] {
  const encounterId = Number(encounter['id'])
  const admitted = Date.parse(`${String(encounter['admitted_at']).replace(' ', 'T')}Z`)
  // In this order: each draws from `r` after the one before, so every sampled row stays as it was.
  return [
    ...diagnosesOf(encounterId, r),
    ...prescriptionsOf(encounterId, admitted, r, next),
    ...labResultsOf(encounterId, admitted, r, next),
    ...(r.next() < 0.85 ? claimOf(encounter, department, policies, admitted, r, next) : []),
  ]
}

function diagnosesOf(encounterId: number, r: Random): { table: string; row: Row }[] {
  const codes = new Set<string>()
  for (let i = r.int(1, 3); codes.size < i;) codes.add(r.pick(DIAGNOSES)[0])
  return [...codes].map((code, i) => ({
    table: 'encounter_diagnoses',
    row: { encounter_id: encounterId, diagnosis_code: code, is_primary: i === 0 },
  }))
}

function prescriptionsOf(
  encounterId: number,
  admitted: number,
  r: Random,
  next: { dispensation: number },
): { table: string; row: Row }[] {
  const out: { table: string; row: Row }[] = []
  for (let line = 1, lines = r.weighted([35, 35, 20, 10]); line <= lines; line++) {
    const [drug, price] = r.pick(DRUGS)
    // Planted: the dearer the drug, the smaller the quantity.
    const quantity = Math.max(1, Math.round((60 / (1 + Math.sqrt(price))) * Math.exp(0.3 * r.normal())))
    out.push({
      table: 'prescriptions',
      row: { encounter_id: encounterId, line_no: line, drug, quantity, unit_price: price.toFixed(2) },
    })
    if (r.next() < 0.7) {
      out.push({
        table: 'dispensations',
        row: {
          id: next.dispensation++,
          encounter_id: encounterId,
          line_no: line,
          dispensed_at: isoTimestamp(admitted + r.int(1, 48) * 3600_000),
        },
      })
    }
  }
  return out
}

function labResultsOf(
  encounterId: number,
  admitted: number,
  r: Random,
  next: { lab: number },
): { table: string; row: Row }[] {
  const out: { table: string; row: Row }[] = []
  for (let order = 1, tests = r.weighted([40, 20, 20, 10, 10]); order <= tests; order++) {
    // Planted: the result is drawn per test, and the test determines the unit (issue 17.5). The draws are the ones
    // a result always took, so every other sampled row stays as it was.
    const test = r.pick(LAB_TESTS)
    const profile = LAB_PROFILE[test]!
    const result = r.next() < 0.1 ? null : Math.abs(profile.mean + profile.sd * r.normal())
    // Planted (issue 18.7): the test's reference range, and the flag rules/declared/clinic.yaml derives from it.
    const [low, high] = [profile.mean - 1.5 * profile.sd, profile.mean + 1.5 * profile.sd].map((v) =>
      Number(v.toFixed(3)),
    ) as [number, number]
    const value = result === null ? null : Number(result.toFixed(3))
    out.push({
      table: 'lab results',
      row: {
        id: next.lab++,
        encounter_id: encounterId,
        order,
        'test name': test,
        résultat: value === null ? null : value.toFixed(3),
        unit: profile.unit,
        ref_low: low.toFixed(3),
        ref_high: high.toFixed(3),
        flag: value === null ? null : value > high ? 'H' : value < low ? 'L' : null,
        taken_at: isoTimestamp(admitted + r.int(0, 12) * 3600_000),
      },
    })
  }
  return out
}

function claimOf(
  encounter: Row,
  department: string,
  policies: Row[],
  admitted: number,
  r: Random,
  next: { claim: number; payment: number },
): { table: string; row: Row }[] {
  // Planted: the amount follows the department's cost and the kind of encounter.
  const cost = DEPARTMENT_PROFILE[department]!.costFactor * KIND_COST[String(encounter['kind'])]!
  const amount = Math.round(120 * cost * Math.exp(0.4 * r.normal()) * 100) / 100
  const status = ['submitted', 'approved', 'denied', 'paid'][r.weighted([10, 20, 10, 60])]!
  const claimId = next.claim++
  const policy = policies.length > 0 && r.next() < 0.9 ? r.pick(policies) : undefined
  // Planted (issue 18): a claim is submitted after discharge (inpatients stay up to 10 days), else admission.
  const discharged = encounter['discharged_at']
  const submitted =
    (discharged === null ? admitted : Date.parse(`${String(discharged).replace(' ', 'T')}Z`)) +
    r.int(1, 20) * DAY
  const claim = {
    table: 'claims',
    row: {
      id: claimId,
      encounter_id: Number(encounter['id']),
      policy_id: policy === undefined ? null : Number(policy['id']),
      amount: amount.toFixed(2),
      status,
      submitted_at: isoTimestamp(submitted),
    },
  }
  if (status !== 'paid') return [claim]
  // Planted (issue 18.4): a paid claim's payments add up to its amount to the cent.
  const cents = Math.max(1, Math.round(amount * 100))
  const first = Math.round(cents * 0.6)
  const parts = r.next() < 0.8 || cents < 2 ? [cents] : [first, cents - first]
  const payments = parts.map((part, i) => ({
    table: 'payments',
    row: {
      id: next.payment++,
      claim_id: claimId,
      amount: (part / 100).toFixed(2),
      paid_at: isoTimestamp(submitted + (i + 1) * r.int(3, 40) * DAY),
      method: r.pick(PAYMENT_METHODS),
    },
  }))
  return [claim, ...payments]
}

function poisson(r: Random, mean: number): number {
  const limit = Math.exp(-mean)
  let k = 0
  for (let p = r.next(); p > limit; p *= r.next()) k++
  return k
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
}
