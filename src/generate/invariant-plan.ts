import type { Category, ColumnModel, Invariant, Model, RelationModel } from '../model/model.js'
import { DAY_SECONDS, temporalToNumber } from '../model/temporal-values.js'
import type { ForeignKey, Table } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'
import type { Random } from '../random/seeded-random.js'
import { cellSamplers } from './column-sampler.js'
import { interpolate, levelOf } from '../model/quantile-draw.js'
import { labelAt, type GeneratedTable } from './generated-table.js'

/**
 * How one table keeps the model's invariants (see Invariant) while its rows are made: which foreign keys pick their
 * parent among those that meet another path, which time columns follow a row an ancestor reaches, and which
 * columns number their rows within the driving parent. Built once per table from the tables already generated.
 */
export interface InvariantPlan {
  /** Per foreign key (by index in table.foreignKeys): the parents that agree, given the row's other parents. */
  meets: Map<number, { candidates: (chosen: Int32Array) => readonly number[] | null }>
  /** Per written column index: the instants (seconds) the column must not be earlier than, with their gaps. */
  orders: Map<number, TimeOrder[]>
  /** Written columns numbering the rows of each driving parent 1..n. */
  sequences: Set<string>
  /** Number columns drawn within the cell of an ancestor's category: the cell's quantiles for a row, if any. */
  cells: { column: number; quantiles: (chosen: Int32Array) => readonly number[] | undefined }[]
  /** Category columns drawn from the cell of an ancestor's category (see ancestorCategory). */
  categories: AncestorCategory[]
  /** Per foreign key name: the parent's states that decide its number of children (see childrenCountsByState). */
  states: Map<string, ChildrenByState>
}

/**
 * A category column drawn again from the cell of an ancestor's category, by a uniform of its own: the column's copula
 * uniform already leans with its parent's columns (a relation's column dependence), and reading a cell by it counted
 * the ancestor twice (the sample clinic's twin had 48% Medicare at 65 and over for the source's 77%). A row whose
 * ancestor has no cell, and a free-text value that is none of the released ones, keep their draw.
 */
export interface AncestorCategory {
  column: number
  /** The value for a row given its chosen parents and the column's uniform, or undefined to keep the draw. */
  redraw: (chosen: Int32Array, drawn: Category['value'], u: number) => Category['value'] | undefined
}

export interface ChildrenByState {
  states: ReadonlyMap<string, { childless: boolean; histogram: RelationModel['childrenPerParent'] }>
  /** A parent row's state as text, or null. */
  stateOf: (parent: number) => string | null
  /** Whether another rule on the same key leaves the parent childless. */
  barred: (parent: number) => boolean
}

export interface TimeOrder {
  /** The ancestor's instant in seconds for a row, given its chosen parents; NaN when it has none. */
  ancestor: (chosen: Int32Array) => number
  gaps: readonly number[] | null
}

/**
 * The plan for one table: only rules whose keys this table picks itself (not the driving one, not deferred) and
 * whose parents kept what the rule reads (see invariantKeeps) are kept here; the rest are left to the report.
 *
 * @example const plan = invariantPlan(table, model.invariants ?? [], states, driving, pickable, names)
 */
export function invariantPlan(
  table: Table,
  invariants: readonly Invariant[],
  states: ReadonlyMap<string, GeneratedTable>,
  driving: ForeignKey | undefined,
  pickable: ReadonlySet<string>,
  writtenNames: readonly string[],
): InvariantPlan {
  const id = tableName(table)
  const plan: InvariantPlan = {
    meets: new Map(),
    orders: new Map(),
    sequences: new Set(),
    states: new Map(),
    cells: [],
    categories: [],
  }
  const keys: PlannedKeys = {
    table,
    states,
    pickable,
    follower: pathFollower(table, states, driving, pickable),
  }
  for (const invariant of invariants) {
    if (invariant.table !== id) continue
    switch (invariant.kind) {
      case 'paths-meet':
        planPathsMeet(plan, invariant, keys)
        break
      case 'time-order':
        planTimeOrder(plan, invariant, keys, writtenNames)
        break
      case 'sequence':
        if (invariant.foreignKey === driving?.name) plan.sequences.add(invariant.column)
        break
      case 'ancestor-cells':
        planAncestorCells(plan, invariant, keys, writtenNames)
        break
      case 'ancestor-categories':
        planAncestorCategories(plan, invariant, keys, writtenNames)
        break
      case 'children-by-state':
        planChildrenByState(plan, invariant, states)
        break
    }
  }
  return plan
}

type InvariantOf<K extends Invariant['kind']> = Extract<Invariant, { kind: K }>
type Follower = (path: readonly string[]) => ((chosen: Int32Array) => number) | null

