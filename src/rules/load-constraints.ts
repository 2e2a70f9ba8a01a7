import type { Schema } from '../schema/schema.js'
import { resolveConstraints, type ResolvedConstraint } from './declared-constraints.js'
import { loadRuleSet, throwProblems } from './rule-file.js'

/**
 * The constraints declared in the rules at `path` (none without a path), each resolved against `schema`: a table
 * or column it names that the schema lacks fails with `file:line:column` and the fix, before anything is written.
 */
export async function loadConstraints(
  path: string | undefined,
  schema: Schema,
): Promise<ResolvedConstraint[]> {
  if (path === undefined) return []
  const { constraints } = await loadRuleSet(path)
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
