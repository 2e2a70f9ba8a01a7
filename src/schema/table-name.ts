import type { Schema, TableRef } from './schema.js'

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

/**
 * The name a table's random streams are keyed on when a twin is generated: `schema.table`, or the bare table name
 * when the source has a single schema. That one schema's name is incidental — a MySQL source's database name,
 * PostgreSQL's `public` — and must not change the twin: the same data restored under another name, as every test
 * database is, gives the same rows for the same seed.
 */
export function randomStreamName(schema: Pick<Schema, 'schemas'>, ref: TableRef): string {
  return schema.schemas.length === 1 ? displayIdentifier(ref.name) : tableName(ref)
}