/** What the invariants of a table are planned from: its keys, the tables generated so far, the keys it picks. */
interface PlannedKeys {
  table: Table
  states: ReadonlyMap<string, GeneratedTable>
  pickable: ReadonlySet<string>
  follower: Follower
}

/**
 * How to follow a path of foreign keys from a row's chosen parents: a function giving the row the path reaches,
 * or null when the path cannot be followed here (its first key not set by this table, or a table on the way that
 * did not keep the next key's index).
 */
function pathFollower(
  table: Table,
  states: ReadonlyMap<string, GeneratedTable>,
  driving: ForeignKey | undefined,
  pickable: ReadonlySet<string>,
): Follower {
  const settled = (name: string | undefined) =>
    name !== undefined && (name === driving?.name || pickable.has(name))
  return (path) => {
    const first = table.foreignKeys.findIndex((f) => f.name === path[0])
    if (first < 0 || !settled(path[0])) return null
    // Each further key is read from the index its table kept (see invariantKeeps).
    const indexes: { at(row: number): number | undefined }[] = []
    let at = states.get(tableName(table.foreignKeys[first]!.references))
    for (const name of path.slice(1)) {
      const index = at?.parentIndex.get(name)
      const fk = at?.table.foreignKeys.find((f) => f.name === name)
      if (index === undefined || fk === undefined) return null
      indexes.push(index)
      at = states.get(tableName(fk.references))
    }
    return (chosen) => {
      let row = chosen[first]!
      for (const index of indexes) row = row < 0 ? -1 : (index.at(row) ?? -1)
      return row
    }
  }
}

/**
 * The path whose first key is picked freely follows the other; a driving key is never moved. A path of one key is
 * moved first: its parent is the ancestor itself, always there, where a parent of two keys may have no row under
 * the ancestor (a department no provider works in).
 */
function planPathsMeet(plan: InvariantPlan, invariant: InvariantOf<'paths-meet'>, keys: PlannedKeys): void {
  const { table, states, pickable, follower } = keys
  const options = (
    [
      [invariant.second, invariant.first],
      [invariant.first, invariant.second],
    ] as const
  )
    .slice()
    .sort((a, b) => a[0].length - b[0].length)
  for (const [moved, kept] of options) {
    const key = moved[0]
    const index = table.foreignKeys.findIndex((f) => f.name === key)
    if (key === undefined || !pickable.has(key) || plan.meets.has(index)) continue
    const reach = follower(kept)
    const candidates = meetingParents(table.foreignKeys[index]!, moved.slice(1), states)
    if (reach === null || candidates === null || kept[0] === key) continue
    plan.meets.set(index, {
      candidates: (chosen) => {
        const ancestor = reach(chosen)
        return ancestor < 0 ? null : (candidates.get(ancestor) ?? [])
      },
    })
    return
  }
}

function planTimeOrder(
  plan: InvariantPlan,
  invariant: InvariantOf<'time-order'>,
  keys: PlannedKeys,
  writtenNames: readonly string[],
): void {
  const column = writtenNames.indexOf(invariant.column)
  const reach = keys.follower(invariant.path)
  const values = keys.states.get(invariant.ancestor)?.values.get(invariant.ancestorColumn)
  if (column < 0 || reach === null || values === undefined) return
  const orders = plan.orders.get(column) ?? []
  orders.push({
    ancestor: (chosen) => {
      const row = reach(chosen)
      return row < 0 ? NaN : (values[row] ?? NaN)
    },
    gaps: invariant.gaps,
  })
  plan.orders.set(column, orders)
}

function planAncestorCells(
  plan: InvariantPlan,
  invariant: InvariantOf<'ancestor-cells'>,
  keys: PlannedKeys,
  writtenNames: readonly string[],
): void {
  const given = ancestorLabel(invariant, keys, writtenNames)
  if (given === null) return
  const cells = new Map(invariant.cells.map((c) => [String(c.value), c.quantiles]))
  plan.cells.push({
    column: given.column,
    quantiles: (chosen) => {
      const value = given.label(chosen)
      return value === null ? undefined : cells.get(value)
    },
  })
}

/**
 * The written column an ancestor rule sets, and for a row's chosen parents the ancestor's category as text (null
 * where the path reaches no row); null when the rule cannot be followed in this table.
 */
