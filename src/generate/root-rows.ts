import { DbtwinError } from '../errors.js'
import { planLoad } from '../graph/load-plan.js'
import type { Schema, Table } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'

/**
 * The tables generation starts from: those with no foreign key to another table of the schema
 * but the deferred ones that break a cycle. Only they take an explicit row count; every other table's rows follow
 * from its parents.
 */
export function rootTables(schema: Pick<Schema, 'tables'>): Table[] {
  const deferred = new Set(
    planLoad(schema, { constraintsAfterLoad: true }).deferred.map((d) => `${d.table}|${d.foreignKey}`),
  )
  const ids = new Set(schema.tables.map(tableName))
  return schema.tables.filter((table) => {
    const id = tableName(table)
    return table.foreignKeys.every((fk) => {
      const parent = tableName(fk.references)
      return parent === id || !ids.has(parent) || deferred.has(`${id}|${fk.name}`)
    })
  })
}

/**
 * Refuses a `--rows` table that is unknown or not a root (its count was silently ignored, issue 14), naming the
 * tables that take one. Keys are `schema.table` or a bare table name, as generation reads them.
 */
export function checkRootRows(schema: Pick<Schema, 'tables'>, rows: Record<string, number>): void {
  const roots = rootTables(schema)
  const rootNames = new Set(roots.flatMap((t) => [tableName(t), t.name]))
  const all = new Set(schema.tables.flatMap((t) => [tableName(t), t.name]))
  for (const table of Object.keys(rows)) {
    if (rootNames.has(table)) continue
    throw new DbtwinError(
      'USAGE',
      `rows for ${table}: ${all.has(table) ? 'its rows follow from its parents, so it takes no count' : 'no such table in the model'}`,
      `give rows for the tables generation starts from: ${roots.map(tableName).join(', ')}`,
      {
        data: { option: 'rows' },
        cliFix: `give --rows one of the tables generation starts from: ${roots.map(tableName).join(', ')}`,
      },
    )
  }
}
