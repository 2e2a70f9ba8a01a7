import type { CellValue } from '../dialects/twin-target.js'
import type { DeferredForeignKey } from '../graph/load-plan.js'
import type { ColumnModel, Invariant, RelationModel, TableModel } from '../model/model.js'
import { normalCdf } from '../model/normal-scores.js'
import { copulaPathEntry, numericKeyPaths } from '../model/json-paths.js'
import { seededRandom, type Random } from '../random/seeded-random.js'
import { learnedFromSource, learnedRewritten, type Rule } from '../rules/rule-file.js'
import type { Column, ForeignKey, Table } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'
import { cellSamplers, columnSampler, zeroValue, type ColumnSampler } from './column-sampler.js'
import { copulaSampler } from './copula-sampler.js'
import { inequalityGuard } from './inequality-guard.js'
import { derivedValues } from './derived-values.js'
import { holdsUniqueKey, keyResolver, numberedKey, type GeneratedTable } from './generated-table.js'
import { keyPlan } from './key-roles.js'
import { childrenCounts, childrenCountsByState } from './children-counts.js'
import { ParentDeal } from './parent-deal.js'
import { NUMBER_TYPES } from '../schema/type-groups.js'
import { DAY_SECONDS } from '../model/temporal-values.js'
import { personValues, ruleValues } from './rule-values.js'
import { personSource, planPerson } from '../rules/person-columns.js'
import { valueRewriter, type Rewrite } from '../rules/value-rewriter.js'
import type { TableChecks } from '../schema/check-bounds.js'
import { boundedSampler, legalFallback, rowCheckGuard } from './check-guard.js'
import { interpolate } from './quantile-draw.js'
import {
  invariantPlan,
  orderedTime,
  redrawAncestorCategories,
  writtenSeconds,
  type ChildrenByState,
} from './invariant-plan.js'

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

const BATCH_ROWS = 5000

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

/** Columns a writer fills: generated columns are computed by the target (or left NULL across engines). */
export function writtenColumns(table: Table): Column[] {
  return table.columns.filter((c) => c.generated === null)
}

type ColumnFill =
  /** Resolved from the row's number: foreign keys and the key columns with a role (see keyPlan). */
  | { kind: 'key' }
  /** The row's position within its driving parent, 1..n: a sequence invariant. */
  | { kind: 'sequence' }
  | {
      kind: 'value'
      sampler: ColumnSampler
      copulaIndex: number
      nullFraction: number
      nullable: boolean
      /** A JSON column's numeric paths in the copula: each row's uniforms are set here before its draw. */
      paths?: { uniforms: Map<string, number>; entries: { path: string; index: number }[] }
    }
  | { kind: 'rule'; values: (row: number) => CellValue }
  /** A field of the row's fake person; `country` is the row's own country value, when a column holds one. */
  | { kind: 'person'; values: (row: number, country: CellValue | undefined) => CellValue }
  | { kind: 'zero'; value: CellValue }

/**
 * Generates one table, streaming batches to the sink. A table with a parent to hang from gets its rows parent by
 * parent, each parent's number of children drawn from the learned histogram and tilted by the parent's columns;
 * other tables get `rootRows`. Values come from the copula and the marginals, conditioned on the parent.
 */
