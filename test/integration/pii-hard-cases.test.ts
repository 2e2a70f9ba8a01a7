import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import { luhnValid } from '../../src/rules/pii-detect.js'
import { packRules, scan, type ScanResult } from '../../src/rules/scan.js'
import type { DialectName } from '../../src/schema/schema.js'
import {
  DIRECT_KINDS,
  precision,
  readLabels,
  recall,
  scoreScan,
  scoreTable,
  totalScore,
  type LabelScore,
} from '../support/pii-label-score.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

const LABELS = new URL('../pii-labels/hospital.yaml', import.meta.url).pathname
const ROWS = 30

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]
const file = (magic: number[], i: number) =>
  Buffer.from([...magic, ...Array.from({ length: 64 }, (_, j) => (i * 31 + j) % 256)])
const FIRST = ['Ann', 'Bruno', 'Chloe', 'David', 'Emma', 'Farid', 'Greta', 'Hugo', 'Iris', 'Jonas']
const LAST = ['Smith', 'Müller', 'Dubois', 'García', 'Rossi', 'de Vries', 'Nowak', 'Jensen', 'Silva', 'Brown']
const nameOf = (i: number) => `${FIRST[i % 10]} ${LAST[(i * 3) % 10]}`
const uuid = (i: number) =>
  `${String(i).padStart(8, '0')}-4b1c-4d2e-8f3a-${String(i * 7919).padStart(12, '0')}`
/** A valid NPI: nine digits and the Luhn digit over the 80840 prefix. */
function npi(i: number): string {
  const body = `1${String(234_567 + i * 1_031).padStart(8, '0')}`
  return `${body}${[...'0123456789'].find((d) => luhnValid(`80840${body}${d}`))}`
}
/** A valid Visa number. */
function card(i: number): string {
  const body = `4${String(100_000_000_000_00 + i * 7_919).padStart(14, '0')}`
  return `${body}${[...'0123456789'].find((d) => luhnValid(`${body}${d}`))}`
}

