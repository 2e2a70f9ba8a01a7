import { sql } from 'kysely'
import type { SchemaDdl } from '../dialect.js'

/** PostgreSQL (and PGlite) DDL: named schemas, named enum types, identity columns, deferrable constraints. */
export const postgresDdl: SchemaDdl = {
  schemas: true,
  deferrableConstraints: true,
  async createSchema(db, schema) {
    await db.schema.createSchema(schema).ifNotExists().execute()
  },
  async enumType(db, schema, name, values) {
    await db.schema
      .withSchema(schema)
      .createType(name)
      .asEnum([...values])
      .execute()
    return sql`${sql.id(schema, name)}`
  },
  timestampType: 'timestamp',
  jsonType: 'jsonb',
  async commentOnTable(db, table, comment) {
    await sql`comment on table ${sql.id(table.schema, table.name)} is ${sql.lit(comment)}`.execute(db)
  },
  async syncIdentity(db, table, column) {
    const name = sql`quote_ident(${table.schema}) || '.' || quote_ident(${table.name})`
    await sql`select setval(pg_get_serial_sequence(${name}, ${column}), coalesce(max(${sql.id(column)}), 0) + 1, false)
      from ${sql.id(table.schema, table.name)}`.execute(db)
  },
  identity(column) {
    // By default, not always: a twin writes its own key values.
    return column.generatedByDefaultAsIdentity()
  },
}
