/**
 * The corpus run: dbtwin used as a new user would on every public database in ../shared/datasets, on every engine
 * pair. For each source: inspect; clone into the same engine, into the other server engine and into PGlite; subset
 * with the shipped rules from a sensible root; report on each result; and count orphans with our own anti-join on
 * every foreign key of the source (so a twin that lost a key is still checked). Prints one table and writes it to
 * docs/corpus.md.
 *
 *   npm run build && npm run corpus                 # all of it (a few minutes)
 *   npm run corpus -- pagila sakila_mysql           # some sources
 *   DBTWIN_DATASETS=<dir> npm run corpus            # datasets elsewhere; missing databases are loaded
 *   DBTWIN_CORPUS_PREFIX=mine npm run corpus        # target databases named mine_… (default corpus_…)
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql, type Kysely } from 'kysely'
import mysql from 'mysql2/promise'
import pg from 'pg'
import { openDatabase } from '../src/dialects/open-database.js'
import type { Schema, Table } from '../src/schema/schema.js'
import type { Report } from '../src/report/report.js'
import { tablePlacement } from '../src/schema/table-placement.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const DATASETS = process.env['DBTWIN_DATASETS'] ?? join(ROOT, '../shared/datasets')
const PG = process.env['DBTWIN_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432'
const MYSQL = process.env['DBTWIN_TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306'
const WORK = join(ROOT, '.dbtwin/corpus')
/** Prefix of the target databases, so that two runs on one server stay apart. */
const PREFIX = process.env['DBTWIN_CORPUS_PREFIX'] ?? 'corpus'

type Engine = 'postgres' | 'mysql' | 'pglite'

interface Source {
  /** The dataset's name in ../shared/datasets (what load.sh takes). */
  dataset: string
  engine: 'postgres' | 'mysql'
  database: string
  /** The subset's root selection. */
  root: string
}

const SOURCES: Source[] = [
  { dataset: 'pagila', engine: 'postgres', database: 'pagila', root: 'public.customer 10%' },
  { dataset: 'chinook', engine: 'postgres', database: 'chinook', root: 'public.customer 20%' },
  { dataset: 'chinook', engine: 'mysql', database: 'Chinook', root: 'Chinook.Customer 20%' },
  { dataset: 'sakila_mysql', engine: 'mysql', database: 'sakila', root: 'sakila.customer 10%' },
  { dataset: 'sakila_pg', engine: 'postgres', database: 'sakila', root: 'public.customer 10%' },
  { dataset: 'northwind', engine: 'postgres', database: 'northwind', root: 'public.orders 10%' },
  { dataset: 'employee', engine: 'postgres', database: 'employee', root: 'public.employee 5%' },
  { dataset: 'employee', engine: 'mysql', database: 'employee', root: 'employee.employee 5%' },
  { dataset: 'musicbrainz', engine: 'postgres', database: 'musicbrainz', root: 'musicbrainz.artist 20%' },
  { dataset: 'openstreetmap', engine: 'postgres', database: 'openstreetmap', root: 'public.users 10%' },
]

interface Cell {
  source: string
  operation: string
  target: Engine | '-'
  ok: boolean
  seconds: number
  peakMb: number
  rows: number | null
  quality: number | null
  privacy: number | null
  consistency: number | null
  orphans: number | null
  error: string
}

const serverUrl = (engine: 'postgres' | 'mysql', database: string) =>
  `${engine === 'postgres' ? PG : MYSQL}/${database}`
const sourceLabel = (s: Source) =>
  `${s.dataset === s.database ? s.dataset : s.dataset}@${s.engine === 'postgres' ? 'pg' : 'my'}`

