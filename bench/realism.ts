/**
 * Issue 17.1 and 17.3 on the corpus: clones each source into the same engine, then counts, per category column,
 * the twin's values that are not the source's (nor in the column's declared domain: enum, CHECK IN list), and
 * whether each reference table equals its source row for row. Prints one table, and the offending columns.
 *
 *   node --import tsx bench/realism.ts                     # pagila, chinook, sakila, employee (PG); Chinook, sakila (MariaDB)
 *   node --import tsx bench/realism.ts pagila              # some sources
 *   DBTWIN_REALISM_PREFIX=mine node --import tsx bench/realism.ts   # twins named mine_… (default realism_…)
 *
 * Measured columns: those the model learned as categories (enum, boolean, category text), and text columns with
 * at most LOW_CARDINALITY distinct values in the source (chinook's cities), which must not become prefix gibberish
 * either. Columns rewritten by rules (PII) are left out: their values are meant to be new. A twin value that is the
 * marked "other" (see OTHER_MARKER) is counted apart: it is outside the source by design, and says so.
 */
import { spawnSync } from 'node:child_process'
import { sql } from 'kysely'
import type { Database } from '../src/dialects/dialect.js'
import { openDatabase } from '../src/dialects/open-database.js'
import { columnMeaning, PERSONAL_MEANINGS } from '../src/generate/column-meaning.js'
import { OTHER_MARKER } from '../src/model/other-value.js'
import { writtenColumns, type Column, type Table } from '../src/schema/schema.js'
import type { Model } from '../src/model/model.js'
import { tableChecks } from '../src/schema/check-bounds.js'
import { tableName } from '../src/schema/table-name.js'
import { cellValue } from '../src/schema/cell-value.js'
import { clone } from '../src/write/clone.js'

