/**
 * Text from real words (issue 17.1, 17.2): learns pagila, chinook, sakila and employee on local PostgreSQL and
 * Chinook and sakila on MariaDB (with the default PII pack, as a twin is made), generates each twin into
 * `<prefix>_<db>`, and prints, per text column the model writes (reference tables, copied whole, and columns a rule
 * rewrites aside), how it is written (words, shapes or another fallback) and how many of the twin's tokens are
 * outside the released vocabulary: the words of its word model, of its released categories and of the marked other
 * value (the same tokenizer as the report's). Every such count must be 0 but for code columns' shapes. For the
 * databases in BENCH_REPORT (PostgreSQL ones; none by default) it runs `dbtwin report` and prints the detection
 * score of the tables holding free text with their text realism, and each text column's detection score on its own
 * (the report's classifier on that column's text features). The twins are dropped at the end.
 *
 *   npm run build && node --import tsx bench/text-words.ts
 *   DBTWIN_BIN=/path/to/other/bin/dbtwin.js BENCH_PREFIX=before node --import tsx bench/text-words.ts   # a baseline
 *   BENCH_DBS=pagila BENCH_REPORT=pagila node --import tsx bench/text-words.ts
 *   BENCH_RULES= node --import tsx bench/text-words.ts      # without the PII pack
 */
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { parse } from 'yaml'
import { openDatabase } from '../src/dialects/open-database.js'
import { OTHER_MARKER } from '../src/model/other-value.js'
import { textWords } from '../src/model/text-tokens.js'
import { tableDetection } from '../src/report/table-detection.js'

