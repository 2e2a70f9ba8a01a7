import { CompiledQuery, Kysely, MysqlDialect, sql } from 'kysely'
import { createPool } from 'mysql2'
import type { ServerUrl } from '../connection-url.js'
import type { Database, OpenOptions } from '../dialect.js'
import { mysqlDdl } from './mysql-ddl.js'
import { mysqlConnectionError } from './mysql-errors.js'
import { introspectMysql } from './mysql-introspector.js'
import { mysqlSampledTable } from './mysql-sampling.js'
import { mysqlTwin } from './mysql-twin.js'

/**
 * Opens a MySQL or MariaDB database through a small mysql2 pool; fails fast, with one clear line, if it cannot be
 * reached.
 *
 * @example
 * const url = parseConnectionUrl('mysql://root@127.0.0.1/shop')
 * if (url.dialect === 'mysql') {
 *   const source = await openMysql(url, { readOnly: true })
 *   try { console.log((await source.introspect()).tables.length) } finally { await source.close() }
 * }
 */
export async function openMysql(url: ServerUrl<'mysql'>, options: OpenOptions): Promise<Database> {
  const pool = createPool({
    host: url.host,
    port: url.port,
    user: url.user,
    password: url.password,
    database: url.database,
    charset: 'utf8mb4',
    connectionLimit: 4,
    multipleStatements: false,
    // Values travel as the server prints them: no time-zone shifts, no precision lost to JavaScript numbers.
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
  })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const db = new Kysely<any>({
    dialect: new MysqlDialect({
      pool,
      // The server itself refuses writes (DDL included) on a read-only session, whatever dbtwin's code does.
      onCreateConnection: async (connection) => {
        if (options.readOnly === true)
          await connection.executeQuery(CompiledQuery.raw('set session transaction read only'))
      },
    }),
  })
  try {
    await sql`select 1`.execute(db)
  } catch (error) {
    // Without this the pool's sockets would keep the process alive after the error is reported.
    await db.destroy()
    throw mysqlConnectionError(error, url)
  }
  return {
    dialect: 'mysql',
    db,
    name: url.database,
    display: url.display,
    ddl: mysqlDdl,
    sampledTable: mysqlSampledTable,
    twin: () => mysqlTwin(db),
    introspect: () => introspectMysql(db, url.database),
    close: () => db.destroy(),
  }
}
