/** One value of a sampled row: a number, anything else as text, or null. */
export type Cell = number | string | null

/** A row of cells, the same columns in the same order on every side being compared. */
export type MixedRow = readonly Cell[]

/** How one column is compared: numbers by difference over the real range, everything else by equality. */
export type ColumnEncoding =
  { readonly kind: 'number'; readonly range: number } | { readonly kind: 'category' }

/** One {@link ColumnEncoding} per column. */
export type RowEncoding = readonly ColumnEncoding[]

/**
 * Learns how to compare rows from the real rows: a column whose non-null values are all finite numbers is a
 * number column scaled by its range (max − min); any other column (text, mixed, or all null) is a category
 * column. Learn it once from the real sample and pass it to every distance metric of a report.
 *
 * @example rowEncoding([[0, 'x'], [10, 'y']]) // [{ kind: 'number', range: 10 }, { kind: 'category' }]
 */
export function rowEncoding(realRows: readonly MixedRow[]): RowEncoding {
  const width = Math.max(0, ...realRows.map((row) => row.length))
  return Array.from({ length: width }, (_, c): ColumnEncoding => {
    let min = Infinity
    let max = -Infinity
    for (const row of realRows) {
      const v = row[c] ?? null
      if (isMissing(v)) continue
      if (typeof v !== 'number' || !Number.isFinite(v)) return { kind: 'category' }
      min = Math.min(min, v)
      max = Math.max(max, v)
    }
    return min <= max ? { kind: 'number', range: max - min } : { kind: 'category' }
  })
}

/**
 * Distance between two rows in [0, 1], the mean over columns (as SDMetrics' DCR metrics) of: numbers
 * |a − b| / range, capped at 1 (a range of 0 makes any difference 1); other values 0 if equal, else 1; both
 * null 0; one null 1. NaN counts as null; cells past a row's end too.
 *
 * @example rowDistance([0, 'x', null], [5, 'y', null], [{ kind: 'number', range: 10 }, { kind: 'category' }, { kind: 'category' }]) // 0.5
 */
export function rowDistance(a: MixedRow, b: MixedRow, encoding: RowEncoding): number {
  return encoding.length === 0 ? 0 : distanceSum(a, b, encoding, Infinity) / encoding.length
}

/**
 * For each query row, the distance to its closest reference row (Infinity if there is none). Brute force,
 * O(queries × reference × columns), but a candidate is abandoned as soon as it cannot beat the best so far: a
 * few thousand rows a side take well under a second.
 */
export function closestDistances(
  queries: readonly MixedRow[],
  reference: readonly MixedRow[],
  encoding: RowEncoding,
): number[] {
  const width = Math.max(1, encoding.length)
  return queries.map((query) => {
    let best = Infinity
    for (const row of reference) {
      best = Math.min(best, distanceSum(query, row, encoding, best))
      if (best === 0) break
    }
    return best / width
  })
}

/** Sum of the column distances, given up (returning at least `limit`) once it reaches `limit`. */
function distanceSum(a: MixedRow, b: MixedRow, encoding: RowEncoding, limit: number): number {
  let sum = 0
  for (let c = 0; c < encoding.length && sum < limit; c++)
    sum += cellDistance(a[c] ?? null, b[c] ?? null, encoding[c]!)
  return sum
}

function cellDistance(x: Cell, y: Cell, column: ColumnEncoding): number {
  const xMissing = isMissing(x)
  const yMissing = isMissing(y)
  if (xMissing || yMissing) return xMissing && yMissing ? 0 : 1
  if (x === y) return 0
  if (column.kind === 'number' && typeof x === 'number' && typeof y === 'number' && column.range > 0)
    return Math.min(1, Math.abs(x - y) / column.range)
  return 1
}

function isMissing(v: Cell): boolean {
  return v === null || (typeof v === 'number' && Number.isNaN(v))
}
