import type { ReferenceOverride } from '../model/reference-tables.js'
import type { Schema } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'
import type { TableRule } from './rule-file.js'

/** What the table rules say of a schema's tables, by `tableName`. */
export interface ResolvedTableRules {
  overrides: Map<string, { decision: ReferenceOverride; source: string }>
  /** Tables marked `public: true`: a reference table among them is copied whole under --epsilon too. */
  public: Set<string>
}

/**
 * Matches table rules to a schema's tables: `schema.table` (as written or as `tableName` prints it) or the bare
 * table name. A rule naming the schema beats one that does not; among equals, the later rule wins, as a file
 * included first is overridden by the one including it.
 */
export function resolveTableRules(
  schema: Pick<Schema, 'tables'>,
  rules: readonly TableRule[],
): ResolvedTableRules {
  const overrides: ResolvedTableRules['overrides'] = new Map()
  const publicTables = new Set<string>()
  for (const table of schema.tables) {
    const id = tableName(table)
    const matching = rules.filter((r) => r.table === id || r.table === `${table.schema}.${table.name}`)
    const bare = rules.filter((r) => r.table === table.name)
    const ordered = [...[...matching].reverse(), ...[...bare].reverse()]
    const reference = ordered.find((r) => r.reference !== null)
    const publicRule = ordered.find((r) => r.public !== null)
    if (reference?.reference != null)
      overrides.set(id, { decision: reference.reference, source: reference.source })
    if (publicRule?.public === true) publicTables.add(id)
  }
  return { overrides, public: publicTables }
}
