import type { RelationModel } from '../model/model.js'
import { type Column, type ForeignKey, type Table, writtenColumns } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'
import { planColumnFills, type ColumnFill } from './column-fills.js'
import { holdsUniqueKey, type GeneratedTable } from './generated-table.js'
import { type TableGenerationContext } from './table-context.js'
import { invariantPlan, type ChildrenByState, type InvariantPlan } from './invariant-plan.js'
import { keyPlan, type KeyRole } from './key-roles.js'
import { planRowSteps, type RowSteps } from './row-steps.js'

/**
 * Everything decided once per table before its first row, in the order a row uses it: how rows hang off their
 * driving parent, how each foreign key is set, how each written column is filled, the invariant steps a row
 * takes, and what is kept of the rows for later tables. RowEmitter carries it out row by row.
 */
export interface TablePlan {
  id: string
  columns: Column[]
  /** The foreign key rows hang off, and how many children each parent gets; null: rows made without a parent. */
  driving: DrivingPlan | null
  roles: Map<string, KeyRole>
  /** The unique keys of drawn columns kept unique as rows are made (see uniqueKeyGuard). */
  uniqueKeys: { columns: readonly string[]; prefixes: readonly (number | null)[] | undefined }[]
  /** In the order the row sets them: a key that meets another path after the key it follows (see InvariantPlan). */
  keys: KeyAction[]
  /** Per written column. */
  fills: ColumnFill[]
  /** The written column a person's country is read from, when it is drawn: its fill is deterministic per row. */
  countryColumn: number
  /** Copula columns conditioned on the driving parent's column they depend on most. */
  conditioned: { j: number; parentColumn: string; parentScores: Float32Array; rho: number; rest: number }[]
  steps: RowSteps
  kept: KeptPlan
}

export interface DrivingPlan {
  foreignKey: ForeignKey
  parent: GeneratedTable
  histogram: { children: number; frequency: number }[]
  /** The parent column whose scores tilt its number of children, and how strongly; null: a random tilt. */
  countDependence: { column: string; correlation: number } | null
  /** Rows left without a parent (a nullable driving key), generated after the others. */
  nulls: number
  /** The driving key is unique: a parent has at most one row. */
  atMostOne: boolean
  byState: ChildrenByState | undefined
}

/**
 * How a foreign key is set in each row: from the driving parent, from an earlier row of the table (a tree), left
 * unset (NULL until a deferred update, or no parent generated), or picked among the parent's rows; `distinct`
 * when it must not repeat within one driving parent (a many-to-many key).
 */
export interface KeyAction {
  index: number
  foreignKey: ForeignKey
  kind: 'driving' | 'self' | 'unset' | 'pick'
  relation: RelationModel | undefined
  distinct: boolean
  /** Every column of the key is nullable. */
  nullable: boolean
  meet: { candidates: (chosen: Int32Array) => readonly number[] | null } | null
  /** The parent's states that decide its number of children, for a picked key (see childrenCountsByState). */
  byState: ChildrenByState | undefined
}

/**
 * What of each row is kept for later tables (see KeptState): the parent indexes of these foreign keys, the
 * row's position, the scores of these copula columns, the written instants and labels of these columns; `all`
 * keeps every store, for a table whose rows point at its own earlier rows.
 */
export interface KeptPlan {
  all: boolean
  indexes: string[]
  sequence: boolean
  scores: string[]
  values: { name: string; i: number; learned: TableGenerationContext['model']['columns'][number] }[]
  labels: { name: string; i: number }[]
}

/**
 * The plan of one table, read from the context alone before any row is made. Rule and person fills hold their own
 * seeded streams, which advance as rows are made: a plan is carried out once.
 */
export function planTable(ctx: TableGenerationContext): TablePlan {
  const { table, model, driving } = ctx
  const columns = writtenColumns(table)
  const groupDistinct = distinctWithinGroup(table, driving)
  const { roles, guarded } = keyPlan(
    table,
    driving,
    groupDistinct,
    model.columns,
    ctx.kept?.keys ?? new Set(),
  )
  const invariants = invariantPlan(
    table,
    ctx.invariants,
    ctx.states,
    driving,
    pickableKeys(ctx),
    columns.map((c) => c.name),
  )
  const { fills, person } = planColumnFills(ctx, columns, roles, invariants)
  const countryAt =
    person?.countryColumn == null ? -1 : columns.findIndex((c) => c.name === person.countryColumn)
  return {
    id: tableName(table),
    columns,
    driving: planDriving(ctx, invariants),
    roles,
    uniqueKeys: guarded.map((key) => ({
      columns: key,
      prefixes: table.uniques.find((u) => u.columns.join() === key.join())?.prefixes,
    })),
    keys: planKeyActions(ctx, invariants, groupDistinct),
    fills,
    countryColumn: countryAt >= 0 && fills[countryAt]!.kind === 'value' ? countryAt : -1,
    conditioned: planConditioned(ctx),
    steps: planRowSteps(model, ctx.checks, columns, fills, invariants, roles),
    kept: planKept(ctx, roles, columns),
  }
}

const relationOf = (ctx: TableGenerationContext, fk: ForeignKey): RelationModel | undefined =>
  ctx.model.relations.find((r) => r.foreignKey === fk.name)

const parentOf = (fk: ForeignKey) => tableName(fk.references)

const deferredKeys = (ctx: TableGenerationContext) =>
  new Set(ctx.deferred.filter((d) => d.table === tableName(ctx.table)).map((d) => d.foreignKey))

const nullableKey = (table: Table, fk: ForeignKey) =>
  fk.columns.every((c) => table.columns.find((col) => col.name === c)?.nullable === true)

