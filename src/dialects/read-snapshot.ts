import { sql, type RawBuilder } from 'kysely'
import type { Database, AnyKysely } from './dialect.js'

/** Everything a Database is over one Kysely instance, before snapshots and closing are added. */
export type DatabaseOver = Omit<Database, 'readSnapshot' | 'readSnapshots' | 'close'>

/**
 * How more connections join a snapshot transaction, on an engine that can (PostgreSQL exports a snapshot and other
 * transactions import it; MySQL and a single PGlite instance cannot).
 */
export interface SnapshotSharing {
  /** Most connections a read may hold at once: fewer than the pool has, so nothing else waits for one. */
  lanes: number
  /** The open snapshot's id, asked on the connection that began it. */
  exportId(connection: AnyKysely): Promise<string>
  /** The statements that begin another transaction in the snapshot `id` names. */
  join(id: string): readonly RawBuilder<unknown>[]
}

/**
 * A Database over a pool, whose `readSnapshot` binds one connection, sends `begin` (the engine's statements that
 * open a read-only snapshot transaction) and hands `read` the same Database over that connection. With `sharing`,
 * `readSnapshots` binds more connections in the same snapshot.
 */
export function withReadSnapshot(
  db: AnyKysely,
  begin: readonly RawBuilder<unknown>[],
  over: (db: AnyKysely) => DatabaseOver,
  sharing?: SnapshotSharing,
): Database {
  const inside = (connection: AnyKysely): Database => {
    const snapshot: Database = {
      ...over(connection),
      close: async () => {},
      readSnapshot: (again) => again(snapshot),
      readSnapshots: (_lanes, again) => again([snapshot]),
    }
    return snapshot
  }
  const readSnapshots = <T>(lanes: number, read: (snapshots: readonly Database[]) => Promise<T>) =>
    db.connection().execute(async (connection) => {
      for (const statement of begin) await statement.execute(connection)
      let result
      try {
        const wanted = sharing === undefined ? 1 : Math.min(Math.floor(lanes), sharing.lanes)
        const id = wanted > 1 ? await sharing!.exportId(connection) : ''
        result = await joined(db, wanted - 1, sharing?.join(id) ?? [], [connection], (held) =>
          read(held.map(inside)),
        )
      } catch (error) {
        // The read's own error is the one to report; a rollback that fails too (a lost connection) adds nothing.
        await sql`rollback`.execute(connection).catch(() => {})
        throw error
      }
      await sql`commit`.execute(connection)
      return result
    })
  return {
    ...over(db),
    close: () => db.destroy(),
    readSnapshot: (read) => readSnapshots(1, ([snapshot]) => read(snapshot!)),
    readSnapshots,
  }
}

/**
 * Binds `more` connections of the pool, each begun with `join`, and runs `read` over them and those `held`. A
 * connection the server will not give or will not begin (its connection limit reached) is done without: the read
 * runs on fewer.
 */
async function joined<T>(
  db: AnyKysely,
  more: number,
  join: readonly RawBuilder<unknown>[],
  held: readonly AnyKysely[],
  read: (held: readonly AnyKysely[]) => Promise<T>,
): Promise<T> {
  let reading = false
  const start = (all: readonly AnyKysely[]) => {
    reading = true
    return read(all)
  }
  const hold = async (more: number, held: readonly AnyKysely[]): Promise<T> => {
    if (more <= 0) return start(held)
    const got = await db
      .connection()
      .execute(async (connection) => {
        try {
          for (const statement of join) await statement.execute(connection)
        } catch {
          await sql`rollback`.execute(connection).catch(() => {})
          return null
        }
        try {
          return { value: await hold(more - 1, [...held, connection]) }
        } finally {
          // Only read in: ending the transaction is all there is to do.
          await sql`rollback`.execute(connection).catch(() => {})
        }
      })
      .catch((error: unknown) => {
        if (reading) throw error
        return null
      })
    return got === null ? start(held) : got.value
  }
  return hold(more, held)
}

/**
 * A Database over a caller's connection, which dbtwin never closes. Read-only, it holds one connection in one
 * read-only snapshot transaction from now until `close` (which ends the transaction and hands the connection
 * back): the server refuses writes as it does on a URL's read-only session, without changing how the caller's own
 * sessions are configured. Writable, it is the connection as it is, and `close` leaves it open.
 */
export async function borrowedDatabase(
  db: AnyKysely,
  begin: readonly RawBuilder<unknown>[],
  over: (db: AnyKysely) => DatabaseOver,
  options: { readOnly?: boolean },
): Promise<Database> {
  if (options.readOnly !== true) return { ...withReadSnapshot(db, begin, over), close: async () => {} }
  let finish = () => {}
  const finished = new Promise<void>((resolve) => (finish = resolve))
  let done: Promise<void> = Promise.resolve()
  const pinned = new Promise<AnyKysely>((resolve, reject) => {
    const held = db.connection().execute(async (connection) => {
      for (const statement of begin) await statement.execute(connection)
      resolve(connection)
      await finished
      // Nothing was written: ending the read is all a rollback does, and it cannot fail on a broken transaction.
      await sql`rollback`.execute(connection).catch(() => {})
    })
    held.catch(reject)
    done = held.catch(() => {})
  })
  const connection = await pinned
  const inside: Database = {
    ...over(connection),
    readSnapshot: (read) => read(inside),
    readSnapshots: (_lanes, read) => read([inside]),
    close: async () => {
      finish()
      await done
    },
  }
  return inside
}
