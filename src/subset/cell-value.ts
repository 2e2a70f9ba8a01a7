import type { CellValue } from '../dialects/twin-target.js'

/**
 * A value as a driver returns it, in the text form writers take. Temporal values, int8 and numeric already arrive as
 * the server prints them; JSON arrives parsed, bytea/BLOB as a Buffer, PostgreSQL arrays as arrays.
 */
export function cellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
  if (typeof value === 'bigint') return String(value)
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace('Z', '')
  // PostgreSQL's hex form of bytea, which COPY reads back.
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`
  if (Array.isArray(value)) return arrayLiteral(value)
  return JSON.stringify(value)
}

/** A PostgreSQL array literal: `{1,2}`, `{"a b","c\"d"}`, `{{1,2},{3,4}}`, NULL elements as NULL. */
function arrayLiteral(items: readonly unknown[]): string {
  const element = (item: unknown): string => {
    if (item === null || item === undefined) return 'NULL'
    if (Array.isArray(item)) return arrayLiteral(item)
    const text = String(cellValue(item))
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
  }
  return `{${items.map(element).join(',')}}`
}
