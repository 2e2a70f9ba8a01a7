import type { TableModel } from '../model/model.js'
import type { ForeignKey, Table } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'
import { holdsUniqueKey } from './generated-table.js'

/**
 * A foreign key NULL in at least this share of rows does not drive its table: its parents would decide the
 * table's rows though most rows have none (a `changed_by` set in 1 row of 70 made a 70-row table 1 row, issue 15).
 */
export const MAX_DRIVING_NULLS = 0.5

/**
 * The foreign key a table's rows hang off, parent by parent: one to a parent already generated (`parentRows` knows
 * it), not deferred, not a self-reference and mostly set, to the parent with most rows — unless a foreign key is
 * unique (a one-to-one): under it each parent draws at most one child, which no other way of picking its parents
 * would keep unique. Undefined when none qualifies: the table is generated like a table without parents.
 */
export function drivingForeignKey(
  table: Table,
  model: TableModel,
  parentRows: (id: string) => number | undefined,
  deferred: ReadonlySet<string>,
): ForeignKey | undefined {
  const id = tableName(table)
  const nulls = (fk: ForeignKey) => model.relations.find((r) => r.foreignKey === fk.name)?.nullFraction ?? 0
  const unique = (fk: ForeignKey) => (holdsUniqueKey(table, fk.columns) ? 1 : 0)
  const rows = (fk: ForeignKey) => parentRows(tableName(fk.references)) ?? 0
  return table.foreignKeys
    .filter(
      (fk) =>
        tableName(fk.references) !== id &&
        !deferred.has(fk.name) &&
        parentRows(tableName(fk.references)) !== undefined &&
        (unique(fk) === 1 || nulls(fk) < MAX_DRIVING_NULLS),
    )
    .sort((a, b) => unique(b) - unique(a) || rows(b) - rows(a) || a.name.localeCompare(b.name))[0]
}
