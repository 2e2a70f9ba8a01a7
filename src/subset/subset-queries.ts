import { sql, type RawBuilder } from 'kysely'
import { ownRows } from '../dialects/own-rows.js'
import type { Database, KeyPart } from '../dialects/dialect.js'
import type { Column, Table, TableRef } from '../schema/schema.js'
import { cellValue } from './cell-value.js'

/**
 * The queries `subset` sends to its source, all reads in its read-only connection. Keys are kept as text joined by
 * KEY_SEPARATOR (bytes as BYTES_MARK and hex), and a set of them goes to the source as one parameter that the
 * engine joins (Database.keySet), cast to the key columns' own types so their indexes serve.
 */

export const KEY_SEPARATOR = '\u0001'
const BYTES_MARK = '\u0002'

/** The key string of one row's key values, or null when one of them is NULL (such a row references nothing). */
export function keyText(values: readonly unknown[]): string | null {
  const parts: string[] = []
  for (const value of values) {
    const cell = cellValue(value)
    if (cell === null) return null
    parts.push(
      typeof cell === 'object'
        ? BYTES_MARK + Buffer.from(cell.buffer, cell.byteOffset, cell.byteLength).toString('hex')
        : String(cell),
    )
  }
  return parts.join(KEY_SEPARATOR)
}

type Row = Record<string, unknown>

const t = (table: TableRef) => ownRows(table)
const columnList = (columns: readonly string[]) => sql.join(columns.map((c) => sql.id(c)))

/** A key string's parts, bytes back as bytes. */
function keyParts(key: string): KeyPart[] {
  return key
    .split(KEY_SEPARATOR)
    .map((part) => (part.startsWith(BYTES_MARK) ? Buffer.from(part.slice(1), 'hex') : part))
}

/** The condition that a table's `columns` take one of the key strings, as one set (see Database.keySet). */
async function keySet(
  source: Database,
  table: Table,
  columns: readonly string[],
  keys: readonly string[],
): Promise<RawBuilder<unknown>> {
  const typed = columns.map((name) => table.columns.find((c) => c.name === name)!)
  return source.keySet(table, typed, keys.map(keyParts))
}

/** Whether two column lists name the same columns, in any order. */
export const sameColumns = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((c) => b.includes(c))

/** Key strings over `from` columns rewritten in the order of `to` (the same set of columns). */
export function reorderKeys(
  keys: readonly string[],
  from: readonly string[],
  to: readonly string[],
): string[] {
  if (from.every((c, i) => c === to[i])) return [...keys]
  const positions = to.map((c) => from.indexOf(c))
  return keys.map((k) => {
    const parts = k.split(KEY_SEPARATOR)
    return positions.map((p) => parts[p]!).join(KEY_SEPARATOR)
  })
}

/** The key of a row as the subset stores it. */
export function keyOf(row: Row, columns: readonly string[], prefix = ''): string | null {
  return keyText(columns.map((_, i) => row[`${prefix}${i}`]))
}

const aliased = (columns: readonly string[], prefix: string) =>
  sql.join(columns.map((c, i) => sql`${sql.id(c)} as ${sql.id(`${prefix}${i}`)}`))

async function rows(source: Database, query: RawBuilder<unknown>): Promise<Row[]> {
  return (await query.execute(source.db)).rows as Row[]
}

/** Keys of the rows a root selects: a user's SQL condition, a seeded sample, the first N by key, or all. */
export async function readRootKeys(
  source: Database,
  table: TableRef,
  key: readonly string[],
  root:
    | { kind: 'where'; condition: string }
    | { kind: 'percent'; percent: number; seed: number }
    | { kind: 'limit'; rows: number }
    | { kind: 'all' },
): Promise<string[]> {
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
  return (await rows(source, query)).flatMap((r) => keyOf(r, key, 'k') ?? [])
}

/** For a batch of rows by key, the values of several column lists (foreign keys), each as a key string or null. */
export async function readColumnKeys(
  source: Database,
  table: Table,
  key: readonly string[],
  keys: readonly string[],
  lists: readonly (readonly string[])[],
): Promise<(string | null)[][]> {
  const columns = [...new Set(lists.flat())]
  const where = await keySet(source, table, key, keys)
  const result = await rows(source, sql`select ${aliased(columns, 'c')} from ${t(table)} where ${where}`)
  return lists.map((list) => {
    const positions = list.map((c) => columns.indexOf(c))
    return result.map((r) =>
      keyOf(Object.fromEntries(positions.map((p, i) => [`v${i}`, r[`c${p}`]])), list, 'v'),
    )
  })
}

/** Keys of the rows of `table` whose `columns` take one of the given values (a foreign key's lookup). */
export async function readKeysWhere(
  source: Database,
  table: Table,
  key: readonly string[],
  columns: readonly string[],
  values: readonly string[],
  perValueLimit: number | null,
): Promise<string[]> {
  const where = await keySet(source, table, columns, values)
  if (perValueLimit === null) {
    return (await rows(source, sql`select ${aliased(key, 'k')} from ${t(table)} where ${where}`)).flatMap(
      (r) => keyOf(r, key, 'k') ?? [],
    )
  }
  // At most N children per parent: numbered within each parent, in key order, so the choice is repeatable.
  const numbered = sql`select ${aliased(key, 'k')}, row_number() over (partition by ${columnList(columns)}
    order by ${columnList(key)}) as ${sql.id('dbtwin_n')} from ${t(table)} where ${where}`
  return (
    await rows(
      source,
      sql`select * from (${numbered}) x where ${sql.id('dbtwin_n')} <= ${sql.lit(perValueLimit)}`,
    )
  ).flatMap((r) => keyOf(r, key, 'k') ?? [])
}

/** Whole rows (the given columns, in order) for a batch of keys or of foreign-key values. */
export async function readRows(
  source: Database,
  table: Table,
  columns: readonly Column[],
  match: readonly string[],
  values: readonly string[],
): Promise<Row[]> {
  const where = await keySet(source, table, match, values)
  return rows(source, sql`select ${copied(source, columns)} from ${t(table)} where ${where}`)
}

/** Every row of a table (passthrough tables, which are small by the user's word). */
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
