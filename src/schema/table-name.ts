import type { TableRef } from './schema.js'

const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_$]*$/

/** An identifier as a reader would type it: bare when it is plain, double-quoted otherwise. */
export function displayIdentifier(name: string): string {
  return PLAIN_IDENTIFIER.test(name) ? name : `"${name.replaceAll('"', '""')}"`
}

/**
 * The unique, readable name of a table, `schema.table`, quoting parts that need it. Used as the table's id in the
 * FK graph and in messages, so `a.b` the table and `a` `.` `b` the pair can never collide.
 *
 * @example tableName({ schema: 'clinic', name: 'lab results' }) // 'clinic."lab results"'
 */
export function tableName(ref: TableRef): string {
  return `${displayIdentifier(ref.schema)}.${displayIdentifier(ref.name)}`
}
