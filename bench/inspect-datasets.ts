/**
 * Inspects the public sample databases (Pagila, Chinook, Sakila) as a new user would, and checks the table and FK
 * counts against the server's own information_schema, timing each `dbtwin inspect` run end to end (process start
 * included). Loads each dataset into the local servers first if it is not there.
 *
 *   npm run build && npm run bench:inspect        # DBTWIN_DATASETS=<dir> to point at the datasets elsewhere
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import mysql from 'mysql2/promise'
import pg from 'pg'
import type { Schema } from '../src/schema/schema.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const DATASETS = process.env['DBTWIN_DATASETS'] ?? join(ROOT, '../shared/datasets')
const PG = 'postgres://postgres@127.0.0.1:5432'
const MYSQL = 'mysql://root@127.0.0.1:3306'

interface Dataset {
  label: string
  url: string
  load(): void
  exists(): Promise<boolean>
  counts(): Promise<{ tables: number; foreignKeys: number }>
}

const psql = (db: string, file: string) =>
  execFileSync(
    'psql',
    ['-q', '-h', '127.0.0.1', '-U', 'postgres', '-d', db, '-v', 'ON_ERROR_STOP=0', '-f', file],
    { stdio: 'ignore' },
  )
const mariadb = (file: string, db?: string) =>
  execFileSync('sh', ['-c', `mariadb -h 127.0.0.1 -uroot ${db ?? ''} < "${file}"`], { stdio: 'ignore' })

async function pgQuery(db: string, text: string): Promise<number> {
  const client = new pg.Client({ connectionString: `${PG}/${db}` })
  await client.connect()
  try {
    return Number((await client.query<{ n: string }>(text)).rows[0]?.n ?? 0)
  } catch {
    return -1
  } finally {
    await client.end()
  }
}

async function mysqlQuery(text: string, params: unknown[]): Promise<number> {
  const connection = await mysql.createConnection({ uri: `${MYSQL}/` })
  try {
    const [rows] = await connection.query(text, params)
    return Number((rows as { n: number }[])[0]?.n ?? 0)
  } finally {
    await connection.end()
  }
}

const USER_SCHEMAS = `table_schema not in ('pg_catalog', 'information_schema')`
const postgresDataset = (label: string, db: string, load: () => void): Dataset => ({
  label,
  url: `${PG}/${db}`,
  load,
  exists: async () =>
    (await pgQuery('postgres', `select count(*) as n from pg_database where datname = '${db}'`)) > 0,
  counts: async () => ({
    tables: await pgQuery(
      db,
      `select count(*) as n from information_schema.tables where ${USER_SCHEMAS} and table_type = 'BASE TABLE'`,
    ),
    foreignKeys: await pgQuery(
      db,
      `select count(*) as n from information_schema.table_constraints where ${USER_SCHEMAS} and constraint_type = 'FOREIGN KEY'`,
    ),
  }),
})
const mysqlDataset = (label: string, db: string, load: () => void): Dataset => ({
  label,
  url: `${MYSQL}/${db}`,
  load,
  exists: async () =>
    (await mysqlQuery('select count(*) as n from information_schema.schemata where schema_name = ?', [db])) >
    0,
  counts: async () => ({
    tables: await mysqlQuery(
      `select count(*) as n from information_schema.tables where table_schema = ? and table_type = 'BASE TABLE'`,
      [db],
    ),
    foreignKeys: await mysqlQuery(
      `select count(*) as n from information_schema.table_constraints where table_schema = ? and constraint_type = 'FOREIGN KEY'`,
      [db],
    ),
  }),
})

const datasets: Dataset[] = [
  postgresDataset('Pagila (PostgreSQL)', 'pagila', () => {
    execFileSync('createdb', ['-h', '127.0.0.1', '-U', 'postgres', 'pagila'])
    psql('pagila', join(DATASETS, 'pagila/pagila-schema.sql'))
    psql('pagila', join(DATASETS, 'pagila/pagila-data.sql'))
  }),
  postgresDataset('Chinook (PostgreSQL)', 'chinook', () =>
    psql('postgres', join(DATASETS, 'chinook/Chinook_PostgreSql.sql')),
  ),
  mysqlDataset('Chinook (MariaDB)', 'Chinook', () => mariadb(join(DATASETS, 'chinook/Chinook_MySql.sql'))),
  mysqlDataset('Sakila (MariaDB)', 'sakila', () => {
    mariadb(join(DATASETS, 'sakila_mysql/sakila-mv-schema.sql'))
    mariadb(join(DATASETS, 'sakila_mysql/sakila-mv-data.sql'), 'sakila')
  }),
]

if (!existsSync(DATASETS)) {
  console.error(`no datasets at ${DATASETS}; set DBTWIN_DATASETS`)
  process.exit(1)
}
let failures = 0
console.log('dataset                 tables (dbtwin/server)  FKs (dbtwin/server)  cycles  inspect wall time')
for (const dataset of datasets) {
  if (!(await dataset.exists())) dataset.load()
  const started = performance.now()
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/dbtwin.js'), 'inspect', dataset.url, '--json'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  })
  const seconds = (performance.now() - started) / 1000
  if (run.status !== 0) {
    console.log(`${dataset.label.padEnd(24)}FAILED: ${run.stderr.trim()}`)
    failures++
    continue
  }
  const schema = JSON.parse(run.stdout) as Schema
  // Partitions are listed on their partitioned table; the server counts each as a table of its own.
  const tables = schema.tables.reduce((n, t) => n + 1 + t.partitions.length, 0)
  const foreignKeys = schema.tables.reduce((n, t) => n + t.foreignKeys.length, 0)
  const server = await dataset.counts()
  const summary = spawnSync(process.execPath, [join(ROOT, 'bin/dbtwin.js'), 'inspect', dataset.url], {
    encoding: 'utf8',
  })
  const cycles = summary.stdout.split('\nCycles\n')[1]?.split('\n\n')[0]?.trim() ?? '?'
  const ok = tables === server.tables && foreignKeys === server.foreignKeys && seconds < 5
  if (!ok) failures++
  console.log(
    `${dataset.label.padEnd(24)}${`${tables}/${server.tables}`.padEnd(24)}${`${foreignKeys}/${server.foreignKeys}`.padEnd(21)}` +
      `${(cycles === '(none)' ? 'none' : 'yes').padEnd(8)}${seconds.toFixed(2)} s ${ok ? '' : '  MISMATCH'}`,
  )
  if (cycles !== '(none)') console.log(`    ${cycles}`)
}
process.exit(failures === 0 ? 0 : 1)