const PG = process.env['DBTWIN_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432'
const MYSQL = process.env['DBTWIN_TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306'
const PREFIX = process.env['DBTWIN_REALISM_PREFIX'] ?? 'realism'
const LOW_CARDINALITY = 100

interface Source {
  name: string
  engine: 'postgres' | 'mysql'
  database: string
}

const SOURCES: Source[] = [
  { name: 'pagila', engine: 'postgres', database: 'pagila' },
  { name: 'chinook', engine: 'postgres', database: 'chinook' },
  { name: 'sakila', engine: 'postgres', database: 'sakila' },
  { name: 'employee', engine: 'postgres', database: 'employee' },
  { name: 'chinook_mysql', engine: 'mysql', database: 'Chinook' },
  { name: 'sakila_mysql', engine: 'mysql', database: 'sakila' },
]

interface ColumnResult {
  column: string
  outside: string[]
  outsideRows: number
  otherRows: number
  rows: number
}

const url = (engine: Source['engine'], database: string) =>
  `${engine === 'postgres' ? PG : MYSQL}/${database}`

function dropDatabase(engine: Source['engine'], database: string): void {
  const [command, args] =
    engine === 'postgres'
      ? [
          'psql',
          [
            '-q',
            '-h',
            '127.0.0.1',
            '-U',
            'postgres',
            '-c',
            `drop database if exists "${database}" with (force)`,
          ],
        ]
      : ['mariadb', ['-h', '127.0.0.1', '-uroot', '-e', `drop database if exists \`${database}\``]]
  spawnSync(command, args as string[], { stdio: 'ignore' })
}

/** Each value of a column with its count, as text (booleans as 0/1, so engines compare). */
async function valueCounts(db: Database, table: Table, column: Column): Promise<Map<string, number>> {
  const result = await sql<{ v: unknown; n: unknown }>`select ${sql.id(column.name)} as v, count(*) as n
    from ${sql.id(table.schema, table.name)} where ${sql.id(column.name)} is not null group by ${sql.id(column.name)}`.execute(
    db.db,
  )
  return new Map(result.rows.map((r) => [valueText(r.v), Number(r.n)]))
}

function valueText(value: unknown): string {
  if (typeof value === 'boolean') return value ? '1' : '0'
  const cell = cellValue(value)
  return cell === null ? '' : typeof cell === 'object' ? Buffer.from(cell).toString('hex') : String(cell)
}

/** A table's rows as sorted text lines over the given columns: equal lists are equal tables. */
async function rowLines(db: Database, table: Table, columns: readonly Column[]): Promise<string[]> {
  const result = await sql<Record<string, unknown>>`select ${sql.join(
    columns.map((c, i) => sql`${sql.id(c.name)} as ${sql.id(`c${i}`)}`),
  )} from ${sql.id(table.schema, table.name)}`.execute(db.db)
  return result.rows.map((r) => JSON.stringify(columns.map((_, i) => valueText(r[`c${i}`])))).sort()
}

function measuredColumns(model: Model, table: Table): Column[] {
  const learned = model.tables.find((t) => t.table === tableName(table))
  return table.columns.filter((c) => {
    const m = learned?.columns.find((x) => x.name === c.name)
    if (m === undefined) return false
    if (m.kind === 'categorical') return true
    return m.kind === 'text' && !m.unique
  })
}

async function measure(source: Source): Promise<string[]> {
  const twinName = `${PREFIX}_${source.name}`.toLowerCase()
  dropDatabase(source.engine, twinName)
  const sourceUrl = url(source.engine, source.database)
  const twinUrl = url(source.engine, twinName)
  const started = performance.now()
  const { model } = await clone(sourceUrl, twinUrl, { existing: 'create', rules: 'rules/pii-pack.yaml' })
  const seconds = (performance.now() - started) / 1000
  const real = await openDatabase(sourceUrl, { readOnly: true })
  const twin = await openDatabase(twinUrl)
  const results: ColumnResult[] = []
  const byMeaning: string[] = []
  let referenceEqual = 0
  const referenceUnequal: string[] = []
  try {
    const twinSchema = await twin.introspect()
    for (const table of model.schema.tables) {
      const id = tableName(table)
      const twinTable =
        twinSchema.tables.find((t) => t.name === table.name && t.schema === table.schema) ??
        twinSchema.tables.find((t) => t.name === table.name)
      if (twinTable === undefined) continue
      const learned = model.tables.find((t) => t.table === id)!
      if (learned.reference !== undefined) {
        const columns = writtenColumns(table)
        const equal =
          JSON.stringify(await rowLines(real, table, columns)) ===
          JSON.stringify(await rowLines(twin, twinTable, columns))
        if (equal) referenceEqual++
        else referenceUnequal.push(id)
        continue
      }
      const checks = tableChecks(table, model.schema.dialect)
      for (const column of measuredColumns(model, table)) {
        const sourceCounts = await valueCounts(real, table, column)
        const m = learned.columns.find((c) => c.name === column.name)!
        if (m.kind === 'text' && m.categories === null && sourceCounts.size > LOW_CARDINALITY) continue
        const domain = new Set([
          // A boolean's domain is its type's: true and false.
          ...(column.type === 'boolean' ? ['0', '1'] : []),
          ...(column.enumValues ?? []),
          ...(checks.columns.get(column.name)?.values ?? []).map(String),
        ])
        const twinCounts = await valueCounts(twin, twinTable, column)
        // Not a category, no word of it released, and personal data: written by what its name says it holds, as
        // the PII pack would (an `example.*` email, docs/text.md). New by design, like the marked other value: apart.
        // A thing's name (chinook's ten distinct companies) is the marked other value, and counted here.
        const meaning =
          m.kind === 'text' && m.categories === null && m.words === undefined
            ? columnMeaning(column.name)
            : null
        if (meaning !== null && PERSONAL_MEANINGS.has(meaning)) {
          const rows = [...twinCounts.values()].reduce((a, b) => a + b, 0)
          byMeaning.push(`${source.name}: ${id}.${column.name}: ${rows} rows written as ${meaning}`)
          continue
        }
        const outside = [...twinCounts.keys()].filter(
          (v) => !sourceCounts.has(v) && !domain.has(v) && v !== OTHER_MARKER && !/^~+$/.test(v),
        )
        results.push({
          column: `${id}.${column.name}`,
          outside,
          outsideRows: outside.reduce((n, v) => n + twinCounts.get(v)!, 0),
          otherRows: [...twinCounts].reduce(
            (n, [v, c]) => n + (v === OTHER_MARKER || /^~+$/.test(v) ? c : 0),
            0,
          ),
          rows: [...twinCounts.values()].reduce((a, b) => a + b, 0),
        })
      }
    }
  } finally {
    await real.close()
    await twin.close()
    dropDatabase(source.engine, twinName)
  }
  const offending = results.filter((r) => r.outside.length > 0)
  const rows = results.reduce((n, r) => n + r.rows, 0)
  const outsideRows = offending.reduce((n, r) => n + r.outsideRows, 0)
  const otherRows = results.reduce((n, r) => n + r.otherRows, 0)
  console.log(
    `| ${source.name.padEnd(13)} | ${String(results.length).padStart(7)} | ${String(offending.length).padStart(9)} | ` +
      `${String(outsideRows).padStart(8)} / ${String(rows).padEnd(7)} | ${String(otherRows).padStart(11)} | ` +
      `${`${referenceEqual} of ${referenceEqual + referenceUnequal.length}`.padStart(10)} | ${seconds.toFixed(1).padStart(5)} |`,
  )
  return [
    ...byMeaning,
    ...offending.map(
      (r) =>
        `${source.name}: ${r.column}: ${r.outside.length} values not in the source (${r.outsideRows} of ${r.rows} rows), e.g. ${r.outside
          .slice(0, 3)
          .map((v) => JSON.stringify(v))
          .join(', ')}`,
    ),
    ...referenceUnequal.map((t) => `${source.name}: reference table ${t} differs from its source`),
  ]
}

const wanted = process.argv.slice(2)
const sources = wanted.length === 0 ? SOURCES : SOURCES.filter((s) => wanted.includes(s.name))
console.log('| source        | columns | with new  | rows new / rows   | rows marked | reference  |     s |')
console.log('| ------------- | ------- | --------- | ----------------- | ----------- | ---------- | ----- |')
const details: string[] = []
for (const source of sources) details.push(...(await measure(source)))
console.log('')
for (const line of details) console.log(line)
