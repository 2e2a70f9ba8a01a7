import { planLoad } from '../graph/load-plan.js'
import { resolvedOrThrow } from '../rules/load-constraints.js'
import type { ResolvedConstraint } from '../rules/declared-constraints.js'
import { resolveRules, rewrittenColumns, type ColumnId, type ResolvedRules } from '../rules/resolve-rules.js'
import { learnedFromSource, learnedRewritten, type RuleSet } from '../rules/rule-file.js'
import type { PiiColumn } from '../rules/scan-database.js'
import type { Schema } from '../schema/schema.js'
import { invariantCandidates, type InvariantCandidate } from './invariant-candidates.js'

/** What `learn` will read, decided from the schema, the rules and the PII scan before any table is read. */
export interface LearnPlan {
  /** Tables in load order, parents first: a relation is learned once both its tables are. */
  order: string[]
  resolved: ResolvedRules
  /** Columns rules rewrite: never learned from their values, except as `ruled` and `wordsOnly` say. */
  rewritten: Set<ColumnId>
  /** Rewritten columns not learned at all (the model lists them). */
  ruled: Set<ColumnId>
  /** `words` columns: learned from their real values, only tokens of minCount rows released. */
  wordsOnly: Set<ColumnId>
  /** Invariants to look for, fixed by the schema alone. */
  candidates: InvariantCandidate[]
  /** The rule file's `combinations:` constraints, learned as fixed combinations. */
  combinations: (ResolvedConstraint & { kind: 'combinations' })[]
  /** How the privacy budget is split: by the schema and rules alone, so the split says nothing of the data. */
  budgetShape: {
    combinations: number
    tables: number
    columns: number
    foreignKeys: number
    invariants: number
  }
}

/**
 * The plan of a learn: the rules resolved against the schema (`pii:` rules matched to the scan's findings), what
 * they keep from being learned, and the invariants and combinations to look for. Throws when a declared constraint
 * names what the schema lacks.
 *
 * @example
 * const plan = planLearn(schema, await loadRuleSet('rules/'), await scanDatabase(source, schema))
 * plan.ruled // Set { 'clinic.patients.ssn', … }
 */
export function planLearn(schema: Schema, ruleSet: RuleSet, pii: readonly PiiColumn[]): LearnPlan {
  const resolved = resolveRules(schema, ruleSet.rules, new Map(pii.map((p) => [p.column, p.kind])))
  const rewritten = rewrittenColumns(resolved)
  // shift-date and generalize columns are learned from rewritten values (see learnTable), `words` columns from
  // their real values (only tokens of minCount rows are released); every other rewritten column not at all.
  const ruled = new Set(
    [...rewritten].filter((id) => {
      const kind = resolved.get(id)?.action.kind
      return !learnedRewritten(kind) && !learnedFromSource(kind)
    }),
  )
  const wordsOnly = new Set([...rewritten].filter((id) => resolved.get(id)?.action.kind === 'words'))
  const candidates = invariantCandidates(schema)
  const combinations = resolvedOrThrow(ruleSet.constraints, schema).flatMap((c) =>
    c.kind === 'combinations' ? [c] : [],
  )
  return {
    order: planLoad(schema).order,
    resolved,
    rewritten,
    ruled,
    wordsOnly,
    candidates,
    combinations,
    budgetShape: {
      combinations: combinations.length,
      tables: schema.tables.length,
      columns: schema.tables.reduce((n, t) => n + t.columns.length, 0),
      foreignKeys: schema.tables.reduce((n, t) => n + t.foreignKeys.length, 0),
      invariants: candidates.length,
    },
  }
}
