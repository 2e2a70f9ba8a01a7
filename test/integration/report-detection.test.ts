import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import { learn } from '../../src/learn/learn.js'
import { seededRandom } from '../../src/random/seeded-random.js'
import type { Report } from '../../src/report/report.js'
import { report } from '../../src/report/report-twin.js'
import { generate } from '../../src/write/generate-into-target.js'
import { withDatabase } from '../support/twin-checks.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'

/**
 * Issue 19.2–3: column shapes and text lengths cannot see gibberish. A twin whose strings were replaced, value by
 * value and length for length, with random letters must score clearly lower on detection and text realism than
 * one that holds the source's words; a clone must score higher on text realism than the same clone scrambled.
 */
const AUTHORS = 150
const WORDS = [
  'the',
  'river',
  'night',
  'garden',
  'of',
  'and',
  'stone',
  'light',
  'a',
  'winter',
  'song',
  'house',
]
const GENRES = ['novel', 'poetry', 'essay', 'drama']

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`detection and text realism on ${dialect.name}`, () => {
    const databases: TestDatabase[] = []
    const reports: Record<'copy' | 'scrambledCopy' | 'clone' | 'scrambledClone', Report> = {} as never

    beforeAll(async () => {
      const fresh = async () => {
        const db = await createTestDatabase(dialect.name)
        databases.push(db)
        return db.url
      }
      const [source, copy, scrambledCopy, clone, scrambledClone] = [
        await fresh(),
        await fresh(),
        await fresh(),
        await fresh(),
        await fresh(),
      ]
      for (const url of [source, copy, scrambledCopy]) await withDatabase(url, fill)
      await withDatabase(scrambledCopy, scramble)
      const model = await learn(source, { seed: 3 })
      for (const url of [clone, scrambledClone]) await generate(model, url, { seed: 3 })
      await withDatabase(scrambledClone, scramble)
      reports.copy = await report(source, copy)
      reports.scrambledCopy = await report(source, scrambledCopy, { failUnder: { detection: 0.5 } })
      reports.clone = await report(source, clone, { model })
      reports.scrambledClone = await report(source, scrambledClone, { model })
    }, 240_000)
    afterAll(async () => {
      for (const db of databases) await db.drop()
    })

    it('scores a copy of the source near 1, and the same copy with gibberish strings near 0', () => {
      const copy = reports.copy.quality.extras
      const scrambled = reports.scrambledCopy.quality.extras
      expect(copy.detection).toBeGreaterThan(0.8)
      expect(copy.textTokens).toBe(1)
      expect(copy.categoryValues).toBe(1)
      expect(scrambled.detection).toBeLessThan(0.2)
      expect(scrambled.textTokens).toBeLessThan(0.05)
      expect(scrambled.categoryValues).toBeLessThan(0.05)
      // Lengths were kept: the figures beside the score that existed before could not tell.
      expect(scrambled.textLengths).toBe(copy.textLengths)
      // The books were also read joined to their authors.
      const books = reports.scrambledCopy.quality.tables.find((t) => t.table.endsWith('books'))!
      expect(books.detection!.rows.real).toBeGreaterThan(100)
    })

    it('scores a clone higher on text realism than the clone scrambled', () => {
      const clone = reports.clone.quality.extras
      const scrambled = reports.scrambledClone.quality.extras
      expect(clone.categoryValues).toBeGreaterThan(0.95)
      expect(scrambled.categoryValues).toBeLessThan(0.05)
      expect(clone.textTokens).toBeGreaterThan(scrambled.textTokens!)
      expect(clone.detection).toBeGreaterThanOrEqual(scrambled.detection!)
    })

    it('gates on detection with --fail-under, and keeps it out of the quality score', () => {
      const { scrambledCopy, clone } = reports
      expect(scrambledCopy.verdicts.detection).toEqual({
        score: scrambledCopy.quality.extras.detection,
        threshold: 0.5,
        passed: false,
      })
      expect(clone.verdicts.detection).toBeUndefined()
      const parts = Object.values(clone.quality.parts).filter((p): p is number => p !== null)
      expect(clone.quality.score).toBeCloseTo(parts.reduce((a, b) => a + b, 0) / parts.length, 3)
    })
  })
}

async function fill(database: Database): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const db: Kysely<any> = database.db
  // The same rows in every database filled: a copy of the source is this fill again.
  const random = seededRandom(5, 'books')
  const phrase = (n: number) => Array.from({ length: n }, () => random.pick(WORDS)).join(' ')
  await db.schema
    .createTable('authors')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('country', 'varchar(20)')
    .addColumn('bio', 'varchar(200)')
    .execute()
  await db.schema
    .createTable('books')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('author_id', 'integer', (c) => c.notNull())
    .addColumn('genre', 'varchar(20)')
    .addColumn('title', 'varchar(200)')
    .addColumn('pages', 'integer')
    .addForeignKeyConstraint('books_author_fk', ['author_id'], 'authors', ['id'])
    .execute()
  const authors = Array.from({ length: AUTHORS }, (_, i) => ({
    id: i + 1,
    country: random.pick(['France', 'Chile', 'Japan', 'Kenya']),
    bio: phrase(4 + random.int(0, 6)),
  }))
  const books = authors
    .flatMap((a) =>
      Array.from({ length: 1 + random.int(0, 4) }, () => ({
        author_id: a.id,
        genre: random.pick(GENRES),
        title: phrase(2 + random.int(0, 3)),
        pages: 80 + random.int(0, 400),
      })),
    )
    .map((b, i) => ({ id: i + 1, ...b }))
  await db.insertInto('authors').values(authors).execute()
  await db.insertInto('books').values(books).execute()
}

/** Every string of the twin replaced by as many random lower-case letters: gibberish of the right lengths. */
async function scramble(database: Database): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const db: Kysely<any> = database.db
  const random = seededRandom(9, 'scramble')
  const letters = [...'abcdefghijklmnopqrstuvwxyz']
  const letter = (s: string | null) => (s === null ? null : [...s].map(() => random.pick(letters)).join(''))
  for (const [table, columns] of [
    ['authors', ['country', 'bio']],
    ['books', ['genre', 'title']],
  ] as const) {
    const rows = (await db
      .selectFrom(table)
      .select(['id', ...columns])
      .execute()) as Record<string, unknown>[]
    for (const row of rows) {
      const values = Object.fromEntries(columns.map((c) => [c, letter(row[c] as string | null)]))
      await db.updateTable(table).set(values).where('id', '=', row.id).execute()
    }
  }
}
