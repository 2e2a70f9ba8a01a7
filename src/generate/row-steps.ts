import type { TableModel } from '../model/model.js'
import { DAY_SECONDS } from '../model/temporal-values.js'
import type { TableChecks } from '../schema/check-bounds.js'
import type { Column } from '../schema/schema.js'
import type { ColumnFill } from './column-fills.js'
import { cellSamplers } from './column-sampler.js'
import { derivedValues, differenceSteps } from './derived-values.js'
import { inequalityGuard } from './inequality-guard.js'
import { learnedLatest, type InvariantPlan, type OrderedColumn } from './invariant-plan.js'
import type { KeyRole } from './key-roles.js'

/** A column's value while its row is made: as drawn (numbers in drawn units), before it is formatted. */
export type Internal = number | string | boolean | null

/**
 * What a row does after its values are drawn, to keep the model's invariants, in the order it does it (see
 * RowEmitter.keepInvariants). Each list holds only the steps this table needs.
 */
export interface RowSteps {
  /** Columns drawn again from their cell once the column they depend on is drawn (see Conditional). */
  conditionals: {
    i: number
    given: number
    cells: ReturnType<typeof cellSamplers>
    categories: Set<string> | null
  }[]
  combinations: FixedCombination[]
  derive: ((values: unknown[], uniforms: Float64Array) => void) | null
  /**
   * The differences alone (see differenceSteps), set again once time orders moved their earlier columns: a later
   * column that moved with its leader would keep a difference drawn for the earlier start, and could end after the
   * latest end the source holds.
   */
  differences: ((values: unknown[], uniforms: Float64Array) => void) | null
  /** Category columns drawn again from the cell of an ancestor's category (issue 18.5, see AncestorCategory). */
  ancestorCategories: InvariantPlan['categories']
  /** Numbers drawn within the cell of an ancestor's category (issue 18.5), from the uniform the column drew. */
  ancestorCells: (InvariantPlan['cells'][number] & { clamp: (v: number) => number })[]
  /**
   * Time columns not earlier than an ancestor's (see orderedTime), those that follow another column last; `bound`
   * keeps a moved value inside what the type holds, and a value equal to `fixed` (a difference's fixed value, in
   * the column's units) does not move with its leader: employee's 9999-01-01 stays 9999-01-01.
   */
  timeOrders: (OrderedColumn & { i: number; fixed: number | null })[]
  /** Per time column, the ordered column before it in the row that it moves with. */
  leaders: Map<number, number>
  inequalities: ((values: unknown[]) => boolean)[]
  /** Indexes of the columns whose values must differ within one parent (see keyPlan). */
  groupUnique: number[]
}

/** A `combinations:` rule of columns drawn here (see fixedCombinations). */
export interface FixedCombination {
  indexes: number[]
  values: Internal[][]
  keys: Set<string>
  weights: number[]
}

/** The invariant steps of a table whose written columns are filled by `fills`. */
export function planRowSteps(
  model: TableModel,
  checks: TableChecks,
  columns: readonly Column[],
  fills: readonly ColumnFill[],
  invariants: InvariantPlan,
  roles: ReadonlyMap<string, KeyRole>,
): RowSteps {
  const drawn = (i: number) => fills[i]?.kind === 'value'
  const samplerOf = (i: number) => {
    const fill = fills[i]!
    return fill.kind === 'value' ? fill.sampler : null
  }
  const ordered = orderedPairs(model, checks)
  const { timeOrders, leaders } = timeOrderSteps(model, columns, fills, invariants, ordered)
  return {
    conditionals: conditionalSteps(model, columns, drawn),
    combinations: fixedCombinations(model, columns, drawn),
    derive: derivedValues(model, columns, samplerOf),
    differences: differenceSteps(model, columns, samplerOf),
    ancestorCategories: invariants.categories,
    ancestorCells: invariants.cells.flatMap((c) => {
      const fill = fills[c.column]
      if (fill?.kind !== 'value') return []
      return [{ ...c, clamp: fill.sampler.bound ?? ((v: number) => v) }]
    }),
    timeOrders,
    leaders,
    inequalities: inequalitySteps(ordered, columns, fills),
    groupUnique: columns.flatMap((c, i) => (roles.get(c.name) === 'group-unique' ? [i] : [])),
  }
}

type OrderedPair = { left: string; op: '<' | '<='; right: string }

/**
 * The schema's own comparisons, then the learned inequalities they do not repeat: the schema's hold on every
 * table, also those too small to learn orderings from (under 20 rows).
 */
function orderedPairs(model: TableModel, checks: TableChecks): OrderedPair[] {
  const declared = checks.comparisons.flatMap((c) =>
    c.op === '<' || c.op === '<=' ? [{ left: c.left, op: c.op, right: c.right }] : [],
  )
  return [
    ...declared,
    ...model.inequalities.filter((q) => !declared.some((d) => d.left === q.left && d.right === q.right)),
  ]
}

