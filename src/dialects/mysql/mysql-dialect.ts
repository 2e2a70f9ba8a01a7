import { Kysely, MysqlDialect, sql, type RawBuilder } from 'kysely'
import { createPool } from 'mysql2'
import type { ServerUrl } from '../connection-url.js'
import type { Database, OpenOptions } from '../dialect.js'
import { mysqlDdl } from './mysql-ddl.js'
import { connectionError } from '../connection-error.js'
import { MYSQL_ERROR_CODES } from './mysql-errors.js'
import { introspectMysql } from './mysql-introspector.js'
import { mysqlSampledTable } from './mysql-sampling.js'
import { mysqlTwinWrite } from './mysql-twin.js'
import { withReadSnapshot } from '../read-snapshot.js'
import { mysqlKeySet } from './mysql-key-set.js'

/** Opens a MySQL or MariaDB database through mysql2; fails fast, with one clear line, if it cannot be reached. */
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
    decimalNumbers: false,
  })
  const db = new Kysely<any>({
    dialect: new MysqlDialect({
      pool,
      // The server itself refuses writes on a read-only session, whatever dbtwin's code does.
      onCreateConnection: async (connection) => {
        if (options.readOnly === true)
          await connection.executeQuery(sql`set session transaction read only`.compile(db))
      },
    }),
  })
  let version: string
  try {
    const { rows } = await sql<{ version: string }>`select version() as version`.execute(db)
    version = rows[0]?.version ?? ''
  } catch (error) {
    await db.destroy()
    throw connectionError(error, url.display, url.database, MYSQL_ERROR_CODES)
  }
  const mariadb = /mariadb/i.test(version)
  return withReadSnapshot(db, MYSQL_SNAPSHOT, (db) => ({
    dialect: 'mysql',
    db,
    name: url.database,
    display: url.display,
    ddl: mysqlDdl,
    sampledTable: mysqlSampledTable,
    // mysql2 parses GEOMETRY into {x, y}, which no engine reads back; its stored bytes (SRID and WKB) it does.
    readValue: (column, value) => (column.type === 'geometry' ? sql`cast(${value} as binary)` : value),
    specialNumbers: () => [],
    keySet: mysqlKeySet(db),
    openTwin: () => mysqlTwinWrite(db, pool),
    introspect: () => introspectMysql(db, url.database, mariadb),
    serverIdentity: async () => {
      // Host name, port and data directory name one server on one machine, whatever URL reached it.
      const { rows } = await sql<{ identity: string }>`
        select concat_ws('|', 'mysql', @@hostname, @@port, @@datadir, database()) as identity`.execute(db)
      return rows[0]?.identity ?? ''
    },
  }))
}

/**
 * A consistent snapshot needs REPEATABLE READ (under READ COMMITTED, a server's possible default, InnoDB ignores
 * WITH CONSISTENT SNAPSHOT); taken at the start rather than at the first read.
 */
const MYSQL_SNAPSHOT = [
  sql`set transaction isolation level repeatable read`,
  sql`start transaction with consistent snapshot, read only`,
]

/** Creates the database a URL names (utf8mb4, as dbtwin writes text), and returns how to drop it again. */
export async function createMysqlDatabase(url: ServerUrl<'mysql'>): Promise<() => Promise<void>> {
  const onServer = async (statement: RawBuilder<unknown>) => {
    const server = await openMysql({ ...url, database: '' }, {})
    try {
      await statement.execute(server.db)
    } finally {
      await server.close()
    }
  }
  await onServer(
    sql`create database ${sql.id(url.database)} character set utf8mb4 collate utf8mb4_unicode_ci`,
  )
  return () => onServer(sql`drop database if exists ${sql.id(url.database)}`)
}
