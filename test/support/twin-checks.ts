import { sql } from 'kysely'
import type { Database } from '../../src/dialects/dialect.js'
import { openDatabase } from '../../src/dialects/open-database.js'
import type { TwinWrite } from '../../src/dialects/twin-target.js'
import type { Schema, Table } from '../../src/schema/schema.js'

/** Opens a database for the length of `use`, then closes it whatever happens. */
export async function withDatabase<T>(url: string, use: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(url)
  try {
    return await use(db)
  } finally {
    await db.close()
  }
}

/**
 * Runs `work` in a twin write into `db` and commits it, so what it wrote can be read back on another connection;
 * a failure rolls it back and is rethrown.
 */
export async function inTwinWrite(db: Database, work: (write: TwinWrite) => Promise<void>): Promise<void> {
  const write = await db.openTwin([])
  try {
    await work(write)
  } catch (error) {
    await write.rollback()
    throw error
  }
  await write.commit()
}

/** Rows whose set foreign key points at no parent row, per FK, counted by SQL on the target. */
export async function orphanCounts(database: Database, schema: Schema): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const table of schema.tables) {
    for (const fk of table.foreignKeys) {
      const matches = fk.columns.map((c, i) => sql`p.${sql.id(fk.references.columns[i]!)} = c.${sql.id(c)}`)
      const set = fk.columns.map((c) => sql`c.${sql.id(c)} is not null`)
      const { rows } = await sql<{
        n: unknown
      }>`select count(*) as n from ${sql.id(table.schema, table.name)} c
        where ${sql.join(set, sql` and `)} and not exists (
          select 1 from ${sql.id(fk.references.schema, fk.references.name)} p where ${sql.join(matches, sql` and `)})`.execute(
        database.db,
      )
      counts[`${table.name}.${fk.name}`] = Number(rows[0]?.n)
    }
  }
  return counts
}

/** Groups of rows sharing a value of a unique key or primary key (should be none). */
export async function duplicateKeys(database: Database, table: Table): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const key of [table.primaryKey, ...table.uniques]) {
    if (key === null) continue
    const columns = key.columns.map((c) => sql.id(c))
    const { rows } = await sql<{
      n: unknown
    }>`select count(*) as n from (select 1 as x from ${sql.id(table.schema, table.name)}
      where ${sql.join(
        key.columns.map((c) => sql`${sql.id(c)} is not null`),
        sql` and `,
      )}
      group by ${sql.join(columns)} having count(*) > 1) d`.execute(database.db)
    out[`${table.name}.${key.name}`] = Number(rows[0]?.n)
  }
  return out
}

/** Every table's rows, in key order, as text: two twins with equal dumps hold the same data. */
export async function dumpTables(database: Database, schema: Schema): Promise<string> {
  const parts: string[] = []
  for (const table of schema.tables) {
    const order = table.primaryKey?.columns ?? table.columns.map((c) => c.name)
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.id(table.schema, table.name)}
      order by ${sql.join(order.map((c) => sql.id(c)))}`.execute(database.db)
    parts.push(
      `${table.name}\n${rows.map((r) => table.columns.map((c) => normalize(r[c.name])).join('|')).join('\n')}`,
    )
  }
  return parts.join('\n')
}

/** Engines print the same value differently (1 vs true, 12.50 vs 12.5, +00 offsets): compare meaning, not spelling. */
function normalize(value: unknown): string {
  if (value === null || value === undefined) return 'NULL'
  if (value === true || value === false) return value ? '1' : '0'
  const text = String(value)
  if (/^-?\d+\.\d+$/.test(text)) return String(Number(text))
  return text.replace(/\+00$/, '').replace(/\.0+$/, '')
}
