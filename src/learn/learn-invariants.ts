import type { Database } from '../dialects/dialect.js'
import { round } from '../model/categories.js'
import { INVARIANT_STRENGTH, type Category, type Invariant } from '../model/model.js'
import type { PrivacyBudget } from '../model/privacy-budget.js'
import { quantileSketch } from '../model/quantile-sketch.js'
import { DAY_SECONDS, temporalToNumber, type TemporalType } from '../model/temporal-values.js'
import type { Column } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'
import type { InvariantCandidate } from './invariant-candidates.js'
import {
  readChildrenByStates,
  readPathsMeet,
  readSequence,
  readSums,
  readTimeOrderPairs,
  readTimeOrders,
} from '../dialects/queries/invariant-queries.js'
import { childrenByState, type StateCells } from './children-by-state.js'
import { inLanes } from './lanes.js'

export interface LearnInvariantsOptions {
  sampleRows: number
  minCount: number
  seed: number
  budget: PrivacyBudget
  /** `schema.table.column` of columns rules rewrite: no rule is learned from their values. */
  rewritten: ReadonlySet<string>
  /**
   * The released categories of a table's column, or null when the model does not hold it as categories; null for
   * every column (the report, which has no model) asks enum and boolean columns about any value they hold.
   */
  categoriesOf: (table: string, column: string) => readonly Category[] | null
}

/**
 * Asks the source about each candidate rule (see invariantCandidates) and keeps those that at least
 * INVARIANT_STRENGTH of the rows they speak of agree with. Each rule releases two counts, noised from the budget
 * (sensitivity 1: one row more or less moves each by one) and released only when at least minCount rows apply.
 */
export async function learnInvariants(
  lanes: readonly Database[],
  candidates: readonly InvariantCandidate[],
  rowsOf: (table: string) => number,
  options: LearnInvariantsOptions,
): Promise<Invariant[]> {
  const orderCounts = await timeOrderCounts(lanes, candidates, rowsOf, options)
  const sums = await sumCounts(lanes, candidates, rowsOf, options.rewritten)
  const states = await stateCounts(lanes, candidates, rowsOf, options)
  const asked = [...candidates.entries()].filter(([, c]) => rowsOf(tableName(c.table)) > 0)
  const rules = await inLanes(lanes, asked, ([index, candidate], source) =>
    learnCandidate({ source, rowsOf, options, orderCounts, sums, states }, candidate, index),
  )
  return rules.filter((rule) => rule !== null)
}

/** What asking one candidate reads from: the source, and the counts already read in grouped scans. */
interface CandidateRun {
  source: Database
  rowsOf: (table: string) => number
  options: LearnInvariantsOptions
  /** Time orders' and sums' counts by candidate index (see timeOrderCounts, sumCounts). */
  orderCounts: Map<number, { rows: number; agree: number }>
  sums: Map<number, { rows: number; agree: number }>
  /** Children-by-state parents' counts by candidate index (see stateCounts); a candidate not asked is absent. */
  states: Map<number, StateCells>
}

type Release = (counts: { rows: number; agree: number }) => { rows: number; strength: number } | null

const names = (path: { steps: readonly { name: string }[] }) => path.steps.map((s) => s.name)

/** One candidate asked of the source: its rule when enough rows apply and agree, else null. */
async function learnCandidate(
  run: CandidateRun,
  candidate: InvariantCandidate,
  index: number,
): Promise<Invariant | null> {
  const { source, rowsOf, options } = run
  const table = tableName(candidate.table)
  const id = `invariant/${index}`
  const sample = {
    tableRows: rowsOf(table),
    limit: options.sampleRows,
    seed: options.seed,
    pages: true,
    // Without a primary key, the key the rule walks first orders the sample (a json column cannot be ordered).
    key: candidate.table.primaryKey?.columns ?? firstKey(candidate),
  }
  const release: Release = (counts) => releasedCounts(options, id, counts)
  switch (candidate.kind) {
    case 'sum': {
      const counts = run.sums.get(index)
      const kept = counts === undefined ? null : release(counts)
      if (kept === null) return null
      return {
        kind: 'sum',
        table,
        column: candidate.column.name,
        foreignKey: candidate.foreignKey.name,
        parent: tableName(candidate.parent),
        parentColumn: candidate.parentColumn.name,
        ...kept,
      }
    }
    case 'children-by-state': {
      // Not asked: see stateCounts.
      const cells = run.states.get(index)
      if (cells === undefined) return null
      const categories = options.categoriesOf(tableName(candidate.parent), candidate.parentColumn.name)
      return childrenByState(candidate, cells, categories, id, options)
    }
    case 'paths-meet': {
      const counts = await readPathsMeet(
        source,
        candidate.table,
        candidate.first.steps,
        candidate.second.steps,
        sample,
      )
      const kept = release(counts)
      if (kept === null) return null
      return {
        kind: 'paths-meet',
        table,
        first: names(candidate.first),
        second: names(candidate.second),
        ancestor: tableName(candidate.first.end),
        ...kept,
      }
    }
    case 'time-order':
      return learnTimeOrder(run, candidate, run.orderCounts.get(index), sample, release)
    case 'sequence': {
      const counts = await readSequence(source, candidate.table, candidate.column.name, candidate.foreignKey)
      // A column that is 1 in the only row of every parent numbers nothing.
      if (counts.largest < 2) return null
      const kept = release(counts)
      if (kept === null) return null
      return {
        kind: 'sequence',
        table,
        column: candidate.column.name,
        foreignKey: candidate.foreignKey.name,
        ...kept,
      }
    }
  }
}

