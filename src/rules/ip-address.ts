import type { CellValue } from '../schema/cell-value.js'
import type { Column } from '../schema/schema.js'

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/

/** The four bytes of a dotted IPv4 address, or null when it is none. */
function ipv4Bytes(text: string): number[] | null {
  const parts = IPV4.exec(text)?.slice(1).map(Number)
  return parts === undefined || parts.some((p) => p > 255) ? null : parts
}

/**
 * Whether a column can hold this fake address (a faker internet.ip/ipv4/ipv6 value): text and `inet`/`cidr` take
 * its text; a bigint (MySQL's INET_ATON form) and bytes (INET6_ATON's VARBINARY(16), 4 bytes for IPv4) take an
 * IPv4 address as ipAddressFor converts it.
 */
export function ipColumnTakes(column: Column, sample: string): boolean {
  const v4 = ipv4Bytes(sample) !== null
  const ip = v4 || (sample.includes(':') && /^[0-9a-f:.]+$/i.test(sample))
  if (!ip) return false
  if (column.type === 'inet') return true
  return v4 && (column.type === 'bigint' || column.type === 'binary')
}

/**
 * A fake IPv4 address in the form its column stores one: a number for a bigint, bytes for a binary column (as
 * INET6_ATON writes them), the text for the rest. Anything else comes back unchanged.
 *
 * @example ipAddressFor('10.0.0.1', bigintColumn) // 167772161
 */
export function ipAddressFor(text: string, column: Column): CellValue {
  if (column.type !== 'bigint' && column.type !== 'binary') return text
  const bytes = ipv4Bytes(text)
  if (bytes === null) return text
  if (column.type === 'binary') return Uint8Array.from(bytes)
  return bytes.reduce((n, b) => n * 256 + b, 0)
}
