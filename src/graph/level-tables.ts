import type { ForeignKeyEdge } from './collect-foreign-keys.js'
import { compareIds } from './compare-ids.js'

/**
 * Kahn's algorithm, one level at a time: level 0 is the tables with no parent, level n the tables whose parents
 * are all in levels below n, each level sorted. When every remaining table waits on another, an unbreakable cycle
 * is in the way: its tables (those of every such cycle whose other parents are placed) become the next level, so a
 * plan can still be shown, and the levels after it go on as before.
 *
 * @param ids every table, sorted
 * @param edges the FKs that order tables (deferred ones left out)
 * @param unbreakable the tables of each unbreakable cycle
 */
export function levelTables(
  ids: readonly string[],
  edges: readonly ForeignKeyEdge[],
  unbreakable: readonly (readonly string[])[],
): string[][] {
  const parentsOf = new Map(ids.map((id) => [id, new Set<string>()]))
  const childrenOf = new Map(ids.map((id) => [id, new Set<string>()]))
  for (const e of edges) {
    parentsOf.get(e.child)?.add(e.parent)
    childrenOf.get(e.parent)?.add(e.child)
  }
  const waitingOn = new Map(ids.map((id) => [id, parentsOf.get(id)?.size ?? 0]))
  const placed = new Set<string>()
  const levels: string[][] = []
  let ready = ids.filter((id) => waitingOn.get(id) === 0)
  while (placed.size < ids.length) {
    const level = ready.length > 0 ? ready : unblock(ids, unbreakable, parentsOf, placed)
    for (const id of level) placed.add(id)
    levels.push(level)
    ready = nextReady(level, childrenOf, waitingOn, placed)
  }
  return levels
}

/** Counts down the children of a new level; those left waiting on nothing, and not yet placed, come next. */
function nextReady(
  level: readonly string[],
  childrenOf: ReadonlyMap<string, ReadonlySet<string>>,
  waitingOn: Map<string, number>,
  placed: ReadonlySet<string>,
): string[] {
  const ready: string[] = []
  for (const id of level) {
    for (const child of childrenOf.get(id) ?? []) {
      const left = (waitingOn.get(child) ?? 0) - 1
      waitingOn.set(child, left)
      if (left === 0 && !placed.has(child)) ready.push(child)
    }
  }
  return ready.sort(compareIds)
}

/**
 * The unplaced tables of the unbreakable cycles that wait only on each other. Never empty while tables remain:
 * once breakable cycles are broken, every cycle left lies inside an unbreakable one, and the first such cycle in
 * load order waits on nothing else. The fallback, every remaining table, is there so the loop always ends.
 */
function unblock(
  ids: readonly string[],
  unbreakable: readonly (readonly string[])[],
  parentsOf: ReadonlyMap<string, ReadonlySet<string>>,
  placed: ReadonlySet<string>,
): string[] {
  const free = unbreakable
    .map((tables) => tables.filter((id) => !placed.has(id)))
    .filter((waiting) => {
      const members = new Set(waiting)
      const parents = waiting.flatMap((id) => [...(parentsOf.get(id) ?? [])])
      return waiting.length > 0 && parents.every((p) => placed.has(p) || members.has(p))
    })
  const level = free.length > 0 ? free.flat() : ids.filter((id) => !placed.has(id))
  return level.sort(compareIds)
}
