import type { PortableType } from './schema.js'

/** Portable types that hold text of their own (not enums, JSON or binary). */
export const TEXT_TYPES: ReadonlySet<PortableType> = new Set(['char', 'varchar', 'text'])

/** Portable types that hold a calendar date, with or without a time of day. */
export const DATE_TYPES: ReadonlySet<PortableType> = new Set(['date', 'timestamp', 'timestamptz'])

/** Portable types that hold a date or a time of day, or both. */
export const TEMPORAL_TYPES: ReadonlySet<PortableType> = new Set(['date', 'time', 'timestamp', 'timestamptz'])

/** Portable types that hold a number. */
export const NUMBER_TYPES: ReadonlySet<PortableType> = new Set([
  'smallint',
  'integer',
  'bigint',
  'decimal',
  'real',
  'double',
  'year',
])
