import type { ForeignKey, Table } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'
import { compareIds } from './compare-ids.js'

/** An FK between two different tables of the schema: the child can only be written once the parent is. */
export interface ForeignKeyEdge {
  /** tableName() of the table holding the FK. */
  child: string
  /** tableName() of the table it references. */
  parent: string
  foreignKey: ForeignKey
  /** Every column of the FK is nullable, so a row can be written with the FK NULL and filled in later. */
  nullable: boolean
}

/** An FK from a table to itself. It does not order tables; the writer orders rows instead. */
export interface SelfReference {
  table: string
  foreignKey: string
  columns: string[]
  nullable: boolean
}

/** An FK to a table that is not in the schema, e.g. in a schema that was not introspected. */
export interface ExternalForeignKey {
  table: string
  foreignKey: string
  references: string
}

export interface CollectedForeignKeys {
  /** Sorted by child table, then FK name, which is the order cycles are broken in. */
  edges: ForeignKeyEdge[]
  selfReferences: SelfReference[]
  external: ExternalForeignKey[]
}

/** Sorts a schema's FKs into ordering edges, self-references and FKs leaving the schema, each sorted. */
export function collectForeignKeys(tables: readonly Table[]): CollectedForeignKeys {
  const known = new Set(tables.map(tableName))
  const collected: CollectedForeignKeys = { edges: [], selfReferences: [], external: [] }
  for (const table of tables) {
    const child = tableName(table)
    for (const foreignKey of table.foreignKeys) {
      const parent = tableName(foreignKey.references)
      const nullable = allColumnsNullable(table, foreignKey)
      if (parent === child) {
        collected.selfReferences.push({
          table: child,
          foreignKey: foreignKey.name,
          columns: foreignKey.columns,
          nullable,
        })
      } else if (known.has(parent)) {
        collected.edges.push({ child, parent, foreignKey, nullable })
      } else {
        collected.external.push({ table: child, foreignKey: foreignKey.name, references: parent })
      }
    }
  }
  collected.edges.sort(
    (a, b) => compareIds(a.child, b.child) || compareIds(a.foreignKey.name, b.foreignKey.name),
  )
  collected.selfReferences.sort(
    (a, b) => compareIds(a.table, b.table) || compareIds(a.foreignKey, b.foreignKey),
  )
  collected.external.sort((a, b) => compareIds(a.table, b.table) || compareIds(a.foreignKey, b.foreignKey))
  return collected
}

/** Every column, not just one: a composite FK with one NOT NULL column cannot be written as NULL. */
function allColumnsNullable(table: Table, foreignKey: ForeignKey): boolean {
  return foreignKey.columns.every((name) => table.columns.find((c) => c.name === name)?.nullable === true)
}
