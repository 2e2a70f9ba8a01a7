import type { CellValue } from '../schema/cell-value.js'
import type { ReferenceRows } from '../model/model.js'
import { type Table, writtenColumns } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'
import { crossEngineValues } from '../schema/cross-engine-values.js'
import type { GeneratedTable } from './generated-table.js'

/**
 * Writes a reference table's rows as the model keeps them (issue 17.1): keys included, so the children generated
 * after it point at the source's own departments or languages; a column the rows lack (added to the schema by
 * hand) is NULL. Values cross engines as a subset's do (see crossEngineValues). Returns the state children read
 * keys from: every key column's values by row (see keyResolver).
 */
export async function writeReferenceTable(
  table: Table,
  reference: ReferenceRows,
  families: { source: 'postgres' | 'mysql'; target: 'postgres' | 'mysql' },
  sink: (rows: CellValue[][]) => Promise<void>,
): Promise<GeneratedTable> {
  const columns = writtenColumns(table)
  const at = columns.map((c) => reference.columns.indexOf(c.name))
  const translate = crossEngineValues(columns, families.source, families.target)
  const rows = reference.rows.map((stored) => {
    const cells: CellValue[] = at.map((i) => (i < 0 ? null : (stored[i] ?? null)))
    translate?.fix(cells)
    return cells
  })
  if (rows.length > 0) await sink(rows)
  return {
    id: tableName(table),
    table,
    rows: rows.length,
    parentIndex: new Map(),
    sequence: null,
    roles: new Map(),
    family: families.target,
    scores: new Map(),
    cells: new Map(columns.map((c, j) => [c.name, rows.map((r) => r[j] ?? null)])),
    // Reference rows are copied, not generated: no time column of theirs is tracked for invariants.
    values: new Map(),
  }
}
