import { QUANTILE_LEVELS, type ColumnModel, type Difference, type TableModel } from '../model/model.js'
import type { Column } from '../schema/schema.js'
import type { ColumnSampler } from './column-sampler.js'
import { interpolate, levelOf } from '../model/quantile-draw.js'
import { temporalToNumber } from '../model/temporal-values.js'

type Step = (values: unknown[], uniforms: Float64Array) => void

/**
 * Sets the columns a row derives from its other columns, once every column is drawn: a functional dependency's
 * dependent from its determinant, a number from its category's cell, and a difference's later column from its
 * earlier one, by its row's category where one explains the difference (issue 17.5, 17.6), in that order, each
 * list in the order the model gives (see applyOrder). A NULL drawn for a derived column stays NULL, so its null
 * share is kept; a row whose input is NULL or has no cell keeps the value drawn from the column's own distribution.
 * Returns null when the table derives nothing.
 *
 * `values` holds the row's drawn values (numbers for numbers and times, in the column's drawn units); `uniforms`
 * the uniform each column was drawn from (its copula draw, which for a derived column was fitted on the
 * within-cell rank or the difference).
 */
export function derivedValues(
  model: TableModel,
  columns: readonly Column[],
  samplerOf: (index: number) => ColumnSampler | null,
): Step | null {
  const drawn = drawnIndex(columns, samplerOf)
  const bound = (i: number) => samplerOf(i)?.bound ?? ((v: number) => v)
  const steps: Step[] = []

  for (const f of model.functionalDependencies ?? []) {
    const from = drawn(f.determinant)
    const to = drawn(f.dependent)
    if (from < 0 || to < 0) continue
    const pairs = new Map(f.pairs.map((p) => [String(p.value), p.determined]))
    steps.push((values) => {
      const given = values[from]
      if (given === null || given === undefined || values[to] === null) return
      const determined = pairs.get(String(given))
      if (determined !== undefined) values[to] = determined
    })
  }

  for (const n of model.numericCells ?? []) {
    const i = drawn(n.column)
    const given = drawn(n.given)
    if (i < 0 || given < 0) continue
    const cells = new Map(n.cells.map((c) => [String(c.value), c.quantiles]))
    const clamp = bound(i)
    steps.push((values, uniforms) => {
      const value = values[i]
      const category = values[given]
      if (typeof value !== 'number' || !Number.isFinite(value) || category === null || category === undefined)
        return
      const quantiles = cells.get(String(category))
      if (quantiles !== undefined) values[i] = clamp(interpolate(quantiles, uniforms[i]!))
    })
  }

  const differences = differenceSteps(model, columns, samplerOf)
  if (differences !== null) steps.push(differences)

  if (steps.length === 0) return null
  return (values, uniforms) => {
    for (const step of steps) step(values, uniforms)
  }
}

/**
 * Sets each difference's later column from its earlier one (see differenceStep), in the model's order; null when the
 * table has none. Run again once time orders moved an earlier column, so the difference is drawn for where it starts.
 */
export function differenceSteps(
  model: TableModel,
  columns: readonly Column[],
  samplerOf: (index: number) => ColumnSampler | null,
): Step | null {
  const drawn = drawnIndex(columns, samplerOf)
  const steps = (model.differences ?? []).flatMap((d) => differenceStep(d, model, drawn, samplerOf) ?? [])
  if (steps.length === 0) return null
  return (values, uniforms) => {
    for (const step of steps) step(values, uniforms)
  }
}

/** A column's index by name when it is drawn from the model (it has a sampler), else -1. */
function drawnIndex(
  columns: readonly Column[],
  samplerOf: (index: number) => ColumnSampler | null,
): (name: string) => number {
  return (name) => {
    const i = columns.findIndex((c) => c.name === name)
    return i >= 0 && samplerOf(i) !== null ? i : -1
  }
}

/**
 * Sets a difference's later column to its earlier one plus a difference drawn from its quantiles, or to the fixed
 * value in the rows of the largest differences. The difference is drawn from the part of its distribution that keeps
 * the later column at or before the latest value it learned other than the fixed one (u scaled to that share), as
 * orderedTime does for gaps: employee's salaries that ended all ended by 2002-08-01, when the data ends, the others
 * are current (9999-01-01); drawn whole, a late start's salary ended after the data ends in 5% of the twin's rows.
 * A row that even the shortest difference takes past that end holds the fixed value, as the source's such rows do.
 */
function differenceStep(
  d: Difference,
  model: TableModel,
  drawn: (name: string) => number,
  samplerOf: (index: number) => ColumnSampler | null,
): Step | null {
  const from = drawn(d.from)
  const to = drawn(d.to)
  if (from < 0 || to < 0) return null
  const fromUnit = samplerOf(from)!.grid?.unit ?? 1
  const toUnit = samplerOf(to)!.grid?.unit ?? 1
  const clamp = samplerOf(to)!.bound ?? ((v: number) => v)
  const given = d.given === undefined ? -1 : drawn(d.given.given)
  const cells = new Map((given < 0 ? [] : d.given!.cells).map((c) => [String(c.value), c.quantiles]))
  const fixed = d.fixed
  const latest = latestEnd(
    model.columns.find((c) => c.name === d.to),
    toUnit,
    fixed,
  )
  return (values, uniforms) => {
    const start = values[from]
    const end = values[to]
    if (typeof start !== 'number' || !Number.isFinite(start)) return
    if (typeof end !== 'number' || !Number.isFinite(end)) return
    const u = uniforms[to]!
    // The rows of the largest differences hold the fixed value, as its rows did in the source.
    if (fixed !== undefined && u >= 1 - fixed.share && fixed.value >= start * fromUnit) {
      values[to] = clamp(fixed.value / toUnit)
      return
    }
    const category = given < 0 ? null : values[given]
    const quantiles =
      category === null || category === undefined ? d.quantiles : (cells.get(String(category)) ?? d.quantiles)
    const within = fixed === undefined || fixed.share >= 1 ? u : Math.min(u / (1 - fixed.share), 1)
    const room = latest - start * fromUnit
    // Even the shortest difference ends after the latest end: in the source such a row holds the fixed value.
    if (fixed !== undefined && room < quantiles[0]!) {
      values[to] = clamp(fixed.value / toUnit)
      return
    }
    values[to] = clamp(
      (start * fromUnit + interpolate(quantiles, within * levelOf(quantiles, room))) / toUnit,
    )
  }
}

/**
 * The latest value a column learned other than a fixed value, in `unit`s of its drawn values (seconds for a date's
 * days): its top quantile, or with a fixed value its top quantile at a level below the fixed value's share, since
 * the quantile where the other values end and the fixed share begins lies between the two (8399-… for employee);
 * Infinity where it learned no quantiles.
 */
function latestEnd(column: ColumnModel | undefined, unit: number, fixed: Difference['fixed']): number {
  const quantiles =
    column?.kind === 'temporal'
      ? column.quantiles.map((q) => temporalToNumber(column.type, q))
      : column?.kind === 'numeric'
        ? column.quantiles
        : []
  let latest = -Infinity
  quantiles.forEach((q, k) => {
    const other = fixed === undefined || (QUANTILE_LEVELS[k]! < 1 - fixed.share && q! * unit < fixed.value)
    if (q !== null && other) latest = Math.max(latest, q * unit)
  })
  return latest === -Infinity ? Infinity : latest
}
