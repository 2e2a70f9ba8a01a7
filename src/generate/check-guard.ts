import type { CellValue } from '../schema/cell-value.js'
import type { ColumnModel } from '../model/model.js'
import { temporalToNumber } from '../model/temporal-values.js'
import type { Random } from '../random/seeded-random.js'
import type { Bound, ColumnBounds, TableChecks } from '../schema/check-bounds.js'
import type { Literal } from '../schema/check-expression.js'
import { checkRegex, evaluateCheck } from '../schema/check-evaluation.js'
import { textFromPattern } from '../schema/pattern-text.js'
import type { Column } from '../schema/schema.js'
import { NUMBER_TYPES } from '../schema/type-groups.js'
import type { ColumnSampler } from './column-sampler.js'

/**
 * A sampler whose values stay inside the column's CHECK bounds: numbers and instants clamped onto their grid
 * inside the range (a strict bound one step in), values outside an IN list replaced by one of the list's (the
 * schema's text is not private, so a category suppressed as rare still has its declared values to draw from), and
 * texts cut or redrawn to the length and pattern asked for.
 */
export function boundedSampler(
  sampler: ColumnSampler,
  bounds: ColumnBounds,
  learned: ColumnModel,
): ColumnSampler {
  const toNumber = internalNumber(learned)
  const grid = sampler.grid
  const clamp =
    grid === undefined || toNumber === null
      ? null
      : rangeClamp(bounds.low, bounds.high, toNumber, grid.digits)
  const allowed = bounds.values
  const allowedText = allowed === null ? null : new Set(allowed.map(String))
  const excluded = new Set(bounds.excluded.map(String))
  const patterns = bounds.patterns.flatMap((p) => {
    const regex = checkRegex(p.pattern, p.caseInsensitive)
    return regex === null ? [] : [{ ...p, regex }]
  })
  const textual = learned.kind === 'text' || learned.kind === 'categorical'
  return {
    ...sampler,
    ...(clamp === null ? {} : { bound: withinBoth(clamp, sampler.bound) }),
    draw(u, random) {
      let value = sampler.draw(u, random)
      if (value === null) return value
      if (clamp !== null && typeof value === 'number' && Number.isFinite(value)) value = clamp(value)
      const text = () => String(sampler.format(value!))
      if (allowedText !== null && allowed!.length > 0 && !allowedText.has(text()))
        value = random.pick(allowed!)
      for (let tries = 0; tries < 5 && excluded.has(text()); tries++)
        value = sampler.draw(random.next(), random)
      if (!textual || typeof value !== 'string') return value
      value = fitLength(value, bounds)
      for (const p of patterns) {
        if (p.regex.test(value)) continue
        value = textFromPattern(p.pattern, random, p.caseInsensitive) ?? value
      }
      return value
    },
  }
}

/** A value for a NOT NULL column nothing was learned about that its CHECKs accept, or null when none is known. */
export function legalFallback(column: Column, bounds: ColumnBounds, random: Random): CellValue | null {
  if (bounds.values !== null && bounds.values.length > 0) return bounds.values[0]!
  const numeric = NUMBER_TYPES.has(column.type) || column.type === 'year'
  if (numeric) {
    const digits = column.type === 'real' || column.type === 'double' ? null : (column.scale ?? 0)
    const clamp = rangeClamp(bounds.low, bounds.high, (v) => (typeof v === 'number' ? v : Number(v)), digits)
    return clamp(0)
  }
  const pattern = bounds.patterns[0]
  if (pattern !== undefined) return textFromPattern(pattern.pattern, random, pattern.caseInsensitive)
  if (bounds.minLength !== null) return 'x'.repeat(bounds.minLength)
  const inclusive = [bounds.low, bounds.high].find((b) => b !== null && !b.strict)
  return inclusive === undefined ? null : (inclusive!.value as CellValue)
}

/** How a literal compares with the column's drawn numbers: days for dates, seconds for times, else as a number. */
function internalNumber(learned: ColumnModel): ((literal: Exclude<Literal, null>) => number | null) | null {
  if (learned.kind === 'numeric')
    return (v) => {
      const n = typeof v === 'number' ? v : Number(v)
      return Number.isFinite(n) ? n : null
    }
  if (learned.kind === 'temporal') return (v) => temporalToNumber(learned.type, String(v))
  return null
}

