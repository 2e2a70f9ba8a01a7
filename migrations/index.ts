import type { Migration } from 'kysely/migration'
import { clinic } from './0001-clinic.js'
import { billing } from './0002-billing.js'
import { personalData } from './0003-personal-data.js'
import { json } from './0006-json.js'
import { labUnits } from './0007-lab-units.js'
import { businessRules } from './0008-business-rules.js'
import { coverage } from './0009-coverage.js'

/** The sample clinic database's migrations, in the order they apply. Also usable with Kysely's own Migrator. */
export const sampleMigrations: Record<string, Migration> = {
  '0001-clinic': clinic,
  '0002-billing': billing,
  '0003-personal-data': personalData,
  '0006-json': json,
  '0007-lab-units': labUnits,
  '0008-business-rules': businessRules,
  '0009-coverage': coverage,
}
