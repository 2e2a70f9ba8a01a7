import { Kysely, PostgresDialect, sql, type RawBuilder } from 'kysely'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { ServerUrl } from '../connection-url.js'
import type { Database, OpenOptions, AnyKysely, AnyTables } from '../dialect.js'
import type { BulkWriter, TwinWrite } from '../twin-target.js'
import type { Column, EnumType, TableRef } from '../../schema/schema.js'
import { connectionError } from '../connection-error.js'
import { POSTGRES_ERROR_CODES } from './postgres-errors.js'
import { postgresDdl } from './postgres-ddl.js'
import { introspectPostgres } from './postgres-introspector.js'
import { postgresSampledTable } from './postgres-sampling.js'
import { postgresReadValue, postgresSpecialNumbers, SERVER_TEXT_OIDS } from './postgres-values.js'
import { copyStatement, csvRows, plainColumns, postgresTwin } from './postgres-twin.js'
import { extendedProtocolPool } from './postgres-extended-protocol.js'
import { borrowedDatabase, withReadSnapshot, type DatabaseOver } from '../read-snapshot.js'
import { POSTGRES_SNAPSHOT, postgresSnapshotSharing } from './postgres-snapshot.js'
import { postgresInsertWriter } from './postgres-insert-writer.js'
import { postgresKeySet } from './postgres-key-set.js'

/** Opens a PostgreSQL database through node-postgres; fails fast, with one clear line, if it cannot be reached. */
export async function openPostgres(url: ServerUrl<'postgres'>, options: OpenOptions): Promise<Database> {
  const pool = new pg.Pool({
    host: url.host,
    port: url.port,
    user: url.user,
    password: url.password,
    database: url.database,
    ssl: sslOption(url.params['sslmode']),
    max: POOL_SIZE,
    application_name: 'dbtwin',
    types: { getTypeParser: textForTemporal },
    // The server itself refuses writes on a read-only connection, whatever dbtwin's code does.
    options: options.readOnly === true ? '-c default_transaction_read_only=on' : undefined,
  })
  // An idle client's error (e.g. the server restarting) must not crash the process; the next query reports it.
  pool.on('error', () => {})
  const db = new Kysely<AnyTables>({ dialect: new PostgresDialect({ pool: extendedProtocolPool(pool) }) })
  try {
    await sql`select 1`.execute(db)
  } catch (error) {
    await db.destroy()
    throw connectionError(error, url.display, url.database, POSTGRES_ERROR_CODES)
  }
  return withReadSnapshot(
    db,
    [POSTGRES_SNAPSHOT],
    postgresOver(pool, url.display, url.database),
    postgresSnapshotSharing(POOL_SIZE),
  )
}

/** Connections dbtwin's own pool opens at most. */
const POOL_SIZE = 4

/**
 * A caller's node-postgres pool, which dbtwin never ends: queries go through it with dbtwin's value parsing given
 * per query (the pool's own parsers stay the caller's), and a read-only source is read in one read-only
 * transaction (see borrowedDatabase), since the session is not dbtwin's to configure.
 */
export async function borrowPostgres(pool: pg.Pool, options: OpenOptions): Promise<Database> {
  const { host, port, user, database } = pool.options
  const name = database ?? user ?? 'postgres'
  const display = `postgres://${user ?? ''}@${host ?? 'localhost'}:${port ?? 5432}/${name} (the caller's pool)`
  const db = new Kysely<AnyTables>({
    dialect: new PostgresDialect({ pool: extendedProtocolPool(pool, { getTypeParser: textForTemporal }) }),
  })
  return borrowedDatabase(db, [POSTGRES_SNAPSHOT], postgresOver(pool, display, name), options)
}

function postgresOver(pool: pg.Pool, display: string, name: string): (db: AnyKysely) => DatabaseOver {
  return (db) => ({
    ...postgresFamilyOver(db, display, name),
    openTwin: (enums) => postgresTwinWrite(pool, enums),
  })
}