/** The CHECK's clamp, then the sampler's own (a type's range), which a value must meet to be written at all. */
function withinBoth(
  check: (value: number) => number,
  own: ((value: number) => number) | undefined,
): (value: number) => number {
  return own === undefined ? check : (value) => own(check(value))
}

/**
 * Clamps a drawn number into [low, high] as the column writes it: rounded onto its grid (`digits` decimals, null
 * for floating point) before comparing, so a 4.7 written as 5 is not let through under `< 5`.
 */
function rangeClamp(
  low: Bound | null,
  high: Bound | null,
  toNumber: (literal: Exclude<Literal, null>) => number | null,
  digits: number | null,
): (value: number) => number {
  const step = digits === null ? 0 : 10 ** -digits
  const snap = (n: number, round: (x: number) => number) =>
    digits === null ? n : round(n * 10 ** digits) / 10 ** digits
  const lowNumber = low === null ? null : toNumber(low.value)
  const highNumber = high === null ? null : toNumber(high.value)
  let min = -Infinity
  let max = Infinity
  if (lowNumber !== null) {
    min = snap(lowNumber, (x) => Math.ceil(x - 1e-9))
    if (low!.strict && min <= lowNumber) min = digits === null ? nextUp(lowNumber) : min + step
  }
  if (highNumber !== null) {
    max = snap(highNumber, (x) => Math.floor(x + 1e-9))
    if (high!.strict && max >= highNumber) max = digits === null ? nextDown(highNumber) : max - step
  }
  // Bounds that leave nothing between them: the CHECK cannot be met, and the lower bound is kept.
  if (max < min) max = min
  return (value) => {
    const written = snap(value, Math.round)
    return written < min ? min : written > max ? max : value
  }
}

function nextUp(n: number): number {
  return n + Math.max(Number.EPSILON, Math.abs(n) * Number.EPSILON * 4)
}

function nextDown(n: number): number {
  return n - Math.max(Number.EPSILON, Math.abs(n) * Number.EPSILON * 4)
}

function fitLength(value: string, bounds: ColumnBounds): string {
  const chars = [...value]
  if (bounds.maxLength !== null && chars.length > bounds.maxLength)
    return chars.slice(0, Math.max(0, bounds.maxLength)).join('')
  if (bounds.minLength !== null && chars.length < bounds.minLength)
    return value + (chars.at(-1) ?? 'x').repeat(bounds.minLength - chars.length)
  return value
}

/** Tries per CHECK a row gets its columns drawn again before NULL (which every CHECK lets through) is tried. */
const REDRAWS = 12

/**
 * Evaluates every CHECK on a formatted row, as the target will: a CHECK found false has its drawn columns drawn
 * again (`redraw` gives a column's new written value, or undefined for a column that is not drawn: keys, rules),
 * then its nullable columns set to NULL. Returns false when the row still breaks a CHECK.
 */
export function rowCheckGuard(
  checks: TableChecks['checks'],
  columns: readonly Column[],
  redraw: (index: number) => CellValue | undefined,
): ((out: CellValue[]) => boolean) | null {
  if (checks.length === 0) return null
  const index = new Map(columns.map((c, i) => [c.name, i]))
  const numeric = columns.map((c) => NUMBER_TYPES.has(c.type))
  const guarded = checks.map((check) => ({
    expression: check.expression,
    indices: check.columns.flatMap((name) => {
      const i = index.get(name)
      return i === undefined ? [] : [i]
    }),
  }))
  return (out) => {
    // Decimals are written as text: the CHECK compares them as numbers.
    const value = (name: string) => {
      const i = index.get(name)
      if (i === undefined) return undefined
      const v = out[i]
      return numeric[i] && typeof v === 'string' && v !== '' ? Number(v) : v
    }
    let clean = true
    for (let round = 0; round < 3; round++) {
      clean = true
      for (const check of guarded) {
        if (evaluateCheck(check.expression, value) !== false) continue
        clean = false
        for (let tries = 0; tries < REDRAWS && evaluateCheck(check.expression, value) === false; tries++) {
          for (const i of check.indices) {
            const fresh = redraw(i)
            if (fresh !== undefined) out[i] = fresh
          }
        }
        if (evaluateCheck(check.expression, value) !== false) continue
        for (const i of check.indices) {
          if (columns[i]!.nullable) out[i] = null
          if (evaluateCheck(check.expression, value) !== false) break
        }
      }
      if (clean) return true
    }
    return guarded.every((check) => evaluateCheck(check.expression, value) !== false)
  }
}
