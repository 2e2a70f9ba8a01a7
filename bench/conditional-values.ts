/**
 * Numbers given a category, functional dependencies and differences (issue 17.5, 17.6) on real databases: learns
 * each source, generates a twin into a scratch database beside it, and prints per pair found the source's statistic
 * and the twin's — per-category medians, the share of rows keeping a dependency, the mean log of a difference.
 * Sources are only read; each twin is dropped afterwards.
 *
 *   node --import tsx bench/conditional-values.ts postgres://postgres@127.0.0.1:5432/pagila mysql://root@127.0.0.1:3306/employee
 */
import { sql } from 'kysely'
import type { Database } from '../src/dialects/dialect.js'
import { openDatabase } from '../src/dialects/open-database.js'
import { learn } from '../src/learn/learn.js'
import type { Model, TableModel } from '../src/model/model.js'
import type { Table } from '../src/schema/schema.js'
import { tableName } from '../src/schema/table-name.js'
import { generate } from '../src/write/generate-into-target.js'

const PREFIX = process.env['TWIN_PREFIX'] ?? 'conditional_bench_'
/** Rows read per table to measure: enough for medians, small enough for employee's 2.8M salaries. */
const READ_ROWS = 200_000

type Row = Record<string, unknown>

const numberOf = (v: unknown): number | null => {
  if (v === null || v === undefined) return null
  if (v instanceof Date) return v.getTime() / 1000
  const n = Number(v)
  if (Number.isFinite(n)) return n
  // PostgreSQL prints an offset as +00, which Date.parse reads only as +00:00.
  const text = String(v)
    .replace(' ', 'T')
    .replace(/(T[^+-]*[+-]\d\d)$/, '$1:00')
  const ms = Date.parse(/[zZ]|[+-]\d\d(:?\d\d)?$/.test(text) || text.length <= 10 ? text : `${text}Z`)
  return Number.isNaN(ms) ? null : ms / 1000
}

async function readRows(db: Database, table: Table, columns: string[]): Promise<Row[]> {
  const ref = db.ddl.schemas ? sql.id(table.schema, table.name) : sql.id(table.name)
  const list = sql.join(columns.map((c) => sql.id(c)))
  return (await sql<Row>`select ${list} from ${ref} limit ${sql.lit(READ_ROWS)}`.execute(db.db)).rows
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted.length === 0 ? NaN : sorted[sorted.length >> 1]!
}

const fmt = (n: number) =>
  Math.abs(n) >= 1000 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toPrecision(3)

