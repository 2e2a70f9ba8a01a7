import { sql, type Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'
import { ddlFor } from '../src/dialects/ddl-for.js'

/**
 * The billing half of the sample database: insurers, policies, claims and payments. On PostgreSQL it lives in its
 * own schema and references the clinic schema, so introspection and load order cross schemas.
 */
export const billing: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    const ddl = ddlFor(db)
    await ddl.createSchema(db, 'billing')
    const builder = ddl.schemas ? db.schema.withSchema('billing') : db.schema
    const at = (schema: 'clinic' | 'billing', table: string) => (ddl.schemas ? `${schema}.${table}` : table)

    await builder
      .createTable('insurers')
      .addColumn('id', 'integer', (c) => ddl.identity(c).primaryKey())
      .addColumn('name', 'varchar(100)', (c) => c.notNull())
      .addColumn('country', 'char(2)', (c) => c.notNull())
      .addUniqueConstraint('insurers_name_key', ['name'])
      .execute()

    await builder
      .createTable('policies')
      .addColumn('id', 'integer', (c) => ddl.identity(c).primaryKey())
      .addColumn('patient_id', 'integer', (c) => c.notNull())
      .addColumn('insurer_id', 'integer', (c) => c.notNull())
      .addColumn('policy_number', 'varchar(20)', (c) => c.notNull())
      .addColumn('valid_from', 'date', (c) => c.notNull())
      .addColumn('valid_to', 'date')
      .addUniqueConstraint('policies_number_key', ['policy_number'])
      .addForeignKeyConstraint(
        'policies_patient_fk',
        ['patient_id'],
        at('clinic', 'patients'),
        ['id'],
        (fk) => fk.onDelete('cascade'),
      )
      .addForeignKeyConstraint('policies_insurer_fk', ['insurer_id'], at('billing', 'insurers'), ['id'])
      .addCheckConstraint('policies_valid_range', sql`valid_to is null or valid_to >= valid_from`)
      .execute()

    const status = await ddl.enumType(db, 'billing', 'claim_status', [
      'submitted',
      'approved',
      'denied',
      'paid',
    ])
    await builder
      .createTable('claims')
      .addColumn('id', 'integer', (c) => ddl.identity(c).primaryKey())
      .addColumn('encounter_id', 'integer', (c) => c.notNull())
      .addColumn('policy_id', 'integer')
      .addColumn('amount', 'decimal(12, 2)', (c) => c.notNull())
      .addColumn('status', status, (c) => c.notNull().defaultTo('submitted'))
      .addColumn('submitted_at', ddl.timestampType, (c) => c.notNull())
      .addForeignKeyConstraint('claims_encounter_fk', ['encounter_id'], at('clinic', 'encounters'), ['id'])
      .addForeignKeyConstraint('claims_policy_fk', ['policy_id'], at('billing', 'policies'), ['id'], (fk) =>
        fk.onDelete('set null'),
      )
      .addCheckConstraint('claims_amount_nonnegative', sql`amount >= 0`)
      .execute()

    await builder
      .createTable('payments')
      .addColumn('id', 'integer', (c) => ddl.identity(c).primaryKey())
      .addColumn('claim_id', 'integer', (c) => c.notNull())
      .addColumn('amount', 'decimal(12, 2)', (c) => c.notNull())
      .addColumn('paid_at', ddl.timestampType, (c) => c.notNull())
      .addColumn('method', 'varchar(20)', (c) => c.notNull())
      .addForeignKeyConstraint('payments_claim_fk', ['claim_id'], at('billing', 'claims'), ['id'], (fk) =>
        fk.onDelete('cascade'),
      )
      .addCheckConstraint('payments_amount_positive', sql`amount > 0`)
      .execute()
  },
}
