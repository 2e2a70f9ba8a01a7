import type { PGlite } from '@electric-sql/pglite'
import type { Pool as MysqlPool } from 'mysql2'
import { DbtwinError } from '../errors.js'
import type { Connection } from './connection.js'
import type { Database, OpenOptions, AnyKysely } from './dialect.js'

/**
 * Wraps a connection the caller opened (see Connection) as a Database that `close` leaves open. Which kind it is is
 * told by its shape, not by `instanceof`: the caller's copy of kysely or pg need not be dbtwin's.
 */
export async function borrowDatabase(
  connection: Exclude<Connection, string>,
  options: OpenOptions,
): Promise<Database> {
  const has = (key: string, on: object = connection) =>
    typeof (on as Record<string, unknown>)[key] === 'function'
  if (has('selectFrom') && has('getExecutor'))
    return (await import('./borrow-kysely.js')).borrowKysely(connection as AnyKysely, options)
  if (has('dumpDataDir') && has('exec'))
    return (await import('./pglite/pglite-dialect.js')).borrowPglite(connection as PGlite, options)
  if (has('connect') && has('query') && 'totalCount' in connection)
    return (await import('./postgres/postgres-dialect.js')).borrowPostgres(connection, options)
  // mysql2/promise's pool wraps a callback pool, which is what Kysely and LOAD DATA use.
  const inner = (connection as { pool?: object }).pool
  const mysql = inner !== undefined && has('getConnection', inner) ? inner : connection
  if (has('getConnection', mysql))
    return (await import('./mysql/mysql-dialect.js')).borrowMysql(mysql as MysqlPool, options)
  throw new DbtwinError(
    'USAGE',
    'the database given is neither a URL nor a connection dbtwin knows',
    'give a URL, a Kysely instance, a pg Pool, a mysql2 pool or a PGlite instance',
  )
}
