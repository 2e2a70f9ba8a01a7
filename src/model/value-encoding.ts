import type { ColumnShape } from './model.js'
import { temporalToNumber } from './temporal-values.js'

/**
 * Turns a raw value of a learned column into a number for correlation: finite numbers as they are, times as seconds or
 * days, categories as their rank by frequency (rare, suppressed values share the last rank), booleans as 0/1.
 */
export function valueEncoder(shape: ColumnShape): (raw: unknown) => number | null {
  switch (shape.kind) {
    case 'numeric':
      // NaN and ±Infinity have no rank among numbers: they are left out, as NULLs are.
      return (raw) => {
        const n = raw === null || raw === undefined ? NaN : Number(raw)
        return Number.isFinite(n) ? n : null
      }
    case 'temporal':
      return (raw) => (raw === null || raw === undefined ? null : temporalToNumber(shape.type, String(raw)))
    case 'categorical':
    case 'text': {
      const ranks = new Map((shape.categories ?? []).map((c, i) => [categoryKey(c.value), i]))
      const other = ranks.size
      return (raw) => (raw === null || raw === undefined ? null : (ranks.get(categoryKey(raw)) ?? other))
    }
    default:
      return () => null
  }
}

/** Booleans arrive as true/false (PostgreSQL) or 1/0 (MySQL); categories compare by this key. */
export function categoryKey(value: unknown): string {
  if (typeof value === 'boolean') return value ? '1' : '0'
  return String(value)
}
