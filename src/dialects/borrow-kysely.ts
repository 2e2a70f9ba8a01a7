import { sql, type Kysely } from 'kysely'
import type { Database, OpenOptions } from './dialect.js'
import { MYSQL_SNAPSHOT } from './mysql/mysql-snapshot.js'
import { POSTGRES_SNAPSHOT } from './postgres/postgres-snapshot.js'
import { borrowedDatabase } from './read-snapshot.js'

/**
 * A caller's Kysely instance, which dbtwin never destroys. Its engine is asked, not guessed from its dialect class:
 * version() names PostgreSQL (PGlite adds its own name) or MySQL/MariaDB. Values come back as the caller's driver
 * parses them; rows are written through INSERT, as no driver is at hand for COPY or LOAD DATA.
 */
export async function borrowKysely(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  options: OpenOptions,
): Promise<Database> {
  const { rows } = await sql<{ version: unknown }>`select version() as version`.execute(db)
  const version = String(rows[0]?.version ?? '')
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
      (db) => postgresFamilyOver(db, display, name, pglite ? 'pglite' : 'postgres'),
      options,
    )
  }
  const { mysqlKyselyOver } = await import('./mysql/mysql-dialect.js')
  const { rows: named } = await sql<{ name: string | null }>`select database() as name`.execute(db)
  const name = named[0]?.name ?? ''
  return borrowedDatabase(
    db,
    MYSQL_SNAPSHOT,
    mysqlKyselyOver(`mysql database ${name} (the caller's Kysely instance)`, name, version),
    options,
  )
}
