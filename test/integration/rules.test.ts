import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/dialects/open-database.js'
import { learn } from '../../src/learn/learn.js'
import { loadRuleSet, loadRules } from '../../src/rules/rule-file.js'
import { scan, type ScanResult } from '../../src/rules/scan.js'
import { generate } from '../../src/write/generate-into-target.js'
import { leakedPiiValues } from '../support/pii-leaks.js'
import { runCli } from '../support/run-cli.js'
import { withDatabase } from '../support/twin-checks.js'
import { createSampleSource } from '../support/sample-source.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'

const RULES = new URL('../../rules/clinic/', import.meta.url).pathname

/** Every column of the sample clinic database that holds personal data, as migrations/ planted it. */
const PLANTED = [
  'patients.first_name',
  'patients.last_name',
  'patients.email',
  'patients.phone',
  'patients.birth_date',
  'patients.zip',
  'patients.ssn',
  'patients.street',
  'patients.signup_ip',
  'providers.first_name',
  'providers.last_name',
  'providers.email',
  'encounters.notes',
  'policies.payer_iban',
  'payments.card_number',
]
/** Columns scan may flag that are not personal data; more than this many is a regression. */
const FALSE_POSITIVES_ALLOWED = 2

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`PII rules on the sample clinic database on ${dialect.name}`, () => {
    let source: TestDatabase
    let result: ScanResult
    const found = () => new Set(result.columns.map((c) => c.column.split('.').slice(1).join('.')))

    beforeAll(async () => {
      source = await createSampleSource(dialect.name, 300)
      result = await scan(source.url)
    })
    afterAll(async () => {
      await source?.drop()
    })

    it('scan finds every planted PII column, with few false positives', () => {
      const missing = PLANTED.filter((c) => !found().has(c))
      expect(missing).toEqual([])
      const extra = [...found()].filter((c) => !PLANTED.includes(c))
      expect(extra.length, `false positives: ${extra.join(', ')}`).toBeLessThanOrEqual(
        FALSE_POSITIVES_ALLOWED,
      )
    })

    it('scan names the right kinds, with evidence that holds no sampled value', async () => {
      const kindOf = (c: string) => result.columns.find((f) => f.column.endsWith(`.${c}`))?.kind
      expect(kindOf('patients.ssn')).toBe('national-id')
      expect(kindOf('payments.card_number')).toBe('payment-card')
      expect(kindOf('policies.payer_iban')).toBe('iban')
      expect(kindOf('patients.signup_ip')).toBe('ip-address')
      expect(kindOf('patients.email')).toBe('email')
      const db = await openDatabase(source.url, { readOnly: true })
      try {
        const emails = (
          await sql<{ e: string }>`select email as e from ${sql.id(schemaOf('clinic'), 'patients')}
          where email is not null`.execute(db.db)
        ).rows.map((r) => r.e)
        const evidence = result.columns.flatMap((c) => c.evidence).join('\n')
        expect(emails.filter((e) => evidence.includes(e))).toEqual([])
      } finally {
        await db.close()
      }
    })

    it('check passes with the shipped rules and fails, listing the columns, without them', async () => {
      const covered = await runCli(['check', source.url, '--rules', RULES])
      expect(covered.stderr).toBe('')
      expect(covered.stdout).toMatch(/^ok: every one of \d+ PII columns/)
      expect(covered.code).toBe(0)

      const dir = await mkdtemp(join(tmpdir(), 'dbtwin-check-'))
      await writeFile(join(dir, 'partial.yaml'), 'rules:\n  - { column: "*.patients.email", hash: true }\n')
      const partial = await runCli(['check', source.url, '--rules', dir])
      expect(partial.code).toBe(1)
      expect(partial.stdout).toContain('have no rule')
      expect(partial.stdout).toMatch(/patients\.ssn\s+national-id/)
      expect(partial.stdout).not.toMatch(/patients\.email\s/)
    })

    it('scan --write drafts a rule file that covers every column it found', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'dbtwin-scan-'))
      const file = join(dir, 'draft.yaml')
      const run = await runCli(['scan', source.url, '--write', file])
      expect(run.code).toBe(0)
      const draft = await readFile(file, 'utf8')
      expect(draft).toMatch(/# national-id, confidence [\d.]+: /)
      expect((await loadRules(file)).length).toBe(result.columns.length)
      expect((await runCli(['check', source.url, '--rules', file])).code).toBe(0)
      const again = await runCli(['scan', source.url, '--write', file])
      expect(again.code).toBe(1)
      expect(again.stderr).toContain('already exists')
    })

    it('a twin generated with the shipped rules holds no real PII value', async () => {
      const model = await learn(source.url, { rules: RULES, seed: 3 })
      expect(model.pii.map((p) => p.column.split('.').slice(1).join('.'))).toEqual(
        expect.arrayContaining(PLANTED),
      )
      const target = await createTestDatabase(dialect.name)
      try {
        await generate(model, target.url, { rules: RULES, seed: 3 })
        const leaked = await leakedPiiValues(source.url, target.url, dialect.name)
        expect(leaked).toEqual({})
        // Row n of patients and row n of providers are two people, not one fake person twice.
        const names = await withDatabase(target.url, async (db) => {
          const read = async (table: string) => {
            const { rows } = await sql<{
              id: unknown
              name: string
            }>`select id, ${sql.ref('last_name')} as name
              from ${sql.id(schemaOf('clinic'), table)} order by id`.execute(db.db)
            return new Map(rows.map((r) => [Number(r.id), r.name]))
          }
          return { patients: await read('patients'), providers: await read('providers') }
        })
        const same = [...names.providers].filter(([id, name]) => names.patients.get(id) === name)
        expect(names.providers.size).toBeGreaterThan(10)
        expect(same.length / names.providers.size).toBeLessThan(0.2)
      } finally {
        await target.drop()
      }
    }, 120_000)

    it('takes the rules as a value as well as a path, with the same model and a twin holding no real PII', async () => {
      const ruleSet = await loadRuleSet(RULES)
      const [fromPath, fromValue] = await Promise.all([
        learn(source.url, { rules: RULES, seed: 5 }),
        learn(source.url, { rules: ruleSet, seed: 5 }),
      ])
      expect(fromValue.pii).toEqual(fromPath.pii)
      expect(fromValue.tables).toEqual(fromPath.tables)
      const target = await createTestDatabase(dialect.name)
      try {
        await generate(fromValue, target.url, { rules: ruleSet, seed: 5 })
        expect(await leakedPiiValues(source.url, target.url, dialect.name)).toEqual({})
      } finally {
        await target.drop()
      }
    }, 180_000)

    it('a twin generated without rules from a model learned with them still writes fake PII, never empty', async () => {
      const model = await learn(source.url, { rules: RULES, seed: 4 })
      const target = await createTestDatabase(dialect.name)
      try {
        await generate(model, target.url, { seed: 4 })
        expect(await leakedPiiValues(source.url, target.url, dialect.name)).toEqual({})
        const emails = await withDatabase(target.url, async (db) => {
          const { rows } = await sql<{ email: string | null }>`select email
            from ${sql.id(schemaOf('clinic'), 'patients')}`.execute(db.db)
          return rows.map((r) => r.email)
        })
        const written = emails.filter((e): e is string => e !== null && e.length > 0)
        expect(written.length).toBeGreaterThan(emails.length / 2)
        expect(written.every((e) => e.includes('@'))).toBe(true)
      } finally {
        await target.drop()
      }
    }, 120_000)

    function schemaOf(namespace: 'clinic' | 'billing') {
      return dialect.name === 'mysql' ? result.database : namespace
    }
  })
}
