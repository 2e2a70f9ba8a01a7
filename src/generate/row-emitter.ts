import type { CellValue } from '../schema/cell-value.js'
import { normalCdf } from '../model/normal-scores.js'
import { seededRandom, type Random } from '../random/seeded-random.js'
import { rowCheckGuard } from './check-guard.js'
import { copulaSampler } from './copula-sampler.js'
import { keyResolver, numberedKey } from './generated-table.js'
import type { TableGenerationContext } from './table-context.js'
import { orderedTime, redrawAncestorCategories, writtenSeconds } from './invariant-plan.js'
import { parentPicker, treeParent } from './parent-pickers.js'
import { interpolate } from '../model/quantile-draw.js'
import { RowStore } from './row-store.js'
import type { Internal } from './row-steps.js'
import type { KeyAction, TablePlan } from './table-plan.js'
import { uniqueKeyGuard } from './unique-key-guard.js'
import { DAY_SECONDS } from '../model/temporal-values.js'

type Cell = (row: number, internal: Internal[]) => CellValue

/** The per-row stores of the table being generated (see RowStore): what its keys and later tables read. */
interface RowStores {
  parentIndex: Map<string, RowStore>
  sequence: RowStore
  scores: RowStore[]
  all: RowStore[]
  /** Stores no later table reads: forgotten after each row. */
  transient: RowStore[]
}

/**
 * Carries out a TablePlan one row at a time: draws the row's copula scores, sets its keys, draws its values, keeps
 * the invariants, formats it and checks it. `emit` returns the row as written, or null when it had to be dropped.
 * Every column, copula entry and foreign key draws from its own stream, keyed (seed, table, name): the same plan
 * and seed give the same rows, and a column added to a table changes no other column's values (issue 22.8).
 */
export class RowEmitter {
  /** Rows emitted so far: the next row's number. */
  rows = 0
  readonly stores: RowStores
  readonly keptValues: number[][]
  readonly keptLabels: (string | null)[][]
  /** Each written column's stream: its NULLs, its draws and the invariants that move its value. */
  private readonly columnRandoms: Random[]
  private readonly copulaRandoms: Random[]
  private readonly combinationRandoms: Random[]
  private readonly keyRandoms: Random[]
  private readonly draw: ((randoms: readonly Random[], z: Float64Array) => void) | null
  private readonly pickers: ((row: number) => number)[]
  private readonly takers: ((parent: number) => void)[]
  private readonly cells: Cell[]
  private readonly checkRow: ((out: CellValue[]) => boolean) | null
  private readonly uniqueGuards: ((out: CellValue[], row: number) => void)[]
  private readonly z: Float64Array
  private readonly uniforms: Float64Array
  private readonly internal: Internal[]
  private readonly chosen: Int32Array
  private readonly moved: Float64Array
  /** The parents a many-to-many row has taken within its group; tracked only when a key must stay distinct. */
  private group = { parent: -2, used: new Set<number>() }
  private readonly anyDistinct: boolean
  private readonly groupValues: Set<number>[]
  private valuesParent = -2

  constructor(
    private readonly ctx: TableGenerationContext,
    private readonly plan: TablePlan,
  ) {
    const { model } = ctx
    const stream = (...keys: string[]) => seededRandom(ctx.seed, ctx.stream, ...keys)
    this.columnRandoms = plan.columns.map((c) => stream(c.name, 'values'))
    this.copulaRandoms = (model.copula?.columns ?? []).map((entry) => stream(entry, 'copula'))
    this.combinationRandoms = plan.steps.combinations.map((f) =>
      stream(...f.indexes.map((i) => plan.columns[i]!.name), 'combination'),
    )
    this.draw = model.copula === null ? null : copulaSampler(model.copula.correlation)
    this.stores = rowStores(ctx, plan)
    this.keyRandoms = plan.keys.map((action) => stream(action.foreignKey.name, 'keys'))
    const pickers = plan.keys.map((action, k) => keyPicker(ctx, action, this.keyRandoms[k]!))
    this.pickers = pickers.map((p) => p.pick)
    this.takers = pickers.map((p) => p.take)
    this.cells = this.rowCells()
    this.checkRow = rowCheckGuard(ctx.checks.checks, plan.columns, (i) => this.redraw(i))
    this.uniqueGuards = plan.uniqueKeys.map((k) => uniqueKeyGuard(k.columns, plan.columns, k.prefixes))
    this.z = new Float64Array(model.copula?.columns.length ?? 0)
    this.uniforms = new Float64Array(plan.columns.length)
    this.internal = new Array<Internal>(plan.columns.length).fill(null)
    this.chosen = new Int32Array(ctx.table.foreignKeys.length)
    this.moved = new Float64Array(plan.columns.length)
    this.anyDistinct = plan.keys.some((a) => a.distinct)
    this.groupValues = plan.steps.groupUnique.map(() => new Set<number>())
    this.keptValues = plan.kept.values.map(() => [])
    this.keptLabels = plan.kept.labels.map(() => [])
  }