/** Runs the built CLI as a user would, with its peak RSS from /usr/bin/time. */
function dbtwin(args: string[]): {
  ok: boolean
  seconds: number
  peakMb: number
  stderr: string
  stdout: string
} {
  const started = performance.now()
  const run = spawnSync('/usr/bin/time', ['-f', 'PEAK_KB %M', 'node', join(ROOT, 'bin/dbtwin.js'), ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, DBTWIN_SECRET: 'corpus-run', NO_COLOR: '1' },
  })
  const seconds = (performance.now() - started) / 1000
  const peak = /PEAK_KB (\d+)/.exec(run.stderr)
  const stderr = run.stderr.replace(/.*PEAK_KB \d+\s*$/m, '').trim()
  return {
    ok: run.status === 0,
    seconds,
    peakMb: peak ? Number(peak[1]) / 1024 : 0,
    stderr,
    stdout: run.stdout,
  }
}

function firstError(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '' && !/^\s*(at |note|warning)/i.test(l))
  const error = lines.find((l) => /error|fail|refus|cannot|invalid/i.test(l)) ?? lines.at(-1) ?? ''
  return error.trim().slice(0, 240)
}

function ensureLoaded(source: Source, present: { postgres: string[]; mysql: string[] }) {
  if (present[source.engine].includes(source.database)) return
  const load = spawnSync('bash', [join(DATASETS, 'load.sh'), source.dataset], { stdio: 'inherit' })
  if (load.status !== 0) throw new Error(`load.sh ${source.dataset} failed`)
  present[source.engine].push(source.database)
}

