import type { Column } from './schema.js'

/** A PostGIS column type, `geometry(PolygonZ,4326)`, taken apart. */
export interface PostgisShape {
  family: 'geometry' | 'geography'
  /** The geometry type the column holds, in WKT's spelling (`POLYGON`); `GEOMETRY` when any is allowed. */
  kind: string
  /** Coordinates beyond x and y: '' (2D), 'Z', 'M' or 'ZM'. */
  dimensions: '' | 'Z' | 'M' | 'ZM'
  /** 0 when the column states none; a geography's default is 4326 (WGS 84). */
  srid: number
}

/**
 * The PostGIS shape of a native type, or null when it is not `geometry`/`geography` (PostgreSQL's own `point`,
 * `polygon` … are not PostGIS types, and MySQL's `geometry` column types are read as themselves).
 *
 * @example postgisShape('geometry(PolygonZ,4326)') // { family: 'geometry', kind: 'POLYGON', dimensions: 'Z', srid: 4326 }
 */
export function postgisShape(nativeType: string): PostgisShape | null {
  const match = /^(geometry|geography)(?:\(\s*([A-Za-z]+?)(ZM|Z|M)?\s*(?:,\s*(-?\d+)\s*)?\))?$/i.exec(
    nativeType.trim(),
  )
  if (match === null) return null
  const family = match[1]!.toLowerCase() as PostgisShape['family']
  const dimensions = (match[3]?.toUpperCase() ?? '') as PostgisShape['dimensions']
  const srid = match[4] === undefined ? (family === 'geography' ? 4326 : 0) : Number(match[4])
  return { family, kind: (match[2] ?? 'GEOMETRY').toUpperCase(), dimensions, srid }
}

/** The smallest valid value of each WKT type, in two dimensions. */
const SMALLEST: Record<string, string> = {
  POINT: 'POINT(0 0)',
  LINESTRING: 'LINESTRING(0 0,0 1)',
  POLYGON: 'POLYGON((0 0,1 0,1 1,0 0))',
  MULTIPOINT: 'MULTIPOINT((0 0))',
  MULTILINESTRING: 'MULTILINESTRING((0 0,0 1))',
  MULTIPOLYGON: 'MULTIPOLYGON(((0 0,1 0,1 1,0 0)))',
  GEOMETRYCOLLECTION: 'GEOMETRYCOLLECTION(POINT(0 0))',
}

/**
 * PostgreSQL's own geometric types, in their own text form for a PostgreSQL target; elsewhere they are text, and
 * WKT does as well (MySQL's `point`, spelled alike, needs WKT).
 */
const BUILT_IN: Record<string, string> = {
  point: '(0,0)',
  line: '{1,-1,0}',
  lseg: '[(0,0),(1,1)]',
  box: '(1,1),(0,0)',
  path: '((0,0),(1,1))',
  polygon: '((0,0),(1,0),(1,1))',
  circle: '<(0,0),1>',
}

/**
 * A value every target of a NOT NULL geometry column takes where nothing was learned about it: the smallest
 * geometry of the column's kind, as EWKT (`SRID=4326;POLYGON((0 0,1 0,1 1,0 0))`), which PostGIS reads, MySQL
 * reads once the SRID is split off (the MySQL writer does that), and a text column keeps as it is.
 */
export function smallestGeometry(column: Column, family: 'postgres' | 'mysql'): string {
  const shape = postgisShape(column.nativeType)
  if (shape === null && family === 'postgres') {
    const builtIn = BUILT_IN[column.nativeType.toLowerCase()]
    if (builtIn !== undefined) return builtIn
  }
  // MySQL's column types (point, polygon, geometry …) name the WKT type themselves.
  const kind = shape?.kind ?? column.nativeType.toUpperCase()
  const extra = { '': '', Z: ' 0', M: ' 0', ZM: ' 0 0' }[shape?.dimensions ?? '']
  const template = SMALLEST[kind] ?? SMALLEST['POINT']!
  const wkt = template
    .replace(/(\d) (\d)/g, `$1 $2${extra}`)
    .replace('(', shape === null || shape.dimensions === '' ? '(' : ` ${shape.dimensions} (`)
  return shape !== null && shape.srid > 0 ? `SRID=${shape.srid};${wkt}` : wkt
}

const EWKB_SRID = 0x20000000
const EWKB_Z = 0x80000000
const EWKB_M = 0x40000000

/**
 * A 2D geometry in PostGIS's text form (hex EWKB, what PostgreSQL prints for a geometry) as plain WKB and its SRID,
 * which is what other engines read (MySQL: ST_GeomFromWKB). Null for anything else, or for Z or M coordinates.
 *
 * @example ewkbToWkb('0101000020E6100000000000000000F03F0000000000000040') // { wkb: <01 01000000 …>, srid: 4326 }
 */
export function ewkbToWkb(hex: string): { wkb: Buffer; srid: number } | null {
  if (hex.length < 10 || hex.length % 2 !== 0 || !/^[0-9A-Fa-f]+$/.test(hex)) return null
  const bytes = Buffer.from(hex, 'hex')
  const little = bytes[0] === 1
  if (!little && bytes[0] !== 0) return null
  const type = little ? bytes.readUInt32LE(1) : bytes.readUInt32BE(1)
  if ((type & (EWKB_Z | EWKB_M)) !== 0) return null
  if ((type & EWKB_SRID) === 0) return { wkb: bytes, srid: 0 }
  if (bytes.length < 9) return null
  const srid = little ? bytes.readUInt32LE(5) : bytes.readUInt32BE(5)
  const head = Buffer.alloc(5)
  head[0] = bytes[0]!
  if (little) head.writeUInt32LE(type & 0x0fffffff, 1)
  else head.writeUInt32BE(type & 0x0fffffff, 1)
  return { wkb: Buffer.concat([head, bytes.subarray(9)]), srid }
}
