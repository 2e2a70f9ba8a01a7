import { OTHER_MARKER } from '../../src/model/other-value.js'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import { luhnValid } from '../../src/model/check-digits.js'
import { formatModelFile, parseModelFile } from '../../src/model/model-file.js'
import type { ColumnModel } from '../../src/model/model.js'
import { textWords } from '../../src/model/text-tokens.js'
import { learn } from '../../src/learn/learn.js'
import { wordModel } from '../../src/model/word-model.js'
import { parseChildren, parseRoot } from '../../src/subset/subset-options.js'
import { subset } from '../../src/subset/subset.js'
import { generate } from '../../src/write/generate-into-target.js'
import { createTestDatabase } from '../support/test-database.js'
import { learnedSource, type LearnedSource } from '../support/learned-source.js'
import { testDialects } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

const PHRASES = [
  'Patient tolerated procedure well.',
  'Follow-up in two weeks.',
  'No complaints today; vitals stable.',
  'Reports mild pain, advised rest.',
  'Wound clean and dry.',
]
/** A name in one note only (twice in it): a token of one row, which no model file or twin may hold. */
const RARE = 'Quarrington'
/** A relative named in 15 notes, word for word: K-anonymous as a token and as a value, still a person. */
const RELATIVE = 'Hugo'

/** A ten-digit NPI-like number: 1 and eight digits, then the check digit Luhn gives with 80840 in front. */
function npi(i: number): string {
  const body = `1${String((i * 7_919_113) % 100_000_000).padStart(8, '0')}`
  return body + [...'0123456789'].find((d) => luhnValid(`80840${body}${d}`))!
}

/** 300 visits: notes of two phrases (one naming a rare person), an ICD-10-like code and an NPI-like number. */
async function createVisits(db: Database): Promise<void> {
  await db.db.schema
    .createTable('visits')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('note', 'varchar(80)')
    .addColumn('icd', 'varchar(6)', (c) => c.notNull())
    .addColumn('npi', 'varchar(10)', (c) => c.notNull())
    .execute()
  const rows = Array.from({ length: 300 }, (_, i) => ({
    id: i + 1,
    note:
      i === 41
        ? `Spoke with ${RARE}; ${RARE} agreed.`
        : i % 20 === 3
          ? `Called daughter ${RELATIVE}. Wound clean and dry.`
          : i % 10 === 9
            ? null
            : `${PHRASES[i % 5]!} ${PHRASES[(i * 3 + 1) % 5]!}`,
    icd: `${'ACEIJ'[i % 5]!}${String((i * 37) % 100).padStart(2, '0')}.${(i * 7) % 10}`,
    npi: npi(i),
  }))
  await db.db.insertInto('visits').values(rows).execute()
}

interface Visit {
  note: string | null
  icd: string
  npi: string
}

