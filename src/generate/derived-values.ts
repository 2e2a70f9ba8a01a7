import type { TableModel } from '../model/model.js'
import type { Column } from '../schema/schema.js'
import type { ColumnSampler } from './column-sampler.js'
import { interpolate } from '../model/quantile-draw.js'

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
): ((values: unknown[], uniforms: Float64Array) => void) | null {
  const indexOf = (name: string) => columns.findIndex((c) => c.name === name)
  const drawn = (name: string) => {
    const i = indexOf(name)
    return i >= 0 && samplerOf(i) !== null ? i : -1
  }
  const bound = (i: number) => samplerOf(i)?.bound ?? ((v: number) => v)
  const steps: ((values: unknown[], uniforms: Float64Array) => void)[] = []

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

  for (const d of model.differences ?? []) {
    const from = drawn(d.from)
    const to = drawn(d.to)
    if (from < 0 || to < 0) continue
    const fromUnit = samplerOf(from)!.grid?.unit ?? 1
    const toUnit = samplerOf(to)!.grid?.unit ?? 1
    const clamp = bound(to)
    const given = d.given === undefined ? -1 : drawn(d.given.given)
    const cells = new Map((given < 0 ? [] : d.given!.cells).map((c) => [String(c.value), c.quantiles]))
    const fixed = d.fixed
    steps.push((values, uniforms) => {
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
        category === null || category === undefined
          ? d.quantiles
          : (cells.get(String(category)) ?? d.quantiles)
      const within = fixed === undefined || fixed.share >= 1 ? u : Math.min(u / (1 - fixed.share), 1)
      values[to] = clamp((start * fromUnit + interpolate(quantiles, within)) / toUnit)
    })
  }

  if (steps.length === 0) return null
  return (values, uniforms) => {
    for (const step of steps) step(values, uniforms)
  }
}
