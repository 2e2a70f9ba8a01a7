import type { Model } from '../../src/model/model.js'

/**
 * A copy of the model whose number column `table.column` holds 10¹² in every row: a value no integer column takes,
 * so a write fails on the target once its tables exist (tests of what a failed write leaves behind).
 */
export function overflowing(model: Model, table: string, column: string): Model {
  const copy = structuredClone(model)
  const tableModel = copy.tables.find((t) => t.table.endsWith(`.${table}`))
  const columnModel = tableModel?.columns.find((c) => c.name === column)
  if (columnModel?.kind !== 'numeric') throw new Error(`${table}.${column} is not a learned number column`)
  const huge = 1e12
  Object.assign(columnModel, { quantiles: columnModel.quantiles.map(() => huge), min: huge, max: huge })
  return copy
}