/** Foreign keys other than the driving one whose parents are generated already: picked among their rows. */
function pickableKeys(ctx: TableGenerationContext): Set<string> {
  const id = tableName(ctx.table)
  const deferred = deferredKeys(ctx)
  return new Set(
    ctx.table.foreignKeys
      .filter(
        (fk) =>
          fk !== ctx.driving && parentOf(fk) !== id && !deferred.has(fk.name) && ctx.states.has(parentOf(fk)),
      )
      .map((fk) => fk.name),
  )
}

function planKeyActions(
  ctx: TableGenerationContext,
  invariants: InvariantPlan,
  groupDistinct: ForeignKey | null,
): KeyAction[] {
  const id = tableName(ctx.table)
  const deferred = deferredKeys(ctx)
  const actions = ctx.table.foreignKeys.map((fk, index): KeyAction => {
    const kind =
      fk === ctx.driving
        ? 'driving'
        : parentOf(fk) === id
          ? 'self'
          : deferred.has(fk.name) || !ctx.states.has(parentOf(fk))
            ? 'unset'
            : 'pick'
    return {
      index,
      foreignKey: fk,
      kind,
      relation: relationOf(ctx, fk),
      distinct: kind === 'pick' && fk === groupDistinct,
      nullable: nullableKey(ctx.table, fk),
      meet: invariants.meets.get(index) ?? null,
      byState: kind === 'pick' ? invariants.states.get(fk.name) : undefined,
    }
  })
  // A key that meets another path is picked once the key it follows is (see InvariantPlan).
  return actions.sort((a, b) => Number(a.meet !== null) - Number(b.meet !== null))
}

function planDriving(ctx: TableGenerationContext, invariants: InvariantPlan): DrivingPlan | null {
  const fk = ctx.driving
  if (fk === undefined) return null
  const relation = relationOf(ctx, fk)
  const parent = ctx.states.get(parentOf(fk))!
  return {
    foreignKey: fk,
    parent,
    histogram: relation?.childrenPerParent ?? [{ children: 1, frequency: 1 }],
    countDependence: strongest(relation?.countDependence ?? [], parent),
    nulls: nullableKey(ctx.table, fk) ? Math.round(ctx.rows * Math.min(1, relation?.nullFraction ?? 0)) : 0,
    atMostOne: holdsUniqueKey(ctx.table, fk.columns),
    byState: invariants.states.get(fk.name),
  }
}

/** Per copula column, the driving parent's column it depends on most, when the parent kept that column's scores. */
function planConditioned(ctx: TableGenerationContext): TablePlan['conditioned'] {
  const fk = ctx.driving
  if (fk === undefined) return []
  const relation = relationOf(ctx, fk)
  const parent = ctx.states.get(parentOf(fk))
  return (ctx.model.copula?.columns ?? []).flatMap((name, j) => {
    const d = strongest(relation?.columnDependence.filter((c) => c.childColumn === name) ?? [], parent)
    if (d === null || parent === undefined) return []
    const rest = Math.sqrt(1 - d.correlation ** 2)
    return [
      { j, parentColumn: d.column, parentScores: parent.scores.get(d.column)!, rho: d.correlation, rest },
    ]
  })
}

/**
 * Only what later tables read is kept for every row: the FKs inside referenced keys, positions, conditioning
 * scores (all of it when the table points at itself). The rest is forgotten row by row: 20M-row twins peaked
 * near 512 MB holding every store of every referenced table.
 */
function planKept(
  ctx: TableGenerationContext,
  roles: ReadonlyMap<string, KeyRole>,
  columns: Column[],
): KeptPlan {
  const { table, kept } = ctx
  const id = tableName(table)
  return {
    all: table.foreignKeys.some((fk) => parentOf(fk) === id),
    indexes: table.foreignKeys
      .filter(
        (fk) => fk.columns.some((c) => kept?.keys.has(c) === true) || kept?.indexes?.has(fk.name) === true,
      )
      .map((fk) => fk.name),
    sequence: [...roles].some(([c, role]) => role === 'position' && kept?.keys.has(c) === true),
    scores: (ctx.model.copula?.columns ?? []).filter((c) => kept?.scores.has(c) === true),
    // Instants later rows are ordered after: kept as written, for every row, NaN where NULL or not drawn.
    values: columns.flatMap((c, i) => {
      if (kept?.values?.has(c.name) !== true) return []
      return [{ name: c.name, i, learned: ctx.model.columns.find((l) => l.name === c.name)! }]
    }),
    labels: columns.flatMap((c, i) => (kept?.labels?.has(c.name) === true ? [{ name: c.name, i }] : [])),
  }
}

/** The parent column with the strongest learned correlation whose scores the parent kept. */
function strongest(
  candidates: readonly { parentColumn: string; correlation: number }[],
  parent: GeneratedTable | undefined,
): { column: string; correlation: number } | null {
  let best: { column: string; correlation: number } | null = null
  for (const c of candidates) {
    if (parent?.scores.has(c.parentColumn) !== true || Math.abs(c.correlation) < 0.05) continue
    if (best === null || Math.abs(c.correlation) > Math.abs(best.correlation))
      best = { column: c.parentColumn, correlation: c.correlation }
  }
  return best
}

/** The FK that must not repeat within one driving parent, when a key is (driving FK, other FK): a many-to-many table. */
function distinctWithinGroup(table: Table, driving: ForeignKey | undefined): ForeignKey | null {
  if (driving === undefined) return null
  const keys = [table.primaryKey, ...table.uniques].filter((k) => k !== null)
  for (const key of keys) {
    if (!driving.columns.every((c) => key.columns.includes(c))) continue
    const other = table.foreignKeys.find(
      (fk) => fk !== driving && fk.columns.every((c) => key.columns.includes(c)),
    )
    if (other !== undefined) return other
  }
  return null
}
