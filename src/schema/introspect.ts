import { openDatabase } from '../dialects/open-database.js'
import type { Schema } from './schema.js'

/**
 * Reads the portable schema of the database a URL names, over a read-only connection.
 *
 * @example
 * const schema = await introspect('postgres://postgres@127.0.0.1:5432/shop')
 * console.log(schema.tables.map((t) => t.name))
 */
export async function introspect(url: string): Promise<Schema> {
  const database = await openDatabase(url, { readOnly: true })
  try {
    return await database.introspect()
  } finally {
    await database.close()
  }
}
