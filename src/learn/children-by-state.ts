import { round } from '../model/categories.js'
import { INVARIANT_STRENGTH, type Category, type Invariant, type StateChildren } from '../model/model.js'
import type { PrivacyBudget } from '../model/privacy-budget.js'
import { mergeSmallBins } from '../model/small-bins.js'
import { tableName } from '../schema/table-name.js'
import type { InvariantCandidate } from './invariant-candidates.js'

/** A parent column's parents counted by its value and their number of children (see readChildrenByStates). */
export type StateCells = readonly { value: unknown; children: number; parents: number }[]

/** The most a value's parents may have children, as a share, and still count as having none (1%, see Invariant). */
const CHILDLESS_SHARE = 1 - INVARIANT_STRENGTH

/**
 * A children-by-state rule (issue 18.3) from the source's parents counted by value and number of children: kept
 * when some released value's parents (nearly) never have children while others do — payments only under paid
 * claims. Each (value, children) count is noised with sensitivity 2 (one child moves its parent between two bins)
 * and a value is kept only among the column's released categories, with at least minCount parents.
 */
export function childrenByState(
  candidate: InvariantCandidate & { kind: 'children-by-state' },
  cells: StateCells,
  categories: readonly Category[] | null,
  id: string,
  options: { minCount: number; budget: PrivacyBudget },
): Invariant | null {
  // Without categories (see LearnInvariantsOptions.categoriesOf) every value seen in minCount parents is one.
  const released = categories === null ? null : new Map(categories.map((c) => [String(c.value), c.value]))
  const byValue = new Map<string, { value: number; count: number }[]>()
  const valueOf = new Map<string, Category['value']>()
  for (const cell of cells) {
    const key = stateKey(cell.value)
    if (key === null || released?.has(key) === false) continue
    const count = Math.max(
      0,
      Math.round(options.budget.count(cell.parents, 2, id, 'state', key, cell.children)),
    )
    byValue.set(key, [...(byValue.get(key) ?? []), { value: cell.children, count }])
    valueOf.set(key, released?.get(key) ?? (typeof cell.value === 'boolean' ? cell.value : key))
  }
  const states: (StateChildren & { parents: number; children: number; childless: boolean })[] = []
  for (const [key, bins] of byValue) {
    const parents = bins.reduce((n, b) => n + b.count, 0)
    if (parents < options.minCount) continue
    const merged = mergeSmallBins(bins, options.minCount)
    const total = merged.reduce((n, b) => n + b.count, 0)
    if (total === 0) continue
    const withChildren = merged.filter((b) => b.value > 0).reduce((n, b) => n + b.count, 0)
    states.push({
      value: valueOf.get(key)!,
      share: 0,
      childrenPerParent: merged.map((b) => ({ children: b.value, frequency: round(b.count / total) })),
      parents,
      children: merged.reduce((n, b) => n + b.value * b.count, 0),
      childless: withChildren / total <= CHILDLESS_SHARE,
    })
  }
  const rows = states.reduce((n, s) => n + s.children, 0)
  const broken = states.filter((s) => s.childless).reduce((n, s) => n + s.children, 0)
  const strength = rows === 0 ? 0 : 1 - broken / rows
  const childless = states.filter((s) => s.childless)
  if (rows < options.minCount || strength < INVARIANT_STRENGTH) return null
  if (childless.length === 0 || childless.length === states.length) return null
  const parents = states.reduce((n, s) => n + s.parents, 0)
  return {
    kind: 'children-by-state',
    table: tableName(candidate.table),
    foreignKey: candidate.foreignKey.name,
    parent: tableName(candidate.parent),
    parentColumn: candidate.parentColumn.name,
    states: states
      .sort((a, b) => String(a.value).localeCompare(String(b.value)))
      .map((s) => ({
        value: s.value,
        share: round(s.parents / parents),
        childrenPerParent: s.childless ? [{ children: 0, frequency: 1 }] : s.childrenPerParent,
      })),
    childless: childless.map((s) => s.value).sort((a, b) => String(a).localeCompare(String(b))),
    rows: Math.round(rows),
    strength: round(strength, 4),
  }
}

/** A value read from the source as the text a category's value prints as: booleans read as 0/1 by MySQL too. */
function stateKey(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value)
  return JSON.stringify(value)
}
