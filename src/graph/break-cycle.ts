import { Graph, alg } from '@dagrejs/graphlib'
import type { ForeignKeyEdge } from './collect-foreign-keys.js'
import { unbreakableCycleFix } from './unbreakable-cycle-fix.js'

/** A foreign key the writer fills in after the rows it points to exist, which is what breaks a cycle. */
export interface DeferredForeignKey {
  /** tableName() of the table holding the FK. */
  table: string
  foreignKey: string
  columns: string[]
  /** tableName() of the table the FK references. */
  references: string
  /**
   * `deferred-constraint`: write the real value inside one transaction with the constraint checked at commit (a
   * PostgreSQL DEFERRABLE FK). `null-then-update`: write NULL, then update once all rows exist (every FK column is
   * nullable). `placeholder-then-update`: write a placeholder, then update (NOT NULL, for writers that add the
   * constraint after the rows). A deferrable FK is always deferred by constraint: that needs no second pass.
   */
  how: 'null-then-update' | 'deferred-constraint' | 'placeholder-then-update'
}

/** A strongly connected set of tables, and the FKs deferred to load it. */
export interface Cycle {
  /** The tables of the strongly connected component, sorted. */
  tables: string[]
  /** The FKs deferred to break the cycle; empty when it cannot be broken. */
  brokenAt: DeferredForeignKey[]
  breakable: boolean
  /** For an unbreakable cycle, the way out in one sentence: the NOT NULL FKs to relax or a table to exclude. */
  fix: string | null
}

/**
 * Breaks one strongly connected component. Removes every breakable FK inside it (deferrable, or all columns
 * nullable); if the rest is still cyclic, nothing can break it. Otherwise puts breakable FKs back one at a time,
 * in `edges` order, keeping each that leaves the component acyclic, so few FKs are deferred and always the same.
 *
 * A writer that adds foreign keys only after the rows are in can also break a NOT NULL FK, by writing a
 * placeholder and updating the rows by their primary key: `keyed` names the tables it can do that for. Such FKs
 * are put back first, so a nullable or deferrable FK is deferred rather than them wherever one will do.
 *
 * @param tables the component's tables, sorted
 * @param edges all FK edges of the schema, sorted by child table then FK name
 * @param keyed tables with a primary key, given when the writer adds constraints after the rows
 */
export function breakCycle(
  tables: string[],
  edges: readonly ForeignKeyEdge[],
  keyed: ReadonlySet<string> | null = null,
): Cycle {
  const members = new Set(tables)
  const inside = edges.filter((e) => members.has(e.parent) && members.has(e.child))
  const placeholder = (e: ForeignKeyEdge) => !isBreakable(e) && keyed?.has(e.child) === true
  const hard = inside.filter((e) => !isBreakable(e) && !placeholder(e))
  const graph = new Graph({ directed: true })
  for (const id of tables) graph.setNode(id)
  for (const e of hard) graph.setEdge(e.parent, e.child)
  if (!alg.isAcyclic(graph)) {
    return { tables, brokenAt: [], breakable: false, fix: unbreakableCycleFix(hard) }
  }
  const brokenAt: DeferredForeignKey[] = []
  for (const e of [...inside.filter(placeholder), ...inside.filter(isBreakable)]) {
    // parent → child closes a cycle exactly when the parent is already reachable from the child.
    if (alg.preorder(graph, e.child).includes(e.parent)) brokenAt.push(deferral(e))
    else graph.setEdge(e.parent, e.child)
  }
  return { tables, brokenAt, breakable: true, fix: null }
}

function isBreakable(edge: ForeignKeyEdge): boolean {
  return edge.foreignKey.deferrable || edge.nullable
}

function deferral(edge: ForeignKeyEdge): DeferredForeignKey {
  return {
    table: edge.child,
    foreignKey: edge.foreignKey.name,
    columns: edge.foreignKey.columns,
    references: edge.parent,
    how: edge.foreignKey.deferrable
      ? 'deferred-constraint'
      : edge.nullable
        ? 'null-then-update'
        : 'placeholder-then-update',
  }
}
