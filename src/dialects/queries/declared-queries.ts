import { sql } from 'kysely'
import type { TableRef } from '../../schema/schema.js'
import { expressionFor } from '../declared-expression-sql.js'
import type { Database } from '../dialect.js'
import { ownRows } from '../own-rows.js'

/** A rule file's declared `check`, or its `derive`d column, as its expression text (see DeclaredConstraint). */
export type DeclaredRule =
  { kind: 'check'; expression: string } | { kind: 'derive'; column: string; expression: string }

/**
 * Counts, in one aggregate over `table`, its rows and those breaking a declared `check` or `derive`. A check is
 * broken where it is false (NULL passes, as a CHECK constraint lets it); a derived column where it differs from its
 * expression (both NULL agree). The expression was checked by declaredExpressionProblem before it gets here; the
 * query is portable SQL PostgreSQL and MySQL share, run as written in the database's own engine.
 */
export async function readDeclaredViolations(
  database: Database,
  table: TableRef,
  constraint: DeclaredRule,
): Promise<{ rows: number; violations: number }> {
  const expression = sql.raw(
    `(${expressionFor(constraint.expression, database.dialect === 'mysql' ? 'mysql' : 'postgres')})`,
  )
  const column = constraint.kind === 'derive' ? sql.id(constraint.column) : null
  // Written so that NULL never hides a difference: `flag = 'H'` is NULL where flag is NULL, not false.
  const broken =
    column === null
      ? sql`case when not ${expression} then 1 else 0 end`
      : sql`case when ${column} = ${expression} or (${column} is null and ${expression} is null) then 0 else 1 end`
  const { rows } = await sql<{ rows: unknown; violations: unknown }>`select count(*) as ${sql.id('rows')},
    coalesce(sum(${broken}), 0) as ${sql.id('violations')}
    from ${ownRows(table)}`.execute(database.db)
  return { rows: Number(rows[0]?.rows ?? 0), violations: Number(rows[0]?.violations ?? 0) }
}
