import { inLanes } from './lanes.js'
import { field } from './sample-field.js'
import type { Database } from '../dialects/dialect.js'
import { readAncestorSample } from '../dialects/queries/invariant-queries.js'
import type { Invariant, TableModel } from '../model/model.js'
import type { PrivacyBudget } from '../model/privacy-budget.js'
import { tableName } from '../schema/table-name.js'
import {
  ancestorCategoryColumns,
  ancestorCategoryRules,
  chooseAncestorCategories,
  type ChosenAncestorCategory,
} from './ancestor-categories.js'
import { ancestorCellsColumns, chooseAncestorCells } from './ancestor-cells.js'
import type { AncestorCandidate, AncestorSample } from './invariant-candidates.js'

export interface AncestorRulesOptions {
  sampleRows: number
  minCount: number
  seed: number
  budget: PrivacyBudget
  /** `schema.table.column` of columns rules rewrite: the source's values of these must not be counted. */
  rewritten: ReadonlySet<string>
}

/**
 * The ancestor cells and ancestor categories of every candidate (see chooseAncestorCells and
 * chooseAncestorCategories), both judged on one sample read per table and path: each rule read its own, the same
 * rows twice (issue 21).
 */
export async function learnAncestorRules(
  lanes: readonly Database[],
  candidates: readonly AncestorCandidate[],
  modelOf: (table: string) => TableModel | undefined,
  options: AncestorRulesOptions,
): Promise<Invariant[]> {
  const cells = new Map<string, Invariant & { kind: 'ancestor-cells' }>()
  const chosen = new Map<string, ChosenAncestorCategory>()
  const asked = candidates.flatMap((candidate) => {
    const model = modelOf(tableName(candidate.table))
    const ancestor = modelOf(tableName(candidate.path.end))
    if (model === undefined || ancestor === undefined || model.rows === 0 || model.reference !== undefined)
      return []
    const forCells = ancestorCellsColumns(candidate, model, ancestor)
    const forCategories = ancestorCategoryColumns(candidate, model, ancestor, options.rewritten)
    return forCells === null && forCategories === null ? [] : [{ candidate, model, forCells, forCategories }]
  })
  await inLanes(lanes, asked, async ({ candidate, model, forCells, forCategories }, source, inTurn) => {
    const own = [...new Set([...(forCells?.numbers ?? []), ...(forCategories?.own ?? [])])]
    const given = [
      ...new Set([...(forCells?.categories.map((c) => c.name) ?? []), ...(forCategories?.given ?? [])]),
    ]
    const rows = await readAncestorSample(source, candidate.table, candidate.path.steps, own, given, {
      tableRows: model.rows,
      limit: options.sampleRows,
      seed: options.seed,
      pages: true,
      key: candidate.table.primaryKey?.columns ?? candidate.path.steps[0]!.columns,
    })
    const sample: AncestorSample = {
      own: (column) => rows.map(field(`n${own.indexOf(column)}`)),
      ancestor: (column) => rows.map(field(`c${given.indexOf(column)}`)),
    }
    // Samples are read side by side; a candidate is judged after the ones before it, as the choices compare them.
    await inTurn()
    if (forCells !== null) chooseAncestorCells(candidate, model, forCells, sample, options.minCount, cells)
    if (forCategories !== null) chooseAncestorCategories(candidate, forCategories, sample, chosen)
  })
  return [...cells.values(), ...(await ancestorCategoryRules(lanes, chosen, modelOf, options))]
}