  /**
   * Makes row number `rows` under driving parent `parentRow` (-1: none) at `position` within it; null when it had
   * to be dropped (a many-to-many group with every parent taken, or a CHECK still false after its columns were
   * drawn again), its stores undone.
   */
  emit(parentRow: number, position: number): CellValue[] | null {
    const row = this.rows
    this.drawScores(parentRow)
    this.stores.sequence.push(position)
    if (!this.pickKeys(row, parentRow)) return this.drop(row)
    this.drawValues()
    this.keepInvariants(parentRow)
    const out = this.cells.map((cell) => cell(row, this.internal))
    // The target would refuse the row and with it the whole load: it is left out, as a taken pair is.
    if (this.checkRow !== null && !this.checkRow(out)) return this.drop(row)
    for (const guard of this.uniqueGuards) guard(out, row)
    this.keepForLaterTables(out)
    this.rows++
    for (const store of this.stores.transient) store.forget()
    return out
  }

  private drop(row: number): null {
    for (const store of this.stores.all) store.popRow(row)
    return null
  }

  private drawScores(parentRow: number): void {
    const z = this.z
    if (this.draw !== null) this.draw(this.copulaRandoms, z)
    for (const c of this.plan.conditioned) {
      if (parentRow >= 0) z[c.j] = c.rho * c.parentScores[parentRow]! + c.rest * z[c.j]!
    }
    for (let j = 0; j < this.stores.scores.length; j++) this.stores.scores[j]!.push(z[j]!)
  }

  /** Sets every foreign key of the row; false when a many-to-many row found every parent of its group taken. */
  private pickKeys(row: number, parentRow: number): boolean {
    if (this.anyDistinct && this.group.parent !== parentRow)
      this.group = { parent: parentRow, used: new Set() }
    for (let k = 0; k < this.plan.keys.length; k++) {
      const action = this.plan.keys[k]!
      const store = this.stores.parentIndex.get(action.foreignKey.name)!
      const picked = action.kind === 'driving' ? parentRow : this.pickKey(k, action, row)
      if (picked === null) return false
      if (action.kind !== 'driving' && (action.meet === null || action.distinct) && picked >= 0)
        this.takers[k]!(picked)
      this.chosen[action.index] = picked
      store.push(picked)
    }
    return true
  }

  /** The parent row a key points at (-1: NULL); null when a distinct key found every parent taken. */
  private pickKey(k: number, action: KeyAction, row: number): number | null {
    const pick = this.pickers[k]!
    let picked = pick(row)
    if (action.meet !== null && picked >= 0 && !action.distinct) {
      const candidates = action.meet.candidates(this.chosen)
      // No parent meets the other path: none at all where the key may be NULL, else the one drawn.
      if (candidates === null) return picked
      if (candidates.length > 0) return candidates[this.keyRandoms[k]!.int(0, candidates.length - 1)]!
      return action.nullable ? -1 : picked
    }
    if (!action.distinct) return picked
    // Many-to-many: the same pair twice would break the composite key.
    const used = this.group.used
    for (let tries = 0; tries < 50 && picked >= 0 && used.has(picked); tries++) picked = pick(row)
    if (picked >= 0 && used.has(picked)) return null
    used.add(picked)
    return picked
  }

  private drawValues(): void {
    const { fills } = this.plan
    const { internal, uniforms, z, columnRandoms } = this
    for (let i = 0; i < fills.length; i++) {
      const fill = fills[i]!
      const random = columnRandoms[i]!
      if (fill.kind !== 'value' || (fill.nullable && random.next() < fill.nullFraction)) {
        internal[i] = null
        continue
      }
      const u = fill.copulaIndex >= 0 ? normalCdf(z[fill.copulaIndex]!) : random.next()
      uniforms[i] = Math.min(1 - 1e-12, Math.max(1e-12, u))
      if (fill.paths !== undefined)
        for (const p of fill.paths.entries)
          fill.paths.uniforms.set(p.path, Math.min(1 - 1e-12, Math.max(1e-12, normalCdf(z[p.index]!))))
      internal[i] = fill.sampler.draw(uniforms[i]!, random)
    }
  }