function inequalitySteps(
  ordered: readonly OrderedPair[],
  columns: readonly Column[],
  fills: readonly ColumnFill[],
): RowSteps['inequalities'] {
  const gridOf = (name: string) => {
    const i = columns.findIndex((c) => c.name === name)
    const fill = fills[i]
    return fill?.kind === 'value' && fill.sampler.grid !== undefined ? { i, grid: fill.sampler.grid } : null
  }
  return ordered.flatMap((q) => {
    const left = gridOf(q.left)
    const right = gridOf(q.right)
    if (left === null || right === null) return []
    return [inequalityGuard(left.i, right.i, q.op === '<', left.grid, right.grid)]
  })
}

/** A free-text column with categories keeps the free text it drew; only its categories come from the cell. */
function conditionalSteps(
  model: TableModel,
  columns: readonly Column[],
  drawn: (index: number) => boolean,
): RowSteps['conditionals'] {
  return model.conditionals.flatMap((c) => {
    const i = columns.findIndex((col) => col.name === c.column)
    const given = columns.findIndex((col) => col.name === c.given)
    if (i < 0 || given < 0 || !drawn(i) || !drawn(given)) return []
    const learned = model.columns.find((col) => col.name === c.column)!
    const categories =
      learned.kind === 'text' ? new Set((learned.categories ?? []).map((cat) => String(cat.value))) : null
    return [{ i, given, cells: cellSamplers(c), categories }]
  })
}

/**
 * A column after another in the row's own order (admitted ≤ discharged) moves with it, keeping the gap the copula
 * drew between them, rather than drawing its own gap from the ancestor: that kept a stay a stay. Leaders come
 * first.
 */
function timeOrderSteps(
  model: TableModel,
  columns: readonly Column[],
  fills: readonly ColumnFill[],
  invariants: InvariantPlan,
  ordered: readonly OrderedPair[],
): Pick<RowSteps, 'timeOrders' | 'leaders'> {
  const columnIndex = (name: string) => columns.findIndex((c) => c.name === name)
  const timeOrders = [...invariants.orders].flatMap(([i, orders]) => {
    const fill = fills[i]
    if (fill?.kind !== 'value') return []
    const learned = model.columns.find((c) => c.name === columns[i]!.name)!
    const unit = learned.kind === 'temporal' && learned.type === 'date' ? DAY_SECONDS : 1
    const fixed = model.differences?.find((d) => d.to === columns[i]!.name)?.fixed
    return [
      {
        i,
        orders,
        learned,
        bound: fill.sampler.bound ?? ((v: number) => v),
        ceiling: learnedLatest(learned),
        fixed: fixed === undefined ? null : fixed.value / unit,
      },
    ]
  })
  const leaders = new Map<number, number>()
  for (const q of ordered) {
    const [l, r] = [columnIndex(q.left), columnIndex(q.right)]
    const isOrdered = (i: number) => timeOrders.some((t) => t.i === i)
    if (isOrdered(l) && isOrdered(r) && !leaders.has(r) && leaders.get(l) !== r) leaders.set(r, l)
  }
  timeOrders.sort((a, b) => Number(leaders.has(a.i)) - Number(leaders.has(b.i)))
  return { timeOrders, leaders }
}

/**
 * The table's `combinations:` rules (see FixedCombinations) whose columns are all drawn here (not keys, not ruled,
 * not times, whose drawn values are instants): their columns' indexes, the combinations as drawn values (numbers as
 * numbers, categories as the category's own value), and their weights.
 */
function fixedCombinations(
  model: TableModel,
  columns: readonly Column[],
  drawn: (index: number) => boolean,
): FixedCombination[] {
  return (model.combinations ?? []).flatMap((f) => {
    const indexes = f.columns.map((name) => columns.findIndex((c) => c.name === name))
    const learned = f.columns.map((name) => model.columns.find((c) => c.name === name))
    if (
      indexes.some((i) => i < 0 || !drawn(i)) ||
      learned.some((l) => l === undefined || l.kind === 'temporal')
    )
      return []
    const values = f.combinations.map((c) =>
      c.values.map((v, j): Internal => {
        const column = learned[j]!
        if (column.kind === 'numeric') return Number(v)
        const categories =
          column.kind === 'categorical' || column.kind === 'text' ? (column.categories ?? []) : []
        return categories.find((cat) => String(cat.value) === String(v))?.value ?? v
      }),
    )
    return [
      {
        indexes,
        values,
        keys: new Set(values.map((v) => v.map(String).join('\u0000'))),
        weights: f.combinations.map((c) => c.frequency),
      },
    ]
  })
}
