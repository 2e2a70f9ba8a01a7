import { sql } from 'kysely'
import type { TableRef } from '../../schema/schema.js'
import { expressionFor } from '../declared-expression-sql.js'
import type { AnyKysely } from '../dialect.js'
import type { CellValue } from '../../schema/cell-value.js'

/**
 * The statements a write into a target runs besides its bulk loads and DDL, on the write's own connection (in its
 * transaction where the engine has one). Portable SQL that PostgreSQL and MySQL share.
 */

const table = (ref: TableRef) => sql.id(ref.schema, ref.name)

/** Sets `values` on the row whose key is `key` (a deferred foreign key, filled once its parent exists). */
export async function updateRow(
  db: AnyKysely,
  ref: TableRef,
  key: Readonly<Record<string, CellValue>>,
  values: Readonly<Record<string, CellValue>>,
): Promise<void> {
  const set = Object.entries(values).map(([c, v]) => sql`${sql.id(c)} = ${v}`)
  const where = Object.entries(key).map(([c, v]) => sql`${sql.id(c)} = ${v}`)
  await sql`update ${table(ref)} set ${sql.join(set)} where ${sql.join(where, sql` and `)}`.execute(db)
}

/**
 * Sets a derived column of every row to its declared expression, which declaredExpressionProblem accepted and which
 * runs as written in the target's engine, its quoted names in that engine's quotes (see expressionFor).
 */
export async function updateDerivedColumn(
  db: AnyKysely,
  family: 'postgres' | 'mysql',
  ref: TableRef,
  column: string,
  expression: string,
): Promise<void> {
  await sql`update ${table(ref)} set ${sql.id(column)} = (${sql.raw(expressionFor(expression, family))})`.execute(
    db,
  )
}

/** Whether a table holds any row. */
export async function holdsRows(db: AnyKysely, ref: TableRef): Promise<boolean> {
  const { rows } = await sql<{ n: unknown }>`select count(*) as n from ${table(ref)}`.execute(db)
  return Number(rows[0]?.n) > 0
}
