import type { Schema, Table } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'

/**
 * Reference tables are copied whole rather than synthesized (issue 17.1): small tables with no personal data that
 * other tables point at — departments, languages, countries, media types. Every subsetter keeps such lookups whole,
 * and a synthesized one invents countries the source does not have. Under 200 rows: pagila's 109 countries and
 * chinook's 25 genres are in, a clinic's 120 patients are people anyway and a 600-row city table is data.
 */
export const REFERENCE_ROWS = 200

/** What a rules file says of one table: `keep` makes it a reference table, `synthesize` never. */
export type ReferenceOverride = 'keep' | 'synthesize'

export interface ReferenceDecision {
  table: string
  reference: boolean
  /** Why, in words `inspect` and `learn` print: the criterion that decided, or the rule that overrode them. */
  reason: string
}

export interface ReferenceInputs {
  /** The table's row count (exact at learn time; the engine's estimate in `inspect`). */
  rows: (id: string) => number
  /** Columns found or ruled as personal data, as `schema.table.column`. */
  personalColumns: Iterable<string>
  /** Per-table overrides from rules files, by `tableName`, with where they were written. */
  overrides?: ReadonlyMap<string, { decision: ReferenceOverride; source: string }>
}

/**
 * Decides, for every table of a schema, whether it is a reference table, and why. A table is one when all hold:
 * another table's foreign key points at it; it has rows, fewer than REFERENCE_ROWS; no column of it holds personal
 * data; no column is binary, bit or geometry (its rows are kept as text in the model file); and each of its own foreign keys points
 * at a reference table (a country under a continent qualifies, a city under a 600-row country table does not), so
 * the keys it keeps point at rows that exist. A rules file's `keep` or `synthesize` overrides all of it.
 *
 * @example referenceTables(schema, { rows: (id) => counts.get(id) ?? 0, personalColumns: [] }).get('public.language')
 * // { table: 'public.language', reference: true, reason: '6 rows, referenced by public.film, no personal data' }
 */
export function referenceTables(
  schema: Pick<Schema, 'tables'>,
  inputs: ReferenceInputs,
): Map<string, ReferenceDecision> {
  const ids = new Set(schema.tables.map(tableName))
  const referencedBy = new Map<string, string[]>()
  for (const t of schema.tables)
    for (const fk of t.foreignKeys) {
      const parent = tableName(fk.references)
      if (parent === tableName(t) || !ids.has(parent)) continue
      const list = referencedBy.get(parent) ?? []
      if (!list.includes(tableName(t))) list.push(tableName(t))
      referencedBy.set(parent, list)
    }
  // Column ids are `schema.table.column` unquoted (see columnId), where tableName quotes `"Chinook"."Customer"`:
  // matched column by column, a MySQL Chinook's customers were once taken for a lookup without personal data.
  const personalIds = new Set(inputs.personalColumns)
  const personal = new Set(
    schema.tables
      .filter((t) => t.columns.some((c) => personalIds.has(`${t.schema}.${t.name}.${c.name}`)))
      .map(tableName),
  )
  const decisions = new Map<string, ReferenceDecision>()
  for (const table of schema.tables) {
    const id = tableName(table)
    const override = inputs.overrides?.get(id)
    if (override !== undefined) {
      decisions.set(id, {
        table: id,
        reference: override.decision === 'keep',
        reason: `${override.decision === 'keep' ? 'kept whole' : 'synthesized'} by the rule at ${override.source}`,
      })
      continue
    }
    decisions.set(id, ownCriteria(table, inputs.rows(id), referencedBy.get(id) ?? [], personal.has(id)))
  }
  // A table whose foreign key points at a table that is not a reference table is not one either, until nothing
  // changes: a kept row must point at a kept row.
  for (let changed = true; changed;) {
    changed = false
    for (const table of schema.tables) {
      const decision = decisions.get(tableName(table))!
      if (!decision.reference || inputs.overrides?.has(tableName(table)) === true) continue
      const parent = table.foreignKeys
        .map((fk) => tableName(fk.references))
        .find((p) => p !== tableName(table) && ids.has(p) && decisions.get(p)?.reference !== true)
      if (parent === undefined) continue
      decisions.set(tableName(table), {
        table: tableName(table),
        reference: false,
        reason: `points at ${parent}, which is not a reference table`,
      })
      changed = true
    }
  }
  return decisions
}

function ownCriteria(
  table: Table,
  rows: number,
  referencedBy: readonly string[],
  personal: boolean,
): ReferenceDecision {
  const id = tableName(table)
  const no = (reason: string) => ({ table: id, reference: false, reason })
  if (referencedBy.length === 0) return no('no other table points at it')
  if (rows === 0) return no('empty')
  if (rows >= REFERENCE_ROWS) return no(`${rows} rows, not fewer than ${REFERENCE_ROWS}`)
  if (personal) return no('a column holds personal data')
  // Bytes (BLOB, MySQL's BIT, geometries as drivers hand them) have no text form every engine reads back.
  const binary = table.columns.find((c) => BYTES.has(c.type) && c.generated === null)
  if (binary !== undefined) return no(`column ${binary.name} is ${binary.type}`)
  const by = referencedBy.length > 2 ? `${referencedBy.slice(0, 2).join(', ')} …` : referencedBy.join(', ')
  return { table: id, reference: true, reason: `${rows} rows, referenced by ${by}, no personal data` }
}

const BYTES = new Set(['binary', 'bit', 'geometry'])

/** The names of the reference tables among decisions. */
export function referenceIds(decisions: ReadonlyMap<string, ReferenceDecision>): Set<string> {
  return new Set([...decisions.values()].filter((d) => d.reference).map((d) => d.table))
}
