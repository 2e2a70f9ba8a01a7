import { openDatabase } from '../../src/dialects/open-database.js'
import { createSampleSchema } from '../../src/sample/create-sample-schema.js'
import { seedSampleData } from '../../src/sample/seed-sample-data.js'
import type { DialectName } from '../../src/schema/schema.js'
import { createTestDatabase, type TestDatabase } from './test-database.js'

/** A fresh test database holding the sample clinic schema, filled with seeded rows. */
export async function createSampleSource(
  dialect: DialectName,
  patients: number,
  seed = 1,
): Promise<TestDatabase> {
  const database = await createTestDatabase(dialect)
  const target = await openDatabase(database.url)
  try {
    await createSampleSchema(target)
    await seedSampleData(target, { patients, seed })
  } finally {
    await target.close()
  }
  return database
}
