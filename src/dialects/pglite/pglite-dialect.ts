import { randomUUID } from 'node:crypto'
import { mkdir, readdir, realpath, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { PGlite, type QueryOptions } from '@electric-sql/pglite'
import { setImmediate as eventLoopTurn } from 'node:timers/promises'
import {
  Kysely,
  PGliteDialect,
  sql,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely'
import { DbtwinError } from '../../errors.js'
import { cannotWriteIn, nearestExisting } from '../../writable-folder.js'
import type { PgliteUrl } from '../connection-url.js'
import type { Database, OpenOptions, AnyKysely, AnyTables } from '../dialect.js'
import { postgresDdl } from '../postgres/postgres-ddl.js'
import { POSTGRES_SNAPSHOT } from '../postgres/postgres-snapshot.js'
import { borrowedDatabase, withReadSnapshot, type DatabaseOver } from '../read-snapshot.js'
import { introspectPostgres } from '../postgres/postgres-introspector.js'
import { postgresSampledTable } from '../postgres/postgres-sampling.js'
import { postgresReadValue, postgresSpecialNumbers, SERVER_TEXT_OIDS } from '../postgres/postgres-values.js'
import { copyStatement, csvRows, plainColumns, postgresTwin } from '../postgres/postgres-twin.js'
import type { BulkWriter } from '../twin-target.js'
import { postgresKeySet } from '../postgres/postgres-key-set.js'
import { startCluster } from './pglite-cluster.js'

/**
 * Opens an embedded PGlite database: in memory, or in a directory (created if missing). PGlite is PostgreSQL, so it
 * reuses the PostgreSQL introspector and DDL.
 */
export async function openPglite(url: PgliteUrl, options: OpenOptions): Promise<Database> {
  if (url.dataDir !== null) await checkDataDir(url.dataDir, url.display)
  let pglite: PGlite
  // PGlite's file system cannot open a folder through a symbolic link; the folder it points at is the database.
  let dataDir: string | null = null
  try {
    if (url.dataDir !== null) {
      await mkdir(url.dataDir, { recursive: true })
      dataDir = await realpath(url.dataDir)
    }
    const fresh = dataDir === null || !(await isCluster(dataDir))
    pglite = await PGlite.create(dataDir ?? undefined, {
      parsers: AS_SERVER_TEXT,
      loadDataDir: fresh ? await startCluster(dataDir) : undefined,
    })
    if (options.readOnly === true) await pglite.exec('set default_transaction_read_only = on')
  } catch (error) {
    throw new DbtwinError(
      'CONNECTION_FAILED',
      `cannot open the PGlite database ${url.display}: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      'use an empty or existing PGlite directory that no other process has open',
      { cause: error },
    )
  }
  const db = new Kysely<AnyTables>({
    dialect: new PGliteDialect({ pglite }),
    plugins: [new EventLoopTurns()],
  })
  const memoryId = randomUUID()
  await sql`select 1`.execute(db)
  const name = url.dataDir ?? 'memory'
  // A folder is one database whatever path names it; an in-memory one is only ever itself.
  const identity = `pglite|${dataDir ?? `memory|${memoryId}`}`
  return withReadSnapshot(db, [POSTGRES_SNAPSHOT], pgliteOver(pglite, url.display, name, identity))
}

/**
 * A caller's PGlite instance, which dbtwin never closes: each query parses values as dbtwin's own instance does
 * (AS_SERVER_TEXT), and a read-only source is read in one read-only transaction (see borrowedDatabase).
 */
export async function borrowPglite(pglite: PGlite, options: OpenOptions): Promise<Database> {
  const serverText = new Proxy(pglite, {
    get(target, key) {
      if (key === 'query')
        return (query: string, params?: unknown[], queryOptions?: QueryOptions) =>
          target.query<unknown>(query, params, { ...queryOptions, parsers: AS_SERVER_TEXT })
      // Kysely closes its PGlite when it is destroyed; this one is the caller's.
      if (key === 'close') return () => Promise.resolve()
      const value: unknown = Reflect.get(target, key)
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value
    },
  })
  const db = new Kysely<AnyTables>({
    dialect: new PGliteDialect({ pglite: serverText }),
    plugins: [new EventLoopTurns()],
  })
  const name = pglite.dataDir ?? 'memory'
  const display = `pglite://${pglite.dataDir ?? 'memory'} (the caller's instance)`
  return borrowedDatabase(
    db,
    [POSTGRES_SNAPSHOT],
    pgliteOver(pglite, display, name, `pglite|${pglite.dataDir ?? `memory|${randomUUID()}`}`),
    options,
  )
}

function pgliteOver(
  pglite: PGlite,
  display: string,
  name: string,
  identity: string,
): (db: AnyKysely) => DatabaseOver {
  return (db) => ({
    dialect: 'pglite',
    db,
    name,
    display,
    ddl: postgresDdl,
    sampledTable: postgresSampledTable,
    readValue: postgresReadValue,
    specialNumbers: postgresSpecialNumbers,
    keySet: (_table, columns, keys) => Promise.resolve(postgresKeySet(columns, keys)),
    async openTwin(enums) {
      // One connection, so one transaction: what the write makes is undone together (see TwinWrite).
      await sql`begin`.execute(db)
      return {
        db,
        twin: postgresTwin(enums, (target, columns) =>
          blobCopyWriter(
            pglite,
            copyStatement(
              target.schema,
              target.name,
              columns.map((c) => c.name),
            ).replace('STDIN', "'/dev/blob'"),
            plainColumns(columns),
          ),
        ),
        transactional: true,
        commit: () => sql`commit`.execute(db).then(() => {}),
        rollback: () => sql`rollback`.execute(db).then(() => {}),
        // PGlite runs in this thread: a signal is only seen between its statements, where the write checks it.
        cancel: () => Promise.resolve(),
      }
    },
    // Every PGlite database is called "postgres" inside; its directory is what tells two apart.
    introspect: async () => ({ ...(await introspectPostgres(db, 'pglite')), database: name }),
    serverIdentity: () => Promise.resolve(identity),
  })
}

/**
 * Refuses a folder PGlite must not open: one that holds files but no database (PGlite wrote a cluster among them;
 * under /proc it hung), or one it cannot write in (the error read `[object Object]`). A PostgreSQL data directory
 * holds PG_VERSION; an empty or missing folder gets a new database (issue 14).
 */
async function checkDataDir(dir: string, display: string): Promise<void> {
  const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) =>
    error.code === 'ENOENT' ? ([] as string[]) : null,
  )
  const problem =
    entries === null
      ? `${dir} is not a folder dbtwin can read`
      : entries.length > 0 && !entries.includes('PG_VERSION')
        ? `${dir} holds files but no PGlite database (no PG_VERSION)`
        : await cannotWriteIn(await nearestExisting(dir))
  if (problem !== null) {
    throw new DbtwinError(
      'CONNECTION_FAILED',
      `cannot open ${display}: ${problem}`,
      'name a PGlite database folder, or a new or empty folder you can write to, e.g. pglite://.dbtwin/twin',
    )
  }
}

const isCluster = (dir: string) =>
  stat(join(dir, 'PG_VERSION')).then(
    () => true,
    () => false,
  )

/**
 * PGlite runs PostgreSQL in this thread, and its queries resolve without ever giving the event loop a turn: a long
 * run of them would hold back Ctrl-C, progress bars and timers until it ends. One turn after each query lets them in.
 */
class EventLoopTurns implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    await eventLoopTurn()
    return args.result
  }
}

/**
 * Values read as the server prints them, like node-postgres does (see SERVER_TEXT_OIDS), and int8 and numeric,
 * which must not lose digits to JavaScript numbers.
 */
const AS_SERVER_TEXT = Object.fromEntries(
  [20, 1700, ...SERVER_TEXT_OIDS].map((oid) => [oid, (value: string) => value]),
)

/**
 * PGlite's COPY reads from a Blob it is handed as /dev/blob: each batch becomes one COPY, so memory holds one batch
 * of CSV at a time.
 */
function blobCopyWriter(pglite: PGlite, statement: string, plain: readonly boolean[]): BulkWriter {
  return {
    async write(rows) {
      if (rows.length > 0) await pglite.query(statement, [], { blob: new Blob([csvRows(rows, plain)]) })
      await eventLoopTurn()
    },
    async end() {},
  }
}
