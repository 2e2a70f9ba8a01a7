import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'
import { ddlFor } from '../src/dialects/ddl-for.js'

/**
 * More of the personal data a real clinic holds, so that `scan` and the rules have every common kind to find:
 * national IDs (unique), street addresses, IP addresses, free-text notes that sometimes carry a phone number or an
 * email, bank accounts (IBAN) and payment cards.
 */
export const personalData: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    const ddl = ddlFor(db)
    const at = (schema: 'clinic' | 'billing', table: string) =>
      ddl.schemas ? db.schema.withSchema(schema).alterTable(table) : db.schema.alterTable(table)
    await at('clinic', 'patients')
      .addColumn('ssn', 'varchar(11)')
      .addColumn('street', 'varchar(120)')
      .addColumn('signup_ip', 'varchar(45)')
      .execute()
    await at('clinic', 'patients').addUniqueConstraint('patients_ssn_key', ['ssn']).execute()
    await at('clinic', 'encounters').addColumn('notes', 'text').execute()
    await at('billing', 'policies').addColumn('payer_iban', 'varchar(34)').execute()
    await at('billing', 'payments').addColumn('card_number', 'varchar(19)').execute()
  },
}