/** The hard cases of issue 20 in one small hospital (and a corner of AdventureWorks). */
async function createHospital(db: Database, dialect: DialectName): Promise<void> {
  const binary = dialect === 'mysql' ? 'blob' : 'bytea'
  const uuidType = dialect === 'mysql' ? 'char(36)' : 'uuid'
  const k = db.db.schema
  await k
    .createTable('patients')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('record_key', sql.raw(uuidType), (c) => c.notNull().unique())
    .addColumn('first_name', 'varchar(40)')
    .addColumn('last_name', 'varchar(40)')
    .addColumn('birth_date', 'date')
    .addColumn('zip', 'varchar(10)')
    .addColumn('sex', 'char(1)')
    .execute()
  await k
    .createTable('providers')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('full_name', 'varchar(80)')
    .addColumn('npi', 'varchar(10)')
    .addColumn('specialty', 'varchar(40)')
    .execute()
  await k
    .createTable('insurance_policies')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('patient_id', 'integer', (c) => c.references('patients.id'))
    .addColumn('policy_number', 'varchar(20)')
    .addColumn('payer', 'varchar(40)')
    .execute()
  await k
    .createTable('staff')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('full_name', 'varchar(80)')
    .addColumn('login', 'varchar(40)')
    .addColumn('password_hash', 'varchar(100)')
    .addColumn('salt', sql.raw(binary))
    .addColumn('photo', sql.raw(binary))
    .execute()
  await k
    .createTable('patient_documents')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('patient_id', 'integer', (c) => c.notNull().references('patients.id'))
    .addColumn('kind', 'varchar(20)')
    .addColumn('scan', sql.raw(binary), (c) => c.notNull())
    .execute()
  for (const table of ['medications', 'procedures'])
    await k
      .createTable(table)
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn(table === 'medications' ? 'ndc' : 'code', 'varchar(12)')
      .addColumn('description', 'text')
      .execute()
  await k
    .createTable('salesterritory')
    .addColumn('territoryid', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'varchar(40)')
    .addColumn('group', 'varchar(40)')
    .execute()
  await k
    .createTable('phonenumbertype')
    .addColumn('phonenumbertypeid', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'varchar(20)')
    .execute()
  await k
    .createTable('personphone')
    .addColumn('businessentityid', 'integer', (c) => c.primaryKey())
    .addColumn('phonenumber', 'varchar(25)')
    .addColumn('phonenumbertypeid', 'integer', (c) => c.references('phonenumbertype.phonenumbertypeid'))
    .execute()
  await k
    .createTable('creditcard')
    .addColumn('creditcardid', 'integer', (c) => c.primaryKey())
    .addColumn('cardtype', 'varchar(20)')
    .addColumn('cardnumber', 'varchar(25)')
    .execute()
  await k
    .createTable('personcreditcard')
    .addColumn('businessentityid', 'integer', (c) => c.primaryKey())
    .addColumn('creditcardid', 'integer', (c) => c.references('creditcard.creditcardid'))
    .execute()

  const n = Array.from({ length: ROWS }, (_, i) => i + 1)
  const insert = (table: string, rows: Record<string, unknown>[]) =>
    db.db
      .insertInto(table as never)
      .values(rows as never)
      .execute()
  await insert(
    'patients',
    n.map((i) => ({
      id: i,
      record_key: uuid(i),
      first_name: FIRST[i % 10],
      last_name: LAST[(i * 3) % 10],
      birth_date: `19${50 + (i % 49)}-0${1 + (i % 9)}-1${i % 10}`,
      zip: String(10_001 + i * 97),
      sex: i % 2 === 0 ? 'F' : 'M',
    })),
  )
  await insert(
    'providers',
    n.map((i) => ({ id: i, full_name: `Dr ${nameOf(i + 3)}`, npi: npi(i), specialty: 'Cardiology' })),
  )
  await insert(
    'insurance_policies',
    n.map((i) => ({ id: i, patient_id: i, policy_number: `POL-${700_000 + i * 13}`, payer: 'Acme Health' })),
  )
  await insert(
    'staff',
    n.map((i) => ({
      id: i,
      full_name: nameOf(i),
      login: `staff${i}`,
      password_hash: `$2b$12$${'abcdefghijklmnopqrstuv'.repeat(2)}${i}`,
      salt: file([i, i + 1, i + 2], i).subarray(0, 16),
      photo: file(PNG, i),
    })),
  )
  await insert(
    'patient_documents',
    n.map((i) => ({
      id: i,
      patient_id: i,
      kind: i % 3 === 0 ? 'id card' : 'letter',
      scan: file(i % 3 === 0 ? PNG : PDF, i),
    })),
  )
  const prose = (i: number) =>
    `Tablet, film coated, ${i * 5} mg, for oral use; store below 25 °C and keep away from light.`
  await insert(
    'medications',
    n.map((i) => ({
      id: i,
      ndc: `00${String(93 + i).padStart(3, '0')}-${String(1048 + i * 7).padStart(4, '0')}`,
      description: prose(i),
    })),
  )
  await insert(
    'procedures',
    n.map((i) => ({
      id: i,
      code: `P${1000 + i}`,
      description: `Removal of a benign lesion, stage ${i}, under local anaesthesia with follow-up in clinic.`,
    })),
  )
  const groups = ['North America', 'North America', 'North America', 'Europe', 'Europe', 'Pacific']
  await insert(
    'salesterritory',
    n.slice(0, 10).map((i) => ({ territoryid: i, name: `Territory ${i}`, group: groups[i % 6] })),
  )
  await insert(
    'phonenumbertype',
    [1, 2, 3].map((i) => ({ phonenumbertypeid: i, name: ['Cell', 'Home', 'Work'][i - 1] })),
  )
  await insert(
    'personphone',
    n.map((i) => ({
      businessentityid: i,
      phonenumber: `${200 + i}-555-01${String(i).padStart(2, '0')}`,
      phonenumbertypeid: 1 + (i % 3),
    })),
  )
  await insert(
    'creditcard',
    n.map((i) => ({ creditcardid: i, cardtype: 'Vista', cardnumber: card(i) })),
  )
  await insert(
    'personcreditcard',
    n.map((i) => ({ businessentityid: i, creditcardid: i })),
  )
}

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`scan on the hard cases of issue 20 on ${dialect.name}`, () => {
    let source: TestDatabase
    let result: ScanResult
    let score: LabelScore

    beforeAll(async () => {
      source = await createTestDatabase(dialect.name)
      await withDatabase(source.url, (db) => createHospital(db, dialect.name))
      result = await scan(source.url)
      score = scoreScan(result.schema, result.columns, await readLabels(LABELS))
    }, 60_000)
    afterAll(() => source?.drop())

    it('finds every labeled column and flags nothing else', () => {
      const total = totalScore([score])
      console.log(`${dialect.name}:\n${scoreTable(total)}`)
      expect(score.unlabeledTables).toEqual([])
      expect(score.unknownColumns).toEqual([])
      expect(score.misses.filter((d) => DIRECT_KINDS.has(d.labeled as never))).toEqual([])
      expect(score.misses).toEqual([])
      expect(score.falseAlarms).toEqual([])
      expect(recall(total)).toBeGreaterThanOrEqual(0.98)
      expect(precision(total)).toBeGreaterThanOrEqual(0.9)
    })

    it('names each hard case by its kind', () => {
      const kind = (column: string) => result.columns.find((c) => c.column.endsWith(`.${column}`))?.kind
      expect(kind('patients.record_key')).toBe('record-number')
      expect(kind('providers.npi')).toBe('national-id')
      expect(kind('insurance_policies.policy_number')).toBe('record-number')
      expect(kind('staff.salt')).toBe('credential')
      expect(kind('staff.photo')).toBe('image')
      expect(kind('patient_documents.scan')).toBe('document')
      expect(score.otherKind).toEqual([])
    })

    it('has a shipped rule for every column found that fits its type', async () => {
      const rules = await packRules(result.schema, result.columns)
      expect(result.columns.filter((c) => !rules.has(c.column)).map((c) => c.column)).toEqual([])
    })
  })
}
