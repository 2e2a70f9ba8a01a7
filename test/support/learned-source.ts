import type { Database } from '../../src/dialects/dialect.js'
import { learn } from '../../src/learn/learn.js'
import type { Model } from '../../src/model/model.js'
import type { DialectName } from '../../src/schema/schema.js'
import { createTestDatabase } from './test-database.js'
import { withDatabase } from './twin-checks.js'

/** A source built by a test, the model learned from it, and an empty target for its twin. */
export interface LearnedSource {
  source: string
  target: string
  model: Model
  /** Drops both databases. */
  drop(): Promise<void>
}

/** Creates a source with `fill`, learns it with `seed`, and makes an empty target beside it. */
export async function learnedSource(
  dialect: DialectName,
  fill: (db: Database) => Promise<void>,
  seed: number,
): Promise<LearnedSource> {
  const source = await createTestDatabase(dialect)
  const target = await createTestDatabase(dialect)
  const drop = async () => {
    await source.drop()
    await target.drop()
  }
  try {
    await withDatabase(source.url, fill)
    return { source: source.url, target: target.url, model: await learn(source.url, { seed }), drop }
  } catch (error) {
    await drop()
    throw error
  }
}
