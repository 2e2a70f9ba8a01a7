import type { Kysely } from 'kysely'
import type { Migration } from 'kysely/migration'
import { ddlFor } from '../src/dialects/ddl-for.js'

/**
 * Vital signs as a JSON document per encounter, as clinics store device readings: nested objects (blood pressure),
 * optional keys, arrays of tags, numbers, categories and booleans, so `learn` has a document structure to model
 * (issue 17.4; every jsonb document was `{}` before).
 */
export const json: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    const ddl = ddlFor(db)
    const encounters = ddl.schemas
      ? db.schema.withSchema('clinic').alterTable('encounters')
      : db.schema.alterTable('encounters')
    await encounters.addColumn('vitals', ddl.jsonType).execute()
  },
}
