/**
 * Generates a twin of the three-table source bench/learn builds (on PostgreSQL) into local MariaDB, and compares it
 * with a raw LOAD DATA LOCAL INFILE of the same rows (issue 21.6, goal ≥ 0.8): after dbtwin's run, its tables are
 * read back and written to tab-separated files in the very format dbtwin streams, then each file is loaded into a
 * copy of the table with the same keys and no foreign keys (CREATE TABLE … LIKE), as dbtwin loads before it adds
 * them. dbtwin's time also holds creating the tables and adding and checking the foreign keys. Prints both rates
 * and their ratio; the machine may be shared, so the ratio is the figure to read.
 *
 *   npm run build && node --import tsx bench/generate-mysql.ts
 *   BENCH_ROWS=200000 BENCH_REPEAT=1 BENCH_SOURCE=mine_source BENCH_TARGET=mine_twin node --import tsx bench/generate-mysql.ts
 */
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import { createConnection, type ResultSetHeader, type RowDataPacket } from 'mysql2/promise'
import { loadAverage, printFigure } from './bench-figure.js'
import { admin, benchUrl, buildBenchSource, measureInChild } from './bench-source.js'

const ROWS = Number(process.env['BENCH_ROWS'] ?? 500_000)
const SOURCE = process.env['BENCH_SOURCE'] ?? `dbtwin_bench_learn_${ROWS}`
const TARGET = process.env['BENCH_TARGET'] ?? 'dbtwin_bench_generate_mysql'
const REPEAT = Number(process.env['BENCH_REPEAT'] ?? 3)
const MYSQL = process.env['DBTWIN_TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306'

if (process.argv[2] === '--generate') {
  // The measured child: one generate run of the built code (dist/, what the dbtwin command runs).
  const { readFile } = await import('node:fs/promises')
  const built = (file: string) => import(new URL(`../dist/src/${file}`, import.meta.url).href)
  const { parseModelFile } = (await built(
    'model/model-file.js',
  )) as typeof import('../src/model/model-file.js')
  const { generate } = (await built(
    'write/generate-into-target.js',
  )) as typeof import('../src/write/generate-into-target.js')
  const model = parseModelFile(await readFile(process.argv[3]!, 'utf8'), 'model')
  const notes: string[] = []
  // The seconds spent making and loading rows, table by table: the rest is DDL and the foreign keys.
  let rowSeconds = 0
  const result = await generate(model, process.argv[4]!, { seed: 1, existing: 'drop' }, (e) => {
    if (e.step === 'note') notes.push(e.message)
    if (e.step === 'table') rowSeconds += e.seconds
  })
  const rows = Object.values(result.rows).reduce((a, b) => a + b, 0)
  console.log(JSON.stringify({ rows, seconds: result.seconds, rowSeconds, notes }))
  process.exit(0)
}

const { loadDataLines } = await import('../src/dialects/mysql/mysql-load-data.js')
const work = await mkdtemp(join(tmpdir(), 'dbtwin-bench-mysql-'))
const server = new URL(MYSQL)
const connect = (database: string) =>
  createConnection({
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username),
    password: decodeURIComponent(server.password),
    database,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
  })
