import type { Schema } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'
import { rootTables } from './root-rows.js'

/**
 * Lookup tables keep their size under `--scale`: a table without parents that other tables reference, that holds
 * no personal data and has fewer rows than this (languages, countries, categories, statuses). A tenth of pagila
 * keeps its 6 languages and 16 categories rather than 1 and 2; a clinic's 120 patients are people, not a lookup,
 * and scale like every other table.
 */
export const LOOKUP_ROWS = 200

/**
 * The lookup tables of a schema (see LOOKUP_ROWS), by `tableName`, given each table's row count in the source and
 * the columns found to hold personal data (`schema.table.column`).
 */
export function lookupTables(
  schema: Pick<Schema, 'tables'>,
  sourceRows: (id: string) => number,
  personalColumns: Iterable<string>,
): Set<string> {
  const referenced = new Set(
    schema.tables.flatMap((t) =>
      t.foreignKeys.map((fk) => tableName(fk.references)).filter((parent) => parent !== tableName(t)),
    ),
  )
  // Column ids are unquoted (see columnId), table ids quoted where needed (`"Chinook"."Customer"`): compared per
  // column, or MySQL Chinook's 59 customers kept their count at any scale.
  const personalIds = new Set(personalColumns)
  const personal = new Set(
    schema.tables
      .filter((t) => t.columns.some((c) => personalIds.has(`${t.schema}.${t.name}.${c.name}`)))
      .map(tableName),
  )
  return new Set(
    rootTables(schema)
      .map(tableName)
      .filter((id) => referenced.has(id) && !personal.has(id) && sourceRows(id) < LOOKUP_ROWS),
  )
}

/**
 * A twin table's row count at `scale`: the source's × scale (a lookup table's unchanged), at least one row where
 * the source has any, so that no foreign key is left without a parent.
 */
export function scaledRows(sourceRows: number, scale: number, lookup: boolean): number {
  return lookup ? sourceRows : Math.max(Math.min(sourceRows, 1), Math.round(sourceRows * scale))
}
