import { sql } from 'kysely'
import type { SnapshotSharing } from '../read-snapshot.js'

/** One snapshot for every statement of the transaction (PostgreSQL and PGlite, which must not load node-postgres). */
export const POSTGRES_SNAPSHOT = sql`begin transaction isolation level repeatable read read only`

/** pg_export_snapshot's form, `%08X-%08X-%d`: checked before the id is written into SET TRANSACTION SNAPSHOT. */
const SNAPSHOT_ID = /^[0-9A-F]{8}-[0-9A-F]{8}-[0-9]{1,10}$/

/**
 * Sharing a snapshot between connections of one pool of `size` (see SnapshotSharing): the first transaction exports
 * it, the others import it, so they read exactly the rows it reads. One connection of the pool is left free.
 */
export function postgresSnapshotSharing(size: number): SnapshotSharing {
  return {
    lanes: size - 1,
    async exportId(connection) {
      const { rows } = await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(connection)
      const id = rows[0]?.id ?? ''
      if (!SNAPSHOT_ID.test(id))
        throw new Error(`the server exported a snapshot id of an unknown form: ${id}`)
      return id
    },
    // SET TRANSACTION SNAPSHOT takes no parameter: the id, checked above, is written as a literal.
    join: (id) => [POSTGRES_SNAPSHOT, sql.raw(`set transaction snapshot '${id}'`)],
  }
}
