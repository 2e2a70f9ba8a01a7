import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { learn } from '../../src/learn/learn.js'
import { scan } from '../../src/rules/scan.js'
import { subset } from '../../src/subset/subset.js'
import { parseRoot } from '../../src/subset/subset-options.js'
import { generate } from '../../src/write/generate-into-target.js'
import { runCli } from '../support/run-cli.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

const ROWS = 200
const PREFIXES = ['021', '100', '606', '941']

/**
 * 200 people, every one unique on (zip, birth_date, sex), built so that the zip's first 3 digits and the birth
 * year put them in 40 groups of exactly 5: row i's group is i mod 40.
 */
function person(i: number) {
  const zip = `${PREFIXES[i % 4]!}${String(i % 100).padStart(2, '0')}`
  const year = 1970 + (Math.floor(i / 4) % 5)
  const birth = `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`
  return { id: i + 1, zip, birth_date: birth, sex: Math.floor(i / 20) % 2 === 0 ? 'F' : 'M' }
}

const KEEP = `rules:
  - { column: people.zip, keep: reviewed }
  - { column: people.birth_date, keep: reviewed }
`
const GENERALIZE = `rules:
  - { column: people.zip, generalize: { digits: 3 } }
  - { column: people.birth_date, generalize: year }
`

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`quasi-identifiers on ${dialect.name}`, () => {
    let source: TestDatabase
    let rules: { keep: string; generalize: string }

    beforeAll(async () => {
      source = await createTestDatabase(dialect.name)
      await withDatabase(source.url, async (db) => {
        await db.db.schema
          .createTable('people')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('zip', 'varchar(10)', (c) => c.notNull())
          .addColumn('birth_date', 'date', (c) => c.notNull())
          .addColumn('sex', 'char(1)', (c) => c.notNull())
          .execute()
        await db.db
          .insertInto('people')
          .values(Array.from({ length: ROWS }, (_, i) => person(i)))
          .execute()
      })
      const dir = await mkdtemp(join(tmpdir(), 'dbtwin-quasi-'))
      rules = { keep: join(dir, 'keep.yaml'), generalize: join(dir, 'generalize.yaml') }
      await writeFile(rules.keep, KEEP)
      await writeFile(rules.generalize, GENERALIZE)
    })
    afterAll(async () => {
      await source?.drop()
    })

    const triple = (groups: Awaited<ReturnType<typeof scan>>['quasiIdentifiers']) =>
      groups.find((g) => g.columns.map((c) => c.name).join(',') === 'zip,birth_date,sex')

    it('scan counts the rows unique on zip, birth date and sex in the source: k = 1 for all 200', async () => {
      const { quasiIdentifiers } = await scan(source.url)
      expect(triple(quasiIdentifiers)).toMatchObject({
        columns: [
          { name: 'zip', kind: 'postcode' },
          { name: 'birth_date', kind: 'birth-date' },
          { name: 'sex', kind: 'sex' },
        ],
        rows: ROWS,
        uniqueRows: ROWS,
        k: 1,
      })
      // A pair already singles everyone out: zips repeat every 100 rows, and sex differs between rows i and i + 100.
      const pairs = quasiIdentifiers.filter((g) => g.columns.length === 2)
      expect(pairs.map((g) => g.columns.map((c) => c.name).join(','))).toEqual([
        'zip,birth_date',
        'zip,sex',
        'birth_date,sex',
      ])
      const zipSex = pairs[1]!
      expect(zipSex).toMatchObject({ rows: ROWS, uniqueRows: ROWS, k: 1 })
    })

    it('scan --json and check print the k; check warns only where no rule rewrites the combination', async () => {
      const json = await runCli(['scan', source.url, '--json'])
      expect(json.code).toBe(0)
      const parsed = JSON.parse(json.stdout) as { quasiIdentifiers: { k: number }[] }
      expect(parsed.quasiIdentifiers[0]).toMatchObject({ k: 1, uniqueRows: ROWS })

      const kept = await runCli(['check', source.url, '--rules', rules.keep])
      expect(kept.stdout).toContain(
        `warning: k = 1 for ${ROWS} rows on people(zip, birth_date, sex): coarsen with generalize rules`,
      )
      expect(kept.code).toBe(0)
      const generalized = await runCli(['check', source.url, '--rules', rules.generalize])
      expect(generalized.stdout).not.toContain('warning')
      expect(generalized.code).toBe(0)
    })

    it('a subset with generalize rules reaches k = 5 in the target, dates kept valid', async () => {
      const target = await createTestDatabase(dialect.name)
      try {
        await subset(source.url, target.url, { rules: rules.generalize, roots: [parseRoot('people')] })
        expect(triple((await scan(target.url)).quasiIdentifiers)).toMatchObject({
          rows: ROWS,
          uniqueRows: 0,
          k: 5,
        })
        expect(await notCoarsened(target.url)).toEqual({ rows: ROWS, dates: 0, zips: 0 })
      } finally {
        await target.drop()
      }
    }, 120_000)

    it('learn and generate with generalize rules write only coarsened values', async () => {
      const model = await learn(source.url, { rules: rules.generalize, seed: 5 })
      const target = await createTestDatabase(dialect.name)
      try {
        await generate(model, target.url, { rules: rules.generalize, seed: 5 })
        expect(await notCoarsened(target.url)).toEqual({ rows: ROWS, dates: 0, zips: 0 })
      } finally {
        await target.drop()
      }
    }, 120_000)
  })
}

/** Rows, and rows whose birth date is not a January 1st or whose zip does not end in 00. */
async function notCoarsened(url: string): Promise<{ rows: number; dates: number; zips: number }> {
  return withDatabase(url, async (db) => {
    const { rows } = await sql<Record<string, unknown>>`select count(*) as n,
        sum(case when extract(month from birth_date) <> 1 or extract(day from birth_date) <> 1
          then 1 else 0 end) as dates,
        sum(case when zip like '%00' then 0 else 1 end) as zips
      from people`.execute(db.db)
    const row = rows[0]!
    return { rows: Number(row['n']), dates: Number(row['dates']), zips: Number(row['zips']) }
  })
}
