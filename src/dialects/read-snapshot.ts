import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from './dialect.js'

/** Everything a Database is over one Kysely instance, before snapshots and closing are added. */
export type DatabaseOver = Omit<Database, 'readSnapshot' | 'close'>

/**
 * A Database over a pool, whose `readSnapshot` binds one connection, sends `begin` (the engine's statements that
 * open a read-only snapshot transaction) and hands `read` the same Database over that connection.
 */
export function withReadSnapshot(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  begin: readonly RawBuilder<unknown>[],
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  over: (db: Kysely<any>) => DatabaseOver,
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