/**
 * A rule's two counts noised from the budget (sensitivity 1: one row more or less moves each by one), and its
 * strength; null when fewer than minCount rows apply or fewer than INVARIANT_STRENGTH of them agree.
 */
function releasedCounts(
  { budget, minCount }: Pick<LearnInvariantsOptions, 'budget' | 'minCount'>,
  id: string,
  counts: { rows: number; agree: number },
): { rows: number; strength: number } | null {
  const rows = Math.max(0, Math.round(budget.count(counts.rows, 1, id, 'rows')))
  const agree = Math.max(0, Math.round(budget.count(counts.agree, 1, id, 'agree')))
  const strength = rows === 0 ? 0 : Math.min(1, agree / rows)
  return rows < minCount || strength < INVARIANT_STRENGTH ? null : { rows, strength: round(strength, 4) }
}

/** A time order kept, with the gaps from the ancestor's time read from a sample of its rows. */
async function learnTimeOrder(
  { source, options }: CandidateRun,
  candidate: InvariantCandidate & { kind: 'time-order' },
  counts: { rows: number; agree: number } | undefined,
  sample: { tableRows: number; limit: number; seed: number; key: string[]; pages: boolean },
  release: Release,
): Promise<Invariant | null> {
  // Not asked: the table is empty, or a rule rewrites one of the columns (see timeOrderCounts).
  if (counts === undefined) return null
  const kept = release(counts)
  if (kept === null) return null
  const pairs = await readTimeOrderPairs(
    source,
    candidate.table,
    candidate.column,
    candidate.path.steps,
    candidate.ancestorColumn,
    sample.key,
    sample,
  )
  const gaps = pairs.flatMap((p) => {
    const c = seconds(candidate.column, p['c'])
    const a = seconds(candidate.ancestorColumn, p['a'])
    return c === null || a === null || c < a ? [] : [c - a]
  })
  return {
    kind: 'time-order',
    table: tableName(candidate.table),
    column: candidate.column.name,
    path: names(candidate.path),
    ancestor: tableName(candidate.path.end),
    ancestorColumn: candidate.ancestorColumn.name,
    ...kept,
    gaps: quantileSketch(gaps, options.minCount)?.map((g) => Math.max(0, round(g, 3))) ?? null,
  }
}

/**
 * The parents of every children-by-state candidate counted by value and number of children, one query per foreign
 * key (see readChildrenByStates), by candidate index. Not asked: a column the model holds as fewer than two
 * categories (an enum or boolean column of the report, which has no model, is asked about any value), a column a
 * rule rewrites, an empty parent.
 */
async function stateCounts(
  lanes: readonly Database[],
  candidates: readonly InvariantCandidate[],
  rowsOf: (table: string) => number,
  options: LearnInvariantsOptions,
): Promise<Map<number, StateCells>> {
  const groups = new Map<
    string,
    { candidate: InvariantCandidate & { kind: 'children-by-state' }; index: number }[]
  >()
  for (const [index, candidate] of candidates.entries()) {
    if (candidate.kind !== 'children-by-state' || rowsOf(tableName(candidate.table)) === 0) continue
    const { parent, parentColumn } = candidate
    const categories = options.categoriesOf(tableName(parent), parentColumn.name)
    const anyValue = categories === null && ['enum', 'boolean'].includes(parentColumn.type)
    if ((!anyValue && (categories?.length ?? 0) < 2) || rowsOf(tableName(parent)) === 0) continue
    if (options.rewritten.has(`${parent.schema}.${parent.name}.${parentColumn.name}`)) continue
    const key = `${tableName(candidate.table)}/${candidate.foreignKey.name}`
    groups.set(key, [...(groups.get(key) ?? []), { candidate, index }])
  }
  const cells = new Map<number, StateCells>()
  await inLanes(lanes, [...groups.values()], async (group, source) => {
    const { table, foreignKey } = group[0]!.candidate
    const read = await readChildrenByStates(
      source,
      table,
      foreignKey,
      group.map(({ candidate }) => candidate.parentColumn.name),
    )
    group.forEach(({ index }, i) => cells.set(index, read[i]!))
  })
  return cells
}