  /**
   * The model's invariants, in order: ancestors' categories, conditionals, combinations, derived values, ancestor
   * cells, time, order.
   */
  private keepInvariants(parentRow: number): void {
    const { steps } = this.plan
    // Before the row's own conditionals, which may be given the redrawn category (issue 18.5).
    redrawAncestorCategories(steps.ancestorCategories, this.internal, this.columnRandoms, this.chosen)
    this.keepConditionals()
    this.keepCombinations()
    if (steps.derive !== null) steps.derive(this.internal, this.uniforms)
    this.keepAncestorCells()
    if (steps.timeOrders.length > 0 && this.keepTimeOrders(false) && steps.differences !== null)
      steps.differences(this.internal, this.uniforms)
    // Inequalities chain (q <= f < m): a swap for one can break another kept before it, so they are kept again
    // until none changes the row, as a bubble sort settles (one pass in most rows). A swap can put an earlier
    // value into a time column that is ordered after an ancestor: that is settled in turn.
    for (let round = 0, again = true; again && round < 3; round++) {
      for (let pass = 0, changed = true; changed && pass <= steps.inequalities.length; pass++) {
        changed = false
        for (const keep of steps.inequalities) changed = keep(this.internal) || changed
      }
      again = steps.timeOrders.length > 0 && this.keepTimeOrders(true)
    }
    if (steps.groupUnique.length > 0) this.keepGroupUnique(parentRow)
  }

  private keepConditionals(): void {
    const internal = this.internal
    for (const c of this.plan.steps.conditionals) {
      const value = internal[c.i]
      const given = internal[c.given]
      if (value === null || value === undefined) continue
      if (c.categories !== null && !c.categories.has(String(value))) continue
      const cell = c.cells.get(given === null || given === undefined ? null : String(given))
      if (cell !== undefined) internal[c.i] = cell(this.uniforms[c.i]!)
    }
  }

  private keepCombinations(): void {
    const internal = this.internal
    this.plan.steps.combinations.forEach((f, k) => {
      const drawn = f.indexes.map((i) => internal[i])
      if (drawn.some((v) => v === null || v === undefined) || f.keys.has(drawn.map(String).join('\u0000')))
        return
      // A combination the source never holds: the row takes one it does, as often as the source has each.
      const pick = f.values[this.combinationRandoms[k]!.weighted(f.weights)]!
      f.indexes.forEach((i, j) => (internal[i] = pick[j]!))
    })
  }

  private keepAncestorCells(): void {
    for (const c of this.plan.steps.ancestorCells) {
      const value = this.internal[c.column]
      if (typeof value !== 'number' || !Number.isFinite(value)) continue
      const quantiles = c.quantiles(this.chosen)
      if (quantiles !== undefined)
        this.internal[c.column] = c.clamp(interpolate(quantiles, this.uniforms[c.column]!))
    }
  }

  /** Moves time columns after their ancestors' instants (see orderedTime); true when one changed. */
  private keepTimeOrders(settle: boolean): boolean {
    const { timeOrders, leaders } = this.plan.steps
    const { internal, moved } = this
    let changed = false
    moved.fill(NaN)
    for (const t of timeOrders) {
      const value = internal[t.i]
      const u = this.columnRandoms[t.i]!.next()
      if (typeof value !== 'number') continue
      const unit = t.learned.kind === 'temporal' && t.learned.type === 'date' ? DAY_SECONDS : 1
      const leader = leaders.get(t.i)
      // A fixed value stays where it is unless an ancestor is later: no leader's shift, no gap drawn.
      const fixed = value === t.fixed
      const shift = leader === undefined || fixed ? NaN : moved[leader]!
      const start = Number.isNaN(shift) ? value : value + shift / unit
      const keep = settle || fixed || !Number.isNaN(shift)
      const next = orderedTime(start, t, this.chosen, u, keep)
      moved[t.i] = (next - value) * unit
      if (next !== value) changed = true
      internal[t.i] = next
    }
    return changed
  }