try {
  await buildBenchSource(SOURCE, ROWS)
  const { learn } = await import('../src/learn/learn.js')
  const { formatModelFile } = await import('../src/model/model-file.js')
  const modelFile = join(work, 'model.yaml')
  await writeFile(modelFile, formatModelFile(await learn(benchUrl(SOURCE), { seed: 1 })))
  const targetUrl = `${MYSQL.replace(/\/$/, '')}/${TARGET}`

  console.log(
    'rows         run   dbtwin s   dbtwin rows/s   raw LOAD DATA s   raw rows/s   ratio (goal 0.8)   rows phase s   ratio   raw + FKs s   ratio',
  )
  const ratios: number[] = []
  const keyRatios: number[] = []
  for (let run = 1; run <= REPEAT; run++) {
    const server = await connect('')
    await server.query(`drop database if exists \`${TARGET}\``)
    await server.query(`create database \`${TARGET}\` character set utf8mb4`)
    await server.end()
    const twin = measureInChild<{ rows: number; seconds: number; rowSeconds: number; notes: string[] }>(
      import.meta.url,
      ['--generate', modelFile, targetUrl],
    )
    for (const note of twin.notes.filter((n) => /LOAD DATA/.test(n))) console.log(`note: ${note}`)
    const db = await connect(TARGET)
    const tables = ['customers', 'orders', 'order_items']
    // The same rows as files in dbtwin's own format, read back from its twin.
    for (const table of tables) {
      const out = createWriteStream(join(work, `${table}.tsv`))
      const [rows] = await db.query({ sql: `select * from \`${table}\``, rowsAsArray: true })
      const all = rows as (string | number | null)[][]
      for (let at = 0; at < all.length; at += 10_000) {
        if (!out.write(loadDataLines(all.slice(at, at + 10_000), []))) await once(out, 'drain')
      }
      out.end()
      await once(out, 'finish')
      await db.query(`create table \`raw_${table}\` like \`${table}\``)
    }
    const started = performance.now()
    for (const table of tables) {
      const [result] = await db.query<ResultSetHeader>({
        sql: `load data local infile '${table}.tsv' into table \`raw_${table}\` character set binary
          fields terminated by '\\t' escaped by '\\\\' lines terminated by '\\n'`,
        infileStreamFactory: () => createReadStream(join(work, `${table}.tsv`)),
      })
      if (result.warningStatus > 0)
        throw new Error(`raw LOAD DATA into ${table}: ${result.warningStatus} warnings`)
    }
    const raw = (performance.now() - started) / 1000
    // dbtwin also adds and checks the foreign keys: the same keys on the raw copies, by a plain ALTER TABLE with
    // the checks on, make the like-for-like figure.
    const [keys] = await db.query<RowDataPacket[]>(
      `select table_name as child, constraint_name as name, group_concat(column_name order by ordinal_position) as cols,
         referenced_table_name as parent, group_concat(referenced_column_name order by ordinal_position) as refs
       from information_schema.key_column_usage
       where table_schema = database() and referenced_table_name is not null and table_name not like 'raw\\_%'
       group by table_name, constraint_name, referenced_table_name`,
    )
    const keysStarted = performance.now()
    for (const k of keys)
      await db.query(
        `alter table \`raw_${k['child']}\` add constraint \`raw_${k['name']}\` foreign key (${k['cols']}) references \`raw_${k['parent']}\` (${k['refs']})`,
      )
    const rawKeys = raw + (performance.now() - keysStarted) / 1000
    await db.end()
    const rate = (s: number) => Math.round(twin.rows / s).toLocaleString('en-US')
    ratios.push(raw / twin.seconds)
    keyRatios.push(rawKeys / twin.seconds)
    console.log(
      `${twin.rows.toLocaleString('en-US').padEnd(13)}${String(run).padEnd(6)}${twin.seconds.toFixed(1).padStart(8)}   ` +
        `${rate(twin.seconds).padStart(13)}   ${raw.toFixed(1).padStart(15)}   ${rate(raw).padStart(10)}   ` +
        `${(raw / twin.seconds).toFixed(2).padStart(5)}${twin.rowSeconds.toFixed(1).padStart(22)}   ` +
        `${(raw / twin.rowSeconds).toFixed(2).padStart(5)}${rawKeys.toFixed(1).padStart(14)}   ` +
        `${(rawKeys / twin.seconds).toFixed(2).padStart(5)}`,
    )
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
  console.log(
    `median ratio ${median(ratios).toFixed(2)} against raw LOAD DATA (goal 0.8), ${median(keyRatios).toFixed(2)} against raw LOAD DATA + FKs`,
  )
  printFigure(
    {
      figure: 'MariaDB / raw LOAD DATA',
      rows: ROWS,
      value: median(ratios),
      unit: '×',
      bound: 0.8,
      side: 'at least',
    },
    loadAverage(),
  )
  const db = await connect('')
  await db.query(`drop database if exists \`${TARGET}\``)
  await db.end()
} finally {
  await rm(work, { recursive: true, force: true })
  if (process.env['BENCH_DROP_SOURCE'] === '1') await admin(`drop database if exists ${SOURCE}`)
}
