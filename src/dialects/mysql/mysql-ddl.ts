import { sql } from 'kysely'
import type { SchemaDdl } from '../dialect.js'

/** MySQL/MariaDB DDL: the database is the namespace, enums are inline, keys AUTO_INCREMENT, nothing deferrable. */
export const mysqlDdl: SchemaDdl = {
  schemas: false,
  deferrableConstraints: false,
  async createSchema() {
    // The connected database is the only namespace.
  },
  async enumType(_db, _schema, _name, values) {
    return sql`enum(${sql.join(values.map((v) => sql.lit(v)))})`
  },
  timestampType: 'datetime',
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
