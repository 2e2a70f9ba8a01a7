import type { Connection } from './connection.js'
import { openDatabase } from './open-database.js'
import type { Schema } from '../schema/schema.js'

/**
 * Reads the portable schema of the database a URL or a caller's connection names, over a read-only connection.
 *
 * @example
 * const schema = await introspect('postgres://postgres@127.0.0.1:5432/shop')
 * console.log(schema.tables.map((t) => t.name))
 */
export async function introspect(database: Connection): Promise<Schema> {
  const source = await openDatabase(database, { readOnly: true })
  try {
    return await source.introspect()
  } finally {
    await source.close()
  }
}
