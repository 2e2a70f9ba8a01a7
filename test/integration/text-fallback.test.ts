import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import { OTHER_MARKER } from '../../src/model/other-value.js'
import type { ColumnModel } from '../../src/model/model.js'
import { generate } from '../../src/write/generate-into-target.js'
import { learnedSource, type LearnedSource } from '../support/learned-source.js'
import { testDialects } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

/** A rare word per row: letters only, so no code shape. */
const rare = (i: number, stem: string) =>
  stem +
  Array.from(i.toString(26))
    .map((c) => String.fromCharCode(97 + parseInt(c, 26)))
    .join('')

/**
 * 60 customers, as chinook's and pagila's are: ten distinct companies (the rest NULL), cities whose words are rare
 * but for `San`, `de` and brackets, a label and a nickname of rare words that no name explains.
 */
async function createCustomers(db: Database): Promise<void> {
  await db.db.schema
    .createTable('customers')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('company', 'varchar(80)')
    .addColumn('city', 'varchar(50)', (c) => c.notNull())
    .addColumn('label', 'varchar(40)', (c) => c.notNull())
    .addColumn('nick', 'varchar(40)')
    .addColumn('state', 'varchar(10)', (c) => c.notNull())
    .execute()
  const rows = Array.from({ length: 60 }, (_, i) => ({
    id: i + 1,
    company: i % 6 === 0 ? `${rare(i, 'Comp')} ${rare(i, 'Ltd')}` : null,
    city:
      i % 3 === 0
        ? `San ${rare(i, 'Ciu')} (${rare(i, 'Reg')})`
        : i % 3 === 1
          ? `${rare(i, 'Nov')} de ${rare(i, 'Vil')}`
          : rare(i, 'Tow'),
    label: rare(i, 'lab'),
    nick: rare(i, 'nic'),
    // Two-letter codes: CA in 40 rows, 20 others once each.
    state: i < 40 ? 'CA' : `Q${String.fromCharCode(65 + i - 40)}`,
  }))
  await db.db.insertInto('customers').values(rows).execute()
}

interface Customer {
  company: string | null
  city: string
  label: string
  nick: string | null
  state: string
}

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`text words cannot write on ${dialect.name}`, () => {
    let learned: LearnedSource
    let twin: Customer[]
    const column = (name: string) =>
      learned.model.tables[0]!.columns.find((c) => c.name === name) as ColumnModel & { kind: 'text' }

    beforeAll(async () => {
      learned = await learnedSource(dialect.name, createCustomers, 3)
      await generate(learned.model, learned.target, { seed: 3 })
      twin = await withDatabase(
        learned.target,
        async (db) =>
          (await sql<Customer>`select company, city, label, nick, state from customers`.execute(db.db)).rows,
      )
    }, 120_000)
    afterAll(() => learned?.drop())

    it('writes a company column of rare values as company names, not shaped letters', () => {
      expect(column('company').words).toBeUndefined()
      const companies = twin.flatMap((r) => (r.company === null ? [] : [r.company]))
      expect(companies.length).toBeGreaterThan(0)
      const name = /^[A-Z][A-Za-z'-]+((,| -| and)? [A-Z][A-Za-z'-]+)*$/
      expect(companies.filter((c) => !name.test(c))).toEqual([])
      expect(companies.filter((c) => c.startsWith('Comp'))).toEqual([])
    })

    it('writes cities of too few words as city names, with no empty brackets or dangling punctuation', () => {
      expect(column('city').shapesBecause).toMatch(/^too few words: 2 released/)
      expect(twin).toHaveLength(60)
      expect(twin.filter((r) => !/^[A-Z][A-Za-z'-]+( [A-Z][A-Za-z'-]+)*$/.test(r.city))).toEqual([])
    })

    it('writes a rare code of a category column as the marked other value, never an invented code', () => {
      expect(column('state').categories?.map((c) => c.value)).toEqual(['CA'])
      expect(twin.filter((r) => r.state !== 'CA' && r.state !== OTHER_MARKER)).toEqual([])
      expect(twin.filter((r) => r.state === OTHER_MARKER).length).toBeGreaterThan(3)
    })

    it("writes a column no name explains as common words in the source's case, never the marker or NULL", () => {
      // The source's labels and nicknames: one lower-case word each, none of them in five rows.
      const source = new Set(Array.from({ length: 60 }, (_, i) => [rare(i, 'lab'), rare(i, 'nic')]).flat())
      for (const values of [twin.map((r) => r.label), twin.map((r) => r.nick)]) {
        expect(values.filter((v) => v === null || !/^[a-z'-]+( [a-z'-]+)*$/.test(v))).toEqual([])
        expect(values.filter((v) => v !== null && source.has(v))).toEqual([])
        // Drawn words, not one value repeated.
        expect(new Set(values).size).toBeGreaterThan(20)
      }
    })
  })
}
