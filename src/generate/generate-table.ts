import type { CellValue } from '../schema/cell-value.js'
import { seededRandom, type Random } from '../random/seeded-random.js'
import { childrenCounts, childrenCountsByState } from './children-counts.js'
import type { GeneratedTable } from './generated-table.js'
import { RowEmitter } from './row-emitter.js'
import type { TableGenerationContext } from './table-context.js'
import { planTable, type DrivingPlan, type TablePlan } from './table-plan.js'

export type { KeptState, TableGenerationContext } from './table-context.js'

const BATCH_ROWS = 5000

/**
 * Generates one table, streaming batches to the sink: plans it (see planTable), then makes its rows (see
 * RowEmitter). A table with a parent to hang from gets its rows parent by parent, each parent's number of children
 * drawn from the learned histogram and tilted by the parent's columns; other tables get their rows with no parent.
 * Values come from the copula and the marginals, conditioned on the parent.
 */
export async function generateTable(ctx: TableGenerationContext): Promise<GeneratedTable> {
  const plan = planTable(ctx)
  const emitter = new RowEmitter(ctx, plan)
  const batches = new BatchWriter(ctx.sink)
  if (plan.driving === null) await emitRootRows(emitter, ctx.rows, batches)
  else await emitDrivenRows(emitter, plan.driving, ctx, batches)
  await batches.close()
  return generatedTable(ctx, plan, emitter)
}

/** Batches of rows for the sink: the next batch is generated while this one is written. */
class BatchWriter {
  private batch: CellValue[][] = []
  private pending: Promise<void> = Promise.resolve()

  constructor(private readonly sink: TableGenerationContext['sink']) {}

  /** Adds a row that was made (not dropped); true when it was. */
  add(row: CellValue[] | null): boolean {
    if (row === null) return false
    this.batch.push(row)
    return true
  }

  /** Hands a full batch to the sink. */
  async flushFull(): Promise<void> {
    if (this.batch.length >= BATCH_ROWS) await this.flush()
  }

  async close(): Promise<void> {
    if (this.batch.length > 0) await this.flush()
    await this.pending
  }

  private async flush(): Promise<void> {
    await this.pending
    this.pending = this.sink(this.batch)
    this.batch = []
  }
}

async function emitRootRows(emitter: RowEmitter, rows: number, batches: BatchWriter): Promise<void> {
  for (let r = 0; r < rows; r++) {
    batches.add(emitter.emit(-1, r + 1))
    await batches.flushFull()
  }
}

async function emitDrivenRows(
  emitter: RowEmitter,
  driving: DrivingPlan,
  ctx: TableGenerationContext,
  batches: BatchWriter,
): Promise<void> {
  const countRandom = seededRandom(ctx.seed, ctx.stream, 'counts')
  const parent = driving.parent
  const counts = childrenPerParent(driving, ctx.rows - driving.nulls, countRandom)
  for (let p = 0; p < parent.rows; p++) {
    // A row left out (see RowEmitter.emit) gives its position to the next: positions stay 1..n without gaps.
    for (let k = 0, position = 1; k < counts[p]!; k++) if (batches.add(emitter.emit(p, position))) position++
    await batches.flushFull()
  }
  // A table the source has rows in is never left empty, so a NOT NULL foreign key into it always has a row to
  // point at.
  if (emitter.rows === 0 && ctx.model.rows > 0 && parent.rows > 0)
    batches.add(emitter.emit(countRandom.int(0, parent.rows - 1), 1))
  for (let k = 0; k < driving.nulls; k++) {
    batches.add(emitter.emit(-1, k + 1))
    await batches.flushFull()
  }
}

/** Each parent's number of children, `rows` in all: the learned histogram, tilted by the parent's scores. */
function childrenPerParent(driving: DrivingPlan, rows: number, random: Random): Int32Array {
  const { parent, countDependence, byState } = driving
  const countScores = countDependence === null ? null : parent.scores.get(countDependence.column)!
  const rho = countDependence?.correlation ?? 0
  const tilt = new Float64Array(parent.rows)
  for (let p = 0; p < parent.rows; p++)
    tilt[p] =
      countScores === null
        ? random.normal()
        : rho * countScores[p]! + Math.sqrt(1 - rho ** 2) * random.normal()
  if (byState === undefined) return childrenCounts(driving.histogram, tilt, rows, driving.atMostOne, random)
  return childrenCountsByState(
    driving.histogram,
    byState.states,
    byState.stateOf,
    tilt,
    rows,
    driving.atMostOne,
    random,
    byState.barred,
  )
}

/** What later tables read of the table just generated (see KeptState). */
function generatedTable(ctx: TableGenerationContext, plan: TablePlan, emitter: RowEmitter): GeneratedTable {
  const { stores } = emitter
  const copulaColumns = ctx.model.copula?.columns ?? []
  const { kept } = plan
  return {
    id: plan.id,
    table: ctx.table,
    rows: emitter.rows,
    parentIndex: new Map(
      kept.indexes.map((name) => [name, stores.parentIndex.get(name)!.values() as Int32Array]),
    ),
    sequence: kept.sequence ? (stores.sequence.values() as Int32Array) : null,
    roles: plan.roles,
    family: ctx.family,
    scores: new Map(
      kept.scores.map((c) => [c, stores.scores[copulaColumns.indexOf(c)]!.values() as Float32Array]),
    ),
    values: new Map(kept.values.map((v, k) => [v.name, Float64Array.from(emitter.keptValues[k]!)])),
    ...(kept.labels.length > 0
      ? { labels: new Map(kept.labels.map((l, k) => [l.name, emitter.keptLabels[k]!])) }
      : {}),
  }
}
