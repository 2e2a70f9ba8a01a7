/**
 * Issue 16: "an insert that gives no id or timestamp succeeds on every corpus twin". Clones each corpus source into
 * a same-engine twin (`<prefix>_<source>`, created by dbtwin), inserts one row into every table giving only the
 * NOT NULL columns without a default (see twin-inserts.ts), rolls back, prints the failures, drops the twin.
 *
 *   npm run build && node --import tsx bench/default-inserts.ts            # every corpus source, both engines
 *   node --import tsx bench/default-inserts.ts postgres:musicbrainz         # one
 *   DBTWIN_CORPUS_PREFIX=mine SCALE=1 node --import tsx bench/default-inserts.ts
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import mysql from 'mysql2/promise'
import pg from 'pg'
import { mysqlInsertFailures, postgresInsertFailures, type InsertResult } from './twin-inserts.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const SERVERS = {
  postgres: process.env['DBTWIN_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432',
  mysql: process.env['DBTWIN_TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306',
}
const PREFIX = process.env['DBTWIN_CORPUS_PREFIX'] ?? 'corpus'
/** Inserts need a row to copy, not many: a tenth keeps the run short. */
const SCALE = process.env['SCALE'] ?? '0.1'
const SOURCES = [
  'postgres:pagila',
  'postgres:sakila',
  'postgres:musicbrainz',
  'postgres:employee',
  'postgres:northwind',
  'mysql:sakila',
  'mysql:employee',
  'mysql:Chinook',
]

async function dropDatabase(engine: 'postgres' | 'mysql', name: string): Promise<void> {
  if (engine === 'postgres') {
    const client = new pg.Client({ connectionString: `${SERVERS.postgres}/postgres` })
    await client.connect()
    await client.query(`drop database if exists "${name}" with (force)`).finally(() => client.end())
  } else {
    const connection = await mysql.createConnection(SERVERS.mysql)
    await connection.query(`drop database if exists \`${name}\``).finally(() => connection.end())
  }
}

const names = process.argv.slice(2)
const summary: string[] = []
for (const entry of names.length > 0 ? names : SOURCES) {
  const [engine, source] = entry.split(':') as ['postgres' | 'mysql', string]
  const twin = `${PREFIX}_${source.toLowerCase()}`
  await dropDatabase(engine, twin)
  try {
    const clone = spawnSync(
      'node',
      [join(ROOT, 'bin/dbtwin.js'), 'clone', '--from', `${SERVERS[engine]}/${source}`, '--to'].concat([
        `${SERVERS[engine]}/${twin}`,
        '--create',
        '--scale',
        SCALE,
      ]),
      { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } },
    )
    if (clone.status !== 0) {
      console.log(`## ${entry}: clone failed\n${clone.stderr.trim()}\n`)
      summary.push(`${entry}: clone failed`)
      continue
    }
    const url = `${SERVERS[engine]}/${twin}`
    const result: InsertResult =
      engine === 'postgres' ? await postgresInsertFailures(url) : await mysqlInsertFailures(url)
    const line = `${entry}: ${result.failures.length} of ${result.tried} inserts fail (${result.empty} empty tables, ${result.keyGiven} whose key the application gives, ${result.wantsNullable} whose CHECK wants a nullable column)`
    console.log(`## ${line}`)
    for (const failure of result.failures) console.log(`insert ${failure}`)
    console.log()
    summary.push(line)
  } finally {
    await dropDatabase(engine, twin)
  }
}
console.log(summary.join('\n'))
