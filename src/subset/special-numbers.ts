import type { CellValue } from '../dialects/twin-target.js'
import type { Column } from '../schema/schema.js'

const NUMBER_TYPES = new Set(['decimal', 'real', 'double'])
const SPECIAL_TEXT = new Set(['NaN', 'Infinity', '-Infinity'])

/**
 * MySQL has no NaN or ±Infinity, which PostgreSQL floats (and numerics, since 14) hold: a subset of such a row
 * into MySQL failed the whole write (issue 14). Each is written as NULL where the column allows it, else as 0, and
 * counted for the one line that says so. `fix` rewrites one row's cells in place; null when no column can hold one.
 */
export function specialNumbersForMysql(columns: readonly Column[]): {
  fix(cells: CellValue[]): void
  /** "table.column: n as NULL" parts for the columns that had any. */
  summary(table: string): string[]
} | null {
  const positions = columns.flatMap((c, i) => (NUMBER_TYPES.has(c.type) ? [i] : []))
  if (positions.length === 0) return null
  const counts = new Map<number, number>()
  return {
    fix(cells) {
      for (const i of positions) {
        const v = cells[i]
        const special =
          typeof v === 'number' ? !Number.isFinite(v) : typeof v === 'string' && SPECIAL_TEXT.has(v)
        if (!special) continue
        cells[i] = columns[i]!.nullable ? null : 0
        counts.set(i, (counts.get(i) ?? 0) + 1)
      }
    },
    summary: (table) =>
      [...counts].map(
        ([i, n]) => `${table}.${columns[i]!.name}: ${n} as ${columns[i]!.nullable ? 'NULL' : '0'}`,
      ),
  }
}
