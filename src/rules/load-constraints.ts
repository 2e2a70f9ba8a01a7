import type { Schema } from '../schema/schema.js'
import {
  resolveConstraints,
  type DeclaredConstraint,
  type ResolvedConstraint,
} from './declared-constraints.js'
import { loadRuleSet, throwProblems, type RulesSource } from './rule-file.js'

/**
 * The constraints declared in the rules at `path`, or in a RuleSet given (none without either), each resolved against `schema`: a table
 * or column it names that the schema lacks fails with `file:line:column` and the fix, before anything is written.
 */
export async function loadConstraints(
  path: RulesSource | undefined,
  schema: Schema,
): Promise<ResolvedConstraint[]> {
  return path === undefined ? [] : resolvedOrThrow((await loadRuleSet(path)).constraints, schema)
}

/** Constraints already read, resolved against `schema`; a name the schema lacks throws as loadConstraints does. */
export function resolvedOrThrow(
  constraints: readonly DeclaredConstraint[],
  schema: Schema,
): ResolvedConstraint[] {
  const { resolved, problems } = resolveConstraints(schema, constraints)
  throwProblems(problems)
  return resolved
}

/** The `derive` constraints as a write applies them: table, column and the checked expression. */
export function derivedColumns(constraints: readonly ResolvedConstraint[]) {
  return constraints.flatMap((c) =>
    c.kind === 'derive' ? [{ table: c.resolved, column: c.column, expression: c.expression }] : [],
  )
}
