import { sql, type Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'
import { ddlFor } from '../src/dialects/ddl-for.js'

/**
 * The clinic half of the sample "production" database. It runs unchanged on PostgreSQL, MariaDB/MySQL and PGlite and
 * deliberately exercises what dbtwin must handle: a tree (departments.parent_id), a real FK cycle with one
 * nullable side (departments.head_provider_id ↔ providers.department_id), composite keys (prescriptions) and a
 * composite FK (dispensations), a many-to-many table (encounter_diagnoses), enums, checks, a generated column,
 * identity columns, a view, and identifiers that need quoting ("lab results", "order", "test name", "résultat").
 */
export const clinic: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    const ddl = ddlFor(db)
    await ddl.createSchema(db, 'clinic')
    const builder = ddl.schemas ? db.schema.withSchema('clinic') : db.schema
    const at = (table: string) => (ddl.schemas ? `clinic.${table}` : table)
    const timestamp = ddl.timestampType

    await builder
      .createTable('departments')
      .addColumn('id', 'integer', (c) => ddl.identity(c).primaryKey())
      .addColumn('name', 'varchar(100)', (c) => c.notNull())
      .addColumn('parent_id', 'integer')
      .addColumn('head_provider_id', 'integer')
      .addUniqueConstraint('departments_name_key', ['name'])
      .addForeignKeyConstraint('departments_parent_fk', ['parent_id'], at('departments'), ['id'], (fk) =>
        fk.onDelete('set null'),
      )
      .execute()

    const specialty = await ddl.enumType(db, 'clinic', 'provider_specialty', [
      'general',
      'cardiology',
      'pediatrics',
      'oncology',
      'radiology',
      'emergency',
    ])
    await builder
      .createTable('providers')
      .addColumn('id', 'integer', (c) => ddl.identity(c).primaryKey())
      .addColumn('first_name', 'varchar(50)', (c) => c.notNull())
      .addColumn('last_name', 'varchar(50)', (c) => c.notNull())
      .addColumn('email', 'varchar(120)', (c) => c.notNull())
      .addColumn('department_id', 'integer', (c) => c.notNull())
      .addColumn('specialty', specialty, (c) => c.notNull())
      .addColumn('hired_on', 'date', (c) => c.notNull())
      .addColumn('salary', 'decimal(10, 2)', (c) => c.notNull())
      .addUniqueConstraint('providers_email_key', ['email'])
      .addForeignKeyConstraint(
        'providers_department_fk',
        ['department_id'],
        at('departments'),
        ['id'],
        (fk) => fk.onDelete('restrict'),
      )
      .addCheckConstraint('providers_salary_positive', sql`salary > 0`)
      .execute()

    // The cycle: a department's head is one of the providers who work in a department. The nullable side is
    // what lets a writer break it; on PostgreSQL it is deferrable too.
    const head = builder
      .alterTable('departments')
      .addForeignKeyConstraint('departments_head_fk', ['head_provider_id'], at('providers'), ['id'])
      .onDelete('set null')
    await (ddl.deferrableConstraints ? head.deferrable().initiallyDeferred() : head).execute()

    const sex = await ddl.enumType(db, 'clinic', 'patient_sex', ['female', 'male', 'other', 'unknown'])
    await builder
      .createTable('patients')
      .addColumn('id', 'integer', (c) => ddl.identity(c).primaryKey())
      .addColumn('mrn', 'varchar(12)', (c) => c.notNull())
      .addColumn('first_name', 'varchar(50)', (c) => c.notNull())
      .addColumn('last_name', 'varchar(50)', (c) => c.notNull())
      .addColumn('email', 'varchar(120)')
      .addColumn('phone', 'varchar(20)')
      .addColumn('birth_date', 'date', (c) => c.notNull())
      .addColumn('sex', sex, (c) => c.notNull())
      .addColumn('zip', 'varchar(10)')
      .addColumn('created_at', timestamp, (c) => c.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
      .addUniqueConstraint('patients_mrn_key', ['mrn'])
      .execute()
    await ddl.commentOnTable(db, { schema: 'clinic', name: 'patients' }, 'People treated at the clinic (PII)')

    const kind = await ddl.enumType(db, 'clinic', 'encounter_kind', [
      'outpatient',
      'inpatient',
      'emergency',
      'telehealth',
    ])
    await builder
      .createTable('encounters')
      .addColumn('id', 'integer', (c) => ddl.identity(c).primaryKey())
      .addColumn('patient_id', 'integer', (c) => c.notNull())
      .addColumn('provider_id', 'integer', (c) => c.notNull())
      .addColumn('department_id', 'integer', (c) => c.notNull())
      .addColumn('kind', kind, (c) => c.notNull())
      .addColumn('admitted_at', timestamp, (c) => c.notNull())
      .addColumn('discharged_at', timestamp)
      .addForeignKeyConstraint('encounters_patient_fk', ['patient_id'], at('patients'), ['id'], (fk) =>
        fk.onDelete('cascade'),
      )
      .addForeignKeyConstraint('encounters_provider_fk', ['provider_id'], at('providers'), ['id'])
      .addForeignKeyConstraint('encounters_department_fk', ['department_id'], at('departments'), ['id'])
      .addCheckConstraint(
        'encounters_discharge_after_admission',
        sql`discharged_at is null or discharged_at >= admitted_at`,
      )
      .execute()

    await builder
      .createTable('diagnoses')
      .addColumn('code', 'varchar(10)', (c) => c.primaryKey())
      .addColumn('description', 'text', (c) => c.notNull())
      .execute()

    await builder
      .createTable('encounter_diagnoses')
      .addColumn('encounter_id', 'integer', (c) => c.notNull())
      .addColumn('diagnosis_code', 'varchar(10)', (c) => c.notNull())
      .addColumn('is_primary', 'boolean', (c) => c.notNull().defaultTo(false))
      .addPrimaryKeyConstraint('encounter_diagnoses_pkey', ['encounter_id', 'diagnosis_code'])
      .addForeignKeyConstraint(
        'encounter_diagnoses_encounter_fk',
        ['encounter_id'],
        at('encounters'),
        ['id'],
        (fk) => fk.onDelete('cascade'),
      )
      .addForeignKeyConstraint(
        'encounter_diagnoses_diagnosis_fk',
        ['diagnosis_code'],
        at('diagnoses'),
        ['code'],
        (fk) => fk.onUpdate('cascade'),
      )
      .execute()

    await builder
      .createTable('prescriptions')
      .addColumn('encounter_id', 'integer', (c) => c.notNull())
      .addColumn('line_no', 'smallint', (c) => c.notNull())
      .addColumn('drug', 'varchar(80)', (c) => c.notNull())
      .addColumn('quantity', 'integer', (c) => c.notNull())
      .addColumn('unit_price', 'decimal(10, 2)', (c) => c.notNull())
      .addColumn('total', 'decimal(12, 2)', (c) => c.generatedAlwaysAs(sql`quantity * unit_price`).stored())
      .addPrimaryKeyConstraint('prescriptions_pkey', ['encounter_id', 'line_no'])
      .addForeignKeyConstraint(
        'prescriptions_encounter_fk',
        ['encounter_id'],
        at('encounters'),
        ['id'],
        (fk) => fk.onDelete('cascade'),
      )
      .addCheckConstraint('prescriptions_quantity_positive', sql`quantity > 0`)
      .execute()

    await builder
      .createTable('dispensations')
      .addColumn('id', 'integer', (c) => ddl.identity(c).primaryKey())
      .addColumn('encounter_id', 'integer', (c) => c.notNull())
      .addColumn('line_no', 'smallint', (c) => c.notNull())
      .addColumn('dispensed_at', timestamp, (c) => c.notNull())
      .addForeignKeyConstraint(
        'dispensations_prescription_fk',
        ['encounter_id', 'line_no'],
        at('prescriptions'),
        ['encounter_id', 'line_no'],
        (fk) => fk.onDelete('cascade'),
      )
      .execute()

    await builder
      .createTable('lab results')
      .addColumn('id', 'integer', (c) => ddl.identity(c).primaryKey())
      .addColumn('encounter_id', 'integer', (c) => c.notNull())
      .addColumn('order', 'smallint', (c) => c.notNull())
      .addColumn('test name', 'varchar(80)', (c) => c.notNull())
      .addColumn('résultat', 'decimal(10, 3)')
      .addColumn('taken_at', timestamp, (c) => c.notNull())
      .addUniqueConstraint('lab_results_encounter_order_key', ['encounter_id', 'order'])
      .addForeignKeyConstraint('lab_results_encounter_fk', ['encounter_id'], at('encounters'), ['id'], (fk) =>
        fk.onDelete('cascade'),
      )
      .addCheckConstraint('lab_results_value_nonnegative', sql`${sql.ref('résultat')} >= 0`)
      .execute()

    await builder
      .createView('active_patients')
      .as(
        (ddl.schemas ? db.withSchema('clinic') : db)
          .selectFrom('patients')
          .select(['id', 'mrn', 'first_name', 'last_name'])
          .where(({ exists, selectFrom }) =>
            exists(
              selectFrom('encounters')
                .select('encounters.id')
                .whereRef('encounters.patient_id', '=', 'patients.id'),
            ),
          ),
      )
      .execute()
  },
}