/**
 * PostgreSQL over any Kysely instance: a caller's (see borrowKysely) writes rows through INSERT, having no driver
 * to COPY through; dbtwin's own pools replace `openTwin` with COPY.
 */
export function postgresFamilyOver(
  db: AnyKysely,
  display: string,
  name: string,
  dialect: 'postgres' | 'pglite' = 'postgres',
): DatabaseOver {
  return {
    dialect,
    db,
    name,
    display,
    ddl: postgresDdl,
    sampledTable: postgresSampledTable,
    readValue: postgresReadValue,
    specialNumbers: postgresSpecialNumbers,
    keySet: (_table, columns, keys) => Promise.resolve(postgresKeySet(columns, keys)),
    openTwin: (enums) => insertTwinWrite(db, enums, dialect),
    introspect: () => introspectPostgres(db, dialect),
    serverIdentity: () => postgresServerIdentity(db),
  }
}

/**
 * A write through INSERTs on one connection of a Kysely instance, in one transaction (see postgresTwinWrite). PGlite
 * is one connection already, which the write must not hold: other statements of the write go through `db` too.
 */
async function insertTwinWrite(
  db: AnyKysely,
  enums: readonly EnumType[],
  dialect: 'postgres' | 'pglite',
): Promise<TwinWrite> {
  let finish = () => {}
  let held: Promise<void> = Promise.resolve()
  const connection =
    dialect === 'pglite'
      ? db
      : await new Promise<AnyKysely>((resolve, reject) => {
          const finished = new Promise<void>((resolve) => (finish = resolve))
          held = db.connection().execute(async (connection) => {
            resolve(connection)
            await finished
          })
          held.catch(reject)
        })
  await sql`begin`.execute(connection)
  const pid = dialect === 'postgres' ? await postgresBackendPid(connection) : null
  const end = async (statement: 'commit' | 'rollback') => {
    try {
      await sql`${sql.raw(statement)}`.execute(connection)
    } finally {
      finish()
      await held
    }
  }
  return {
    db: connection,
    twin: postgresTwin(enums, (target, columns) => postgresInsertWriter(connection, target, columns)),
    transactional: true,
    commit: () => end('commit'),
    rollback: () => end('rollback'),
    async cancel() {
      if (pid !== null) await sql`select pg_cancel_backend(${pid})`.execute(db)
    },
  }
}

async function postgresBackendPid(db: AnyKysely): Promise<number> {
  return Number((await sql<{ pid: unknown }>`select pg_backend_pid() as pid`.execute(db)).rows[0]?.pid)
}

/**
 * The server's start time (to the microsecond), port and the database's oid: readable by any login, unlike
 * pg_control_system()'s system identifier, and the same through every URL that reaches this database.
 */
export async function postgresServerIdentity(db: AnyKysely): Promise<string> {
  const { rows } = await sql<{ identity: string }>`
    select concat_ws('|', 'postgres', pg_postmaster_start_time()::text, current_setting('port'), d.oid::text) as identity
    from pg_database d where d.datname = current_database()`.execute(db)
  return rows[0]?.identity ?? ''
}

/**
 * Creates the database a URL names, through the server's maintenance database (`postgres`), and returns how to drop
 * it again (a write that fails leaves nothing behind).
 */
export async function createPostgresDatabase(url: ServerUrl<'postgres'>): Promise<() => Promise<void>> {
  const onServer = async (statement: RawBuilder<unknown>) => {
    const admin = await openPostgres({ ...url, database: 'postgres' }, {})
    try {
      await statement.execute(admin.db)
    } finally {
      await admin.close()
    }
  }
  await onServer(sql`create database ${sql.id(url.database)}`)
  return () => onServer(sql`drop database if exists ${sql.id(url.database)} with (force)`)
}

function sslOption(sslmode: string | undefined): pg.PoolConfig['ssl'] {
  if (sslmode === undefined || sslmode === 'disable' || sslmode === 'prefer' || sslmode === 'allow')
    return undefined
  // require: encrypt without verifying the certificate, as libpq does.
  return sslmode === 'require' ? { rejectUnauthorized: false } : true
}

