import { z } from 'zod'
import type { Schema, Table } from '../schema/schema.js'
import { displayIdentifier, tableName } from '../schema/table-name.js'
import { declaredExpressionProblem } from './declared-expression.js'
import { didYouMean } from './nearest-name.js'

/**
 * Rules the user declares for what cannot be learned (issue 18.7), in a rule file's `constraints:` list, in the
 * spirit of SDV's constraints: a column derived from others by an SQL expression, set in the target after the load;
 * a custom check the report counts; columns whose combinations are fixed to those the source holds.
 */
export type DeclaredConstraint =
  | { kind: 'derive'; table: string; column: string; expression: string; at: Locations }
  | { kind: 'check'; table: string; expression: string; at: Locations }
  | { kind: 'combinations'; table: string; columns: string[]; at: Locations }

/** Where the constraint, its table and its rule were written, `file:line:column`, for messages. */
export interface Locations {
  entry: string
  table: string
  rule: string
}

/** A declared constraint whose table was found in a schema and whose expression and columns were checked there. */
export type ResolvedConstraint = DeclaredConstraint & { resolved: Table }

export const CONSTRAINT_KINDS = ['derive', 'check', 'combinations'] as const

const entrySchema = z
  .object({
    table: z.string().min(1),
    derive: z
      .object({ column: z.string().min(1), as: z.string().min(1) })
      .strict()
      .optional(),
    check: z.string().min(1).optional(),
    combinations: z.array(z.string().min(1)).min(2).optional(),
  })
  .strict()

const FORMS =
  'a constraint is `table:` plus one of `derive: { column: C, as: "<expression>" }`, `check: "<condition>"` or `combinations: [A, B]`'

/**
 * Reads one entry of `constraints:`; the expression is checked for safety here (no `;`, subquery, statement, …),
 * its columns once a schema is known (see resolveConstraints).
 */
export function parseConstraint(
  entry: unknown,
  located: (key: string | null) => string,
  problems: { at: string; message: string }[],
): DeclaredConstraint | null {
  const checked = entrySchema.safeParse(entry)
  if (!checked.success) {
    const unknownKey = checked.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys : []))[0]
    const key = checked.error.issues[0]?.path[0]
    problems.push(
      unknownKey !== undefined
        ? {
            at: located(unknownKey),
            message: `unknown key "${unknownKey}"${didYouMean(unknownKey, ['table', ...CONSTRAINT_KINDS])}; ${FORMS}`,
          }
        : { at: located(typeof key === 'string' ? key : null), message: FORMS },
    )
    return null
  }
  const value = checked.data
  const kinds = CONSTRAINT_KINDS.filter((k) => value[k] !== undefined)
  if (kinds.length !== 1) {
    problems.push({
      at: located(null),
      message: `give exactly one of ${CONSTRAINT_KINDS.join(', ')}; found ${kinds.join(', ') || 'none'}`,
    })
    return null
  }
  const kind = kinds[0]!
  const at = { entry: located(null), table: located('table'), rule: located(kind) }
  const expression = value.derive?.as ?? value.check
  if (expression !== undefined) {
    const problem = declaredExpressionProblem(expression, null)
    if (problem !== null) {
      problems.push({
        at: at.rule,
        message: `${kind} "${expression}" is not one plain expression over the table's columns: ${problem}`,
      })
      return null
    }
  }
  if (value.derive !== undefined)
    return {
      kind: 'derive',
      table: value.table,
      column: value.derive.column,
      expression: value.derive.as,
      at,
    }
  if (value.check !== undefined) return { kind: 'check', table: value.table, expression: value.check, at }
  return { kind: 'combinations', table: value.table, columns: value.combinations!, at }
}

/**
 * Finds each constraint's table in `schema` (by `schema.table` as dbtwin prints it, or by the table's name when
 * only one table has it) and checks that every column it names is one of that table's. Returns the problems, each
 * with its place and fix, for the caller to throw together with the rest of the file's.
 */
export function resolveConstraints(
  schema: Schema,
  constraints: readonly DeclaredConstraint[],
): { resolved: ResolvedConstraint[]; problems: { at: string; message: string }[] } {
  const problems: { at: string; message: string }[] = []
  const resolved: ResolvedConstraint[] = []
  const names = schema.tables.flatMap((t) => [tableName(t), t.name])
  for (const constraint of constraints) {
    const byName = schema.tables.filter(
      (t) => displayIdentifier(t.name) === constraint.table || t.name === constraint.table,
    )
    const table =
      schema.tables.find((t) => tableName(t) === constraint.table) ??
      (byName.length === 1 ? byName[0] : undefined)
    if (table === undefined) {
      problems.push({
        at: constraint.at.table,
        message: `no table ${constraint.table} in ${schema.database}${didYouMean(constraint.table, names)}; write it as \`schema.table\``,
      })
      continue
    }
    const columns = table.columns.map((c) => c.name)
    const named =
      constraint.kind === 'derive'
        ? [constraint.column]
        : constraint.kind === 'combinations'
          ? constraint.columns
          : []
    const missing = named.find((c) => !columns.includes(c))
    if (missing !== undefined) {
      problems.push({
        at: constraint.at.rule,
        message: `no column "${missing}" in ${tableName(table)}${didYouMean(missing, columns)}; its columns: ${columns.join(', ')}`,
      })
      continue
    }
    if (constraint.kind !== 'combinations') {
      const problem = declaredExpressionProblem(constraint.expression, columns)
      if (problem !== null) {
        problems.push({
          at: constraint.at.rule,
          message: `${constraint.kind} "${constraint.expression}": ${problem}`,
        })
        continue
      }
    }
    resolved.push({ ...constraint, resolved: table })
  }
  return { resolved, problems }
}

/** How reports name a check or derive rule: its expression, or `column = (expression)`. */
export function declaredRuleText(
  constraint: Extract<DeclaredConstraint, { kind: 'check' | 'derive' }>,
): string {
  return constraint.kind === 'check'
    ? constraint.expression
    : `${constraint.column} = (${constraint.expression})`
}