function ancestorLabel(
  invariant: InvariantOf<'ancestor-cells' | 'ancestor-categories'>,
  keys: PlannedKeys,
  writtenNames: readonly string[],
): { column: number; label: (chosen: Int32Array) => string | null } | null {
  const column = writtenNames.indexOf(invariant.column)
  const reach = keys.follower(invariant.path)
  const ancestor = keys.states.get(invariant.ancestor)
  if (column < 0 || reach === null || ancestor === undefined) return null
  return {
    column,
    label: (chosen) => {
      const row = reach(chosen)
      return row < 0 ? null : labelAt(ancestor, invariant.ancestorColumn, row)
    },
  }
}

function planAncestorCategories(
  plan: InvariantPlan,
  invariant: InvariantOf<'ancestor-categories'>,
  keys: PlannedKeys,
  writtenNames: readonly string[],
): void {
  const given = ancestorLabel(invariant, keys, writtenNames)
  if (given === null) return
  const cells = cellSamplers({ ...invariant, given: invariant.ancestorColumn, whenNull: [] })
  const released = new Set(invariant.cells.flatMap((c) => c.categories.map((k) => String(k.value))))
  plan.categories.push({
    column: given.column,
    redraw: (chosen, drawn, u) => {
      const value = given.label(chosen)
      return value === null || !released.has(String(drawn)) ? undefined : cells.get(value)?.(u)
    },
  })
}

function planChildrenByState(
  plan: InvariantPlan,
  invariant: InvariantOf<'children-by-state'>,
  states: ReadonlyMap<string, GeneratedTable>,
): void {
  const parent = states.get(invariant.parent)
  if (parent === undefined) return
  const kept =
    parent.labels?.has(invariant.parentColumn) === true || parent.cells?.has(invariant.parentColumn)
  if (kept !== true) return
  const childless = new Set(invariant.childless.map(String))
  const stateOf = (row: number) => labelAt(parent, invariant.parentColumn, row)
  const earlier = plan.states.get(invariant.foreignKey)
  if (earlier !== undefined) {
    // A second rule on the same key (link types by entity_type0 and by entity_type1): the first one's histograms
    // stay, and a parent either rule leaves childless gets no child.
    const barred = earlier.barred
    plan.states.set(invariant.foreignKey, {
      ...earlier,
      barred: (row) => barred(row) || childless.has(stateOf(row) ?? '\u0000'),
    })
    return
  }
  plan.states.set(invariant.foreignKey, {
    barred: () => false,
    states: new Map(
      invariant.states.map((s) => [
        String(s.value),
        { childless: childless.has(String(s.value)), histogram: s.childrenPerParent },
      ]),
    ),
    stateOf,
  })
}

/**
 * Sets each category column an ancestor decides (see AncestorCategory) in a row's drawn values, in place; a column
 * left NULL (its null fraction, or not drawn at all) stays NULL.
 */
export function redrawAncestorCategories(
  categories: readonly AncestorCategory[],
  internal: (Category['value'] | null)[],
  randoms: readonly Pick<Random, 'next'>[],
  chosen: Int32Array,
): void {
  for (const c of categories) {
    const drawn = internal[c.column]
    if (drawn === null || drawn === undefined) continue
    const value = c.redraw(chosen, drawn, randoms[c.column]!.next())
    if (value !== undefined) internal[c.column] = value
  }
}

/**
 * The rows of `fk`'s parent grouped by the row `rest` (zero or one more key) reaches from them: for no more keys,
 * each parent row meets only itself. Null when the parent did not keep what the walk needs.
 */
export function meetingParents(
  fk: ForeignKey,
  rest: readonly string[],
  states: ReadonlyMap<string, GeneratedTable>,
): Map<number, number[]> | null {
  const parent = states.get(tableName(fk.references))
  if (parent === undefined) return null
  if (rest.length === 0) return new Map(Array.from({ length: parent.rows }, (_, r) => [r, [r]]))
  const index = parent.parentIndex.get(rest[0]!)
  if (index === undefined) return null
  const groups = new Map<number, number[]>()
  for (let r = 0; r < parent.rows; r++) {
    const ancestor = index.at(r) ?? -1
    if (ancestor >= 0) (groups.get(ancestor) ?? groups.set(ancestor, []).get(ancestor)!).push(r)
  }
  return groups
}

/** A time column that keeps orders after its ancestors' instants, as a row's steps hold it (see orderedTime). */
export interface OrderedColumn {
  learned: ColumnModel
  orders: readonly TimeOrder[]
  /** Keeps a value inside what the target's type holds (see temporalRange). */
  bound: (value: number) => number
  /** The latest instant the column learned, in seconds (see learnedLatest): a drawn gap stops short of it. */
  ceiling: number
}

