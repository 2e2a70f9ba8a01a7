import type { Connection } from '../dialects/connection.js'
import type { Model } from '../model/model.js'
import { generate, type ExistingTables } from '../write/generate-into-target.js'
import { loadModel } from './load-model.js'

export interface SeedOptions {
  /** Parentless tables get learned rows × scale; children follow from the learned cardinalities (default 1). */
  scale?: number
  /** The same model, seed and scale give the same rows (default 1). */
  seed?: number
  /** Explicit row counts for parentless tables, by `schema.table` or table name. */
  rows?: Record<string, number>
  /**
   * What to do with the model's tables when the database already has them. Default `refuse`: empty ones are
   * reused and any holding rows fails with TARGET_NOT_EMPTY, so a suite never wipes data it did not write.
   * `truncate` reseeds them, `drop` recreates them, `create` demands that none exist.
   */
  existing?: ExistingTables
  /** A rules directory or file, as for `dbtwin generate --rules`: fills the columns the model leaves to rules. */
  rules?: string
}

export interface SeedResult {
  /** Rows written per table, by `schema.table`. */
  rows: Record<string, number>
}

/**
 * Fills a database (a URL, or a connection of the suite's own, which it leaves open), whose tables may or may not
 * exist yet, with a synthetic twin from a model or a model file's path. On failure the database is left as it was and the promise rejects with a DbtwinError.
 *
 * @example
 * import { beforeAll } from 'vitest'
 * import { seedDatabase } from 'dbtwin/testing'
 *
 * beforeAll(async () => {
 *   // 'truncate' because the suite owns this database and reseeds it on every run.
 *   await seedDatabase('postgres://postgres@127.0.0.1:5432/app_test', 'test/model.yaml', {
 *     scale: 0.1,
 *     seed: 1,
 *     existing: 'truncate',
 *   })
 * })
 */
export async function seedDatabase(
  url: Connection,
  model: Model | string,
  options: SeedOptions = {},
): Promise<SeedResult> {
  const { rows } = await generate(await loadModel(model), url, {
    ...options,
    existing: options.existing ?? 'refuse',
  })
  return { rows }
}