async function measure(model: Model, table: TableModel, source: Database, twin: Database): Promise<string[]> {
  const schemaTable = model.schema.tables.find((t) => tableName(t) === table.table)!
  const twinTable = (await twin.introspect()).tables.find((t) => t.name === schemaTable.name)!
  const lines: string[] = []
  const both = async (columns: string[]) =>
    [await readRows(source, schemaTable, columns), await readRows(twin, twinTable, columns)] as const

  for (const n of table.numericCells ?? []) {
    const [real, fake] = await both([n.given, n.column])
    const medians = (rows: Row[]) => {
      const by = new Map<string, number[]>()
      for (const r of rows) {
        const v = numberOf(r[n.column])
        if (v === null || r[n.given] === null) continue
        const key = String(r[n.given])
        by.set(key, [...(by.get(key) ?? []), v])
      }
      return new Map([...by].map(([k, v]) => [k, { median: median(v), rows: v.length }]))
    }
    const a = medians(real)
    const b = medians(fake)
    const top = [...a].sort((x, y) => y[1].rows - x[1].rows).slice(0, 5)
    const errors = [...a].flatMap(([k, v]) => {
      const t = b.get(k)
      return t === undefined || v.median === 0 ? [] : [Math.abs(t.median / v.median - 1)]
    })
    lines.push(
      `  ${table.table}: ${n.column} given ${n.given} (η² ${n.eta2}, ${n.cells.length} cells): median |twin/source − 1| of per-value medians ${(100 * median(errors)).toFixed(1)}%`,
      ...top.map(
        ([k, v]) => `      ${k}: source ${fmt(v.median)}, twin ${b.has(k) ? fmt(b.get(k)!.median) : '—'}`,
      ),
    )
  }

  for (const f of table.functionalDependencies ?? []) {
    const [real, fake] = await both([f.determinant, f.dependent])
    const pairs = new Map(f.pairs.map((p) => [String(p.value), String(p.determined)]))
    const kept = (rows: Row[]) => {
      const covered = rows.filter((r) => r[f.dependent] !== null && pairs.has(String(r[f.determinant])))
      const same = covered.filter((r) => String(r[f.dependent]) === pairs.get(String(r[f.determinant])))
      return `${same.length}/${covered.length}`
    }
    lines.push(
      `  ${table.table}: ${f.determinant} → ${f.dependent} (${f.pairs.length} pairs): rows keeping it, source ${kept(real)}, twin ${kept(fake)}`,
    )
  }

  for (const d of table.differences ?? []) {
    const [real, fake] = await both([d.from, d.to])
    const temporal = table.columns.find((c) => c.name === d.to)?.kind === 'temporal'
    const date = (name: string) => schemaTable.columns.find((c) => c.name === name)?.type === 'date'
    const stats = (rows: Row[]) => {
      const diffs = rows.flatMap((r) => {
        const a = numberOf(r[d.from])
        const b = numberOf(r[d.to])
        return a === null || b === null ? [] : [b - a]
      })
      // Dates as days, other times as hours, numbers as they are.
      const unit = temporal ? (date(d.from) && date(d.to) ? 86_400 : 3600) : 1
      const positive = diffs.filter((x) => x > 0).map((x) => x / unit)
      return {
        meanLog: positive.reduce((s, x) => s + Math.log(x), 0) / positive.length,
        median: median(diffs.map((x) => x / unit)),
        open: rows.filter((r) => r[d.to] === null).length / Math.max(1, rows.length),
        negative: diffs.filter((x) => x < 0).length,
        unit: temporal ? (unit === 86_400 ? 'days' : 'hours') : 'units',
      }
    }
    const s = stats(real)
    const t = stats(fake)
    lines.push(
      `  ${table.table}: ${d.to} − ${d.from} (${s.unit}): mean log ${fmt(s.meanLog)} vs twin ${fmt(t.meanLog)}; median ${fmt(s.median)} vs ${fmt(t.median)}; NULL ${(100 * s.open).toFixed(1)}% vs ${(100 * t.open).toFixed(1)}%; negative in twin ${t.negative}`,
    )
  }
  return lines
}

async function withScratchDatabase<T>(sourceUrl: string, work: (url: string) => Promise<T>): Promise<T> {
  const url = new URL(sourceUrl)
  const name = `${PREFIX}${url.pathname.slice(1)}`
  const admin = new URL(sourceUrl)
  admin.pathname = url.protocol.startsWith('postgres') ? '/postgres' : '/mysql'
  const server = await openDatabase(admin.href)
  const drop = () => sql`drop database if exists ${sql.id(name)}`.execute(server.db)
  try {
    await drop()
    await sql`create database ${sql.id(name)}`.execute(server.db)
    url.pathname = `/${name}`
    return await work(url.href)
  } finally {
    await drop()
    await server.close()
  }
}

for (const sourceUrl of process.argv.slice(2)) {
  const model = await learn(sourceUrl, { seed: 1 })
  console.log(`${sourceUrl.replace(/\/\/[^@]*@/, '//')}`)
  await withScratchDatabase(sourceUrl, async (twinUrl) => {
    await generate(model, twinUrl, { seed: 1 })
    const source = await openDatabase(sourceUrl, { readOnly: true })
    const twin = await openDatabase(twinUrl, { readOnly: true })
    try {
      for (const table of model.tables) {
        for (const line of await measure(model, table, source, twin)) console.log(line)
      }
    } finally {
      await source.close()
      await twin.close()
    }
  })
}
