import type { Database } from '../dialects/dialect.js'
import { readAggregates, readSample } from '../learn/source-queries.js'
import type { Schema, Table } from '../schema/schema.js'
import { detectPii } from './pii-detect.js'
import type { PiiKind } from './pii-kinds.js'
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
  for (const [index, table] of schema.tables.entries()) {
    const samples = await sampleText(source, table, options.sampleRows ?? 1000, options.seed ?? 1)
    for (const column of table.columns) {
      if (column.generated !== null) continue
      const key =
        (table.primaryKey?.columns.includes(column.name) ?? false) ||
        table.foreignKeys.some((fk) => fk.columns.includes(column.name))
      const finding = detectPii({ ...column, key }, table.name, samples.get(column.name) ?? null)
      if (finding !== null) found.push({ column: columnId(table, column.name), ...finding })
    }
    onTable(`${table.schema}.${table.name}`, index, schema.tables.length)
  }
  return found
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