function textForTemporal(oid: number, format?: string): (value: string) => unknown {
  if (SERVER_TEXT_OIDS.has(oid)) return (value: string) => value
  return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text')
}

/**
 * How much CSV may wait in the COPY stream before a write waits: a few batches, so generating and loading run side
 * by side through the hiccups of either (the stream's default of 16 kB made every batch wait for the last).
 */
const COPY_BUFFER_BYTES = 4 * 1024 * 1024

/**
 * A write on one connection of the pool, in one transaction: COPY runs on it too, so the tables, enum types and rows
 * it makes are undone together, and a process killed outright leaves nothing either (the server rolls back the
 * transaction of a connection that drops).
 */
async function postgresTwinWrite(pool: pg.Pool, enums: readonly EnumType[]): Promise<TwinWrite> {
  const client = await pool.connect()
  const db = new Kysely<AnyTables>({
    dialect: new PostgresDialect({
      // Every query of the write on this one client; it is released below, once the transaction is over.
      pool: {
        connect: () =>
          Promise.resolve({ query: client.query.bind(client), release() {} } as unknown as pg.PoolClient),
        end: () => Promise.resolve(),
        options: {},
      },
    }),
  })
  const copies = new Set<CopyInFlight>()
  let pid: number
  try {
    pid = Number((await sql<{ pid: unknown }>`select pg_backend_pid() as pid`.execute(db)).rows[0]?.pid)
    await sql`begin`.execute(db)
  } catch (error) {
    client.release(true)
    throw error
  }
  let open = true
  const finish = async (statement: 'commit' | 'rollback') => {
    // A COMMIT that failed has ended the transaction (and let the connection go) already.
    if (!open) return
    open = false
    let broken = false
    try {
      const { rows } = await sql<{ command?: string }>`${sql.raw(statement)}`.execute(db)
      // COMMIT of a transaction an error aborted answers ROLLBACK.
      if (statement === 'commit' && rows[0]?.command === 'ROLLBACK')
        throw new Error('the transaction was rolled back by an earlier error')
    } catch (error) {
      broken = true
      throw error
    } finally {
      client.release(broken)
      await db.destroy()
    }
  }
  return {
    db,
    twin: postgresTwin(enums, (target, columns) => copyWriter(client, copies, target, columns)),
    transactional: true,
    commit: () => finish('commit'),
    async rollback() {
      // A COPY left open would hold the connection: failing it (CopyFail) frees it for the ROLLBACK.
      for (const copy of copies) {
        copy.stream.destroy(new Error('the write is rolled back'))
        await copy.done.catch(() => {})
      }
      await finish('rollback')
    },
    async cancel() {
      await pool.query('select pg_cancel_backend($1)', [pid])
    },
  }
}

interface CopyInFlight {
  stream: ReturnType<typeof copyFrom>
  done: Promise<void>
}

/**
 * COPY … FROM STDIN on the write's connection: rows stream as CSV, and a write waits while the socket's buffer is
 * full, so memory stays bounded by one batch. `copies` holds it while it is open.
 */
function copyWriter(
  client: pg.PoolClient,
  copies: Set<CopyInFlight>,
  target: TableRef,
  columns: readonly Column[],
): BulkWriter {
  const plain = plainColumns(columns)
  const stream = client.query(
    copyFrom(
      copyStatement(
        target.schema,
        target.name,
        columns.map((c) => c.name),
      ),
      { highWaterMark: COPY_BUFFER_BYTES },
    ),
  )
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve)
    stream.on('error', reject)
  })
  const copy = { stream, done }
  copies.add(copy)
  // Surfaced by write() and end(); kept from crashing the process in the meantime.
  done.then(
    () => copies.delete(copy),
    () => copies.delete(copy),
  )
  return {
    async write(rows) {
      // A COPY the server stopped (a cancel, a bad row) fails here rather than waiting for a drain that never comes.
      if (!stream.write(csvRows(rows, plain)))
        await Promise.race([new Promise((resolve) => stream.once('drain', resolve)), done])
    },
    async end() {
      stream.end()
      await done
    },
  }
}
