import type { Connection } from '../dialects/connection.js'
import { planLoad, type LoadPlan } from '../graph/load-plan.js'
import { introspect } from './introspect.js'
import type { Schema } from './schema.js'

/**
 * What `dbtwin inspect` shows: the portable schema of a database and the plan for writing it — load order,
 * cycles and the foreign keys that break them.
 *
 * @example
 * const { schema, plan } = await inspect('pglite://.dbtwin/demo/clinic')
 * console.log(plan.order, plan.cycles)
 */
export async function inspect(database: Connection): Promise<{ schema: Schema; plan: LoadPlan }> {
  const schema = await introspect(database)
  return { schema, plan: planLoad(schema) }
}