async function visits(db: Database): Promise<Visit[]> {
  const { rows } = await sql<Visit>`select note, icd, npi from visits`.execute(db.db)
  return rows
}

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`text from words on ${dialect.name}`, () => {
    let learned: LearnedSource
    let modelText: string
    let twin: Visit[]
    const column = (name: string) =>
      learned.model.tables[0]!.columns.find((c) => c.name === name) as ColumnModel & { kind: 'text' }

    beforeAll(async () => {
      learned = await learnedSource(dialect.name, createVisits, 7)
      modelText = formatModelFile(learned.model)
      await generate(parseModelFile(modelText, 'model.yaml'), learned.target, { seed: 7 })
      twin = await withDatabase(learned.target, visits)
    }, 180_000)
    afterAll(() => learned?.drop())

    it('writes notes from released tokens only, never the rare name', () => {
      const words = column('note').words!
      const released = new Set(words.vocabulary.flatMap((v) => textWords(v.token)))
      expect(released).toContain('tolerated')
      expect(modelText).not.toContain(RARE)
      const notes = twin.flatMap((r) => (r.note === null ? [] : [r.note]))
      expect(notes.length).toBeGreaterThan(200)
      const tokens = notes.flatMap(textWords)
      // The rare note is a rare category value: it becomes the marked other value, not words (issue 17.3).
      expect(tokens.filter((t) => !released.has(t) && t !== 'other')).toEqual([])
      expect(notes.filter((n) => n.includes('other')).every((n) => n === OTHER_MARKER)).toBe(true)
      expect(notes.filter((n) => n.includes(RARE))).toEqual([])
      expect(modelText).not.toContain(RELATIVE)
      expect(notes.filter((n) => n.includes(RELATIVE))).toEqual([])
      // Real sentences come back, not letters shaped like them.
      expect(notes.filter((n) => n.includes('Patient tolerated procedure well.')).length).toBeGreaterThan(20)
    })

    it('keeps codes in their shape, and an NPI check digit valid', () => {
      expect(column('icd').words).toBeUndefined()
      expect(column('npi').checkDigit).toBe('npi')
      expect(twin.filter((r) => !/^[A-Z]\d{2}\.\d$/.test(r.icd))).toEqual([])
      expect(twin.filter((r) => !/^\d{10}$/.test(r.npi) || !luhnValid(`80840${r.npi}`))).toEqual([])
    })
  })
}

const WORDS_RULE = 'test/fixtures/words-rule/visits.yaml'

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`the words rule on ${dialect.name}`, () => {
    let learned: LearnedSource
    /** The source's words of at least 5 rows, lower-cased: what the words rule may write. */
    let released: Set<string>

    beforeAll(async () => {
      learned = await learnedSource(dialect.name, createVisits, 7)
      const notes = (await withDatabase(learned.source, visits)).flatMap((r) =>
        r.note === null ? [] : [r.note],
      )
      released = new Set(wordModel(notes, { minCount: 5 })!.vocabulary.flatMap((v) => textWords(v.token)))
    }, 180_000)
    afterAll(() => learned?.drop())

    it('writes ruled notes of a twin from released words, never the rare name', async () => {
      const model = await learn(learned.source, { seed: 7, rules: WORDS_RULE })
      const note = model.tables[0]!.columns.find((c) => c.name === 'note')!
      // Learned from its words only: no note, however often seen, is in the model as a category.
      expect(note).toMatchObject({ kind: 'text', categories: null })
      await generate(model, learned.target, { seed: 7, rules: WORDS_RULE })
      const notes = (await withDatabase(learned.target, visits)).flatMap((r) =>
        r.note === null ? [] : [r.note],
      )
      expect(notes.length).toBeGreaterThan(200)
      // Words, not the notes as categories: no marked other value for the rare one.
      expect(notes.filter((n) => n === OTHER_MARKER)).toEqual([])
      expect(notes.flatMap(textWords).filter((t) => !released.has(t))).toEqual([])
      expect(notes.filter((n) => n.includes('tolerated')).length).toBeGreaterThan(20)
      expect(notes.filter((n) => n.includes(RELATIVE))).toEqual([])
    })

    it('rewrites the real notes of a subset from released words too', async () => {
      const target = await createTestDatabase(dialect.name)
      try {
        await subset(learned.source, target.url, {
          rules: WORDS_RULE,
          roots: [parseRoot('visits where id <= 100', dialect.name)],
          children: parseChildren(['all']),
        })
        const notes = (await withDatabase(target.url, visits)).flatMap((r) =>
          r.note === null ? [] : [r.note],
        )
        expect(notes.length).toBeGreaterThan(50)
        expect(notes.flatMap(textWords).filter((t) => !released.has(t))).toEqual([])
        expect(notes.filter((n) => n.includes(RARE))).toEqual([])
        expect(notes.filter((n) => n.includes(RELATIVE))).toEqual([])
      } finally {
        await target.drop()
      }
    })
  })
}
