import { round } from './categories.js'
import type { Category, NumericCells } from './model.js'
import { quantileSketch } from './quantile-sketch.js'

/**
 * A category explains a number when it accounts for at least this share of its variance (η²): hemoglobin and
 * glucose results on one test-name column give ~0.99, a price on an unrelated colour ~0. 0.3 is where the number's
 * overall quantiles stop describing any one category well (issue 17.5).
 */
export const EXPLAINED = 0.3

/**
 * The correlation ratio η² of a number on a category: the between-group share of the number's variance, over the
 * rows where both are set and whose category was seen at least `minRows` times (rarer categories would inflate it,
 * and get no cell anyway). 0 with fewer than two such categories.
 *
 * @example correlationRatio(['a', 'a', 'b', 'b'], [1, 1, 5, 5], 1) // 1
 */
export function correlationRatio(
  groups: readonly (string | null)[],
  values: readonly (number | null)[],
  minRows: number,
): number {
  const byGroup = groupValues(groups, values)
  const kept = [...byGroup.values()].filter((v) => v.length >= Math.max(1, minRows))
  if (kept.length < 2) return 0
  const all = kept.flat()
  const mean = all.reduce((a, b) => a + b, 0) / all.length
  let total = 0
  for (const v of all) total += (v - mean) ** 2
  if (total === 0) return 0
  let between = 0
  for (const v of kept) {
    const m = v.reduce((a, b) => a + b, 0) / v.length
    between += v.length * (m - mean) ** 2
  }
  return between / total
}

/**
 * For each number column, the category column that explains it best (η² at least EXPLAINED), and the number's
 * quantile sketch within every category value the category column releases and the sample holds at least
 * `minCount` numbers of. Numbers no category explains get none.
 */
export function numericGivenCategory(
  numbers: readonly { name: string; values: readonly (number | null)[] }[],
  categories: readonly {
    name: string
    values: readonly (string | null)[]
    /** The values the column releases, by their category key. */
    released: ReadonlyMap<string, Category['value']>
  }[],
  minCount: number,
): NumericCells[] {
  const found: NumericCells[] = []
  for (const number of numbers) {
    let best: { name: string; eta2: number } | null = null
    for (const category of categories) {
      const eta2 = correlationRatio(category.values, number.values, minCount)
      if (eta2 >= EXPLAINED && (best === null || eta2 > best.eta2)) best = { name: category.name, eta2 }
    }
    if (best === null) continue
    const category = categories.find((c) => c.name === best.name)!
    const cells = [...groupValues(category.values, number.values)]
      .filter(([value]) => category.released.has(value))
      .flatMap(([key, values]) => {
        const quantiles = quantileSketch(values, minCount)
        const value = category.released.get(key)!
        return quantiles === null ? [] : [{ value, quantiles: quantiles.map((q) => round(q)) }]
      })
      .sort((a, b) => String(a.value).localeCompare(String(b.value)))
    if (cells.length > 0)
      found.push({ column: number.name, given: best.name, eta2: round(best.eta2, 4), cells })
  }
  return found
}

/**
 * Each number's place within its cell, as (mid-rank) / (n + 1), rows without a cell ranked among themselves; null
 * where the number is. This is what the copula correlates for a number drawn from cells: its rank among all
 * numbers mostly says which category the row has, and drawing a cell's quantile from it squeezed every cell into
 * a sliver of its range.
 */
export function withinCellRanks(
  groups: readonly (string | null)[],
  values: readonly (number | null)[],
  cells: ReadonlySet<string>,
): (number | null)[] {
  const members = new Map<string, number[]>()
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) return
    const g = groups[i]
    const key = g !== null && g !== undefined && cells.has(g) ? `=${g}` : ''
    let rows = members.get(key)
    if (rows === undefined) members.set(key, (rows = []))
    rows.push(i)
  })
  const ranks: (number | null)[] = values.map(() => null)
  for (const rows of members.values()) {
    rows.sort((a, b) => values[a]! - values[b]!)
    for (let start = 0; start < rows.length;) {
      let end = start
      while (end + 1 < rows.length && values[rows[end + 1]!] === values[rows[start]!]) end++
      const rank = ((start + end) / 2 + 1) / (rows.length + 1)
      for (let k = start; k <= end; k++) ranks[rows[k]!] = rank
      start = end + 1
    }
  }
  return ranks
}

function groupValues(
  groups: readonly (string | null)[],
  values: readonly (number | null)[],
): Map<string, number[]> {
  const byGroup = new Map<string, number[]>()
  for (let i = 0; i < values.length; i++) {
    const g = groups[i]
    const v = values[i]
    if (g === null || g === undefined || v === null || v === undefined || !Number.isFinite(v)) continue
    let list = byGroup.get(g)
    if (list === undefined) byGroup.set(g, (list = []))
    list.push(v)
  }
  return byGroup
}
