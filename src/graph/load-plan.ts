import { Graph, alg } from '@dagrejs/graphlib'
import { DbtwinError } from '../errors.js'
import type { Schema } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'
import { breakCycle, type Cycle, type DeferredForeignKey } from './break-cycle.js'
import {
  collectForeignKeys,
  type ExternalForeignKey,
  type ForeignKeyEdge,
  type SelfReference,
} from './collect-foreign-keys.js'
import { compareIds } from './compare-ids.js'
import { levelTables } from './level-tables.js'

export type { Cycle, DeferredForeignKey, ExternalForeignKey, SelfReference }

/** How to write a schema's tables so that every FK holds: the order, the cycles and how they are broken. */
export interface LoadPlan {
  /** Every table once, each after every table it references through an FK that is not deferred: `levels`, flat. */
  order: string[]
  /**
   * The same tables by level: level 0 references nothing (once FKs are deferred), level n only levels below n, so
   * the tables of a level can be written in parallel. Only the tables of an unbreakable cycle break this rule.
   */
  levels: string[][]
  cycles: Cycle[]
  /** Every deferred FK of every cycle. */
  deferred: DeferredForeignKey[]
  /** FKs from a table to itself: they do not order tables; the writer orders the rows, or writes NULL first. */
  selfReferences: SelfReference[]
  /** FKs to tables not in the schema (one that was not introspected, say): not followed, listed here. */
  external: ExternalForeignKey[]
}

/**
 * Plans the order in which a schema's tables can be written. Cycles (strongly connected components of the FK
 * graph) are broken at deferrable or all-nullable FKs, deferring few of them; a cycle of NOT NULL, non-deferrable
 * FKs is reported as unbreakable, with the way out. Table ids are {@link tableName}s. The same schema, in any
 * table order, gives the same plan.
 *
 * With `constraintsAfterLoad` (dbtwin's own writers, which add foreign keys once the rows are in), a NOT NULL FK
 * of a table with a primary key can break a cycle too: written as a placeholder, then updated.
 *
 * @example
 * const plan = planLoad(await introspect(url))
 * assertLoadable(plan)
 * for (const level of plan.levels) await Promise.all(level.map(writeTable))
 */
export function planLoad(
  schema: Pick<Schema, 'tables'>,
  options: { constraintsAfterLoad?: boolean } = {},
): LoadPlan {
  const ids = [...new Set(schema.tables.map(tableName))].sort(compareIds)
  const { edges, selfReferences, external } = collectForeignKeys(schema.tables)
  const keyed =
    options.constraintsAfterLoad === true
      ? new Set(schema.tables.filter((t) => t.primaryKey !== null).map(tableName))
      : null
  const cycles = stronglyConnected(ids, edges).map((tables) => breakCycle(tables, edges, keyed))
  const deferred = cycles.flatMap((c) => c.brokenAt)
  const isDeferred = new Set(deferred.map((d) => JSON.stringify([d.table, d.foreignKey])))
  const ordering = edges.filter((e) => !isDeferred.has(JSON.stringify([e.child, e.foreignKey.name])))
  const unbreakable = cycles.filter((c) => !c.breakable).map((c) => c.tables)
  const levels = levelTables(ids, ordering, unbreakable)
  return { order: levels.flat(), levels, cycles, deferred, selfReferences, external }
}

/**
 * Throws unless every cycle of the plan can be broken, so that a writer stops before it writes anything.
 *
 * @throws DbtwinError `CYCLE_UNBREAKABLE`, naming the first unbreakable cycle's tables, with its fix
 * @example
 * assertLoadable(planLoad(schema))
 */
export function assertLoadable(plan: LoadPlan): void {
  const stuck = plan.cycles.find((c) => !c.breakable)
  if (stuck === undefined) return
  throw new DbtwinError(
    'CYCLE_UNBREAKABLE',
    `the foreign keys between ${stuck.tables.join(', ')} form a cycle that cannot be broken`,
    stuck.fix ?? 'make one foreign key in the cycle nullable or deferrable, or exclude one of its tables',
    { data: { tables: [...stuck.tables] } },
  )
}

/** The strongly connected components of more than one table, each sorted, sorted by their first table. */
function stronglyConnected(ids: readonly string[], edges: readonly ForeignKeyEdge[]): string[][] {
  const graph = new Graph({ directed: true })
  for (const id of ids) graph.setNode(id)
  for (const e of edges) graph.setEdge(e.parent, e.child)
  return alg
    .tarjan(graph)
    .filter((component) => component.length > 1)
    .map((component) => [...component].sort(compareIds))
    .sort((a, b) => compareIds(a[0] ?? '', b[0] ?? ''))
}