/**
 * A drawn time column moved to keep its orders: the latest ancestor instant plus a gap drawn from that order's
 * learned gaps (by `u`), or — without gaps, or when `settle` — the value itself where it is not earlier. Returns the
 * value in the column's own units (days for dates, seconds otherwise), rounded up to what the column can write and
 * kept by `bound` inside what its type holds (see temporalRange): the gap is cut short at the type's last value,
 * which the ancestor, written too, never passes, so the order still holds (issue 16: employee's 9999-01-01).
 * The gap is drawn from the part of its distribution that keeps the value at or before the column's learned latest
 * instant (u scaled to that share): employee's salaries start up to 17 years after the hire date, and hires go up to
 * 2000, but no salary starts after 2002-08-01, when the data ends; drawn whole, a fifth of the twin's started later.
 */
export function orderedTime(
  value: number,
  column: OrderedColumn,
  chosen: Int32Array,
  u: number,
  settle: boolean,
): number {
  const { learned, bound } = column
  let latest = -Infinity
  let gaps: readonly number[] | null = null
  for (const order of column.orders) {
    const at = order.ancestor(chosen)
    if (at > latest) {
      latest = at
      gaps = order.gaps
    }
  }
  // A value a leader's shift moved is bounded too, even with no ancestor to follow.
  if (latest === -Infinity || !Number.isFinite(value)) return bound(value)
  const unit = learned.kind === 'temporal' && learned.type === 'date' ? DAY_SECONDS : 1
  if (writtenSeconds(learned, value) >= latest && (settle || gaps === null)) return bound(value)
  const target =
    gaps === null || settle ? latest : latest + interpolate(gaps, u * levelOf(gaps, column.ceiling - latest))
  return bound(ceilTo(learned, Math.max(target, latest)) / unit)
}

/** The latest instant a time column learned (its top quantile), in seconds; Infinity for other columns. */
export function learnedLatest(column: ColumnModel): number {
  if (column.kind !== 'temporal' || column.type === 'time') return Infinity
  const last = temporalToNumber(column.type, column.quantiles.at(-1) ?? '')
  if (last === null) return Infinity
  return column.type === 'date' ? last * DAY_SECONDS : last
}

/** The lowest instant at or after `seconds` that the column writes unchanged. */
function ceilTo(column: ColumnModel, seconds: number): number {
  if (column.kind !== 'temporal') return seconds
  if (column.type === 'date') return Math.ceil(seconds / DAY_SECONDS) * DAY_SECONDS
  const unit = 10 ** column.fractionDigits
  return Math.ceil(seconds * unit - 1e-6) / unit
}

/** The instant, in seconds, a drawn time value is written as: what a child's order compares with. */
export function writtenSeconds(column: ColumnModel, value: number): number {
  if (column.kind !== 'temporal' || !Number.isFinite(value)) return NaN
  if (column.type === 'date') return Math.round(value) * DAY_SECONDS
  const unit = 10 ** column.fractionDigits
  return Math.round(value * unit) / unit
}

/**
 * What each table must keep for the invariants of later tables: foreign-key indexes, time values, and the category
 * values children's counts depend on.
 */
export function invariantKeeps(
  model: Model,
): Map<string, { indexes: Set<string>; values: Set<string>; labels: Set<string> }> {
  const keeps = new Map<string, { indexes: Set<string>; values: Set<string>; labels: Set<string> }>()
  const of = (id: string) => {
    let entry = keeps.get(id)
    if (entry === undefined)
      keeps.set(id, (entry = { indexes: new Set(), values: new Set(), labels: new Set() }))
    return entry
  }
  const tables = new Map(model.schema.tables.map((t) => [tableName(t), t]))
  const parentOf = (table: string, fk: string) => {
    const key = tables.get(table)?.foreignKeys.find((f) => f.name === fk)
    return key === undefined ? undefined : tableName(key.references)
  }
  const keepPath = (table: string, path: readonly string[]) => {
    let at: string | undefined = table
    for (const [i, name] of path.entries()) {
      if (at === undefined) return
      if (i > 0) of(at).indexes.add(name)
      at = parentOf(at, name)
    }
  }
  for (const invariant of model.invariants ?? []) {
    switch (invariant.kind) {
      case 'paths-meet':
        keepPath(invariant.table, invariant.first)
        keepPath(invariant.table, invariant.second)
        break
      case 'time-order':
        keepPath(invariant.table, invariant.path)
        of(invariant.ancestor).values.add(invariant.ancestorColumn)
        break
      case 'sequence':
      case 'sum':
        break
      case 'children-by-state':
        of(invariant.parent).labels.add(invariant.parentColumn)
        break
      case 'ancestor-cells':
      case 'ancestor-categories':
        keepPath(invariant.table, invariant.path)
        of(invariant.ancestor).labels.add(invariant.ancestorColumn)
        break
    }
  }
  return keeps
}
