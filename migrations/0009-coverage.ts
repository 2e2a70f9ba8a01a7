import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'
import { ddlFor } from '../src/dialects/ddl-for.js'

/**
 * A category across keys for issue 18.5 to plant: a patient's age band as the registration desk files it, and each
 * policy's kind of coverage, which follows the band of the policy's patient (most policies of patients 65 and over
 * are Medicare).
 */
export const coverage: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    const ddl = ddlFor(db)
    const alter = (schema: 'clinic' | 'billing', table: string) =>
      ddl.schemas ? db.schema.withSchema(schema).alterTable(table) : db.schema.alterTable(table)
    await alter('clinic', 'patients').addColumn('age_band', 'varchar(8)').execute()
    await alter('billing', 'policies').addColumn('coverage', 'varchar(12)').execute()
  },
}
