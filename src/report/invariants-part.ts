import type { Database } from '../dialects/dialect.js'
import { invariantCandidates } from '../learn/invariant-candidates.js'
import { learnInvariants } from '../learn/learn-invariants.js'
import { readCombinations } from '../dialects/queries/invariant-queries.js'
import type { Invariant, Model } from '../model/model.js'
import { PrivacyBudget } from '../model/privacy-budget.js'
import { declaredRuleText, type ResolvedConstraint } from '../rules/declared-constraints.js'
import { readDeclaredViolations } from '../dialects/queries/declared-queries.js'
import { tableChecks } from '../schema/check-bounds.js'
import { evaluateCheck } from '../schema/check-evaluation.js'
import type { DialectName, Schema, Table, TableRef } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'
import { countInvariantViolations, describeInvariant } from './invariant-violations.js'
import type { InvariantsSection } from './report.js'

/**
 * Every CHECK of a source table evaluated on rows read from its twin, by the source's own expression: a CHECK the
 * twin's engine dropped (MySQL before 8.0.16, a MySQL → PostgreSQL twin of an expression it cannot carry) is still
 * checked. A CHECK that cannot be computed here (a function call) lets every row through, as the engines do NULL.
 */
export function sourceCheckViolations(
  realTable: Table,
  dialect: DialectName,
  twinTable: Table,
  rows: readonly Record<string, unknown>[],
): InvariantsSection['checks'] {
  return tableChecks(realTable, dialect).checks.map((check) => ({
    table: tableName(realTable),
    check: check.name,
    rows: rows.length,
    violations: rows.filter(
      (row) => evaluateCheck(check.expression, (column) => row[column] as string | number | null) === false,
    ).length,
    inTwin:
      twinTable.checks.some((c) => c.name === check.name) ||
      twinTable.columns.some((c) => (c.domainChecks ?? []).some((d) => d.name === check.name)),
  }))
}

/** What the invariants part reads: both sides, the rules to count, and how the source's tables map to the twin's. */
export interface InvariantsInput {
  real: Database | null
  twin: Database
  realSchema: Schema
  model: Model | undefined
  twinOf: (id: string) => TableRef | undefined
  rowsOf: (id: string) => number
  checks: InvariantsSection['checks']
  /** The constraints the rule file declares, resolved against the source schema. */
  declared: readonly ResolvedConstraint[]
  k: number
  maxRows: number
  seed: number
}

type Declared = NonNullable<InvariantsSection['declared']>

/**
 * The invariants part of the report: the model's learned rules, or without a model those the source holds now
 * (learned as `learn` would, without noise: the report reads the source anyway), each counted in the twin by SQL,
 * and the source CHECKs already evaluated per table.
 */
export async function invariantsPart(input: InvariantsInput): Promise<InvariantsSection> {
  const { invariants, learnedFrom } = await invariantsToCount(input)
  const rules: InvariantsSection['rules'] = []
  for (const invariant of invariants) {
    const count = await countInvariantViolations(input.twin, input.realSchema, input.twinOf, invariant)
    rules.push({
      kind: invariant.kind,
      table: invariant.table,
      rule: describeInvariant(invariant),
      strength: invariant.strength,
      sourceRows: invariant.rows,
      rows: count?.rows ?? null,
      violations: count?.violations ?? null,
      ...(count?.strength === undefined ? {} : { twinStrength: count.strength }),
    })
  }
  const declared: Declared = []
  for (const constraint of input.declared) {
    const counted = await countDeclared(input, constraint)
    if (counted !== null) declared.push(counted)
  }
  return {
    score: invariantsScore(rules, declared, input.checks),
    learnedFrom,
    rules,
    ...(declared.length > 0 ? { declared } : {}),
    checks: input.checks,
  }
}

/** The model's rules when it holds them, else those learned from the source, else none. */
async function invariantsToCount(
  input: InvariantsInput,
): Promise<{ invariants: Invariant[]; learnedFrom: InvariantsSection['learnedFrom'] }> {
  const { real, realSchema, model } = input
  if (model?.invariants !== undefined) return { invariants: model.invariants, learnedFrom: 'model' }
  if (real === null) return { invariants: [], learnedFrom: 'none' }
  const invariants = await learnInvariants([real], invariantCandidates(realSchema), input.rowsOf, {
    sampleRows: input.maxRows,
    minCount: input.k,
    seed: input.seed,
    budget: new PrivacyBudget(null, input.seed, { tables: 0, columns: 0, foreignKeys: 0 }),
    rewritten: new Set(),
    // No column model here: a parent's state is any value of an enum or boolean column seen in k parents.
    categoriesOf: () => null,
  })
  return { invariants, learnedFrom: 'source' }
}

/**
 * One declared constraint counted in the twin; null for a `combinations` constraint with no learned combinations
 * (without a model there is nothing to hold them to) or no twin table.
 */
async function countDeclared(
  { twin, model, twinOf }: InvariantsInput,
  constraint: ResolvedConstraint,
): Promise<Declared[number] | null> {
  const twinTable = twinOf(tableName(constraint.resolved))
  let count: { rows: number; violations: number } | null = null
  if (constraint.kind === 'combinations') {
    const fixed = model?.tables
      .find((t) => t.table === tableName(constraint.resolved))
      ?.combinations?.find((f) => f.columns.join('\u0000') === constraint.columns.join('\u0000'))
    if (fixed === undefined || twinTable === undefined) return null
    const known = new Set(fixed.combinations.map((c) => c.values.map(String).join('\u0000')))
    const seen = await readCombinations(twin, twinTable, constraint.columns)
    count = {
      rows: seen.reduce((n, c) => n + c.rows, 0),
      violations: seen
        .filter((c) => !known.has(c.values.map(combinationText).join('\u0000')))
        .reduce((n, c) => n + c.rows, 0),
    }
  } else if (twinTable !== undefined) count = await readDeclaredViolations(twin, twinTable, constraint)
  return {
    kind: constraint.kind,
    table: tableName(constraint.resolved),
    rule:
      constraint.kind === 'combinations'
        ? `only the source's combinations of ${constraint.columns.join(', ')}`
        : declaredRuleText(constraint),
    source: constraint.at.rule,
    rows: count?.rows ?? null,
    violations: count?.violations ?? null,
  }
}

/**
 * One broken rule breaks the twin's business logic: the score is the worst rule's share of rows keeping it, over
 * learned rules, declared constraints and source CHECKs; null when no rule applied to any row.
 *
 * @example invariantsScore([{ rows: 10, violations: 1 }], [], []) // 0.9
 */
export function invariantsScore(
  rules: readonly { rows: number | null; violations: number | null }[],
  declared: readonly { rows: number | null; violations: number | null }[],
  checks: readonly { rows: number; violations: number }[],
): number | null {
  const shares = [
    ...[...rules, ...declared].map((r) =>
      r.rows === null || r.rows === 0 ? null : 1 - (r.violations ?? 0) / r.rows,
    ),
    ...checks.map((c) => (c.rows === 0 ? null : 1 - c.violations / c.rows)),
  ].filter((s): s is number => s !== null)
  return shares.length === 0 ? null : Math.min(...shares)
}

/** A value read back from the twin as the model file writes it (see learnCombinations). */
function combinationText(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value)
}
