import { sql } from 'kysely'
import type { SchemaDdl } from '../dialect.js'

/**
 * MySQL/MariaDB DDL: the database is the namespace, enums are inline, keys AUTO_INCREMENT, nothing deferrable.
 *
 * @example
 * const kind = await mysqlDdl.enumType(db, 'shop', 'kind', ['a', "b'c"]) // enum('a','b''c')
 * await db.schema.createTable('t').addColumn('kind', kind).addColumn('id', 'integer', (c) => mysqlDdl.identity(c.primaryKey())).execute()
 */
export const mysqlDdl: SchemaDdl = {
  schemas: false,
  deferrableConstraints: false,
  async createSchema() {
    // The connected database is the only namespace.
  },
  async enumType(_db, _schema, _name, values) {
    // sql.lit escapes quotes and backslashes the way MySQL reads them.
    return sql`enum(${sql.join(values.map((v) => sql.lit(v)))})`
  },
  timestampType: 'datetime',
  jsonType: 'json',
  async commentOnTable(db, table, comment) {
    await sql`alter table ${sql.id(table.name)} comment = ${sql.lit(comment)}`.execute(db)
  },
  async syncIdentity() {
    // AUTO_INCREMENT already moves past the largest value written.
  },
  identity(column) {
    return column.autoIncrement()
  },
}
