import { sql, type RawBuilder } from 'kysely'
import type { Column, Table, TableRef } from '../../schema/schema.js'
import type { Database, KeyPart } from '../dialect.js'
import { ownRows } from '../own-rows.js'

/**
 * The queries `subset` sends to its source, all reads in its read-only connection. A set of keys goes to the source
 * as one parameter that the engine joins (Database.keySet), cast to the key columns' own types so their indexes
 * serve. Rows come back as the driver returns them, columns aliased by position; subset/subset-queries.ts turns them
 * into its key strings.
 */

type Row = Record<string, unknown>

const t = (table: TableRef) => ownRows(table)
const columnList = (columns: readonly string[]) => sql.join(columns.map((c) => sql.id(c)))

const aliased = (columns: readonly string[], prefix: string) =>
  sql.join(columns.map((c, i) => sql`${sql.id(c)} as ${sql.id(`${prefix}${i}`)}`))

/** The condition that a table's `columns` take one of `keys` (see Database.keySet). */
async function keySet(
  source: Database,
  table: Table,
  columns: readonly string[],
  keys: readonly (readonly KeyPart[])[],
): Promise<RawBuilder<unknown>> {
  const typed = columns.map((name) => table.columns.find((c) => c.name === name)!)
  return source.keySet(table, typed, keys)
}

async function rows(source: Database, query: RawBuilder<unknown>): Promise<Row[]> {
  return (await query.execute(source.db)).rows as Row[]
}

/** How a subset's root picks its rows: a user's SQL condition, a seeded sample, the first N by key, or all. */
export type RootSelection =
  | { kind: 'where'; condition: string }
  | { kind: 'percent'; percent: number; seed: number }
  | { kind: 'limit'; rows: number }
  | { kind: 'all' }

/** The key columns (aliased k0, k1, …) of the rows a root selects. */
export async function readRootRows(
  source: Database,
  table: TableRef,
  key: readonly string[],
  root: RootSelection,
): Promise<Row[]> {
  const select = sql`select ${aliased(key, 'k')}`
  let query: RawBuilder<unknown>
  switch (root.kind) {
    case 'where':
      // Checked to be one boolean expression (checkRoot); the parentheses keep it one within this query.
      query = sql`${select} from ${t(table)} where (${sql.raw(root.condition)})`
      break
    case 'percent': {
      const sampled = source.sampledTable(table, 's', root.percent / 100, root.seed, key)
      query = sql`${select} from ${sampled.from} ${sampled.where === null ? sql`` : sql`where ${sampled.where}`}`
      break
    }
    case 'limit':
      query = sql`${select} from ${t(table)} order by ${columnList(key)} limit ${sql.lit(root.rows)}`
      break
    case 'all':
      query = sql`${select} from ${t(table)}`
  }
  return rows(source, query)
}

/**
 * The `columns` (aliased `${prefix}0`, `${prefix}1`, …) of the rows whose `match` columns take one of `keys`; with a
 * `perMatchLimit`, at most that many rows per value of `match`, the first by `order`.
 */
export async function readColumnsWhere(
  source: Database,
  table: Table,
  columns: readonly string[],
  prefix: string,
  match: readonly string[],
  keys: readonly (readonly KeyPart[])[],
  perMatch: { limit: number; order: readonly string[] } | null = null,
): Promise<Row[]> {
  const where = await keySet(source, table, match, keys)
  if (perMatch === null)
    return rows(source, sql`select ${aliased(columns, prefix)} from ${t(table)} where ${where}`)
  // Numbered within each value of `match`, in `order`, so the choice is repeatable.
  const numbered = sql`select ${aliased(columns, prefix)}, row_number() over (partition by ${columnList(match)}
    order by ${columnList(perMatch.order)}) as ${sql.id('dbtwin_n')} from ${t(table)} where ${where}`
  return rows(
    source,
    sql`select * from (${numbered}) x where ${sql.id('dbtwin_n')} <= ${sql.lit(perMatch.limit)}`,
  )
}

/** Whole rows (the given columns, in order, aliased c0, c1, …) for a batch of keys or of foreign-key values. */
export async function readRows(
  source: Database,
  table: Table,
  columns: readonly Column[],
  match: readonly string[],
  keys: readonly (readonly KeyPart[])[],
): Promise<Row[]> {
  const where = await keySet(source, table, match, keys)
  return rows(source, sql`select ${copied(source, columns)} from ${t(table)} where ${where}`)
}

/** Every row of a table (passthrough and reference tables, which are small). */
export async function readAllRows(
  source: Database,
  table: TableRef,
  columns: readonly Column[],
): Promise<Row[]> {
  return rows(source, sql`select ${copied(source, columns)} from ${t(table)}`)
}

/** Columns as copied (aliased c0, c1, …): money as the number it holds, which a MySQL target takes. */
const copied = (source: Database, columns: readonly Column[]) =>
  sql.join(columns.map((c, i) => sql`${source.readValue(c, sql.id(c.name))} as ${sql.id(`c${i}`)}`))
