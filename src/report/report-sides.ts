import type { Database } from '../dialects/dialect.js'
import { readSample } from '../dialects/queries/source-queries.js'
import type { Model } from '../model/model.js'
import type { Column, Table } from '../schema/schema.js'

/** What every per-table comparison reads from: both sides, the model, and how much to sample. */
export interface Sides {
  real: Database | null
  twin: Database
  model: Model | undefined
  maxRows: number
  seed: number
}

/** A source table and where its twin holds it. */
export interface TablePair {
  realTable: Table
  twinTable: Table
}

/** A seeded sample of at most `limit` rows of a table's columns, keyed by column name. */
export async function sampleRows(
  db: Database,
  table: Table,
  columns: readonly Column[],
  rows: number,
  limit: number,
  seed: number,
): Promise<Record<string, unknown>[]> {
  if (columns.length === 0 || rows === 0) return []
  const order = table.primaryKey?.columns ?? [columns[0]!.name]
  const sample = await readSample(db, table, columns, order, { tableRows: rows, limit, seed })
  return sample.map((r) => Object.fromEntries(columns.map((c, i) => [c.name, r[`c${i}`]])))
}

/** A table's own columns of the given names: a twin in another engine has its own types (money became a decimal). */
export function twinColumns(twinTable: Table, columns: readonly Column[]): Column[] {
  return columns.map((c) => twinTable.columns.find((t) => t.name === c.name)!)
}
