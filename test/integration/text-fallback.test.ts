import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import { OTHER_MARKER } from '../../src/model/other-value.js'
import type { ColumnModel } from '../../src/model/model.js'
import { textTokens } from '../../src/model/text-tokens.js'
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

const TITLE_WORDS = ['MOON', 'APOLLO', 'DUCK', 'BANG']

/**
 * 60 customers, as chinook's and pagila's are: ten distinct companies (the rest NULL), cities whose words are rare
 * but for `San`, `de` and brackets (`San Ciux (Regx)`: the opener is released, the words inside it are not), film
 * titles as pagila's (a rare first word, a second of four), the same titles in a unique column, emails of rare
 * local parts under a CHECK, and state codes one of which is frequent.
 */
async function createCustomers(db: Database): Promise<void> {
  await db.db.schema
    .createTable('customers')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('company', 'varchar(80)')
    .addColumn('city', 'varchar(50)', (c) => c.notNull())
    .addColumn('title', 'varchar(40)', (c) => c.notNull())
    .addColumn('headline', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('email', 'varchar(60)', (c) => c.notNull())
    .addColumn('state', 'varchar(10)', (c) => c.notNull())
    .addCheckConstraint('customers_email_at', sql`email like '%@%'`)
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
    title: `${rare(i, 'FIR').toUpperCase()} ${TITLE_WORDS[i % 4]!}`,
    headline: `${rare(i, 'HED').toUpperCase()} ${TITLE_WORDS[i % 4]!}`,
    email: `${rare(i, 'u')}@${i % 2 === 0 ? 'mail' : 'post'}.org`,
    // Two-letter codes: CA in 40 rows, 20 others once each.
    state: i < 40 ? 'CA' : `Q${String.fromCharCode(65 + i - 40)}`,
  }))
  await db.db.insertInto('customers').values(rows).execute()
}

interface Customer {
  company: string | null
  city: string
  title: string
  headline: string
  email: string
  state: string
}

/** Whether brackets close in order, each around a word, and no dash or opener is left dangling at the end. */
function balanced(value: string): boolean {
  const open: { closer: string; worded: boolean }[] = []
  for (const token of textTokens(value).map((t) => t.trim())) {
    const closer = { '(': ')', '[': ']', '{': '}' }[token]
    if (closer !== undefined) open.push({ closer, worded: false })
    else if ([')', ']', '}'].includes(token)) {
      const bracket = open.pop()
      if (bracket?.closer !== token || !bracket.worded) return false
    } else if (/^\p{L}/u.test(token)) for (const bracket of open) bracket.worded = true
  }
  return open.length === 0 && !/[-(]\s*$/.test(value)
}

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`text words cannot write on ${dialect.name}`, () => {
    let learned: LearnedSource
    let twin: Customer[]
    const column = (name: string) =>
      learned.model.tables[0]!.columns.find((c) => c.name === name) as ColumnModel & { kind: 'text' }
    /** The tokens a column's model releases: its words, and the marked other value's. */
    const released = (name: string) =>
      new Set([
        ...(column(name).words?.vocabulary ?? []).map((v) => v.token.trim()),
        ...textTokens(OTHER_MARKER).map((t) => t.trim()),
      ])
    const outside = (name: string, values: readonly string[]) => {
      const known = released(name)
      return values.flatMap((v) => textTokens(v).map((t) => t.trim())).filter((t) => !known.has(t))
    }

    beforeAll(async () => {
      learned = await learnedSource(dialect.name, createCustomers, 3)
      await generate(learned.model, learned.target, { seed: 3 })
      twin = await withDatabase(
        learned.target,
        async (db) =>
          (
            await sql<Customer>`select company, city, title, headline, email, state from customers`.execute(
              db.db,
            )
          ).rows,
      )
    }, 120_000)
    afterAll(() => learned?.drop())

    it('writes titles from their few released words only, as often as the source has titles', () => {
      expect(new Set(column('title').words?.vocabulary.map((v) => v.token.trim()))).toEqual(
        new Set(TITLE_WORDS),
      )
      expect(twin).toHaveLength(60)
      expect(
        outside(
          'title',
          twin.map((r) => r.title),
        ),
      ).toEqual([])
      // Two words, as the source's titles, none of them the marker.
      expect(twin.filter((r) => !/^[A-Z]+ [A-Z]+$/.test(r.title))).toEqual([])
    })

    it('keeps a unique column of few words unique: a repeat is suffixed with its row number', () => {
      expect(new Set(twin.map((r) => r.headline)).size).toBe(60)
      const suffixes = outside(
        'headline',
        twin.map((r) => r.headline),
      )
      expect(suffixes.filter((t) => !/^(\d+|-)$/.test(t))).toEqual([])
    })

    it('writes cities from released tokens with balanced brackets, never `San ()` or a dangling opener', () => {
      expect(released('city')).toContain('(')
      expect(
        outside(
          'city',
          twin.map((r) => r.city),
        ),
      ).toEqual([])
      expect(twin.filter((r) => !balanced(r.city))).toEqual([])
    })

    it('writes a company column of rare values as the marked other value where the source had one, never a made-up company', () => {
      expect(column('company').words).toBeUndefined()
      expect(twin.filter((r) => r.company !== null && r.company !== OTHER_MARKER)).toEqual([])
      // The source's share of filled rows (10 of 60), kept: the marker shows a company was there.
      const marked = twin.filter((r) => r.company === OTHER_MARKER).length
      expect(marked).toBeGreaterThan(2)
      expect(marked).toBeLessThan(25)
    })

    it('writes emails of rare local parts as made-up addresses that keep their CHECK', () => {
      expect(column('email').shapesBecause).toBe('no value start seen in 5 rows')
      expect(twin.filter((r) => !/^[^@\s]+@example\.[a-z]+$/.test(r.email))).toEqual([])
      const source = new Set(Array.from({ length: 60 }, (_, i) => rare(i, 'u')))
      expect(twin.filter((r) => source.has(r.email.split('@')[0]!))).toEqual([])
    })

    it('writes a rare code of a category column as the marked other value, never an invented code', () => {
      expect(column('state').categories?.map((c) => c.value)).toEqual(['CA'])
      expect(twin.filter((r) => r.state !== 'CA' && r.state !== OTHER_MARKER)).toEqual([])
      expect(twin.filter((r) => r.state === OTHER_MARKER).length).toBeGreaterThan(3)
    })
  })
}
