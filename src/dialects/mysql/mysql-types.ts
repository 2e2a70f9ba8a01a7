import { postgisShape } from '../../schema/postgis-type.js'
import type { Column, PortableType } from '../../schema/schema.js'

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

const BACKSLASH_ESCAPES: Record<string, string> = { '0': '\0', b: '\b', n: '\n', r: '\r', t: '\t', Z: '\x1a' }

/**
 * The values of an `enum(...)` or `set(...)` COLUMN_TYPE, in declaration order. The server doubles quotes and
 * backslash-escapes backslashes and newlines; both are undone in one pass, so an escaped backslash next to a quote
 * cannot be misread.
 *
 * @example enumValues("enum('a','b''c','d\\\\e')") // ['a', "b'c", 'd\\e']
 */
export function enumValues(columnType: string): string[] {
  const body = /^(?:enum|set)\((.*)\)$/is.exec(columnType)?.[1] ?? ''
  return [...body.matchAll(/'((?:[^'\\]|''|\\.)*)'/gs)].map((m) =>
    (m[1] ?? '').replace(/''|\\(.)/gs, (_pair, escaped: string | undefined) =>
      escaped === undefined ? "'" : (BACKSLASH_ESCAPES[escaped] ?? escaped),
    ),
  )
}

/**
 * The MySQL/MariaDB type for a column that came from another engine. Columns used in keys get a bounded type,
 * because MySQL cannot index unbounded text.
 */
export function mysqlTypeFor(column: Column, inKey: boolean): string {
  const { length, precision, scale } = column
  const text = inKey ? 'varchar(255)' : 'longtext'
  switch (column.type) {
    case 'boolean':
      return 'tinyint(1)'
    case 'smallint':
      return 'smallint'
    case 'integer':
      return 'int'
    case 'bigint':
      return 'bigint'
    case 'decimal':
      return precision === null
        ? 'decimal(38, 10)'
        : `decimal(${Math.min(precision, 65)}, ${Math.min(scale ?? 0, 30)})`
    case 'real':
      return 'float'
    case 'double':
      return 'double'
    case 'char':
      return length === null ? text : `char(${Math.min(length, 255)})`
    case 'varchar':
      return length === null || length > 16_000 ? text : `varchar(${length})`
    case 'date':
      return 'date'
    case 'time':
      return 'time(6)'
    // MySQL's TIMESTAMP ends in 2038: datetime holds any instant, written in UTC.
    case 'timestamp':
    case 'timestamptz':
      return 'datetime(6)'
    case 'year':
      return 'smallint'
    case 'uuid':
      return 'char(36)'
    case 'json':
      return 'json'
    case 'binary':
      return inKey ? 'varbinary(255)' : 'longblob'
    case 'inet':
      return 'varchar(45)'
    case 'geometry':
      return mysqlSpatialType(column) ?? text
    case 'interval':
      return 'varchar(64)'
    default:
      return text
  }
}

const SPATIAL = new Set([
  'GEOMETRY',
  'POINT',
  'LINESTRING',
  'POLYGON',
  'MULTIPOINT',
  'MULTILINESTRING',
  'MULTIPOLYGON',
  'GEOMETRYCOLLECTION',
])

/**
 * MySQL's spatial type for a PostGIS column (`geometry(Polygon,4326)` → `polygon`), or null where there is none:
 * MySQL has no Z or M coordinates and no curves, so those stay text (the EWKT or hex EWKB PostGIS reads back).
 * PostgreSQL's own `point`, `box` … are no PostGIS types and stay text too. The SRID travels with each value.
 */
export function mysqlSpatialType(column: Column): string | null {
  const shape = postgisShape(column.nativeType)
  if (shape === null || shape.dimensions !== '' || !SPATIAL.has(shape.kind)) return null
  return shape.kind.toLowerCase()
}
