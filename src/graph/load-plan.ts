import { Graph, alg } from '@dagrejs/graphlib'
import { DbtwinError } from '../errors.js'
import type { ForeignKey, Schema, Table } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'

/** A foreign key the writer fills in after the rows it points to exist, which is what breaks a cycle. */
export interface DeferredForeignKey {
  /** The table holding the FK. */
  table: string
  foreignKey: string
  columns: string[]
  /** The table the FK references. */
  references: string
  /**
   * `deferred-constraint`: write the real value inside one transaction, the constraint checked at commit (a
   * DEFERRABLE FK; no second pass). `null-then-update`: write NULL, then update once all rows exist.
   */
  how: 'null-then-update' | 'deferred-constraint'
}

/** A strongly connected set of tables, and the FKs deferred to load it. */
export interface Cycle {
  tables: string[]
  breakable: boolean
  /** Empty when the cycle cannot be broken. */
  brokenAt: DeferredForeignKey[]
  /** For an unbreakable cycle: the way out, naming the FKs to relax or the tables to exclude. */
  fix: string | null
}

export interface SelfReference {
  table: string
  foreignKey: string
  columns: string[]
  nullable: boolean
}

/** How to write a schema's tables so that every FK holds: the order, the cycles and how they are broken. */
export interface LoadPlan {
  /** Every table once, each after all the tables it references through an FK that is not deferred. */
  order: string[]
  /** The same tables by level: level n references only levels below n, so a level's tables can load together. */
  levels: string[][]
  cycles: Cycle[]
  /** Every deferred FK of every cycle. */
  deferred: DeferredForeignKey[]
  /** FKs from a table to itself: not ordering edges; rows are written parents first. */
  selfReferences: SelfReference[]
  /** FKs to tables that are not in the schema (another schema, say): not followed. */
  external: { table: string; foreignKey: string; references: string }[]
}

interface Edge {
  parent: string
  child: string
  table: Table
  fk: ForeignKey
}

/**
 * Plans the order in which a schema's tables can be written. Cycles (strongly connected components of the FK
 * graph) are broken at deferrable or all-nullable FKs, deferring as few as possible; a cycle of NOT NULL,
 * non-deferrable FKs is reported as unbreakable, with the way out. Deterministic for a given schema.
 *
 * @example
 * const plan = planLoad(await introspect(url))
 * for (const table of plan.order) console.log(table)
 */
export function planLoad(schema: Pick<Schema, 'tables'>): LoadPlan {
  const ids = schema.tables.map(tableName).sort()
  const known = new Set(ids)
  const edges: Edge[] = []
  const selfReferences: SelfReference[] = []
  const external: LoadPlan['external'] = []
  for (const table of schema.tables) {
    const child = tableName(table)
    for (const fk of table.foreignKeys) {
      const parent = tableName(fk.references)
      if (parent === child) {
        selfReferences.push({
          table: child,
          foreignKey: fk.name,
          columns: fk.columns,
          nullable: allNullable(table, fk),
        })
      } else if (!known.has(parent)) {
        external.push({ table: child, foreignKey: fk.name, references: parent })
      } else {
        edges.push({ parent, child, table, fk })
      }
    }
  }
  edges.sort((a, b) => a.child.localeCompare(b.child) || a.fk.name.localeCompare(b.fk.name))

  const cycles = findCycles(ids, edges).map((tables) => breakCycle(tables, edges))
  const deferredKeys = new Set(cycles.flatMap((c) => c.brokenAt.map((d) => edgeKey(d.table, d.foreignKey))))
  const ordering = edges.filter((e) => !deferredKeys.has(edgeKey(e.child, e.fk.name)))
  const levels = levelize(ids, ordering)
  return {
    order: levels.flat(),
    levels,
    cycles,
    deferred: cycles.flatMap((c) => c.brokenAt),
    selfReferences: selfReferences.sort(
      (a, b) => a.table.localeCompare(b.table) || a.foreignKey.localeCompare(b.foreignKey),
    ),
    external,
  }
}

