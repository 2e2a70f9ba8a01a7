import { readAncestorCategoryCounts } from '../dialects/ancestor-category-counts.js'
import { inLanes } from './lanes.js'
import type { Database } from '../dialects/dialect.js'
import { round } from '../model/categories.js'
import {
  conditionalCells,
  cramersV,
  cramersVOfCounts,
  DEPENDENT_ACROSS_KEYS,
} from '../model/category-pairs.js'
import type { Category, Invariant, TableModel } from '../model/model.js'
import type { PrivacyBudget } from '../model/privacy-budget.js'
import { categoryKey } from '../model/value-encoding.js'
import type { Table } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'
import type { AncestorCandidate, AncestorSample } from './invariant-candidates.js'

export interface AncestorCategoriesOptions {
  minCount: number
  budget: PrivacyBudget
  /** `schema.table.column` of columns rules rewrite: the source's values of these must not be counted. */
  rewritten: ReadonlySet<string>
}

export type ChosenAncestorCategory = {
  candidate: AncestorCandidate
  column: string
  ancestorColumn: string
  v: number
}

/** What ancestor categories read of one candidate's sample: the table's categories, the ancestor's. */
export interface AncestorCategoryColumns {
  own: string[]
  given: string[]
}

/** The columns a candidate is asked about for ancestor categories, or null when it has none to ask. */
export function ancestorCategoryColumns(
  candidate: AncestorCandidate,
  model: TableModel,
  ancestor: TableModel,
  rewritten: ReadonlySet<string>,
): AncestorCategoryColumns | null {
  const own = [...releasedColumns(model, candidate.table, rewritten).keys()].filter(
    (name) => !conditionedInRow(model, name),
  )
  const given = [...releasedColumns(ancestor, candidate.path.end, rewritten).keys()].filter((name) =>
    candidate.categories.some((c) => c.name === name),
  )
  return own.length === 0 || given.length === 0 ? null : { own, given }
}

/**
 * Category columns drawn given a category column one to three keys away (issue 18.5: a policy's coverage by its
 * patient's age band). Per column, the ancestor column it depends on most (Cramér's V on the table's sample), kept
 * in `best` when at least DEPENDENT_ACROSS_KEYS and above any other path's; ancestorCategoryRules then counts it.
 */
export function chooseAncestorCategories(
  candidate: AncestorCandidate,
  columns: AncestorCategoryColumns,
  sample: AncestorSample,
  best: Map<string, ChosenAncestorCategory>,
): void {
  const given = columns.given.map((name) => sample.ancestor(name).map(label))
  for (const column of columns.own) {
    const values = sample.own(column).map(label)
    for (const [j, ancestorColumn] of columns.given.entries()) {
      const v = cramersV(values, given[j]!)
      const key = `${tableName(candidate.table)}/${column}`
      if (v >= DEPENDENT_ACROSS_KEYS && v > (best.get(key)?.v ?? 0))
        best.set(key, { candidate, column, ancestorColumn, v })
    }
  }
}

/**
 * The rules of the chosen pairs (see chooseAncestorCategories): their pair counts, read from the whole table,
 * noised from the column's share of the budget, and cut to cells as a Conditional's are.
 */
export async function ancestorCategoryRules(
  lanes: readonly Database[],
  chosen: ReadonlyMap<string, ChosenAncestorCategory>,
  modelOf: (table: string) => TableModel | undefined,
  options: AncestorCategoriesOptions,
): Promise<Invariant[]> {
  const rules = await inLanes(lanes, [...chosen.values()], (pair, source) =>
    ancestorCategoryRule(source, pair, modelOf, options),
  )
  return rules.filter((rule) => rule !== null)
}

/** The rule for one chosen pair, from its counts in the whole table; null when no cell is released. */
async function ancestorCategoryRule(
  source: Database,
  { candidate, column, ancestorColumn }: ChosenAncestorCategory,
  modelOf: (table: string) => TableModel | undefined,
  options: AncestorCategoriesOptions,
): Promise<Invariant | null> {
  const id = tableName(candidate.table)
  const ancestor = tableName(candidate.path.end)
  const values = releasedColumns(modelOf(id)!, candidate.table, options.rewritten).get(column)!
  const givens = releasedColumns(modelOf(ancestor)!, candidate.path.end, options.rewritten).get(
    ancestorColumn,
  )!
  const counts = (
    await readAncestorCategoryCounts(source, candidate.table, candidate.path.steps, column, ancestorColumn)
  ).map((c) => {
    const [x, y] = [categoryKey(c.given), categoryKey(c.value)]
    // The column's one "cells given another column" query (see conditionedInRow); keyed apart from a conditional's.
    return { x, y, count: options.budget.count(c.count, 1, id, column, 'ancestor', `given=${x}`, y) }
  })
  const strength = cramersVOfCounts(counts)
  const { cells } = conditionalCells(
    counts.flatMap((c) => {
      const [given, value] = [givens.get(c.x), values.get(c.y)]
      return given === undefined || value === undefined ? [] : [{ given, value, count: c.count }]
    }),
    options.minCount,
  )
  if (strength < DEPENDENT_ACROSS_KEYS || cells.length === 0) return null
  return {
    kind: 'ancestor-categories',
    table: id,
    column,
    path: candidate.path.steps.map((s) => s.name),
    ancestor,
    ancestorColumn,
    cells,
    rows: Math.max(0, Math.round(counts.reduce((n, c) => n + Math.max(0, c.count), 0))),
    strength: round(strength, 4),
  }
}

/**
 * The table's category columns with two released values or more, each with its values by category key; columns a
 * rule rewrites are left out (the source's values of a generalized column are not what the model released).
 */
function releasedColumns(
  model: TableModel,
  table: Table,
  rewritten: ReadonlySet<string>,
): Map<string, Map<string, Category['value']>> {
  return new Map(
    model.columns.flatMap((c) => {
      const categories = c.kind === 'categorical' || c.kind === 'text' ? (c.categories ?? []) : []
      if (categories.length < 2 || rewritten.has(`${table.schema}.${table.name}.${c.name}`)) return []
      return [[c.name, new Map(categories.map((k) => [categoryKey(k.value), k.value]))] as const]
    }),
  )
}

/**
 * Whether the row itself already decides the column: drawn from a conditional's cells, set by a functional
 * dependency or kept to fixed combinations. Such a column spent its "cells given another column" query, and
 * redrawing it from an ancestor would break what its row holds.
 */
function conditionedInRow(model: TableModel, column: string): boolean {
  return (
    model.conditionals.some((c) => c.column === column) ||
    (model.functionalDependencies ?? []).some((d) => d.dependent === column) ||
    (model.combinations ?? []).some((f) => f.columns.includes(column))
  )
}

function label(value: unknown): string | null {
  return value === null || value === undefined ? null : categoryKey(value)
}
