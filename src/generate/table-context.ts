import type { CellValue } from '../schema/cell-value.js'
import type { DeferredForeignKey } from '../graph/load-plan.js'
import type { Invariant, TableModel } from '../model/model.js'
import type { Rule } from '../rules/rule-file.js'
import type { TableChecks } from '../schema/check-bounds.js'
import type { ForeignKey, Table } from '../schema/schema.js'
import type { GeneratedTable } from './generated-table.js'

export interface TableGenerationContext {
  table: Table
  model: TableModel
  states: Map<string, GeneratedTable>
  /** The foreign key rows hang off (see drivingForeignKey), or undefined for a table generated without one. */
  driving: ForeignKey | undefined
  /** Rows to generate: the model's count times the table's scale, or an explicit count (see generateTwin). */
  rows: number
  seed: number
  /** What this table's random streams are keyed on (see randomStreamName). */
  stream: string
  family: 'postgres' | 'mysql'
  /** The rule that rewrites each ruled column, by column name. */
  rules: ReadonlyMap<string, Rule>
  /** What the table's CHECKs say: generated rows keep inside them (see boundedSampler, rowCheckGuard). */
  checks: TableChecks
  deferred: readonly DeferredForeignKey[]
  /** The model's invariants (see Invariant): those of this table are kept as its rows are made. */
  invariants: readonly Invariant[]
  /** What later tables read of this one (null: nothing, so its rows are streamed and forgotten). */
  kept: KeptState | null
  /** Receives each batch of formatted rows, in the order of `writtenColumns`. */
  sink: (rows: CellValue[][]) => Promise<void>
}

/**
 * Key columns other tables point at, columns whose normal scores children are conditioned on, and what later
 * tables' invariants read: foreign keys whose parent rows are kept, and time columns whose values are.
 */
export interface KeptState {
  keys: ReadonlySet<string>
  scores: ReadonlySet<string>
  indexes?: ReadonlySet<string>
  values?: ReadonlySet<string>
  /** Category columns whose values decide later tables' numbers of children (see GeneratedTable.labels). */
  labels?: ReadonlySet<string>
}
