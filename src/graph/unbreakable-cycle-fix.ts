import { displayIdentifier } from '../schema/table-name.js'
import type { ForeignKeyEdge } from './collect-foreign-keys.js'
import { compareIds } from './compare-ids.js'

/**
 * The way out of a cycle of NOT NULL, non-deferrable FKs, as one sentence: one concrete cycle through them
 * (`a → b → a`, each arrow an FK from a table to the one it references), the FKs on it to relax, and the tables
 * on it, any of which can be excluded instead. A component may hold more such cycles; fixing this one and
 * running again names the next.
 *
 * @param hard the component's non-breakable FKs, which must contain a cycle
 */
export function unbreakableCycleFix(hard: readonly ForeignKeyEdge[]): string {
  const path = shortestCycle(hard)
  const steps = path.slice(1).map((parent, i) => {
    const child = path[i] ?? ''
    const columns = hard
      .filter((e) => e.child === child && e.parent === parent)
      .map((e) => `${child}.${columnList(e.foreignKey.columns)}`)
    return `${columns.join(' and ')} → ${parent}`
  })
  return (
    `in ${path.join(' → ')}, make one of these NOT NULL foreign keys nullable (or DEFERRABLE on PostgreSQL): ` +
    `${steps.join(', ')}; or exclude one of ${path.slice(1).sort(compareIds).join(', ')}`
  )
}

/**
 * The shortest cycle through the smallest table that lies on any cycle, following FKs from child to parent,
 * as a list of tables that starts and ends with the same one. Breadth-first over sorted neighbours, so it is
 * always the same cycle.
 */
function shortestCycle(hard: readonly ForeignKeyEdge[]): string[] {
  const parentsOf = new Map<string, string[]>()
  for (const e of hard) parentsOf.set(e.child, [...(parentsOf.get(e.child) ?? []), e.parent])
  for (const parents of parentsOf.values()) parents.sort(compareIds)
  for (const start of [...parentsOf.keys()].sort(compareIds)) {
    const path = shortestPathBack(start, parentsOf)
    if (path !== null) return path
  }
  return []
}

function shortestPathBack(start: string, parentsOf: ReadonlyMap<string, string[]>): string[] | null {
  const cameFrom = new Map<string, string>()
  const queue = [start]
  for (let i = 0; i < queue.length; i++) {
    const current = queue[i] ?? ''
    for (const parent of parentsOf.get(current) ?? []) {
      if (parent === start) return [...walkBack(current, start, cameFrom), start]
      if (cameFrom.has(parent)) continue
      cameFrom.set(parent, current)
      queue.push(parent)
    }
  }
  return null
}

function walkBack(end: string, start: string, cameFrom: ReadonlyMap<string, string>): string[] {
  const path = [end]
  while (path[0] !== start) path.unshift(cameFrom.get(path[0] ?? '') ?? start)
  return path
}

function columnList(columns: readonly string[]): string {
  const names = columns.map(displayIdentifier)
  return names.length === 1 ? (names[0] ?? '') : `(${names.join(', ')})`
}
