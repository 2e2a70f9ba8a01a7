import { sampleMigrations } from '../../migrations/index.js'
import type { Database } from '../dialects/dialect.js'
import { DbtwinError } from '../errors.js'

export type SampleOutcome = 'created' | 'already-present'

/**
 * Creates the sample clinic schema (migrations/) in an empty database. A database that already holds exactly the
 * sample's tables is left as it is, so the quick start can be run twice; any other non-empty database is refused.
 */
export async function createSampleSchema(database: Database): Promise<SampleOutcome> {
  const before = await database.introspect()
  if (before.tables.length > 0) {
    const names = new Set(before.tables.map((t) => t.name))
    if (names.has('patients') && names.has('claims')) return 'already-present'
    throw new DbtwinError(
      'TARGET_NOT_EMPTY',
      `${database.display} already holds ${before.tables.length} tables`,
      'point the sample at an empty database (e.g. pglite://.dbtwin/clinic, or a new database on your server)',
      { data: { tables: before.tables.map((t) => t.name) } },
    )
  }
  for (const migration of Object.values(sampleMigrations)) await migration.up(database.db)
  return 'created'
}
