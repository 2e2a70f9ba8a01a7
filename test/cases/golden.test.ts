/**
 * Golden cases, one folder each under test/cases/ (after sqlc's end-to-end tests): `input.sql` is loaded into a fresh
 * database of the case's engine, which is then inspected; the result must equal the expected files beside it.
 *
 *   case.yaml           optional: engine (postgres, mysql or pglite; postgres when absent), database (the name the
 *                       expected files use for the database, the case's name when absent), input (another case's
 *                       input.sql), args (a dbtwin command line that must fail; {url} is the loaded database)
 *   schema.yaml         what `dbtwin inspect --yaml` writes
 *   load-plan.yaml      planLoad's plan of that schema: table order, levels, cycles, deferred foreign keys
 *   expected-error.txt  for a case with args: the one line the command prints, run from the case's folder
 *
 * `UPDATE_GOLDEN=1 npx vitest run test/cases` writes the expected files from what the code does now; review the diff.
 * bench/golden-input.ts writes a corpus case's input.sql from the loaded corpus database.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import mysql from 'mysql2/promise'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { parse, stringify } from 'yaml'
import { planLoad } from '../../src/graph/load-plan.js'
import { introspect } from '../../src/dialects/introspect.js'
import { formatSchemaFile } from '../../src/schema/schema-file.js'
import { runCli } from '../support/run-cli.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'

const CASES = fileURLToPath(new URL('.', import.meta.url))
const UPDATE = process.env['UPDATE_GOLDEN'] === '1'

interface CaseFile {
  engine?: 'postgres' | 'mysql' | 'pglite'
  database?: string
  input?: string
  args?: string[]
}

const available = new Map(testDialects().map((d) => [d.name, d.available]))
const names = readdirSync(CASES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()

describe('golden cases', () => {
  for (const name of names) {
    const dir = join(CASES, name)
    const file = join(dir, 'case.yaml')
    const config = (existsSync(file) ? parse(readFileSync(file, 'utf8')) : {}) as CaseFile
    const engine = config.engine ?? 'postgres'
    it.skipIf(available.get(engine) !== true)(`${name} (${engine})`, async () => {
      const database = await createTestDatabase(engine)
      try {
        await load(engine, database, readFileSync(join(dir, config.input ?? 'input.sql'), 'utf8'))
        // The database's own name differs in every run: the expected files use the case's.
        const stable = (text: string) => text.replaceAll(database.name, config.database ?? name)
        if (config.args !== undefined) {
          const args = config.args.map((a) => a.replaceAll('{url}', database.url))
          const { code, stderr } = await runCli(args, { cwd: dir })
          expect(code, stderr).not.toBe(0)
          compare(join(dir, 'expected-error.txt'), stable(stderr))
          return
        }
        const schema = await introspect(database.url)
        compare(join(dir, 'schema.yaml'), stable(formatSchemaFile(schema, 'yaml')))
        compare(join(dir, 'load-plan.yaml'), stable(stringify(planLoad(schema), { lineWidth: 0 })))
      } finally {
        await database.drop()
      }
    })
  }
})

function compare(file: string, actual: string): void {
  if (UPDATE) return writeFileSync(file, actual)
  expect(existsSync(file), `${file} is missing: run UPDATE_GOLDEN=1 npx vitest run test/cases`).toBe(true)
  expect(actual).toBe(readFileSync(file, 'utf8'))
}

/** Runs a whole SQL file as one multi-statement batch, as the engine's own client would. */
async function load(engine: string, database: TestDatabase, sql: string): Promise<void> {
  if (engine === 'pglite') {
    const db = await PGlite.create(database.url.replace(/^pglite:\/\//, ''))
    try {
      await db.exec(sql)
    } finally {
      await db.close()
    }
  } else if (engine === 'mysql') {
    const connection = await mysql.createConnection({ uri: database.url, multipleStatements: true })
    try {
      await connection.query(sql)
      // InnoDB's row estimates (estimatedRows) are whatever its background statistics had counted when read: 6 or
      // 7 for one table from run to run. ANALYZE counts every page of these small tables, so they are exact.
      const [tables] = await connection.query<mysql.RowDataPacket[]>(
        "select table_name as name from information_schema.tables where table_schema = database() and table_type = 'BASE TABLE'",
      )
      for (const t of tables) await connection.query(`analyze table \`${String(t['name'])}\``)
    } finally {
      await connection.end()
    }
  } else {
    const client = new pg.Client({ connectionString: database.url })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
}
