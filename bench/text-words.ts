/**
 * Text from real words (issue 17.2): learns pagila, chinook, sakila and employee on local PostgreSQL, generates
 * each twin into `<prefix>_<db>`, and prints, per text column, whether words or shapes write it and, for words,
 * the share of the twin's tokens in the model's released vocabulary (the same tokenizer as the report's; it must
 * be 1.0). For the databases in BENCH_REPORT (default pagila) it runs `dbtwin report` and prints the detection
 * score of the tables holding free text with their text realism, and each text column's detection score on its own
 * (the report's classifier on that column's text features). The twins are dropped at the end.
 *
 *   npm run build && node --import tsx bench/text-words.ts
 *   DBTWIN_BIN=/path/to/other/bin/dbtwin.js BENCH_PREFIX=before node --import tsx bench/text-words.ts   # a baseline
 *   BENCH_DBS=pagila BENCH_REPORT=pagila node --import tsx bench/text-words.ts
 */
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { parse } from 'yaml'
import { textWords } from '../src/model/text-tokens.js'
import { tableDetection } from '../src/report/table-detection.js'
import { admin, benchUrl } from './bench-source.js'

const DBS = (process.env['BENCH_DBS'] ?? 'pagila,chinook,sakila,employee').split(',')
const REPORTED = new Set((process.env['BENCH_REPORT'] ?? 'pagila').split(',').filter((d) => d !== ''))
const PREFIX = process.env['BENCH_PREFIX'] ?? 'words'
const BIN = process.env['DBTWIN_BIN'] ?? fileURLToPath(new URL('../bin/dbtwin.js', import.meta.url))

interface TextColumn {
  name: string
  kind: string
  words?: { vocabulary: { token: string }[] }
  shapesBecause?: string
  checkDigit?: string
}

function dbtwin(...args: string[]): void {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`dbtwin ${args[0]}: ${run.stderr}`)
}

async function readColumn(client: pg.Client, table: string, column: string): Promise<{ v: string | null }[]> {
  const [schema, name] = table.split('.')
  const { rows } = await client.query<{ v: string | null }>(
    `select ${pg.escapeIdentifier(column)}::text as v from ${pg.escapeIdentifier(schema!)}.${pg.escapeIdentifier(name!)}`,
  )
  return rows
}

/**
 * The report's detection score of one text column alone (the classifier on its text features only), so a column's
 * change is not hidden by the table's other columns.
 */
async function columnDetection(db: string, target: string, table: string, column: string): Promise<string> {
  const read = async (database: string) => {
    const client = new pg.Client({ connectionString: benchUrl(database) })
    await client.connect()
    try {
      return (await readColumn(client, table, column)).map((r) => r.v)
    } finally {
      await client.end()
    }
  }
  const compared = { name: column, kind: 'text' as const, real: await read(db), twin: await read(target) }
  const result = tableDetection(table, [{ foreignKey: null, columns: [compared] }], 5, 1)
  return result === null ? '' : `; column detection ${result.score} (AUC ${result.auc})`
}

const folder = await mkdtemp(join(tmpdir(), 'dbtwin-text-words-'))
try {
  for (const db of DBS) {
    const source = benchUrl(db)
    const target = `${PREFIX}_${db}`
    const modelFile = join(folder, `${db}.yaml`)
    await admin(`drop database if exists ${target}`)
    dbtwin('learn', source, '-o', modelFile)
    dbtwin('generate', '--model', modelFile, '--to', benchUrl(target), '--create', '--seed', '1')
    const model = parse(await readFile(modelFile, 'utf8')) as {
      tables: { table: string; columns: TextColumn[] }[]
    }
    const client = new pg.Client({ connectionString: benchUrl(target) })
    await client.connect()
    try {
      for (const table of model.tables) {
        for (const column of table.columns.filter((c) => c.kind === 'text')) {
          const at = `${db} ${table.table}.${column.name}`
          const detection = REPORTED.has(db)
            ? await columnDetection(db, target, table.table, column.name)
            : ''
          if (column.words === undefined) {
            // Codes are written from shapes; other columns words cannot write by what their name says they hold,
            // else NULL or the marked other value (docs/text.md, "When words cannot write a value").
            const because = column.shapesBecause ?? 'no words in this model'
            const how =
              column.checkDigit !== undefined || because.startsWith('codes:') ? 'shapes' : 'fallback'
            console.log(`${at}: ${how} (${because})${detection}`)
            continue
          }
          const released = new Set(column.words.vocabulary.flatMap((v) => textWords(v.token)))
          const rows = await readColumn(client, table.table, column.name)
          let all = 0
          let found = 0
          for (const { v } of rows) {
            for (const word of v === null ? [] : textWords(v)) {
              all++
              if (released.has(word)) found++
            }
          }
          const share = all === 0 ? 'no tokens' : (found / all).toFixed(4)
          console.log(
            `${at}: words, ${released.size} released, ${all} twin tokens, in vocabulary ${share}${detection}`,
          )
        }
      }
    } finally {
      await client.end()
    }
    if (REPORTED.has(db)) {
      const json = join(folder, `${db}-report.json`)
      dbtwin('report', '--real', source, '--twin', benchUrl(target), '--model', modelFile, '--json', json)
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
    await admin(`drop database if exists ${target}`)
  }
} finally {
  await rm(folder, { recursive: true, force: true })
}
