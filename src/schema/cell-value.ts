/**
 * One value as generators hand it to writers: already in the text form the engines read, except binary values
 * (bytea, BLOB, BINARY), which stay bytes: each writer encodes them in its engine's own form.
 */
export type CellValue = string | number | boolean | Uint8Array | null

/** A value as text, to compare or hash it: bytes as hex, so that distinct bytes stay distinct. */
export function cellText(value: Exclude<CellValue, null>): string {
  return typeof value === 'object' ? Buffer.from(value).toString('hex') : String(value)
}

/** The values a PostgreSQL float or numeric can hold besides finite numbers, spelled as PostgreSQL prints them. */
export const SPECIAL_NUMBERS = ['NaN', 'Infinity', '-Infinity'] as const
export type SpecialNumber = (typeof SPECIAL_NUMBERS)[number]

/**
 * A value as a driver returns it, in the form writers take. Temporal values, int8 and numeric already arrive as the
 * server prints them; JSON arrives parsed, PostgreSQL arrays as arrays. bytea/BLOB arrive as bytes (a Buffer, or a
 * Uint8Array from PGlite) and stay bytes: a text form could only be one engine's, and MySQL stores `\x…` as text.
 */
export function cellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
  if (typeof value === 'bigint') return String(value)
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace('Z', '')
  if (value instanceof Uint8Array) return value
  if (Array.isArray(value)) return arrayLiteral(value)
  return JSON.stringify(value)
}

/** A PostgreSQL array literal: `{1,2}`, `{"a b","c\"d"}`, `{{1,2},{3,4}}`, NULL elements as NULL. */
function arrayLiteral(items: readonly unknown[]): string {
  const element = (item: unknown): string => {
    if (item === null || item === undefined) return 'NULL'
    if (Array.isArray(item)) return arrayLiteral(item)
    // A bytea[] element in bytea's hex input form; an array literal is PostgreSQL's alone.
    const text =
      item instanceof Uint8Array
        ? `\\x${Buffer.from(item.buffer, item.byteOffset, item.byteLength).toString('hex')}`
        : String(cellValue(item))
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
  }
  return `{${items.map(element).join(',')}}`
}
