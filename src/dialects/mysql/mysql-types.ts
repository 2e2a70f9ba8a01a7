import type { PortableType } from '../../schema/schema.js'

const BY_DATA_TYPE: Record<string, PortableType> = {
  tinyint: 'smallint',
  smallint: 'smallint',
  mediumint: 'integer',
  int: 'integer',
  integer: 'integer',
  bigint: 'bigint',
  decimal: 'decimal',
  numeric: 'decimal',
  float: 'real',
  double: 'double',
  real: 'double',
  char: 'char',
  varchar: 'varchar',
  tinytext: 'text',
  text: 'text',
  mediumtext: 'text',
  longtext: 'text',
  enum: 'enum',
  set: 'set',
  date: 'date',
  time: 'time',
  datetime: 'timestamp',
  // MySQL's TIMESTAMP is stored in UTC and shown in the session time zone: a point in time, like timestamptz.
  timestamp: 'timestamptz',
  year: 'year',
  json: 'json',
  binary: 'binary',
  varbinary: 'binary',
  tinyblob: 'binary',
  blob: 'binary',
  mediumblob: 'binary',
  longblob: 'binary',
  bit: 'bit',
  inet4: 'inet',
  inet6: 'inet',
  uuid: 'uuid',
  geometry: 'geometry',
  point: 'geometry',
  linestring: 'geometry',
  polygon: 'geometry',
  multipoint: 'geometry',
  multilinestring: 'geometry',
  multipolygon: 'geometry',
  geometrycollection: 'geometry',
}

/**
 * The portable type of a MySQL/MariaDB column. `tinyint(1)` is MySQL's boolean. Unsigned integers move up one
 * size so every value still fits once the twin lands in an engine without unsigned types.
 */
export function portableType(dataType: string, columnType: string): PortableType {
  const type = dataType.toLowerCase()
  if (type === 'tinyint' && /^tinyint\(1\)/i.test(columnType)) return 'boolean'
  if (/\bunsigned\b/i.test(columnType)) {
    if (type === 'int' || type === 'integer') return 'bigint'
    if (type === 'bigint') return 'decimal'
    if (type === 'smallint' || type === 'mediumint') return 'integer'
  }
  return BY_DATA_TYPE[type] ?? 'unknown'
}

/** The values of `enum('a','b''c')` or `set(...)`, in order, with SQL quote escapes undone. */
export function enumValues(columnType: string): string[] {
  const body = /^(?:enum|set)\((.*)\)$/is.exec(columnType)?.[1] ?? ''
  return [...body.matchAll(/'((?:[^'\\]|''|\\.)*)'/g)].map((m) =>
    (m[1] ?? '').replace(/''/g, "'").replace(/\\(.)/g, '$1'),
  )
}