async function serverDatabases(): Promise<{ postgres: string[]; mysql: string[] }> {
  const client = new pg.Client({ connectionString: `${PG}/postgres` })
  await client.connect()
  const my = await mysql.createConnection({ uri: `${MYSQL}/` })
  try {
    const postgres = (await client.query<{ datname: string }>('select datname from pg_database')).rows.map(
      (r) => r.datname,
    )
    const [rows] = await my.query('show databases')
    return { postgres, mysql: (rows as { Database: string }[]).map((r) => r.Database) }
  } finally {
    await client.end()
    await my.end()
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyKysely = Kysely<any>
const tableId = (t: Table) => sql.id(t.schema, t.name)

async function rowCount(db: AnyKysely, t: Table): Promise<number> {
  const { rows } = await sql<{ n: string | number }>`select count(*) as n from ${tableId(t)}`.execute(db)
  return Number(rows[0]?.n ?? 0)
}

/** Child rows whose (non-null) key finds no parent row. */
async function orphanCount(
  db: AnyKysely,
  child: Table,
  columns: readonly string[],
  parent: Table,
  keys: readonly string[],
) {
  const on = sql.join(
    columns.map((c, i) => sql`p.${sql.id(keys[i]!)} = c.${sql.id(c)}`),
    sql` and `,
  )
  const notNull = sql.join(
    columns.map((c) => sql`c.${sql.id(c)} is not null`),
    sql` and `,
  )
  const { rows } = await sql<{ n: string | number }>`select count(*) as n from ${tableId(child)} c
    where ${notNull} and not exists (select 1 from ${tableId(parent)} p where ${on})`.execute(db)
  return Number(rows[0]?.n ?? 0)
}

interface Target {
  engine: Engine
  url: string
  drop(): void
}

function target(engine: Engine, name: string): Target {
  const database = `${PREFIX}_${name}`.toLowerCase().replace(/[^a-z0-9_]/g, '_')
  if (engine === 'pglite') {
    const dir = join(WORK, database)
    rmSync(dir, { recursive: true, force: true })
    return { engine, url: `pglite://${dir}`, drop: () => rmSync(dir, { recursive: true, force: true }) }
  }
  const url = serverUrl(engine, database)
  dropDatabase(engine, database)
  return { engine, url, drop: () => dropDatabase(engine, database) }
}

function dropDatabase(engine: 'postgres' | 'mysql', database: string) {
  if (engine === 'postgres')
    spawnSync(
      'psql',
      ['-q', '-h', '127.0.0.1', '-U', 'postgres', '-c', `drop database if exists "${database}" with (force)`],
      {
        stdio: 'ignore',
      },
    )
  else
    spawnSync('mariadb', ['-h', '127.0.0.1', '-uroot', '-e', `drop database if exists \`${database}\``], {
      stdio: 'ignore',
    })
}

/**
 * Finds the target's table for a source table where dbtwin put it (tablePlacement, --schema-map auto), else the same
 * schema and name, else the same name.
 */
function matchTable(source: Schema, twin: Schema, table: Table): Table | undefined {
  const lower = (s: string) => s.toLowerCase()
  const placed = tablePlacement(source.tables, source.dialect, {
    schemas: twin.dialect !== 'mysql',
    database: twin.database,
  })(table)
  return (
    twin.tables.find((t) => t.schema === placed.schema && t.name === placed.name) ??
    twin.tables.find((t) => t.schema === table.schema && t.name === table.name) ??
    twin.tables.find((t) => lower(t.name) === lower(table.name))
  )
}

/** Rows in the twin and orphans on every foreign key of the source, by our own anti-joins. */
async function countTwin(source: Schema, url: string): Promise<{ rows: number; orphans: number }> {
  const db = await openDatabase(url)
  try {
    const twin = await db.introspect()
    let rows = 0
    for (const t of twin.tables) rows += await rowCount(db.db, t)
    let orphans = 0
    for (const table of source.tables) {
      for (const fk of table.foreignKeys) {
        const child = matchTable(source, twin, table)
        const parentSource = source.tables.find(
          (t) => t.schema === fk.references.schema && t.name === fk.references.name,
        )
        const parent = parentSource && matchTable(source, twin, parentSource)
        if (!child || !parent) continue
        orphans += await orphanCount(db.db, child, fk.columns, parent, fk.references.columns)
      }
    }
    return { rows, orphans }
  } finally {
    await db.close()
  }
}

function readReport(file: string): Pick<Cell, 'quality' | 'privacy' | 'consistency'> {
  if (!existsSync(file)) return { quality: null, privacy: null, consistency: null }
  const report = JSON.parse(readFileSync(file, 'utf8')) as Report
  return {
    quality: report.verdicts.quality.score,
    privacy: report.verdicts.privacy.score,
    consistency: report.verdicts.consistency.score,
  }
}

async function runWrite(
  source: Source,
  sourceSchema: Schema,
  operation: 'clone' | 'subset',
  engine: Engine,
): Promise<Cell> {
  const label = sourceLabel(source)
  const into = target(engine, `${source.engine}_${source.database}_${operation}`)
  const from = serverUrl(source.engine, source.database)
  const args =
    operation === 'clone'
      ? ['clone', '--from', from, '--to', into.url, '--create']
      : [
          'subset',
          '--from',
          from,
          '--to',
          into.url,
          '--create',
          '--rules',
          join(ROOT, 'rules'),
          '--root',
          source.root,
        ]
  const write = dbtwin(args)
  const cell: Cell = {
    source: label,
    operation,
    target: engine,
    ok: write.ok,
    seconds: write.seconds,
    peakMb: write.peakMb,
    rows: null,
    quality: null,
    privacy: null,
    consistency: null,
    orphans: null,
    error: write.ok ? '' : firstError(write.stderr),
  }
  if (write.ok) {
    try {
      Object.assign(cell, await countTwin(sourceSchema, into.url))
    } catch (error) {
      cell.ok = false
      cell.error = `counting: ${(error as Error).message.split('\n')[0]}`
    }
    const json = join(WORK, `${label}-${operation}-${engine}.json`)
    rmSync(json, { force: true })
    const report = dbtwin([
      'report',
      '--real',
      from,
      '--twin',
      into.url,
      '--json',
      json,
      ...(operation === 'subset' ? ['--subset', '--rules', join(ROOT, 'rules')] : []),
    ])
    if (!report.ok) {
      cell.ok = false
      cell.error = `report: ${firstError(report.stderr)}`
    }
    Object.assign(cell, readReport(json))
    if (cell.orphans) {
      cell.ok = false
      cell.error ||= `${cell.orphans} orphans`
    }
  }
  into.drop()
  return cell
}

const fixed = (n: number | null, digits = 3) => (n === null ? '–' : n.toFixed(digits))

function table(cells: Cell[]): string {
  const header =
    '| source | operation | target | result | s | peak MB | rows | quality | privacy | consistency | orphans |'
  const rule = '|---|---|---|---|--:|--:|--:|--:|--:|--:|--:|'
  const lines = cells.map(
    (c) =>
      `| ${c.source} | ${c.operation} | ${c.target} | ${c.ok ? 'ok' : `**failed**: ${c.error.replace(/\|/g, '\\|')}`} | ${c.seconds.toFixed(1)} | ${Math.round(c.peakMb)} | ${c.rows ?? '–'} | ${fixed(c.quality)} | ${fixed(c.privacy)} | ${fixed(c.consistency)} | ${c.orphans ?? '–'} |`,
  )
  return [header, rule, ...lines].join('\n')
}

async function main() {
  const only = process.argv.slice(2)
  const sources = SOURCES.filter(
    (s) => only.length === 0 || only.includes(s.dataset) || only.includes(sourceLabel(s)),
  )
  mkdirSync(WORK, { recursive: true })
  const present = await serverDatabases()
  const cells: Cell[] = []
  const record = (cell: Cell) => {
    cells.push(cell)
    console.error(
      `${cell.ok ? 'ok    ' : 'FAILED'} ${cell.source} ${cell.operation} → ${cell.target} ${cell.seconds.toFixed(1)} s${cell.ok ? '' : `: ${cell.error}`}`,
    )
  }
  for (const source of sources) {
    ensureLoaded(source, present)
    const url = serverUrl(source.engine, source.database)
    const inspected = dbtwin(['inspect', url, '--json'])
    record({
      source: sourceLabel(source),
      operation: 'inspect',
      target: '-',
      ok: inspected.ok,
      seconds: inspected.seconds,
      peakMb: inspected.peakMb,
      rows: null,
      quality: null,
      privacy: null,
      consistency: null,
      orphans: null,
      error: inspected.ok ? '' : firstError(inspected.stderr),
    })
    if (!inspected.ok) continue
    const schema = JSON.parse(inspected.stdout) as Schema
    const other: Engine = source.engine === 'postgres' ? 'mysql' : 'postgres'
    for (const engine of [source.engine, other, 'pglite'] as Engine[])
      record(await runWrite(source, schema, 'clone', engine))
    record(await runWrite(source, schema, 'subset', source.engine))
  }
  const text = table(cells)
  console.log(text)
  const failed = cells.filter((c) => !c.ok).length
  console.log(`\n${cells.length - failed} of ${cells.length} ok`)
  if (only.length === 0) {
    const doc = join(ROOT, 'docs/corpus.md')
    mkdirSync(join(ROOT, 'docs'), { recursive: true })
    writeFileSync(
      doc,
      `# The corpus run\n\n\`npm run build && npm run corpus\` on ${new Date().toISOString().slice(0, 10)} (2 cores; PostgreSQL 15, MariaDB 10.11, PGlite). ` +
        `Each source is cloned into the same engine, the other server engine and PGlite, and subset with \`--rules rules/\` ` +
        `into its own engine; every result is reported (\`dbtwin report --real … --twin … --json\`) and its orphans are counted by an ` +
        `anti-join on every foreign key of the source. Seconds and peak RSS are the write's, process start included.\n\n${text}\n\n` +
        `${cells.length - failed} of ${cells.length} ok.\n`,
    )
  }
  process.exitCode = failed === 0 ? 0 : 1
}

await main()
