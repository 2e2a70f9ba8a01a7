import type { Column, PortableType } from '../../schema/schema.js'

const BY_TYPE_NAME: Record<string, PortableType> = {
  bool: 'boolean',
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  numeric: 'decimal',
  money: 'decimal',
  float4: 'real',
  float8: 'double',
  bpchar: 'char',
  char: 'char',
  varchar: 'varchar',
  text: 'text',
  name: 'varchar',
  citext: 'text',
  date: 'date',
  time: 'time',
  timetz: 'time',
  timestamp: 'timestamp',
  timestamptz: 'timestamptz',
  interval: 'interval',
  uuid: 'uuid',
  json: 'json',
  jsonb: 'json',
  bytea: 'binary',
  bit: 'bit',
  varbit: 'bit',
  inet: 'inet',
  cidr: 'inet',
  point: 'geometry',
  line: 'geometry',
  lseg: 'geometry',
  box: 'geometry',
  path: 'geometry',
  polygon: 'geometry',
  circle: 'geometry',
  geometry: 'geometry',
  geography: 'geometry',
}

/** The portable type of a PostgreSQL base type (domains resolved to their base type beforehand). */
export function portableType(typeName: string, typeKind: string): PortableType {
  if (typeKind === 'e') return 'enum'
  return BY_TYPE_NAME[typeName] ?? 'unknown'
}

/** Width and precision packed into PostgreSQL's type modifier (atttypmod), per the type's own encoding. */
export function typeSize(
  type: PortableType,
  typmod: number,
): { length: number | null; precision: number | null; scale: number | null } {
  const none = { length: null, precision: null, scale: null }
  if (typmod < 0) return none
  switch (type) {
    case 'char':
    case 'varchar':
      // VARHDRSZ (4) is stored with the declared length.
      return { ...none, length: typmod - 4 }
    case 'decimal':
      return { length: null, precision: ((typmod - 4) >> 16) & 0xffff, scale: (typmod - 4) & 0xffff }
    case 'bit':
      return { ...none, length: typmod }
    case 'time':
    case 'timestamp':
    case 'timestamptz':
      return { ...none, precision: typmod }
    default:
      return none
  }
}

/**
 * The PostgreSQL type for a column that came from another engine (MySQL: PostgreSQL and PGlite models keep their
 * native types), from its portable type and sizes.
 */
export function postgresTypeFor(column: Column): string {
  const { length, precision, scale } = column
  switch (column.type) {
    case 'boolean':
      return 'boolean'
    case 'smallint':
    case 'year':
      return 'smallint'
    case 'integer':
      return 'integer'
    case 'bigint':
      return 'bigint'
    case 'decimal':
      return precision === null ? 'numeric' : `numeric(${precision}, ${scale ?? 0})`
    case 'real':
      return 'real'
    case 'double':
      return 'double precision'
    case 'char':
      return length === null ? 'text' : `char(${length})`
    case 'varchar':
      return length === null ? 'text' : `varchar(${length})`
    // A MySQL TIME is as often a duration (-838:59:59 to 838:59:59) as a time of day: an interval holds both.
    case 'time':
      return 'interval'
    case 'date':
    case 'timestamp':
    case 'timestamptz':
    case 'interval':
    case 'uuid':
    case 'inet':
      return column.type
    case 'json':
      return 'jsonb'
    case 'binary':
      return 'bytea'
    case 'bit':
      return length === null ? 'bit varying' : `bit varying(${length})`
    default:
      // text, set, geometry, array, unknown: text keeps every value readable.
      return 'text'
  }
}
