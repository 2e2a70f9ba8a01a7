import { createHash } from 'node:crypto'
import type { Database } from './dialect.js'

/**
 * A one-way hash of who a database is on its server (see Database.serverIdentity): kept in the model next to the
 * URL's fingerprint, so `generate` can tell its target is the source even when the two URLs differ, without the
 * model revealing where the source is.
 */
export async function databaseIdentity(database: Database): Promise<string> {
  return createHash('sha256')
    .update(await database.serverIdentity())
    .digest('hex')
    .slice(0, 16)
}
