/**
 * How a column's drawn numbers compare with another column's: `unit` is seconds per drawn unit for temporal
 * columns (86,400 for a date, drawn in days) and 1 for numbers; `digits` is how many decimals of a drawn unit the
 * column writes (0 for integers and dates), or null when it writes what was drawn (floating point).
 */
export interface Grid {
  unit: number
  digits: number | null
}

/**
 * Keeps a learned `left < right` (or `<=`) in a generated row, compared as the two columns are written: on one
 * scale (a date in days against a timestamp in seconds: swapping the raw draws wrote dates in year 4,322,531 and
 * timestamps at 1970-01-01, issue 14), and each on its own grid (two integers drawn 5.4 and 5.45 are both written
 * 5). A pair that breaks it is swapped, the new left rounded down and the new right up onto their grids, and moved
 * one step apart where it must be strict. Returns whether it changed the row.
 */
export function inequalityGuard(
  left: number,
  right: number,
  strict: boolean,
  leftGrid: Grid,
  rightGrid: Grid,
): (values: unknown[]) => boolean {
  const holds = (low: number, high: number) => low < high || (!strict && low === high)
  return (values) => {
    const a = values[left]
    const b = values[right]
    // NaN and the infinities are outside every order learned (see valueEncoder).
    if (typeof a !== 'number' || typeof b !== 'number' || !Number.isFinite(a) || !Number.isFinite(b))
      return false
    const x = onGrid(a, leftGrid, Math.round) * leftGrid.unit
    const y = onGrid(b, rightGrid, Math.round) * rightGrid.unit
    if (holds(x, y)) return false
    const low = onGrid(y / leftGrid.unit, leftGrid, (n) => Math.floor(n + 1e-9))
    let high = onGrid(x / rightGrid.unit, rightGrid, (n) => Math.ceil(n - 1e-9))
    if (!holds(low * leftGrid.unit, high * rightGrid.unit)) high += step(rightGrid)
    values[left] = low
    values[right] = high
    return true
  }
}

function onGrid(value: number, grid: Grid, round: (n: number) => number): number {
  if (grid.digits === null) return value
  const factor = 10 ** grid.digits
  return round(value * factor) / factor
}

/** The smallest difference a column writes; a floating-point column is moved on by one whole unit. */
function step(grid: Grid): number {
  return grid.digits === null ? 1 : 10 ** -grid.digits
}
