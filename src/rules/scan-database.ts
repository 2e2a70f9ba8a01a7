import type { Database } from '../dialects/dialect.js'
import { readAggregates, readSample } from '../dialects/queries/source-queries.js'
import type { Schema, Table } from '../schema/schema.js'
import { detectPii, isPeopleTable, type ColumnContext } from './pii-detect.js'
import type { PiiKind } from '../model/pii-kinds.js'
import { columnId, type ColumnId } from './resolve-rules.js'
import { TEXT_TYPES } from '../schema/type-groups.js'

/** A column that looks like PII, why, and how sure dbtwin is. Never holds a sampled value. */
export interface PiiColumn {
  column: ColumnId
  kind: PiiKind
  /** 0..1: a name alone gives a middling figure; a name and content agreeing give one near 1. */
  confidence: number
  /** Why, in words: which name matched, how many sampled values passed which check. */
  evidence: string[]
}

export interface ScanOptions {
  /** Rows sampled per table for content checks (default 1,000). */
  sampleRows?: number
  seed?: number
  /** Aborting it stops the scan before the next table (it only reads, so there is nothing to undo). */
  signal?: AbortSignal
}

/**
 * Finds the PII columns of a database by name and by a sample of each table's text values, read in the source's
 * read-only connection. The sampled values are checked in memory and dropped; only the verdicts leave.
 */
export async function scanDatabase(
  source: Database,
  schema: Schema,
  options: ScanOptions = {},
  onTable: (table: string, index: number, total: number) => void = () => {},
): Promise<PiiColumn[]> {
  const found: PiiColumn[] = []
  const personal = personalTables(schema)
  for (const [index, table] of schema.tables.entries()) {
    options.signal?.throwIfAborted()
    const samples = await sampleText(source, table, options.sampleRows ?? 1000, options.seed ?? 1)
    const files = await sampleFiles(source, table, options.seed ?? 1)
    const keys = new Set([
      ...(table.primaryKey?.columns ?? []),
      ...table.foreignKeys.flatMap((fk) => fk.columns),
    ])
    const unique = new Set(table.uniques.filter((u) => u.columns.length === 1).map((u) => u.columns[0]))
    for (const column of table.columns) {
      if (column.generated !== null) continue
      const context: ColumnContext = {
        people: isPeopleTable(table.name),
        personal: personal.has(table),
        uniqueAlone: unique.has(column.name) && !keys.has(column.name),
        siblings: table.columns.filter((c) => c !== column).map((c) => c.name),
        files: files.get(column.name) ?? null,
      }
      const finding = detectPii(
        { ...column, key: keys.has(column.name) },
        table.name,
        samples.get(column.name) ?? null,
        context,
      )
      if (finding !== null) found.push({ column: columnId(table, column.name), ...finding })
    }
    onTable(`${table.schema}.${table.name}`, index, schema.tables.length)
  }
  return found
}

/**
 * Tables about people or written by them: people tables, and tables that reference one directly or through one
 * other table (`encounters` → `patients`; `editor_collection_artist` → `editor_collection` → `editor`).
 */
export function personalTables(schema: Schema): Set<Table> {
  const byName = new Map(schema.tables.map((t) => [`${t.schema}.${t.name}`, t]))
  const parents = (t: Table) =>
    t.foreignKeys.flatMap((fk) => byName.get(`${fk.references.schema}.${fk.references.name}`) ?? [])
  const people = new Set(schema.tables.filter((t) => isPeopleTable(t.name)))
  const near = (t: Table) => people.has(t) || parents(t).some((p) => people.has(p))
  return new Set(schema.tables.filter((t) => near(t) || parents(t).some(near)))
}

/** Binary values sampled per table: pictures can be megabytes each, and a few dozen tell what they are. */
const FILE_SAMPLE_ROWS = 40

/** A few values of each binary column, as bytes, for {@link sniffFile}. */
async function sampleFiles(source: Database, table: Table, seed: number): Promise<Map<string, Uint8Array[]>> {
  const columns = table.columns.filter((c) => c.type === 'binary' && c.generated === null)
  if (columns.length === 0) return new Map()
  const order = table.primaryKey?.columns ?? columns.map((c) => c.name)
  const tableRows = (await readAggregates(source, table, [])).rows
  const rows = await readSample(source, table, columns, order, { tableRows, limit: FILE_SAMPLE_ROWS, seed })
  return new Map(
    columns.map((column, i) => [
      column.name,
      rows.flatMap((row) => {
        const value = row[`c${i}`]
        return value instanceof Uint8Array ? [value] : []
      }),
    ]),
  )
}

/** The non-null values of a table's text columns in one sampled read. */
async function sampleText(
  source: Database,
  table: Table,
  limit: number,
  seed: number,
): Promise<Map<string, string[]>> {
  const columns = table.columns.filter((c) => TEXT_TYPES.has(c.type) && c.generated === null)
  if (columns.length === 0) return new Map()
  const order = table.primaryKey?.columns ?? columns.map((c) => c.name)
  // An exact count, not the engine's estimate: estimates differ between copies of one database, and the sample
  // (so the findings recorded in a model) must not.
  const tableRows = (await readAggregates(source, table, [])).rows
  const rows = await readSample(source, table, columns, order, { tableRows, limit, seed })
  return new Map(
    columns.map((column, i) => [
      column.name,
      rows.flatMap((row) => {
        const value = row[`c${i}`]
        return value === null || value === undefined ? [] : [String(value)]
      }),
    ]),
  )
}
