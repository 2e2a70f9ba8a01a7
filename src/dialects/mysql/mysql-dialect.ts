import { Kysely, MysqlDialect, sql, type MysqlPool, type MysqlPoolConnection, type RawBuilder } from 'kysely'
import { createPool, type Pool, type PoolConnection } from 'mysql2'
import type { ServerUrl } from '../connection-url.js'
import type { Database, OpenOptions, AnyKysely, AnyTables } from '../dialect.js'
import { mysqlDdl } from './mysql-ddl.js'
import { connectionError } from '../connection-error.js'
import { MYSQL_ERROR_CODES } from './mysql-errors.js'
import { introspectMysql } from './mysql-introspector.js'
import { mysqlSampledTable } from './mysql-sampling.js'
import { mysqlTwinWrite } from './mysql-twin.js'
import { borrowedDatabase, withReadSnapshot, type DatabaseOver } from '../read-snapshot.js'
import { mysqlKeySet } from './mysql-key-set.js'
import { MYSQL_SNAPSHOT } from './mysql-snapshot.js'

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
  const db = new Kysely<AnyTables>({
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
  return withReadSnapshot(db, MYSQL_SNAPSHOT, mysqlOver(pool, url.display, url.database, version))
}

/** MySQL or MariaDB over a caller's Kysely instance: rows go in as INSERTs, there being no pool for LOAD DATA. */
export function mysqlKyselyOver(
  display: string,
  name: string,
  version: string,
): (db: AnyKysely) => DatabaseOver {
  return mysqlOver(null, display, name, version)
}

/**
 * A caller's mysql2 pool, which dbtwin never ends: each query asks for values as the server prints them (dbtwin's
 * own pool sets that once), and a read-only source is read in one read-only transaction (see borrowedDatabase).
 */
export async function borrowMysql(pool: Pool, options: OpenOptions): Promise<Database> {
  const config = (pool as unknown as { config?: { connectionConfig?: Record<string, unknown> } }).config
  const connection = config?.connectionConfig ?? {}
  const text = (key: string, otherwise: string) =>
    typeof connection[key] === 'string' || typeof connection[key] === 'number'
      ? String(connection[key])
      : otherwise
  const name = text('database', '')
  const display = `mysql://${text('user', '')}@${text('host', 'localhost')}:${text('port', '3306')}/${name} (the caller's pool)`
  const db = new Kysely<AnyTables>({ dialect: new MysqlDialect({ pool: serverTextPool(pool) }) })
  const { rows } = await sql<{ version: string }>`select version() as version`.execute(db)
  return borrowedDatabase(db, MYSQL_SNAPSHOT, mysqlOver(pool, display, name, rows[0]?.version ?? ''), options)
}

export function mysqlOver(
  pool: Pool | null,
  display: string,
  name: string,
  version: string,
): (db: AnyKysely) => DatabaseOver {
  const mariadb = /mariadb/i.test(version)
  return (db) => ({
    dialect: 'mysql',
    db,
    name,
    display,
    ddl: mysqlDdl,
    sampledTable: mysqlSampledTable,
    // mysql2 parses GEOMETRY into {x, y}, which no engine reads back; its stored bytes (SRID and WKB) it does.
    readValue: (column, value) => (column.type === 'geometry' ? sql`cast(${value} as binary)` : value),
    specialNumbers: () => [],
    keySet: mysqlKeySet(db),
    openTwin: () => mysqlTwinWrite(db, pool),
    introspect: () => introspectMysql(db, name, mariadb),
    serverIdentity: async () => {
      // Host name, port and data directory name one server on one machine, whatever URL reached it.
      const { rows } = await sql<{ identity: string }>`
        select concat_ws('|', 'mysql', @@hostname, @@port, @@datadir, database()) as identity`.execute(db)
      return rows[0]?.identity ?? ''
    },
  })
}

/** How dbtwin's own pool reads values (see openMysql), given per query on a caller's pool. */
const SERVER_TEXT = { dateStrings: true, supportBigNumbers: true, bigNumberStrings: true }

/** A caller's pool as Kysely sees it: every query with SERVER_TEXT, and ending Kysely leaves the pool open. */
function serverTextPool(pool: Pool): MysqlPool {
  const wrap = (connection: PoolConnection) =>
    new Proxy(connection, {
      get(target, key) {
        if (key !== 'query') {
          const value: unknown = Reflect.get(target, key)
          return typeof value === 'function' ? (value as () => unknown).bind(target) : value
        }
        return (text: string, values: unknown[], callback?: (...args: unknown[]) => void): unknown =>
          callback === undefined
            ? target.query({ sql: text, values, ...SERVER_TEXT })
            : target.query({ sql: text, values, ...SERVER_TEXT }, callback)
      },
    })
  return {
    getConnection: (callback) => {
      pool.getConnection((error, connection) => {
        // On an error there is no connection to wrap.
        const given: unknown = error === null ? wrap(connection) : connection
        callback(error, given as MysqlPoolConnection)
      })
    },
    end: (callback) => {
      callback(null)
    },
  }
}

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