/** Throws the error for the first unbreakable cycle, so a writer stops before writing anything. */
export function assertLoadable(plan: LoadPlan): void {
  const stuck = plan.cycles.find((c) => !c.breakable)
  if (stuck !== undefined) {
    throw new DbtwinError(
      'CYCLE_UNBREAKABLE',
      `the foreign keys between ${stuck.tables.join(', ')} form a cycle that cannot be broken`,
      stuck.fix ?? 'make one foreign key in the cycle nullable or deferrable, or exclude one of the tables',
    )
  }
}

function edgeKey(table: string, foreignKey: string): string {
  return JSON.stringify([table, foreignKey])
}

function allNullable(table: Table, fk: ForeignKey): boolean {
  return fk.columns.every((name) => table.columns.find((c) => c.name === name)?.nullable === true)
}

/** The strongly connected components with more than one table, each sorted, in a stable order. */
function findCycles(ids: string[], edges: Edge[]): string[][] {
  const graph = new Graph({ directed: true })
  for (const id of ids) graph.setNode(id)
  for (const e of edges) graph.setEdge(e.parent, e.child)
  return alg
    .tarjan(graph)
    .filter((component) => component.length > 1)
    .map((component) => [...component].sort())
    .sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''))
}

function isAcyclic(nodes: string[], edges: Edge[]): boolean {
  const graph = new Graph({ directed: true })
  for (const id of nodes) graph.setNode(id)
  for (const e of edges) graph.setEdge(e.parent, e.child)
  return alg.isAcyclic(graph)
}

/**
 * Removes every breakable FK inside the cycle; if the rest is still cyclic, nothing can break it. Otherwise puts
 * breakable FKs back one by one while the cycle stays broken, so only the FKs that must be deferred are.
 */
function breakCycle(tables: string[], allEdges: Edge[]): Cycle {
  const members = new Set(tables)
  const inside = allEdges.filter((e) => members.has(e.parent) && members.has(e.child))
  const breakable = (e: Edge) => e.fk.deferrable || allNullable(e.table, e.fk)
  const kept = inside.filter((e) => !breakable(e))
  if (!isAcyclic(tables, kept)) {
    return { tables, breakable: false, brokenAt: [], fix: unbreakableFix(tables, kept) }
  }
  const deferred: Edge[] = []
  for (const candidate of inside.filter(breakable)) {
    if (isAcyclic(tables, [...kept, candidate])) kept.push(candidate)
    else deferred.push(candidate)
  }
  return {
    tables,
    breakable: true,
    fix: null,
    brokenAt: deferred.map((e) => ({
      table: e.child,
      foreignKey: e.fk.name,
      columns: e.fk.columns,
      references: e.parent,
      how: e.fk.deferrable ? 'deferred-constraint' : 'null-then-update',
    })),
  }
}

function unbreakableFix(tables: string[], hardEdges: Edge[]): string {
  const path = hardEdges.map((e) => `${e.child}.${e.fk.columns.join(', ')} → ${e.parent}`)
  return (
    `make one of these NOT NULL foreign keys nullable (or DEFERRABLE on PostgreSQL): ${path.join('; ')}; ` +
    `or exclude one of ${tables.join(', ')}`
  )
}

/**
 * Kahn's algorithm by levels, alphabetical within a level. Tables still blocked when no table is free (an
 * unbreakable cycle) are placed together at the end, so a plan can still be shown.
 */
function levelize(ids: string[], edges: Edge[]): string[][] {
  const parents = new Map(ids.map((id) => [id, new Set<string>()]))
  for (const e of edges) parents.get(e.child)?.add(e.parent)
  const levels: string[][] = []
  const placed = new Set<string>()
  while (placed.size < ids.length) {
    const free = ids.filter(
      (id) => !placed.has(id) && [...(parents.get(id) ?? [])].every((p) => placed.has(p)),
    )
    const level = free.length > 0 ? free : ids.filter((id) => !placed.has(id))
    for (const id of level) placed.add(id)
    levels.push(level)
  }
  return levels
}
