import { MysqlAdapter, type Kysely } from 'kysely'
import type { SchemaDdl } from './dialect.js'
import { mysqlDdl } from './mysql/mysql-ddl.js'
import { postgresDdl } from './postgres/postgres-ddl.js'

/**
 * The DDL helpers for the engine behind a Kysely instance. Migrations receive only a Kysely instance (that is
 * Kysely's migration contract), so they find their engine's DDL through this.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function ddlFor(db: Kysely<any>): SchemaDdl {
  return db.getExecutor().adapter instanceof MysqlAdapter ? mysqlDdl : postgresDdl
}
