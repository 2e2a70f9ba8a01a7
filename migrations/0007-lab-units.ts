import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'
import { ddlFor } from '../src/dialects/ddl-for.js'

/**
 * Each lab result's unit, which its test name determines (hemoglobin in g/dL, glucose in mg/dL), so the sample has
 * a functional dependency for dbtwin to keep exactly, beside values that depend on the test (issue 17.5).
 */
export const labUnits: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    const ddl = ddlFor(db)
    const table = ddl.schemas
      ? db.schema.withSchema('clinic').alterTable('lab results')
      : db.schema.alterTable('lab results')
    await table.addColumn('unit', 'varchar(16)').execute()
  },
}
