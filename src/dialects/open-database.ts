import { parseConnectionUrl } from './connection-url.js'
import type { Database, OpenOptions } from './dialect.js'
import { createMysqlDatabase, openMysql } from './mysql/mysql-dialect.js'
import { openPglite } from './pglite/pglite-dialect.js'
import { createPostgresDatabase, openPostgres } from './postgres/postgres-dialect.js'

/**
 * Opens the database a URL names: `postgres://…`, `mysql://…` (MariaDB too), `pglite://<dir>` or `pglite:memory`.
 *
 * @example
 * const source = await openDatabase('postgres://postgres@127.0.0.1/shop', { readOnly: true })
 * try { console.log((await source.introspect()).tables.length) } finally { await source.close() }
 */
export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  const parsed = parseConnectionUrl(url)
  switch (parsed.dialect) {
    case 'postgres':
      return openPostgres(parsed, options)
    case 'mysql':
      return openMysql(parsed, options)
    case 'pglite':
      return openPglite(parsed, options)
  }
}

/**
 * Creates the database a server URL names and returns how to drop it again; null for PGlite, whose directory is
 * created when it is opened.
 */
export async function createDatabase(url: string): Promise<(() => Promise<void>) | null> {
  const parsed = parseConnectionUrl(url)
  switch (parsed.dialect) {
    case 'postgres':
      return createPostgresDatabase(parsed)
    case 'mysql':
      return createMysqlDatabase(parsed)
    case 'pglite':
      return null
  }
}
