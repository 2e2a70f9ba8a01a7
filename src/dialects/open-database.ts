import type { Connection } from './connection.js'
import { parseConnectionUrl } from './connection-url.js'
import type { Database, OpenOptions } from './dialect.js'

// Each engine's driver is loaded when its URL is first used: a run that never touches MySQL never loads mysql2,
// and PGlite's 27 MB of WebAssembly stays on disk (issue 21: start-up time).

/**
 * Opens the database a URL names: `postgres://…`, `mysql://…` (MariaDB too), `pglite://<dir>` or `pglite:memory`;
 * or wraps a connection the caller opened (see Connection), which `close` then leaves open.
 *
 * @example
 * const source = await openDatabase('postgres://postgres@127.0.0.1/shop', { readOnly: true })
 * try { console.log((await source.introspect()).tables.length) } finally { await source.close() }
 */
export async function openDatabase(connection: Connection, options: OpenOptions = {}): Promise<Database> {
  if (typeof connection !== 'string')
    return (await import('./borrow-database.js')).borrowDatabase(connection, options)
  const parsed = parseConnectionUrl(connection)
  switch (parsed.dialect) {
    case 'postgres':
      return (await import('./postgres/postgres-dialect.js')).openPostgres(parsed, options)
    case 'mysql':
      return (await import('./mysql/mysql-dialect.js')).openMysql(parsed, options)
    case 'pglite':
      return (await import('./pglite/pglite-dialect.js')).openPglite(parsed, options)
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
      return (await import('./postgres/postgres-dialect.js')).createPostgresDatabase(parsed)
    case 'mysql':
      return (await import('./mysql/mysql-dialect.js')).createMysqlDatabase(parsed)
    case 'pglite':
      return null
  }
}