/**
 * The counts of every time order, one scan per table and path (see readTimeOrders), by candidate index. Orders on
 * rewritten columns are not asked.
 */
async function timeOrderCounts(
  lanes: readonly Database[],
  candidates: readonly InvariantCandidate[],
  rowsOf: (table: string) => number,
  options: LearnInvariantsOptions,
): Promise<Map<number, { rows: number; agree: number }>> {
  const groups = new Map<
    string,
    { candidate: InvariantCandidate & { kind: 'time-order' }; index: number }[]
  >()
  for (const [index, candidate] of candidates.entries()) {
    if (candidate.kind !== 'time-order' || rowsOf(tableName(candidate.table)) === 0) continue
    const end = candidate.path.end
    if (
      options.rewritten.has(`${candidate.table.schema}.${candidate.table.name}.${candidate.column.name}`) ||
      options.rewritten.has(`${end.schema}.${end.name}.${candidate.ancestorColumn.name}`)
    )
      continue
    const key = `${tableName(candidate.table)}/${candidate.path.steps.map((s) => s.name).join('/')}`
    groups.set(key, [...(groups.get(key) ?? []), { candidate, index }])
  }
  const counts = new Map<number, { rows: number; agree: number }>()
  await inLanes(lanes, [...groups.values()], async (group, source) => {
    const { table, path } = group[0]!.candidate
    const read = await readTimeOrders(
      source,
      table,
      group.map(({ candidate }) => [candidate.column.name, candidate.ancestorColumn.name] as const),
      path.steps,
      {
        tableRows: rowsOf(tableName(table)),
        limit: options.sampleRows,
        seed: options.seed,
        pages: true,
        key: table.primaryKey?.columns ?? path.steps[0]!.columns,
      },
    )
    group.forEach(({ index }, i) => counts.set(index, read[i]!))
  })
  return counts
}

/**
 * The counts of every sum (see readSums), one grouped scan per child table and foreign key, by candidate index.
 * Sums over or into rewritten columns are not asked.
 */
async function sumCounts(
  lanes: readonly Database[],
  candidates: readonly InvariantCandidate[],
  rowsOf: (table: string) => number,
  rewritten: ReadonlySet<string>,
): Promise<Map<number, { rows: number; agree: number }>> {
  const groups = new Map<string, { candidate: InvariantCandidate & { kind: 'sum' }; index: number }[]>()
  for (const [index, candidate] of candidates.entries()) {
    if (candidate.kind !== 'sum' || rowsOf(tableName(candidate.table)) === 0) continue
    const { table, parent } = candidate
    if (
      rewritten.has(`${table.schema}.${table.name}.${candidate.column.name}`) ||
      rewritten.has(`${parent.schema}.${parent.name}.${candidate.parentColumn.name}`)
    )
      continue
    const key = `${tableName(table)}/${candidate.foreignKey.name}`
    groups.set(key, [...(groups.get(key) ?? []), { candidate, index }])
  }
  const counts = new Map<number, { rows: number; agree: number }>()
  await inLanes(lanes, [...groups.values()], async (group, source) => {
    const { table, foreignKey } = group[0]!.candidate
    const read = await readSums(
      source,
      table,
      foreignKey,
      group.map(({ candidate }) => [candidate.parentColumn.name, candidate.column.name] as const),
    )
    group.forEach(({ index }, i) => counts.set(index, read[i]!))
  })
  return counts
}

function firstKey(candidate: InvariantCandidate): string[] {
  switch (candidate.kind) {
    case 'paths-meet':
      return (candidate.first.steps[0] ?? candidate.second.steps[0])!.columns
    case 'time-order':
      return candidate.path.steps[0]!.columns
    case 'sequence':
    case 'children-by-state':
    case 'sum':
      return candidate.foreignKey.columns
  }
}

/** A date or time value as seconds since 1970 (dates at midnight), or null when unreadable or infinite. */
export function seconds(column: Pick<Column, 'type'>, value: unknown): number | null {
  if (value === null || value === undefined) return null
  const text = value instanceof Date ? value.toISOString() : String(value)
  const n = temporalToNumber(column.type as TemporalType, text)
  if (n === null || !Number.isFinite(n)) return null
  return column.type === 'date' ? n * DAY_SECONDS : n
}