const PG = process.env['DBTWIN_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432'
const MYSQL = process.env['DBTWIN_TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306'
const SOURCES: Record<string, string> = {
  pagila: `${PG}/pagila`,
  chinook: `${PG}/chinook`,
  sakila: `${PG}/sakila`,
  employee: `${PG}/employee`,
  chinook_mysql: `${MYSQL}/Chinook`,
  sakila_mysql: `${MYSQL}/sakila`,
}
const DBS = (process.env['BENCH_DBS'] ?? Object.keys(SOURCES).join(',')).split(',')
const REPORTED = new Set((process.env['BENCH_REPORT'] ?? '').split(',').filter((d) => d !== ''))
const PREFIX = process.env['BENCH_PREFIX'] ?? 'words'
const RULES = process.env['BENCH_RULES'] ?? fileURLToPath(new URL('../rules/pii-pack.yaml', import.meta.url))
const BIN = process.env['DBTWIN_BIN'] ?? fileURLToPath(new URL('../bin/dbtwin.js', import.meta.url))

interface TextColumn {
  name: string
  kind: string
  categories?: { value: unknown }[] | null
  words?: { vocabulary: { token: string }[] }
  shapesBecause?: string
  checkDigit?: string
}

function dbtwin(...args: string[]): void {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`dbtwin ${args[0]}: ${run.stderr}`)
}

/** A database's URL on the source's server. */
function on(source: string, database: string): string {
  const url = new URL(source)
  url.pathname = `/${database}`
  return url.href
}

async function readColumn(url: string, table: string, column: string): Promise<(string | null)[]> {
  const db = await openDatabase(url, { readOnly: true })
  try {
    // A model names a table `schema.table`, quoted where a part needs it (`"Chinook"."Album"`).
    const parts = (table.match(/"[^"]+"|[^.]+/g) ?? []).map((p) => p.replace(/^"|"$/g, ''))
    const name = parts.at(-1)!
    const from = parts.length < 2 || url.startsWith('mysql') ? sql.id(name) : sql.id(parts[0]!, name)
    const { rows } = await sql<{ v: unknown }>`select ${sql.id(column)} as v from ${from}`.execute(db.db)
    return rows.map((r) => (r.v === null ? null : typeof r.v === 'string' ? r.v : JSON.stringify(r.v)))
  } finally {
    await db.close()
  }
}

async function dropDatabase(source: string, database: string): Promise<void> {
  const db = await openDatabase(source)
  try {
    const drop = source.startsWith('mysql')
      ? sql`drop database if exists ${sql.id(database)}`
      : sql`drop database if exists ${sql.id(database)} with (force)`
    await drop.execute(db.db)
  } finally {
    await db.close()
  }
}

/**
 * The report's detection score of one text column alone (the classifier on its text features only), so a column's
 * change is not hidden by the table's other columns.
 */
async function columnDetection(
  source: string,
  target: string,
  table: string,
  column: string,
): Promise<string> {
  const compared = {
    name: column,
    kind: 'text' as const,
    real: await readColumn(source, table, column),
    twin: await readColumn(target, table, column),
  }
  const result = tableDetection(table, [{ foreignKey: null, columns: [compared] }], 5, 1)
  return result === null ? '' : `; column detection ${result.score} (AUC ${result.auc})`
}

/** How a column without words is written (docs/text.md, "When words cannot write a value"). */
function writtenBy(column: TextColumn): string {
  if (column.words !== undefined) return 'words'
  if (column.categories !== null && column.categories !== undefined) return 'categories'
  const because = column.shapesBecause ?? 'no words in this model'
  return `${column.checkDigit !== undefined || because.startsWith('codes:') ? 'shapes' : 'fallback'} (${because})`
}

const folder = await mkdtemp(join(tmpdir(), 'dbtwin-text-words-'))
const summary: string[] = []
try {
  for (const db of DBS) {
    const source = SOURCES[db]
    if (source === undefined)
      throw new Error(`unknown source ${db}: one of ${Object.keys(SOURCES).join(', ')}`)
    const target = on(source, `${PREFIX}_${db}`.toLowerCase())
    const modelFile = join(folder, `${db}.yaml`)
    await dropDatabase(source, new URL(target).pathname.slice(1))
    dbtwin('learn', source, '-o', modelFile, ...(RULES === '' ? [] : ['--rules', RULES]))
    dbtwin('generate', '--model', modelFile, '--to', target, '--create', '--seed', '1')
    const model = parse(await readFile(modelFile, 'utf8')) as {
      tables: { table: string; reference?: unknown; columns: TextColumn[] }[]
    }
    let columns = 0
    let outsideColumns = 0
    let tokens = 0
    let outsideTokens = 0
    for (const table of model.tables) {
      if (table.reference !== undefined) continue
      for (const column of table.columns.filter((c) => c.kind === 'text')) {
        const at = `${db} ${table.table}.${column.name}`
        const how = writtenBy(column)
        const detection = REPORTED.has(db)
          ? await columnDetection(source, target, table.table, column.name)
          : ''
        const released = new Set([
          ...(column.words?.vocabulary ?? []).flatMap((v) => textWords(v.token)),
          ...(column.categories ?? []).flatMap((c) => textWords(String(c.value))),
          ...textWords(OTHER_MARKER),
        ])
        let all = 0
        const outside = new Map<string, number>()
        for (const v of await readColumn(target, table.table, column.name)) {
          for (const word of v === null ? [] : textWords(v)) {
            all++
            if (!released.has(word)) outside.set(word, (outside.get(word) ?? 0) + 1)
          }
        }
        const out = [...outside.values()].reduce((a, b) => a + b, 0)
        columns++
        tokens += all
        if (!how.startsWith('shapes')) {
          outsideTokens += out
          if (out > 0) outsideColumns++
        }
        const examples = [...outside.keys()].slice(0, 4).join(' ')
        console.log(
          `${at}: ${how}, ${released.size} released, ${all} twin tokens, ${out} outside${out > 0 ? ` (${examples})` : ''}${detection}`,
        )
      }
    }
    summary.push(
      `| ${db.padEnd(13)} | ${String(columns).padStart(7)} | ${String(outsideColumns).padStart(13)} | ${`${outsideTokens} / ${tokens}`.padStart(17)} |`,
    )
    if (REPORTED.has(db)) {
      const json = join(folder, `${db}-report.json`)
      dbtwin('report', '--real', source, '--twin', target, '--model', modelFile, '--json', json)
      const report = JSON.parse(await readFile(json, 'utf8')) as {
        quality: {
          extras: { detection: number | null }
          tables: {
            table: string
            detection?: { score: number | null }
            columns: { column: string; kind: string; realism?: number | null }[]
          }[]
        }
      }
      console.log(`${db} report: detection ${report.quality.extras.detection}`)
      for (const t of report.quality.tables) {
        const text = t.columns.filter((c) => c.kind === 'text')
        if (text.length === 0) continue
        const realism = text.map((c) => `${c.column} ${c.realism ?? '-'}`).join(', ')
        console.log(
          `${db} report ${t.table}: detection ${t.detection?.score ?? '-'}; text realism ${realism}`,
        )
      }
    }
    await dropDatabase(source, new URL(target).pathname.slice(1))
  }
} finally {
  await rm(folder, { recursive: true, force: true })
}
// Shapes (codes) are counted in the tokens but not as outside: a code keeps its structure, not its words.
console.log('')
console.log('| twin          | columns | with outside  | outside / tokens  |')
console.log('| ------------- | ------- | ------------- | ----------------- |')
for (const line of summary) console.log(line)
