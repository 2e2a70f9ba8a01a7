import { sql } from 'kysely'
import { ownRows } from '../own-rows.js'
import type { Database } from '../dialect.js'
import type { CheckConstraint, ForeignKey, Key, TableRef } from '../../schema/schema.js'

/**
 * The queries `report` sends to the twin (and, for rare values, to the source): counts that SQL computes where the
 * data is, so whole tables are checked even when the statistics are sampled. Portable SQL only.
 */

const t = (table: TableRef) => ownRows(table)
const n = (rows: unknown[]) => Number((rows[0] as { n?: unknown } | undefined)?.n ?? 0)

export async function countRows(db: Database, table: TableRef): Promise<number> {
  return n((await sql`select count(*) as n from ${t(table)}`.execute(db.db)).rows)
}

/** Rows whose foreign key is set but matches no parent row. */
export async function countOrphans(db: Database, table: TableRef, fk: ForeignKey): Promise<number> {
  const set = fk.columns.map((c) => sql`c.${sql.id(c)} is not null`)
  const match = fk.columns.map((c, i) => sql`p.${sql.id(fk.references.columns[i]!)} = c.${sql.id(c)}`)
  const query = sql`select count(*) as n from ${t(table)} c where ${sql.join(set, sql` and `)} and not exists (
    select 1 from ${t(fk.references)} p where ${sql.join(match, sql` and `)})`
  return n((await query.execute(db.db)).rows)
}

/** Rows beyond the first in each group sharing a key's value: what a unique constraint would have refused. */
export async function countDuplicates(db: Database, table: TableRef, key: Key): Promise<number> {
  const columns = sql.join(key.columns.map((c) => sql.id(c)))
  const set = sql.join(
    key.columns.map((c) => sql`${sql.id(c)} is not null`),
    sql` and `,
  )
  const query = sql`select coalesce(sum(k - 1), 0) as n from (select count(*) as k from ${t(table)} where ${set}
    group by ${columns} having count(*) > 1) d`
  return n((await query.execute(db.db)).rows)
}

/** Rows for which a check constraint's expression is false (the twin's own expression, in its own SQL). */
export async function countCheckViolations(
  db: Database,
  table: TableRef,
  check: CheckConstraint,
): Promise<number> {
  const query = sql`select count(*) as n from ${t(table)} where not (${sql.raw(check.expression)})`
  return n((await query.execute(db.db)).rows)
}

/** Values of a column seen fewer than k times (at most `limit` of them). */
export async function readRareValues(
  db: Database,
  table: TableRef,
  column: string,
  k: number,
  limit: number,
): Promise<string[]> {
  const query = sql<{
    v: unknown
  }>`select ${sql.id(column)} as v from ${t(table)} where ${sql.id(column)} is not null
    group by ${sql.id(column)} having count(*) < ${sql.lit(k)} limit ${sql.lit(limit)}`
  return (await query.execute(db.db)).rows.map((r) => String(r.v))
}

/** Which of the given values a column holds. */
export async function readPresentValues(
  db: Database,
  table: TableRef,
  column: string,
  values: readonly string[],
): Promise<string[]> {
  if (values.length === 0) return []
  const query = sql<{ v: unknown }>`select distinct ${sql.id(column)} as v from ${t(table)}
    where ${sql.id(column)} in (${sql.join(values.map((v) => sql`${v}`))})`
  return (await query.execute(db.db)).rows.map((r) => String(r.v))
}

/**
 * The source's rows with the given key values (at most a thousand keys), their key columns as `k0…` and the
 * asked columns as `v0…`: a subset's copied rows, matched to where they came from.
 */
export async function readRowsByKey(
  db: Database,
  table: TableRef,
  key: readonly string[],
  keys: readonly (readonly unknown[])[],
  columns: readonly string[],
): Promise<Record<string, unknown>[]> {
  if (keys.length === 0) return []
  const select = sql.join([
    ...key.map((c, i) => sql`${sql.id(c)} as ${sql.id(`k${i}`)}`),
    ...columns.map((c, i) => sql`${sql.id(c)} as ${sql.id(`v${i}`)}`),
  ])
  const where =
    key.length === 1
      ? sql`${sql.id(key[0]!)} in (${sql.join(keys.map((k) => sql`${k[0]}`))})`
      : sql`(${sql.join(key.map((c) => sql.id(c)))}) in (${sql.join(
          keys.map((k) => sql`(${sql.join(k.map((v) => sql`${v}`))})`),
        )})`
  return (await sql<Record<string, unknown>>`select ${select} from ${t(table)} where ${where}`.execute(db.db))
    .rows
}
