import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { ADMIN, admin, benchUrl } from './bench-source.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
/** Patients of the seeded sample clinic the wide source is learned from: about 400,000 rows over 13 tables. */
const SAMPLE_PATIENTS = 25_000

/**
 * The wide clinic-like source of issue 21 at about `rows` rows, named `subsetspeed_wide_<rows>` and kept once
 * built: the sample clinic (`dbtwin sample`, text, jsonb, numeric, timestamps, composite and nullable foreign
 * keys), learned, then `dbtwin generate --scale F` into a fresh database. Generate creates primary keys and
 * foreign keys but no index on the foreign-key columns, which is what made the per-batch IN lists of the old
 * subset scan a child table once per batch. Returns the database name.
 */
export async function buildWideSource(rows: number): Promise<string> {
  const database = `subsetspeed_wide_${rows}`
  if (await exists(database)) return database
  const sample = `subsetspeed_wide_sample_${SAMPLE_PATIENTS}`
  if (!(await exists(sample))) {
    await admin(`create database ${sample}`)
    dbtwin(['sample', benchUrl(sample), '--patients', String(SAMPLE_PATIENTS)])
  }
  const sampleRows = await countRows(sample)
  const work = await mkdtemp(join(tmpdir(), 'subsetspeed-wide-'))
  try {
    const model = join(work, 'model.yaml')
    dbtwin(['learn', benchUrl(sample), '--out', model])
    // Built under another name and renamed when complete, so an interrupted build is never taken as cached.
    const building = `${database}_building`
    await admin(`drop database if exists ${building}`)
    await admin(`create database ${building}`)
    const scale = rows / sampleRows
    dbtwin(['generate', '--model', model, '--to', benchUrl(building), '--scale', scale.toFixed(4)])
    const client = new pg.Client({ connectionString: benchUrl(building) })
    await client.connect()
    await client.query('analyze')
    await client.end()
    await admin(`alter database ${building} rename to ${database}`)
  } finally {
    await rm(work, { recursive: true, force: true })
  }
  return database
}

/** Rows in every table of a database on the benchmark server, counted. */
export async function countRows(database: string): Promise<number> {
  const client = new pg.Client({ connectionString: benchUrl(database) })
  await client.connect()
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `select format('%I.%I', table_schema, table_name) as name from information_schema.tables
       where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
    )
    let total = 0
    for (const t of tables)
      total += Number((await client.query<{ n: string }>(`select count(*) as n from ${t.name}`)).rows[0]!.n)
    return total
  } finally {
    await client.end()
  }
}

async function exists(database: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN })
  await client.connect()
  try {
    return (await client.query('select 1 from pg_database where datname = $1', [database])).rowCount === 1
  } finally {
    await client.end()
  }
}

/** Runs the built CLI (dist/), as a user would. */
function dbtwin(args: string[]): void {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/dbtwin.js'), ...args], {
    encoding: 'utf8',
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  if (run.status !== 0) throw new Error(`dbtwin ${args.join(' ')} failed:\n${run.stderr}`)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = Number(process.argv[2] ?? 2_000_000)
  const started = performance.now()
  const database = await buildWideSource(rows)
  console.log(
    `${database}: ${(await countRows(database)).toLocaleString('en-US')} rows (${((performance.now() - started) / 1000).toFixed(0)} s)`,
  )
}
