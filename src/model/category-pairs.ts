import { categoryFrequencies } from './categories.js'
import type { Category, Conditional } from './model.js'

/** Pairs this dependent (bias-corrected Cramér's V) are learned as conditionals: a state on its country is ~1. */
const DEPENDENT = 0.5
/**
 * A category column is drawn given a category column of an ancestor (issue 18.5) when the two are at least this
 * dependent (Cramér's V): lower than within a row, since a pair across keys is never drawn together otherwise (the
 * sample clinic's coverage by age band is ~0.45). Below it, a twin's pair counts as having lost the rule.
 */
export const DEPENDENT_ACROSS_KEYS = 0.3
/** At most this many conditionals per table: each is one more group-by query to the source. */
const MAX_CONDITIONALS = 8

/**
 * Cramér's V of two category columns over the rows where both are set, bias-corrected (Bergsma 2013) so that many
 * categories in a small sample do not look dependent. 0: independent; 1: one determines the other.
 *
 * @example cramersV(['a', 'a', 'b', 'b'], ['x', 'x', 'y', 'y']) // 1
 */
export function cramersV(a: readonly (string | null)[], b: readonly (string | null)[]): number {
  const joint = new Map<string, { x: string; y: string; count: number }>()
  for (let i = 0; i < a.length; i++) {
    const x = a[i]
    const y = b[i]
    if (x === null || x === undefined || y === null || y === undefined) continue
    const cell = `${x}\u0000${y}`
    const seen = joint.get(cell)
    if (seen === undefined) joint.set(cell, { x, y, count: 1 })
    else seen.count++
  }
  return cramersVOfCounts([...joint.values()])
}

/**
 * Cramér's V, bias-corrected, from the counts of each pair of values (as a grouped query returns them, noised or
 * not): what a category drawn given an ancestor's is measured by, in the source and in a twin. Counts below zero
 * (noise) count as none.
 *
 * @example cramersVOfCounts([{ x: 'a', y: 'x', count: 2 }, { x: 'b', y: 'y', count: 2 }]) // 1
 */
export function cramersVOfCounts(counts: readonly { x: string; y: string; count: number }[]): number {
  const joint = new Map<string, number>()
  const left = new Map<string, number>()
  const right = new Map<string, number>()
  let n = 0
  for (const { x, y, count } of counts) {
    if (!(count > 0)) continue
    n += count
    left.set(x, (left.get(x) ?? 0) + count)
    right.set(y, (right.get(y) ?? 0) + count)
    const cell = `${x}\u0000${y}`
    joint.set(cell, (joint.get(cell) ?? 0) + count)
  }
  const r = left.size
  const k = right.size
  if (n < 2 || r < 2 || k < 2) return 0
  let chi2 = 0
  for (const [x, nx] of left) {
    for (const [y, ny] of right) {
      const expected = (nx * ny) / n
      const observed = joint.get(`${x}\u0000${y}`) ?? 0
      chi2 += (observed - expected) ** 2 / expected
    }
  }
  const phi2 = Math.max(0, chi2 / n - ((k - 1) * (r - 1)) / (n - 1))
  const rows = r - (r - 1) ** 2 / (n - 1)
  const columns = k - (k - 1) ** 2 / (n - 1)
  const denominator = Math.min(rows - 1, columns - 1)
  return denominator <= 0 ? 0 : Math.min(1, Math.sqrt(phi2 / denominator))
}

/**
 * Which category columns to condition on which, from their sampled values: the most dependent pairs first, each
 * column conditioned at most once and never on a column that is itself conditioned (so a row draws the given
 * columns from the copula, then the others from their cells).
 */
export function dependentPairs(
  columns: readonly { name: string; values: readonly (string | null)[] }[],
): { column: string; given: string }[] {
  const candidates: { column: string; given: string; v: number }[] = []
  for (let i = 0; i < columns.length; i++) {
    for (let j = i + 1; j < columns.length; j++) {
      const v = cramersV(columns[i]!.values, columns[j]!.values)
      if (v < DEPENDENT) continue
      // The column with more categories is the given one: its cells say more about the other than the reverse.
      const [given, column] =
        new Set(columns[i]!.values).size >= new Set(columns[j]!.values).size
          ? [columns[i]!, columns[j]!]
          : [columns[j]!, columns[i]!]
      candidates.push({ column: column.name, given: given.name, v })
    }
  }
  candidates.sort((x, y) => y.v - x.v || x.column.localeCompare(y.column) || x.given.localeCompare(y.given))
  const conditioned = new Set<string>()
  const givens = new Set<string>()
  const chosen: { column: string; given: string }[] = []
  for (const c of candidates) {
    if (chosen.length === MAX_CONDITIONALS) break
    if (conditioned.has(c.column) || givens.has(c.column) || conditioned.has(c.given)) continue
    conditioned.add(c.column)
    givens.add(c.given)
    chosen.push({ column: c.column, given: c.given })
  }
  return chosen
}

/**
 * The cells of a conditional from the counts of (given, value) pairs, a null given counted as its own cell: per
 * given value counted at least `minCount` times, the frequencies of the values counted at least `minCount` times
 * with it, among its rows. Smaller cells are never written; rows whose given value has no cell draw from the
 * column's own frequencies.
 */
export function conditionalCells(
  counts: readonly { given: Category['value'] | null; value: Category['value']; count: number }[],
  minCount: number,
): Pick<Conditional, 'cells' | 'whenNull'> {
  const byGiven = new Map<
    string,
    { given: Category['value'] | null; values: { value: Category['value']; count: number }[] }
  >()
  for (const c of counts) {
    const key = c.given === null ? '' : `=${String(c.given)}`
    let entry = byGiven.get(key)
    if (entry === undefined) byGiven.set(key, (entry = { given: c.given, values: [] }))
    entry.values.push({ value: c.value, count: c.count })
  }
  const cellOf = (g: { values: { value: Category['value']; count: number }[] }) => {
    const total = g.values.reduce((n, v) => n + v.count, 0)
    return {
      total,
      categories: total < minCount ? [] : categoryFrequencies(g.values, total, minCount).categories,
    }
  }
  const cells = [...byGiven.values()]
    .flatMap((g) => (g.given === null ? [] : [{ value: g.given, ...cellOf(g) }]))
    .filter((c) => c.categories.length > 0)
    .sort((x, y) => y.total - x.total || String(x.value).localeCompare(String(y.value)))
    .map(({ value, categories }) => ({ value, categories }))
  const nulls = byGiven.get('')
  return { cells, whenNull: nulls === undefined ? [] : cellOf(nulls).categories }
}
