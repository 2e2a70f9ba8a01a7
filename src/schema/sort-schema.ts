import type { Table } from './schema.js'

function byName(a: { schema?: string; name: string }, b: { schema?: string; name: string }): number {
  return (a.schema ?? '').localeCompare(b.schema ?? '') || a.name.localeCompare(b.name)
}

/**
 * Tables by schema and name, and each table's keys, FKs and checks by name: introspection's output order, so the
 * same database always gives the same schema file whatever order the catalog returned rows in.
 */
export function sortTables(tables: Iterable<Table>): Table[] {
  const sorted = [...tables].sort(byName)
  for (const t of sorted) {
    t.uniques.sort(byName)
    t.foreignKeys.sort(byName)
    t.checks.sort(byName)
  }
  return sorted
}
