import type { SumColumn } from '../dialects/sum-update.js'
import type { Model } from '../model/model.js'
import type { Column } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'

/** The model's learned sums (see Invariant 'sum'), as the updates the write runs once every row is in. */
export function learnedSums(model: Model): SumColumn[] {
  const tables = new Map(model.schema.tables.map((t) => [tableName(t), t]))
  return (model.invariants ?? []).flatMap((invariant) => {
    if (invariant.kind !== 'sum') return []
    const child = tables.get(invariant.table)
    const fk = child?.foreignKeys.find((f) => f.name === invariant.foreignKey)
    if (child === undefined || fk === undefined) return []
    return [
      {
        parent: fk.references,
        parentColumn: invariant.parentColumn,
        child,
        foreignKey: fk,
        column: invariant.column,
        limit: largestValue(
          tables.get(invariant.parent)?.columns.find((c) => c.name === invariant.parentColumn),
        ),
      },
    ]
  })
}

/** The largest magnitude an exact number column holds, by its type; null when unbounded or unknown. */
function largestValue(column: Column | undefined): number | null {
  switch (column?.type) {
    case 'smallint':
      return 32_767
    case 'integer':
      return 2_147_483_647
    case 'bigint':
      return Number.MAX_SAFE_INTEGER
    case 'decimal':
      return column.precision === null ? null : 10 ** (column.precision - (column.scale ?? 0)) - 1
    default:
      return null
  }
}
