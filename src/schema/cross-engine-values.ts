import type { CellValue } from './cell-value.js'
import type { Column } from './schema.js'

type Family = 'postgres' | 'mysql'

/** How one cell becomes a value the target holds, and what to call the change in the summary line. */
interface Translation {
  /** The cell as the target holds it; `undefined` when it needs no change. */
  (value: CellValue, column: Column): { value: CellValue; as: string } | undefined
}

const SPECIAL_NUMBERS = new Set(['NaN', 'Infinity', '-Infinity'])
/** MySQL's DATETIME ends here; PostgreSQL's infinity is written as its last instant. */
const MYSQL_LAST = { date: '9999-12-31', time: '23:59:59.999999' }
const MYSQL_FIRST = { date: '0001-01-01', time: '00:00:00' }

/** NaN and ±Infinity, which MySQL has not: NULL where the column allows it, else 0 (issue 14). */
const specialNumber: Translation = (v, c) => {
  const special =
    typeof v === 'number' ? !Number.isFinite(v) : typeof v === 'string' && SPECIAL_NUMBERS.has(v)
  if (!special) return undefined
  return c.nullable
    ? { value: null, as: 'NULL (NaN or ±Infinity)' }
    : { value: 0, as: '0 (NaN or ±Infinity)' }
}

/**
 * PostgreSQL's infinity, -infinity and BC dates, which MySQL's DATE and DATETIME cannot hold: the ends of MySQL's
 * range (9999-12-31 23:59:59.999999, 0001-01-01), so an open-ended `valid_to` stays the latest value.
 */
const infiniteDate: Translation = (v, c) => {
  if (typeof v !== 'string') return undefined
  const end = v === 'infinity' ? MYSQL_LAST : v === '-infinity' || / BC$/.test(v) ? MYSQL_FIRST : null
  if (end === null) return undefined
  const value = c.type === 'date' ? end.date : `${end.date} ${end.time}`
  return { value, as: `${value} (${v === 'infinity' || v === '-infinity' ? v : 'BC'})` }
}

/** A time with a zone (timetz, 04:05:06+02) as the time of day in UTC, as instants are written into MySQL. */
const zonedTime: Translation = (v) => {
  if (typeof v !== 'string') return undefined
  const m = /^(\d\d):(\d\d):(\d\d)(\.\d+)?([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?$/.exec(v)
  if (m === null) return undefined
  const offset = (m[5] === '-' ? -1 : 1) * (Number(m[6]) * 3600 + Number(m[7] ?? 0) * 60 + Number(m[8] ?? 0))
  const seconds =
    (((Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) - offset) % 86_400) + 86_400) % 86_400
  const two = (n: number) => String(n).padStart(2, '0')
  const value = `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}${m[4] ?? ''}`
  return { value, as: 'the time of day in UTC' }
}

/** MySQL's zero date (0000-00-00, or a zero month or day), which PostgreSQL has not: NULL, else 0001-01-01. */
const zeroDate: Translation = (v, c) => {
  if (typeof v !== 'string' || !/^(0000-|\d{4}-00-|\d{4}-\d\d-00)/.test(v)) return undefined
  if (c.nullable) return { value: null, as: 'NULL (zero date)' }
  const value = c.type === 'date' ? MYSQL_FIRST.date : `${MYSQL_FIRST.date} ${MYSQL_FIRST.time}`
  return { value, as: `${value} (zero date)` }
}

/** A MySQL BIT(n) arrives as bytes: PostgreSQL's bit varying takes it as its n bits, 0s and 1s. */
const bitString: Translation = (v, c) => {
  if (typeof v !== 'object' || v === null) return undefined
  const bits = [...v].map((byte) => byte.toString(2).padStart(8, '0')).join('')
  const n = Number(/\((\d+)\)/.exec(c.nativeType)?.[1] ?? bits.length)
  return { value: bits.slice(Math.max(0, bits.length - n)).padStart(n, '0'), as: '' }
}

function translationsFor(column: Column, source: Family, target: Family): Translation[] {
  if (source === target) return []
  if (target === 'mysql') {
    if (column.type === 'decimal' || column.type === 'real' || column.type === 'double')
      return [specialNumber]
    if (column.type === 'date' || column.type === 'timestamp' || column.type === 'timestamptz')
      return [infiniteDate]
    if (column.type === 'time') return [zonedTime]
    return []
  }
  if (column.type === 'date' || column.type === 'timestamp' || column.type === 'timestamptz')
    return [zeroDate]
  if (column.type === 'bit') return [bitString]
  return []
}

/**
 * What a subset's cells become when they cross engines, where the target cannot hold them as they are: each
 * translation is counted per column for the one line that says so (`summary`). Null when no column needs one.
 * Floats and numerics keep to issue 14's rule (NULL, or 0 under NOT NULL); see docs/across-engines.md.
 */
export function crossEngineValues(
  columns: readonly Column[],
  source: Family,
  target: Family,
): { fix(cells: CellValue[]): void; summary(table: string): string[] } | null {
  const plans = columns.flatMap((c, i) => {
    const translations = translationsFor(c, source, target)
    return translations.length === 0 ? [] : [{ i, c, translations }]
  })
  if (plans.length === 0) return null
  const counts = new Map<string, number>()
  return {
    fix(cells) {
      for (const { i, c, translations } of plans) {
        const v = cells[i]
        if (v === null || v === undefined) continue
        for (const translate of translations) {
          const done = translate(v, c)
          if (done === undefined) continue
          cells[i] = done.value
          // A bit string is a change of spelling, not of value: nothing to tell.
          if (done.as !== '')
            counts.set(`${c.name}\u0000${done.as}`, (counts.get(`${c.name}\u0000${done.as}`) ?? 0) + 1)
          break
        }
      }
    },
    summary: (table) =>
      [...counts].map(([key, n]) => {
        const [name, as] = key.split('\u0000')
        return `${table}.${name}: ${n} as ${as}`
      }),
  }
}
