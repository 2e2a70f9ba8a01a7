import { sql, type RawBuilder } from 'kysely'
import type { Column, PortableType } from '../schema/schema.js'
import type { Database, OpenOptions, AnyKysely } from './dialect.js'
import { MYSQL_SNAPSHOT } from './mysql/mysql-snapshot.js'
import { POSTGRES_SNAPSHOT } from './postgres/postgres-snapshot.js'
import { borrowedDatabase } from './read-snapshot.js'

/**
 * A caller's Kysely instance, which dbtwin never destroys. Its engine is asked, not guessed from its dialect class:
 * version() names PostgreSQL (PGlite adds its own name) or MySQL/MariaDB. Values come back as the caller's driver
 * parses them; rows are written through INSERT, as no driver is at hand for COPY or LOAD DATA.
 */
export async function borrowKysely(db: AnyKysely, options: OpenOptions): Promise<Database> {
  const { rows } = await sql<{ version: string }>`select version() as version`.execute(db)
  const version = rows[0]?.version ?? ''
  // Only the engine's own module is loaded, and with it only that engine's driver.
  if (version.startsWith('PostgreSQL')) {
    const { postgresFamilyOver } = await import('./postgres/postgres-dialect.js')
    const { rows: named } = await sql<{ name: string }>`select current_database() as name`.execute(db)
    const pglite = version.includes('PGlite')
    const name = pglite ? 'memory' : (named[0]?.name ?? '')
    const display = `${pglite ? 'pglite' : 'postgres'} database ${name} (the caller's Kysely instance)`
    return borrowedDatabase(
      db,
      [POSTGRES_SNAPSHOT],
      (db) => asServerText(postgresFamilyOver(db, display, name, pglite ? 'pglite' : 'postgres'), 'text'),
      options,
    )
  }
  const { mysqlKyselyOver } = await import('./mysql/mysql-dialect.js')
  const { rows: named } = await sql<{ name: string | null }>`select database() as name`.execute(db)
  const name = named[0]?.name ?? ''
  return borrowedDatabase(
    db,
    MYSQL_SNAPSHOT,
    (db) =>
      asServerText(
        mysqlKyselyOver(`mysql database ${name} (the caller's Kysely instance)`, name, version)(db),
        'char',
      ),
    options,
  )
}

/**
 * Types a caller's driver may parse into something other than the server's text (Date objects, which drop
 * microseconds and move by time zone; JSON objects; interval objects; 64-bit integers as lossy numbers): read as
 * text in SQL instead. Through a caller's Kysely, learning Chinook from MariaDB marked every datetime column
 * "unmodeled" before this.
 */
const DRIVER_PARSED: ReadonlySet<PortableType> = new Set([
  'date',
  'time',
  'timestamp',
  'timestamptz',
  'interval',
  'json',
  'bigint',
])

function asServerText<T extends { readValue: (c: Column, v: RawBuilder<unknown>) => RawBuilder<unknown> }>(
  over: T,
  type: 'text' | 'char',
): T {
  return {
    ...over,
    readValue: (column, value) => {
      const read = over.readValue(column, value)
      return DRIVER_PARSED.has(column.type) ? sql`cast(${read} as ${sql.raw(type)})` : read
    },
  }
}
