import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'
import { ddlFor } from '../src/dialects/ddl-for.js'

/**
 * What the sample needs to plant the last of issue 18's rules: an encounter's status (claims only on closed
 * encounters, a rule on the parent's state), and each lab result's reference range with the flag a declared rule
 * derives from it (`rules/declared/clinic.yaml`: H above the range, L below).
 */
export const businessRules: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    const ddl = ddlFor(db)
    const clinic = (table: string) =>
      ddl.schemas ? db.schema.withSchema('clinic').alterTable(table) : db.schema.alterTable(table)
    await clinic('encounters')
      .addColumn('status', 'varchar(10)', (c) => c.notNull().defaultTo('closed'))
      .execute()
    await clinic('lab results').addColumn('ref_low', 'decimal(10, 3)').execute()
    await clinic('lab results').addColumn('ref_high', 'decimal(10, 3)').execute()
    await clinic('lab results').addColumn('flag', 'char(1)').execute()
  },
}
