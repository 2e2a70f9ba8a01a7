import { Kysely, PostgresDialect, sql, type RawBuilder } from 'kysely'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { ServerUrl } from '../connection-url.js'
import type { Database, OpenOptions } from '../dialect.js'
import type { BulkWriter } from '../twin-target.js'
import type { Column, TableRef } from '../../schema/schema.js'
import { connectionError } from '../connection-error.js'
import { POSTGRES_ERROR_CODES } from './postgres-errors.js'
import { postgresDdl } from './postgres-ddl.js'
import { introspectPostgres } from './postgres-introspector.js'
import { postgresSampledTable } from './postgres-sampling.js'
import { postgresReadValue, postgresSpecialNumbers } from './postgres-values.js'
import { copyStatement, csvRows, plainColumns, postgresTwin } from './postgres-twin.js'
import { extendedProtocolPool } from './postgres-extended-protocol.js'
import { withReadSnapshot } from '../read-snapshot.js'

/** Opens a PostgreSQL database through node-postgres; fails fast, with one clear line, if it cannot be reached. */
export async function openPostgres(url: ServerUrl<'postgres'>, options: OpenOptions): Promise<Database> {
  const pool = new pg.Pool({
    host: url.host,
    port: url.port,
    user: url.user,
    password: url.password,
    database: url.database,
    ssl: sslOption(url.params['sslmode']),
    max: 4,
    application_name: 'dbtwin',
    types: { getTypeParser: textForTemporal },
    // The server itself refuses writes on a read-only connection, whatever dbtwin's code does.
    options: options.readOnly === true ? '-c default_transaction_read_only=on' : undefined,
  })
  // An idle client's error (e.g. the server restarting) must not crash the process; the next query reports it.
  pool.on('error', () => {})
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: extendedProtocolPool(pool) }) })
  try {
    await sql`select 1`.execute(db)
  } catch (error) {
    await db.destroy()
    throw connectionError(error, url.display, url.database, POSTGRES_ERROR_CODES)
  }
  return withReadSnapshot(db, [POSTGRES_SNAPSHOT], (db) => ({
    dialect: 'postgres',
    db,
    name: url.database,
    display: url.display,
    ddl: postgresDdl,
    sampledTable: postgresSampledTable,
    readValue: postgresReadValue,
    specialNumbers: postgresSpecialNumbers,
    twin: (enums) =>
      postgresTwin(enums, (target, columns) => copyWriter(pool, target, columns), {
        checksWhileLoading: true,
      }),
    introspect: () => introspectPostgres(db, 'postgres'),
  }))
}

/** One snapshot for every statement of the transaction (PostgreSQL and PGlite). */
export const POSTGRES_SNAPSHOT = sql`begin transaction isolation level repeatable read read only`

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

/** The OIDs of date, time, timestamp, timestamptz and timetz: read as the server prints them, never as local-time Dates. */
const TEMPORAL_OIDS = new Set([1082, 1083, 1114, 1184, 1266])

function textForTemporal(oid: number, format?: string): (value: string) => unknown {
  if (TEMPORAL_OIDS.has(oid)) return (value: string) => value
  return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text')
}

/**
 * How much CSV may wait in the COPY stream before a write waits: a few batches, so generating and loading run side
 * by side through the hiccups of either (the stream's default of 16 kB made every batch wait for the last).
 */
const COPY_BUFFER_BYTES = 4 * 1024 * 1024

/**
 * COPY … FROM STDIN on one pooled connection: rows stream as CSV, and a write waits while the socket's buffer is
 * full, so memory stays bounded by one batch.
 */
function copyWriter(pool: pg.Pool, target: TableRef, columns: readonly Column[]): BulkWriter {
  const plain = plainColumns(columns)
  const ready = pool.connect().then((client) => {
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
    // Surfaced by end(); kept from crashing the process in the meantime.
    done.catch(() => {})
    return { client, stream, done }
  })
  return {
    async write(rows) {
      const { stream } = await ready
      if (!stream.write(csvRows(rows, plain))) await new Promise((resolve) => stream.once('drain', resolve))
    },
    async end() {
      const { client, stream, done } = await ready
      stream.end()
      try {
        await done
      } finally {
        client.release()
      }
    },
  }
}