export async function generateTable(ctx: TableGenerationContext): Promise<GeneratedTable> {
  const { table, model, states } = ctx
  const id = tableName(table)
  const parentId = (fk: ForeignKey) => tableName(fk.references)
  const relation = (fk: ForeignKey): RelationModel | undefined =>
    model.relations.find((r) => r.foreignKey === fk.name)
  const deferred = new Set(ctx.deferred.filter((d) => d.table === id).map((d) => d.foreignKey))
  const driving = ctx.driving
  const columns = writtenColumns(table)
  const copulaColumns = model.copula?.columns ?? []
  const draw = model.copula === null ? null : copulaSampler(model.copula.correlation)
  const groupDistinct = distinctWithinGroup(table, driving)
  const { roles, guarded } = keyPlan(
    table,
    driving,
    groupDistinct,
    model.columns,
    ctx.kept?.keys ?? new Set(),
  )
  const pickable = new Set(
    table.foreignKeys
      .filter(
        (fk) => fk !== driving && parentId(fk) !== id && !deferred.has(fk.name) && states.has(parentId(fk)),
      )
      .map((fk) => fk.name),
  )
  const invariants = invariantPlan(
    table,
    ctx.invariants,
    states,
    driving,
    pickable,
    columns.map((c) => c.name),
  )
  const linked = (c: string) =>
    ctx.kept?.keys.has(c) === true || table.foreignKeys.some((fk) => fk.columns.includes(c))
  const person = planPerson(table, (c) => ctx.rules.get(c), linked)
  const people = personSource(`generate:${ctx.seed}`)
  const fills = columns.map((column): ColumnFill => {
    const learned = model.columns.find((c) => c.name === column.name)!
    const role = roles.get(column.name)
    if (invariants.sequences.has(column.name) && role !== 'row') return { kind: 'sequence' }
    if (
      role === 'row' ||
      role === 'position' ||
      table.foreignKeys.some((fk) => fk.columns.includes(column.name))
    )
      return { kind: 'key' }
    const rule = ctx.rules.get(column.name)
    // A shift-date or generalize column was learned from rewritten values (see learn): the model stands for it.
    const field = person?.fields.get(column.name)
    if (person !== null && field !== undefined && rule !== undefined) {
      const unique = [table.primaryKey, ...table.uniques].some(
        (k) => k !== null && k.columns.length === 1 && k.columns[0] === column.name,
      )
      const values = personValues(rule, field, column, person, {
        seed: ctx.seed,
        stream: ctx.stream,
        nullFraction: learned.nullFraction,
        bounds: ctx.checks.columns.get(column.name) ?? null,
        unique,
        people,
      })
      return { kind: 'person', values }
    }
    const fromModel = learnedRewritten(rule?.action.kind) || learnedFromSource(rule?.action.kind)
    if (rule !== undefined && !(fromModel && learned.kind !== 'ruled')) {
      const values = ruleValues(rule, column, {
        seed: ctx.seed,
        stream: ctx.stream,
        nullFraction: learned.nullFraction,
        bounds: ctx.checks.columns.get(column.name) ?? null,
      })
      return { kind: 'rule', values }
    }
    const bounds = ctx.checks.columns.get(column.name)
    // A generalize column's categories were counted on its raw values, all rare once coarsened away: its words and
    // shapes, learned from the coarsened sample, write it. A `words` column is written from its words, not its
    // repeated notes as categories.
    const modeled =
      (rule?.action.kind === 'generalize' || rule?.action.kind === 'words') && learned.kind === 'text'
        ? { ...learned, categories: null }
        : learned
    const paths = jsonCopulaPaths(learned, column.name, copulaColumns)
    const drawn = columnSampler(modeled, column, {
      family: ctx.family,
      ...(paths === undefined ? {} : { pathUniform: (path: string) => paths.uniforms.get(path) }),
    })
    if (drawn === null) {
      // Too few values to learn (a 12-row table's rating): the type's zero would break `rating >= 1`.
      const legal =
        bounds === undefined || column.nullable
          ? null
          : legalFallback(column, bounds, seededRandom(ctx.seed, ctx.stream, column.name, 'fallback'))
      return { kind: 'zero', value: legal ?? zeroValue(column, ctx.family) }
    }
    const bounded = bounds === undefined ? drawn : boundedSampler(drawn, bounds, learned)
    // The model learned coarsened values, but draws between them (a birth date in May): coarsen the draw again.
    const sampler =
      rule?.action.kind === 'generalize'
        ? { ...bounded, format: coarsen(bounded.format, valueRewriter(rule.action, column, '')) }
        : bounded
    return {
      kind: 'value',
      sampler,
      copulaIndex: copulaColumns.indexOf(column.name),
      nullFraction: learned.nullFraction,
      nullable: column.nullable,
      ...(paths === undefined ? {} : { paths }),
    }
  })

  // Conditioning on the driving parent: per copula column, the parent column it depends on most.
  const drivingRelation = driving === undefined ? undefined : relation(driving)
  const drivingParent = driving === undefined ? undefined : states.get(parentId(driving))
  const dependence = copulaColumns.map((name) =>
    strongest(drivingRelation?.columnDependence.filter((d) => d.childColumn === name) ?? [], drivingParent),
  )
  const countDependence = strongest(drivingRelation?.countDependence ?? [], drivingParent)

  const parentIndex = new Map(table.foreignKeys.map((fk) => [fk.name, new RowStore('index')]))
  const sequence = new RowStore('index')
  const scoreStores = copulaColumns.map(() => new RowStore('score'))
  const stores = [sequence, ...parentIndex.values(), ...scoreStores]
  // Only what later tables read is kept for every row: the FKs inside referenced keys, positions, conditioning
  // scores (all of it when the table points at itself). The rest is forgotten row by row: 20M-row twins peaked
  // near 512 MB holding every store of every referenced table.
  const kept = ctx.kept
  const keptIndex = table.foreignKeys
    .filter(
      (fk) => fk.columns.some((c) => kept?.keys.has(c) === true) || kept?.indexes?.has(fk.name) === true,
    )
    .map((fk) => [fk.name, parentIndex.get(fk.name)!] as const)
  const keptSequence = [...roles].some(([c, role]) => role === 'position' && kept?.keys.has(c) === true)
  const keptScores = copulaColumns.flatMap((c, j) =>
    kept?.scores.has(c) === true ? [[c, scoreStores[j]!] as const] : [],
  )
  const selfReferencing = table.foreignKeys.some((fk) => parentId(fk) === id)
  const keptStores = new Set<RowStore>(
    selfReferencing
      ? stores
      : [
          ...keptIndex.map(([, store]) => store),
          ...(keptSequence ? [sequence] : []),
          ...keptScores.map(([, store]) => store),
        ],
  )
  const transient = stores.filter((store) => !keptStores.has(store))
  // Instants later rows are ordered after: kept as written, for every row, NaN where NULL or not drawn.
  const keptValues = columns.flatMap((c, i) => {
    if (kept?.values?.has(c.name) !== true) return []
    const learned = model.columns.find((l) => l.name === c.name)!
    return [{ name: c.name, i, learned, values: [] as number[] }]
  })
  const keptLabels = columns.flatMap((c, i) =>
    kept?.labels?.has(c.name) === true ? [{ name: c.name, i, labels: [] as (string | null)[] }] : [],
  )
  const chosen = new Int32Array(table.foreignKeys.length)
  const self = { table, parentIndex, sequence, roles, family: ctx.family }
  const rowRandom = seededRandom(ctx.seed, ctx.stream, 'rows')
  const countRandom = seededRandom(ctx.seed, ctx.stream, 'counts')
  const keyRandom = seededRandom(ctx.seed, ctx.stream, 'keys')

  // Everything a row needs, decided once per table rather than once per row.
  const keep = () => {}
  const keyActions = table.foreignKeys.map((fk, index) => {
    const store = parentIndex.get(fk.name)!
    const meet = invariants.meets.get(index) ?? null
    if (fk === driving)
      return { index, meet, store, pick: null, take: keep, distinct: false, kind: 'driving' as const }
    if (parentId(fk) === id)
      return {
        index,
        meet,
        store,
        pick: treeParent(relation(fk), keyRandom),
        take: keep,
        distinct: false,
        kind: 'self' as const,
      }
    if (deferred.has(fk.name) || !states.has(parentId(fk)))
      return { index, meet, store, pick: () => -1, take: keep, distinct: false, kind: 'unset' as const }
    const picker = parentPicker(ctx, fk, relation(fk), invariants.states.get(fk.name))
    return {
      index,
      meet,
      store,
      pick: () => picker.pick(keyRandom),
      take: (parent: number) => picker.take(parent),
      distinct: fk === groupDistinct,
      kind: 'pick' as const,
    }
  })
  // A key that meets another path is picked once the key it follows is (see InvariantPlan).
  keyActions.sort((a, b) => Number(a.meet !== null) - Number(b.meet !== null))
  const conditioned = dependence.flatMap((d, j) => {
    if (d === null || drivingParent === undefined) return []
    return [
      {
        j,
        parentScores: drivingParent.scores.get(d.column)!,
        rho: d.correlation,
        rest: Math.sqrt(1 - d.correlation ** 2),
      },
    ]
  })
  // The row's country as written, read again by its person columns (its fill is deterministic per row).
  const countryAt =
    person?.countryColumn == null ? -1 : columns.findIndex((c) => c.name === person.countryColumn)
  let countryCell: ((row: number, internal: Internal[]) => CellValue) | undefined
  const cells = columns.map((column, i): ((row: number, internal: Internal[]) => CellValue) => {
    const fill = fills[i]!
    switch (fill.kind) {
      case 'key': {
        const resolve = keyResolver(states, self, column.name)
        return (row) => resolve(row)
      }
      case 'rule':
        return (row) => fill.values(row)
      case 'sequence': {
        const key = numberedKey(column, ctx.family)
        return (row) => key(sequence.at(row))
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
  if (countryAt >= 0 && fills[countryAt]!.kind === 'value') countryCell = cells[countryAt]
  const uniqueGuards = guarded.map((key) =>
    uniqueKeyGuard(key, columns, table.uniques.find((u) => u.columns.join() === key.join())?.prefixes),
  )
  const checkRow = rowCheckGuard(ctx.checks.checks, columns, (i) => {
    const fill = fills[i]!
    if (fill.kind !== 'value') return undefined
    const value = fill.sampler.draw(rowRandom.next(), rowRandom)
    return value === null ? null : fill.sampler.format(value)
  })
  // Values that must differ within one parent (see keyPlan): indices of their columns, and the values taken.
  const groupUnique = columns.flatMap((c, i) => (roles.get(c.name) === 'group-unique' ? [i] : []))
  const groupValues = groupUnique.map(() => new Set<number>())
  let valuesParent = -2
  const gridOf = (name: string) => {
    const i = columns.findIndex((c) => c.name === name)
    const fill = fills[i]
    return fill?.kind === 'value' && fill.sampler.grid !== undefined ? { i, grid: fill.sampler.grid } : null
  }
  // The schema's own comparisons hold on every table, also those too small to learn orderings from (under 20 rows).
  const declared = ctx.checks.comparisons.flatMap((c) =>
    c.op === '<' || c.op === '<=' ? [{ left: c.left, op: c.op, right: c.right }] : [],
  )
  const ordered = [
    ...declared,
    ...model.inequalities.filter((q) => !declared.some((d) => d.left === q.left && d.right === q.right)),
  ]
  const inequalities = ordered.flatMap((q) => {
    const left = gridOf(q.left)
    const right = gridOf(q.right)
    if (left === null || right === null) return []
    return [inequalityGuard(left.i, right.i, q.op === '<', left.grid, right.grid)]
  })
  // Columns drawn again from their cell once the column they depend on is drawn (see Conditional). A free-text
  // column with categories keeps the free text it drew; only its categories come from the cell.
  const conditionals = model.conditionals.flatMap((c) => {
    const i = columns.findIndex((col) => col.name === c.column)
    const given = columns.findIndex((col) => col.name === c.given)
    if (i < 0 || given < 0 || fills[i]!.kind !== 'value' || fills[given]!.kind !== 'value') return []
    const learned = model.columns.find((col) => col.name === c.column)!
    const categories =
      learned.kind === 'text' ? new Set((learned.categories ?? []).map((cat) => String(cat.value))) : null
    return [{ i, given, cells: cellSamplers(c), categories }]
  })
  const combinations = fixedCombinations(model, columns, (i) => fills[i]!.kind === 'value')
  const derive = derivedValues(model, columns, (i) => {
    const fill = fills[i]!
    return fill.kind === 'value' ? fill.sampler : null
  })
  // Numbers drawn within the cell of an ancestor's category (issue 18.5), from the uniform the column drew.
  const ancestorCells = invariants.cells.flatMap((c) => {
    const fill = fills[c.column]
    if (fill?.kind !== 'value') return []
    return [{ ...c, clamp: fill.sampler.bound ?? ((v: number) => v) }]
  })
  const z = new Float64Array(copulaColumns.length)
  const uniforms = new Float64Array(columns.length)
  const internal: Internal[] = new Array<Internal>(columns.length).fill(null)
  const nullableKey = table.foreignKeys.map((fk) =>
    fk.columns.every((c) => table.columns.find((col) => col.name === c)?.nullable === true),
  )
  // Time columns not earlier than an ancestor's (see orderedTime). A column after another in the row's own order
  // (admitted ≤ discharged) moves with it, keeping the gap the copula drew between them, rather than drawing its
  // own gap from the ancestor: that kept a stay a stay.
  const columnIndex = (name: string) => columns.findIndex((c) => c.name === name)
  const timeOrders = [...invariants.orders].flatMap(([i, orders]) => {
    const fill = fills[i]
    if (fill?.kind !== 'value') return []
    const learned = model.columns.find((c) => c.name === columns[i]!.name)!
    return [{ i, orders, learned, bound: fill.sampler.bound ?? ((v: number) => v) }]
  })
  const leaders = new Map<number, number>()
  for (const q of ordered) {
    const [l, r] = [columnIndex(q.left), columnIndex(q.right)]
    const isOrdered = (i: number) => timeOrders.some((t) => t.i === i)
    if (isOrdered(l) && isOrdered(r) && !leaders.has(r) && leaders.get(l) !== r) leaders.set(r, l)
  }
  timeOrders.sort((a, b) => Number(leaders.has(a.i)) - Number(leaders.has(b.i)))
  const moved = new Float64Array(columns.length)
  const unitOf = (learned: (typeof timeOrders)[number]['learned']) =>
    learned.kind === 'temporal' && learned.type === 'date' ? DAY_SECONDS : 1
  const keepTimeOrders = (settle: boolean): boolean => {
    let changed = false
    moved.fill(NaN)
    for (const t of timeOrders) {
      const value = internal[t.i]
      const u = rowRandom.next()
      if (typeof value !== 'number') continue
      const unit = unitOf(t.learned)
      const leader = leaders.get(t.i)
      const shift = leader === undefined ? NaN : moved[leader]!
      const start = Number.isNaN(shift) ? value : value + shift / unit
      const next = orderedTime(start, t.learned, t.orders, chosen, u, settle || !Number.isNaN(shift), t.bound)
      moved[t.i] = (next - value) * unit
      if (next !== value) changed = true
      internal[t.i] = next
    }
    return changed
  }

  let batch: CellValue[][] = []
  let pending: Promise<void> = Promise.resolve()
  let rows = 0
  // The parents a many-to-many row has taken within its group; tracked only when a key must stay distinct.
  let group = { parent: -2, used: new Set<number>() }
  const anyDistinct = keyActions.some((a) => a.distinct)
  const flush = async () => {
    await pending
    // The next batch is generated while this one is written.
    pending = ctx.sink(batch)
    batch = []
  }

  /**
   * Makes one row; false when it had to be dropped (a many-to-many group with every parent taken, or a CHECK still
   * false after its columns were drawn again).
   */
  const emit = (parentRow: number, position: number): boolean => {
    const row = rows
    if (draw !== null) draw(rowRandom, z)
    for (const c of conditioned) {
      if (parentRow >= 0) z[c.j] = c.rho * c.parentScores[parentRow]! + c.rest * z[c.j]!
    }
    for (let j = 0; j < scoreStores.length; j++) scoreStores[j]!.push(z[j]!)
    sequence.push(position)
    if (anyDistinct && group.parent !== parentRow) group = { parent: parentRow, used: new Set() }
    for (const action of keyActions) {
      if (action.kind === 'driving') {
        chosen[action.index] = parentRow
        action.store.push(parentRow)
        continue
      }
      let picked = action.pick(row)
      if (action.meet !== null && picked >= 0 && !action.distinct) {
        const candidates = action.meet.candidates(chosen)
        // No parent meets the other path: none at all where the key may be NULL, else the one drawn.
        if (candidates !== null)
          picked =
            candidates.length > 0
              ? candidates[keyRandom.int(0, candidates.length - 1)]!
              : nullableKey[action.index]
                ? -1
                : picked
        chosen[action.index] = picked
        action.store.push(picked)
        continue
      }
      if (action.distinct) {
        // Many-to-many: the same pair twice would break the composite key.
        for (let tries = 0; tries < 50 && picked >= 0 && group.used.has(picked); tries++)
          picked = action.pick(row)
        if (picked >= 0 && group.used.has(picked)) {
          for (const store of stores) store.popRow(row)
          return false
        }
        group.used.add(picked)
      }
      if (picked >= 0) action.take(picked)
      chosen[action.index] = picked
      action.store.push(picked)
    }
    for (let i = 0; i < fills.length; i++) {
      const fill = fills[i]!
      if (fill.kind !== 'value' || (fill.nullable && rowRandom.next() < fill.nullFraction)) {
        internal[i] = null
        continue
      }
      const u = fill.copulaIndex >= 0 ? normalCdf(z[fill.copulaIndex]!) : rowRandom.next()
      uniforms[i] = Math.min(1 - 1e-12, Math.max(1e-12, u))
      if (fill.paths !== undefined)
        for (const p of fill.paths.entries)
          fill.paths.uniforms.set(p.path, Math.min(1 - 1e-12, Math.max(1e-12, normalCdf(z[p.index]!))))
      internal[i] = fill.sampler.draw(uniforms[i]!, rowRandom)
    }
    // Before the row's own conditionals, which may be given the redrawn category (issue 18.5).
    redrawAncestorCategories(invariants.categories, internal, rowRandom, chosen)
    for (const c of conditionals) {
      const value = internal[c.i]
      const given = internal[c.given]
      if (value === null || value === undefined) continue
      if (c.categories !== null && !c.categories.has(String(value))) continue
      const cell = c.cells.get(given === null || given === undefined ? null : String(given))
      if (cell !== undefined) internal[c.i] = cell(uniforms[c.i]!)
    }
    for (const f of combinations) {
      const drawn = f.indexes.map((i) => internal[i])
      if (drawn.some((v) => v === null || v === undefined) || f.keys.has(drawn.map(String).join('\u0000')))
        continue
      // A combination the source never holds: the row takes one it does, as often as the source has each.
      const pick = f.values[rowRandom.weighted(f.weights)]!
      f.indexes.forEach((i, j) => (internal[i] = pick[j]!))
    }
    if (derive !== null) derive(internal, uniforms)
    for (const c of ancestorCells) {
      const value = internal[c.column]
      if (typeof value !== 'number' || !Number.isFinite(value)) continue
      const quantiles = c.quantiles(chosen)
      if (quantiles !== undefined) internal[c.column] = c.clamp(interpolate(quantiles, uniforms[c.column]!))
    }
    if (timeOrders.length > 0) keepTimeOrders(false)
    // Inequalities chain (q <= f < m): a swap for one can break another kept before it, so they are kept again
    // until none changes the row, as a bubble sort settles (one pass in most rows). A swap can put an earlier
    // value into a time column that is ordered after an ancestor: that is settled in turn.
    for (let round = 0, again = true; again && round < 3; round++) {
      for (let pass = 0, changed = true; changed && pass <= inequalities.length; pass++) {
        changed = false
        for (const keep of inequalities) changed = keep(internal) || changed
      }
      again = timeOrders.length > 0 && keepTimeOrders(true)
    }
    if (groupUnique.length > 0) {
      if (valuesParent !== parentRow) for (const values of groupValues) values.clear()
      valuesParent = parentRow
      for (let g = 0; g < groupUnique.length; g++) {
        const value = internal[groupUnique[g]!]
        if (typeof value !== 'number') continue
        // In the units the value is written in (days, seconds): one step on is one value on.
        let free = Math.round(value)
        while (groupValues[g]!.has(free)) free++
        groupValues[g]!.add(free)
        internal[groupUnique[g]!] = free
      }
    }
    const out = new Array<CellValue>(cells.length)
    for (let i = 0; i < cells.length; i++) out[i] = cells[i]!(row, internal)
    // The target would refuse the row and with it the whole load: it is left out, as a taken pair is above.
    if (checkRow !== null && !checkRow(out)) {
      for (const store of stores) store.popRow(row)
      return false
    }
    for (const guard of uniqueGuards) guard(out, row)
    for (const v of keptValues) {
      const value = internal[v.i]
      v.values.push(typeof value === 'number' ? writtenSeconds(v.learned, value) : NaN)
    }
    for (const l of keptLabels) {
      const value = internal[l.i] ?? out[l.i]
      l.labels.push(value === null || value === undefined ? null : String(value))
    }
    batch.push(out)
    rows++
    for (const store of transient) store.forget()
    return true
  }

  if (driving === undefined) {
    for (let r = 0; r < ctx.rows; r++) {
      emit(-1, r + 1)
      if (batch.length >= BATCH_ROWS) await flush()
    }
  } else {
    const parent = drivingParent!
    const histogram = drivingRelation?.childrenPerParent ?? [{ children: 1, frequency: 1 }]
    const countScores = countDependence === null ? null : parent.scores.get(countDependence.column)!
    const rho = countDependence?.correlation ?? 0
    const nullable = driving.columns.every(
      (c) => table.columns.find((col) => col.name === c)?.nullable === true,
    )
    const nulls = nullable ? Math.round(ctx.rows * Math.min(1, drivingRelation?.nullFraction ?? 0)) : 0
    const tilt = new Float64Array(parent.rows)
    for (let p = 0; p < parent.rows; p++)
      tilt[p] =
        countScores === null
          ? countRandom.normal()
          : rho * countScores[p]! + Math.sqrt(1 - rho ** 2) * countRandom.normal()
    const byState = invariants.states.get(driving.name)
    const atMostOne = holdsUniqueKey(table, driving.columns)
    const counts =
      byState === undefined
        ? childrenCounts(histogram, tilt, ctx.rows - nulls, atMostOne, countRandom)
        : childrenCountsByState(
            histogram,
            byState.states,
            byState.stateOf,
            tilt,
            ctx.rows - nulls,
            atMostOne,
            countRandom,
            byState.barred,
          )
    for (let p = 0; p < parent.rows; p++) {
      // A row left out (see emit) gives its position to the next: positions stay 1..n without gaps.
      for (let k = 0, position = 1; k < counts[p]!; k++) if (emit(p, position)) position++
      if (batch.length >= BATCH_ROWS) await flush()
    }
    // A table the source has rows in is never left empty, so a NOT NULL foreign key into it always has a row to
    // point at.
    if (rows === 0 && model.rows > 0 && parent.rows > 0) emit(countRandom.int(0, parent.rows - 1), 1)
    for (let k = 0; k < nulls; k++) {
      emit(-1, k + 1)
      if (batch.length >= BATCH_ROWS) await flush()
    }
  }
  if (batch.length > 0) await flush()
  await pending
  return {
    id,
    table,
    rows,
    parentIndex: new Map(keptIndex.map(([name, store]) => [name, store.values() as Int32Array])),
    sequence: keptSequence ? (sequence.values() as Int32Array) : null,
    roles,
    family: ctx.family,
    scores: new Map(keptScores.map(([c, store]) => [c, store.values() as Float32Array])),
    values: new Map(keptValues.map((v) => [v.name, Float64Array.from(v.values)])),
    ...(keptLabels.length > 0 ? { labels: new Map(keptLabels.map((l) => [l.name, l.labels])) } : {}),
  }
}

type Internal = number | string | boolean | null

/**
 * The table's `combinations:` rules (see FixedCombinations) whose columns are all drawn here (not keys, not ruled,
 * not times, whose drawn values are instants): their columns' indexes, the combinations as drawn values (numbers as
 * numbers, categories as the category's own value), and their weights.
 */
function fixedCombinations(
  model: TableModel,
  columns: readonly Column[],
  drawn: (index: number) => boolean,
): { indexes: number[]; values: Internal[][]; keys: Set<string>; weights: number[] }[] {
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

/**
 * Per-row numbers of the table being generated, in a growable typed array (4 bytes a row, not a JavaScript
 * number's 8 and more); `forget` drops rows no one will look up again.
 */
class RowStore {
  private data: Float32Array | Int32Array
  private length = 0
  private base = 0

  constructor(private readonly kind: 'index' | 'score') {
    this.data = kind === 'index' ? new Int32Array(1024) : new Float32Array(1024)
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown =
        this.kind === 'index' ? new Int32Array(this.data.length * 2) : new Float32Array(this.data.length * 2)
      grown.set(this.data)
      this.data = grown
    }
    this.data[this.length++] = value
  }

  at(row: number): number {
    return this.data[row - this.base]!
  }

  /** Undoes the push of `row`, if it happened. */
  popRow(row: number): void {
    if (this.length + this.base > row) this.length--
  }

  forget(): void {
    this.base += this.length
    this.length = 0
  }

  values(): Int32Array | Float32Array {
    return this.data.slice(0, this.length)
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

/**
 * Picks parent rows for a non-driving foreign key. Each parent gets a weight from the learned children-per-parent
 * distribution by a random rank (see countsByRank), so as many parents are popular, and as many have no children,
 * as in the source (inventory under 500 stores of which 2 hold items went to every store, issue 17.7); the weights
 * are stretched to the rows expected to point at a parent and dealt out exactly (see ParentDeal). `pick` may be
 * refused and called again; `take` commits a pick.
 */
function parentPicker(
  ctx: TableGenerationContext,
  fk: ForeignKey,
  relation: RelationModel | undefined,
  byState: ChildrenByState | undefined,
): { pick(random: Random): number; take(parent: number): void } {
  const parent = ctx.states.get(tableName(fk.references))!
  const weightRandom = seededRandom(ctx.seed, ctx.stream, fk.name, 'weights')
  const histogram = relation?.childrenPerParent ?? [{ children: 1, frequency: 1 }]
  const nullFraction = relation?.nullFraction ?? 0
  const nullable = fk.columns.every((c) => ctx.table.columns.find((col) => col.name === c)?.nullable === true)
  const expected = Math.max(1, Math.round(ctx.rows * (nullable ? 1 - Math.min(1, nullFraction) : 1)))
  const tilt = Float64Array.from({ length: parent.rows }, () => weightRandom.next())
  const counts =
    byState === undefined
      ? childrenCounts(histogram, tilt, expected, false, weightRandom)
      : childrenCountsByState(
          histogram,
          byState.states,
          byState.stateOf,
          tilt,
          expected,
          false,
          weightRandom,
          byState.barred,
        )
  const deal = parent.rows === 0 ? null : new ParentDeal(counts)
  return {
    pick: (random) => {
      if (nullable && random.next() < nullFraction) return -1
      return deal === null ? -1 : deal.draw(random)
    },
    take: (p) => deal?.take(p),
  }
}

/**
 * A self-reference forms a tree as deep as the source's: each row draws a depth from the learned depths and hangs
 * off a random earlier row one level up (the deepest level that has rows, when the drawn one has none yet); depth
 * 0 is a root (NULL). A model without depths falls back to roots at the learned NULL rate, else any earlier row.
 */
function treeParent(relation: RelationModel | undefined, random: Random): (row: number) => number {
  const depths = relation?.depths ?? []
  if (depths.length === 0) {
    return (row) =>
      row === 0 || random.next() < (relation?.nullFraction ?? 0.5) ? -1 : random.int(0, row - 1)
  }
  const weights = depths.map((d) => d.frequency)
  const rowsAt: number[][] = []
  return (row) => {
    let depth = depths[random.weighted(weights)]!.depth
    while (depth > 0 && (rowsAt[depth - 1]?.length ?? 0) === 0) depth--
    const parent = depth === 0 ? -1 : random.pick(rowsAt[depth - 1]!)
    ;(rowsAt[depth] ??= []).push(row)
    return parent
  }
}

/** A JSON column's numeric paths that joined the copula (issue 17.4), with their copula indices; none: undefined. */
function jsonCopulaPaths(
  learned: ColumnModel,
  column: string,
  copulaColumns: readonly string[],
): { uniforms: Map<string, number>; entries: { path: string; index: number }[] } | undefined {
  if (learned.kind !== 'shaped' || learned.document === undefined) return undefined
  const entries = numericKeyPaths(learned.document)
    .map((p) => ({ path: p.path, index: copulaColumns.indexOf(copulaPathEntry(column, p.path)) }))
    .filter((p) => p.index >= 0)
  return entries.length === 0 ? undefined : { uniforms: new Map(), entries }
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

/**
 * Keeps a unique key of drawn columns unique: a row whose key repeats an earlier one has its last non-NULL column
 * moved on (a number by its row number, a text suffixed with it) until the key is new. A key with a NULL in it is
 * not compared, as the engines do not. A MySQL key unique on column prefixes (`UNIQUE KEY (title(10))`) is
 * compared on those prefixes, and a text is moved on inside its prefix, where the target looks (issue 16.5).
 */
function uniqueKeyGuard(
  key: readonly string[],
  columns: Column[],
  prefixes: readonly (number | null)[] | undefined,
): (out: CellValue[], row: number) => void {
  const indices = key.map((name) => columns.findIndex((c) => c.name === name))
  const seen = new Set<string>()
  // MySQL counts a text prefix in characters (code points), as the spread below does.
  const cut = (value: CellValue, k: number) => {
    const prefix = prefixes?.[k]
    return prefix == null || typeof value !== 'string'
      ? String(value)
      : Array.from(value).slice(0, prefix).join('')
  }
  const text = (out: CellValue[]) => indices.map((i, k) => cut(out[i] ?? null, k)).join('\u0000')
  const lastPrefix = prefixes?.at(-1) ?? null
  return (out, row) => {
    if (indices.some((i) => i < 0 || out[i] === null)) return
    const index = indices.at(-1)!
    const value = out[index]!
    // Decimals are written as text (see columnSampler): still numbers to move on.
    const number = typeof value === 'number' || NUMBER_TYPES.has(columns[index]!.type)
    // A NaN moved on stays NaN: it starts from 0 instead.
    const start = Number.isFinite(Number(value)) ? Number(value) : 0
    // A date or timestamp already written as text moves on by days: a suffix would make it no date at all.
    const dated = !number && typeof value === 'string' ? DATED.exec(value) : null
    for (let step = 1; seen.has(text(out)); step++) {
      out[index] = number
        ? start + row + step
        : dated !== null
          ? daysLater(dated, row + step)
          : lastPrefix !== null
            ? taggedInPrefix(String(value), step, lastPrefix)
            : suffixed(
                String(value),
                step === 1 ? `${row + 1}` : `${row + 1}-${step}`,
                columns[index]!.length,
              )
    }
    seen.add(text(out))
  }
}

const DATED = /^(\d{4})-(\d{2})-(\d{2})(.*)$/s

/** `2024-09-09 10:00` moved on by `days`, the rest of the text (a time of day) kept. */
function daysLater(dated: RegExpExecArray, days: number): string {
  const moved = new Date(Date.UTC(Number(dated[1]), Number(dated[2]) - 1, Number(dated[3]) + days))
  return moved.toISOString().slice(0, 10) + dated[4]!
}

/**
 * `value` with the end of its first `prefix` characters replaced by `step` in base 36 (`title-7` → `tit7…` for a
 * prefix of 3), the rest kept: the n-th try gives the n-th tag, so the tries cover every tag of each width in turn.
 * The value keeps its length, and a short one grows only up to the prefix.
 */
function taggedInPrefix(value: string, step: number, prefix: number): string {
  const chars = Array.from(value)
  const tag = step.toString(36)
  const head = chars.slice(0, Math.max(0, Math.min(chars.length + tag.length, prefix) - tag.length))
  return head.join('') + tag + chars.slice(prefix).join('')
}

function suffixed(value: string, tag: string, length: number | null): string {
  const suffix = `-${tag}`
  return length === null ? value + suffix : value.slice(0, Math.max(0, length - suffix.length)) + suffix
}

function coarsen(format: ColumnSampler['format'], rewrite: Rewrite): ColumnSampler['format'] {
  return (value) => rewrite(format(value))
}