  /** Values that must differ within one parent (see keyPlan) move on to the next value not taken. */
  private keepGroupUnique(parentRow: number): void {
    const { groupUnique } = this.plan.steps
    if (this.valuesParent !== parentRow) for (const values of this.groupValues) values.clear()
    this.valuesParent = parentRow
    for (let g = 0; g < groupUnique.length; g++) {
      const value = this.internal[groupUnique[g]!]
      if (typeof value !== 'number') continue
      // In the units the value is written in (days, seconds): one step on is one value on.
      let free = Math.round(value)
      while (this.groupValues[g]!.has(free)) free++
      this.groupValues[g]!.add(free)
      this.internal[groupUnique[g]!] = free
    }
  }

  private keepForLaterTables(out: CellValue[]): void {
    const { kept } = this.plan
    kept.values.forEach((v, k) => {
      const value = this.internal[v.i]
      this.keptValues[k]!.push(typeof value === 'number' ? writtenSeconds(v.learned, value) : NaN)
    })
    kept.labels.forEach((l, k) => {
      const value = this.internal[l.i] ?? out[l.i]
      this.keptLabels[k]!.push(value === null || value === undefined ? null : String(value))
    })
  }

  /** A value drawn again for a column a CHECK rejected; undefined for a column not drawn. */
  private redraw(i: number): CellValue | undefined {
    const fill = this.plan.fills[i]!
    if (fill.kind !== 'value') return undefined
    const random = this.columnRandoms[i]!
    const value = fill.sampler.draw(random.next(), random)
    return value === null ? null : fill.sampler.format(value)
  }

  /** How each written column is formatted from the row's number and its drawn values. */
  private rowCells(): Cell[] {
    const { ctx, plan, stores } = this
    const self = {
      table: ctx.table,
      parentIndex: stores.parentIndex,
      sequence: stores.sequence,
      roles: plan.roles,
      family: ctx.family,
    }
    let countryCell: Cell | undefined
    const cells = plan.columns.map((column, i): Cell => {
      const fill = plan.fills[i]!
      switch (fill.kind) {
        case 'key': {
          const resolve = keyResolver(ctx.states, self, column.name)
          return (row) => resolve(row)
        }
        case 'rule':
          return (row) => fill.values(row)
        case 'sequence': {
          const key = numberedKey(column, ctx.family)
          return (row) => key(stores.sequence.at(row))
        }
        case 'person':
          return (row, internal) => fill.values(row, countryCell?.(row, internal))
        case 'zero':
          return () => fill.value
        case 'value':
          return (_row, internal) => {
            const value = internal[i]
            return value === null || value === undefined ? null : fill.sampler.format(value)
          }
      }
    })
    // Only a drawn country is read twice: a rule's values advance their stream on every call.
    if (plan.countryColumn >= 0) countryCell = cells[plan.countryColumn]
    return cells
  }
}

/** How a key action picks a parent row for row `row` (-1: NULL), and commits a pick. */
function keyPicker(
  ctx: TableGenerationContext,
  action: KeyAction,
  random: Random,
): { pick: (row: number) => number; take: (parent: number) => void } {
  const keep = () => {}
  switch (action.kind) {
    case 'driving':
      return { pick: () => -1, take: keep }
    case 'self':
      return { pick: treeParent(action.relation, random), take: keep }
    case 'unset':
      return { pick: () => -1, take: keep }
    case 'pick': {
      const picker = parentPicker(ctx, action.foreignKey, action.relation, action.byState)
      return {
        pick: () => picker.pick(random),
        take: (parent) => {
          picker.take(parent)
        },
      }
    }
  }
}

function rowStores(ctx: TableGenerationContext, plan: TablePlan): RowStores {
  const parentIndex = new Map(ctx.table.foreignKeys.map((fk) => [fk.name, new RowStore('index')]))
  const sequence = new RowStore('index')
  const copulaColumns = ctx.model.copula?.columns ?? []
  const scores = copulaColumns.map(() => new RowStore('score'))
  const all = [sequence, ...parentIndex.values(), ...scores]
  const kept = plan.kept
  const keptStores = new Set<RowStore>(
    kept.all
      ? all
      : [
          ...kept.indexes.map((name) => parentIndex.get(name)!),
          ...(kept.sequence ? [sequence] : []),
          ...kept.scores.map((c) => scores[copulaColumns.indexOf(c)]!),
        ],
  )
  return { parentIndex, sequence, scores, all, transient: all.filter((store) => !keptStores.has(store)) }
}
