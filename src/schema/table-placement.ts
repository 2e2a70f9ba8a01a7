import { createHash } from 'node:crypto'
import { DbtwinError } from '../errors.js'
import type { DialectName, TableRef } from './schema.js'
import { tableName } from './table-name.js'

/**
 * How a source's schemas land on a target that has none (MySQL/MariaDB, where the database is the only namespace).
 * `prefix`: every table becomes `<schema>__<table>`; `merge`: tables keep their bare names, and two of the same
 * name are refused; `auto` (default): `prefix` when the tables written span more than one schema (musicbrainz's
 * `cover_art_archive.art_type` and `event_art_archive.art_type` collided), else `merge`, so a `public`-only
 * source keeps its bare names. A target with schemas (PostgreSQL, PGlite) keeps a PostgreSQL source's schemas,
 * and puts a MySQL source's tables in `public`, whatever the map.
 */
export type SchemaMap = 'auto' | 'prefix' | 'merge'

export const SCHEMA_MAPS: readonly SchemaMap[] = ['auto', 'prefix', 'merge']

/** MySQL's limit on a table or constraint name, in characters. */
export const MYSQL_NAME_LENGTH = 64

export interface PlacementTarget {
  /** The target keeps schemas apart (PostgreSQL, PGlite). */
  schemas: boolean
  /** The database a target without schemas puts every table in. */
  database: string
}

/**
 * Where each source table lands on a target: the one mapping `generate`, `clone`, `subset` and `report` share, so a
 * report finds the twin's tables where the write put them. Fails, naming both tables, when two would land on one.
 *
 * @example
 * const refOf = tablePlacement([{ schema: 'a', name: 't' }, { schema: 'b', name: 't' }], 'postgres',
 *   { schemas: false, database: 'twin' }, 'auto')
 * refOf({ schema: 'b', name: 't' }) // { schema: 'twin', name: 'b__t' }
 */
export function tablePlacement(
  tables: readonly TableRef[],
  source: DialectName,
  target: PlacementTarget,
  map: SchemaMap = 'auto',
): (table: TableRef) => TableRef {
  const refOf = placementOf(tables, source, target, map)
  const seen = new Map<string, string>()
  for (const t of tables) {
    const id = tableName(refOf(t))
    const other = seen.get(id)
    if (other !== undefined) {
      throw new DbtwinError(
        'TARGET_CONFLICT',
        `${other} and ${tableName(t)} would both become ${id}`,
        map === 'merge'
          ? "map schemas with schemaMap: 'prefix' (tables become <schema>__<table>), or write into PostgreSQL, which keeps schemas apart"
          : 'rename one of the two tables in the source, or write into PostgreSQL, which keeps schemas apart',
        {
          data: { tables: [other, tableName(t)] },
          cliFix:
            map === 'merge'
              ? 'pass --schema-map prefix (tables become <schema>__<table>), or write into PostgreSQL, which keeps schemas apart'
              : undefined,
        },
      )
    }
    seen.set(id, tableName(t))
  }
  return refOf
}

function placementOf(
  tables: readonly TableRef[],
  source: DialectName,
  target: PlacementTarget,
  map: SchemaMap,
): (table: TableRef) => TableRef {
  if (target.schemas) {
    const keep = source !== 'mysql'
    return (t) => ({ schema: keep ? t.schema : 'public', name: t.name })
  }
  const prefixed = map === 'prefix' || (map === 'auto' && new Set(tables.map((t) => t.schema)).size > 1)
  return (t) => ({
    schema: target.database,
    name: mysqlName(prefixed ? `${t.schema}__${t.name}` : t.name),
  })
}

/**
 * A name MySQL can hold: one longer than 64 characters keeps its first 55 and a hash of the whole, so two long
 * names that share a beginning stay apart and the same name always shortens the same way.
 */
export function mysqlName(name: string): string {
  const chars = [...name]
  if (chars.length <= MYSQL_NAME_LENGTH) return name
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8)
  return `${chars.slice(0, MYSQL_NAME_LENGTH - 9).join('')}_${hash}`
}
