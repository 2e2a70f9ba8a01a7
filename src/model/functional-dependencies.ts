import { applyOrder } from './apply-order.js'
import type { Category, FunctionalDependency } from './model.js'
import { categoryKey } from './value-encoding.js'

/** At most this many per table: each is one more group-by query to the source. */
const MAX_DEPENDENCIES = 8

/**
 * Category columns one determines exactly in a sample (`test name` → `unit`): every determinant value seen at least
 * `minCount` times — two at least — appears with one dependent value alone, the dependent takes two values or
 * more, and is never set where the determinant is NULL (a state left NULL outside the countries with states is a
 * conditional's job: it also learns the column's values given NULL). Each dependent gets its coarsest determinant
 * (country → currency rather than city → currency); of two columns that determine each other only the one with more
 * values determines. In the order they must be applied: a determinant set by another dependency comes after it.
 */
export function findDependencies(
  columns: readonly { name: string; values: readonly (string | null)[] }[],
  minCount: number,
): { determinant: string; dependent: string }[] {
  const distinct = new Map(columns.map((c) => [c.name, new Set(c.values.filter((v) => v !== null)).size]))
  const candidates: { determinant: string; dependent: string }[] = []
  for (const a of columns) {
    for (const b of columns) {
      if (a === b || !determines(a.values, b.values, minCount)) continue
      const [da, db] = [distinct.get(a.name)!, distinct.get(b.name)!]
      if (da === db && determines(b.values, a.values, minCount) && a.name > b.name) continue
      candidates.push({ determinant: a.name, dependent: b.name })
    }
  }
  const chosen = new Map<string, string>()
  for (const c of candidates) {
    const current = chosen.get(c.dependent)
    if (current === undefined || distinct.get(c.determinant)! < distinct.get(current)!)
      chosen.set(c.dependent, c.determinant)
  }
  const pairs = [...chosen].map(([dependent, determinant]) => ({ determinant, dependent }))
  return applyOrder(
    pairs,
    (d) => d.determinant,
    (d) => d.dependent,
  ).slice(0, MAX_DEPENDENCIES)
}

function determines(a: readonly (string | null)[], b: readonly (string | null)[], minCount: number): boolean {
  const seen = new Map<string, { value: string; rows: number; single: boolean }>()
  const values = new Set<string>()
  for (let i = 0; i < a.length; i++) {
    const x = a[i]
    const y = b[i]
    if (y === null || y === undefined) continue
    if (x === null || x === undefined) return false
    values.add(y)
    const entry = seen.get(x)
    if (entry === undefined) seen.set(x, { value: y, rows: 1, single: true })
    else {
      entry.rows++
      if (entry.value !== y) entry.single = false
    }
  }
  const frequent = [...seen.values()].filter((e) => e.rows >= Math.max(1, minCount))
  return values.size >= 2 && frequent.length >= 2 && frequent.every((e) => e.single)
}

/**
 * The released pairs of a dependency from the source's counts of (determinant, dependent) values: per determinant
 * value the source releases, its most counted dependent value, kept when the dependent column releases that value,
 * the pair was counted at least `minCount` times and no other dependent value was (the sample missed it).
 */
export function dependencyPairs(
  counts: readonly { given: Category['value'] | null; value: Category['value']; count: number }[],
  released: { determinant: ReadonlySet<string>; dependent: ReadonlySet<string> },
  minCount: number,
): FunctionalDependency['pairs'] {
  const best = new Map<
    string,
    { value: Category['value']; determined: Category['value']; count: number; rivals: number }
  >()
  for (const c of counts) {
    if (c.given === null) continue
    const key = categoryKey(c.given)
    const entry = best.get(key)
    if (entry === undefined) best.set(key, { value: c.given, determined: c.value, count: c.count, rivals: 0 })
    else if (c.count > entry.count) {
      if (entry.count >= minCount) entry.rivals++
      Object.assign(entry, { determined: c.value, count: c.count })
    } else if (c.count >= minCount) entry.rivals++
  }
  return [...best]
    .filter(
      ([key, e]) =>
        released.determinant.has(key) &&
        released.dependent.has(categoryKey(e.determined)) &&
        e.count >= minCount &&
        e.rivals === 0,
    )
    .map(([, e]) => ({ value: e.value, determined: e.determined }))
    .sort((x, y) => String(x.value).localeCompare(String(y.value)))
}
