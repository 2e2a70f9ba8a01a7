import { sql, type RawBuilder } from 'kysely'
import type { Database, AnyKysely } from './dialect.js'

/** Everything a Database is over one Kysely instance, before snapshots and closing are added. */
export type DatabaseOver = Omit<Database, 'readSnapshot' | 'close'>

/**
 * A Database over a pool, whose `readSnapshot` binds one connection, sends `begin` (the engine's statements that
 * open a read-only snapshot transaction) and hands `read` the same Database over that connection.
 */
export function withReadSnapshot(
  db: AnyKysely,
  begin: readonly RawBuilder<unknown>[],
  over: (db: AnyKysely) => DatabaseOver,
): Database {
  return {
    ...over(db),
    close: () => db.destroy(),
    readSnapshot: (read) =>
      db.connection().execute(async (connection) => {
        for (const statement of begin) await statement.execute(connection)
        const inside: Database = {
          ...over(connection),
          close: async () => {},
          readSnapshot: (again) => again(inside),
        }
        let result
        try {
          result = await read(inside)
        } catch (error) {
          // The read's own error is the one to report; a rollback that fails too (a lost connection) adds nothing.
          await sql`rollback`.execute(connection).catch(() => {})
          throw error
        }
        await sql`commit`.execute(connection)
        return result
      }),
  }
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
    close: async () => {
      finish()
      await done
    },
  }
  return inside
}
