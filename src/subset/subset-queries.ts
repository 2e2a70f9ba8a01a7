import type { Database, KeyPart } from '../dialects/dialect.js'
import {
  readColumnsWhere,
  readRootRows,
  readRows as readRowsByParts,
  type RootSelection,
} from '../dialects/queries/subset-queries.js'
import type { Column, Table, TableRef } from '../schema/schema.js'
import { cellValue } from '../schema/cell-value.js'

/**
 * The reads `subset` makes of its source (dialects/queries/subset-queries.ts), in the subset's terms: keys are kept
 * as text joined by KEY_SEPARATOR (bytes as BYTES_MARK and hex), and go to the source as their parts.
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

/** A key string's parts, bytes back as bytes. */
function keyParts(key: string): KeyPart[] {
  return key
    .split(KEY_SEPARATOR)
    .map((part) => (part.startsWith(BYTES_MARK) ? Buffer.from(part.slice(1), 'hex') : part))
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

/** Keys of the rows a root selects: a user's SQL condition, a seeded sample, the first N by key, or all. */
export async function readRootKeys(
  source: Database,
  table: TableRef,
  key: readonly string[],
  root: RootSelection,
): Promise<string[]> {
  return (await readRootRows(source, table, key, root)).flatMap((r) => keyOf(r, key, 'k') ?? [])
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
  const result = await readColumnsWhere(source, table, columns, 'c', key, keys.map(keyParts))
  return lists.map((list) => {
    const positions = list.map((c) => columns.indexOf(c))
    return result.map((r) =>
      keyOf(Object.fromEntries(positions.map((p, i) => [`v${i}`, r[`c${p}`]])), list, 'v'),
    )
  })
}

/**
 * Keys of the rows of `table` whose `columns` take one of the given values (a foreign key's lookup); with a
 * `perValueLimit`, at most that many children per parent, the first in key order.
 */
export async function readKeysWhere(
  source: Database,
  table: Table,
  key: readonly string[],
  columns: readonly string[],
  values: readonly string[],
  perValueLimit: number | null,
): Promise<string[]> {
  const perMatch = perValueLimit === null ? null : { limit: perValueLimit, order: key }
  const result = await readColumnsWhere(source, table, key, 'k', columns, values.map(keyParts), perMatch)
  return result.flatMap((r) => keyOf(r, key, 'k') ?? [])
}

/** Whole rows (the given columns, in order) for a batch of keys or of foreign-key values. */
export async function readRows(
  source: Database,
  table: Table,
  columns: readonly Column[],
  match: readonly string[],
  values: readonly string[],
): Promise<Row[]> {
  return readRowsByParts(source, table, columns, match, values.map(keyParts))
}
