import { textWords } from '../model/text-tokens.js'
import { vocabulary } from './metrics/text-realism.js'
import type { ComparedColumn } from './table-samples.js'

/** Categories given a feature of their own; the rest share one. */
const TOP_CATEGORIES = 10

/**
 * A table's rows as numbers a classifier can read (see detectionAuc), the same encoding for both sides, learned
 * from the real side. Per column:
 * - number, time: the value z-scored by the real mean and deviation, its square (a linear model sees a wrong
 *   spread only through it), and whether it is null;
 * - category: one-hot of the real side's most frequent values, one for any other value, one for null;
 * - free text: whether null, its length (log), the shares of letters, digits, capitals and spaces in it, its
 *   token count (log), and the share of its tokens in the source's vocabulary (tokens in at least `k` real rows).
 * Pure.
 *
 * @param columns aligned row by row on each side (one row per index), e.g. a child joined to its parent
 */
export function detectionFeatures(
  columns: readonly ComparedColumn[],
  k: number,
): { real: number[][]; twin: number[][] } {
  const encoders = columns.map((c) => encoder(c, k))
  const encode = (side: 'real' | 'twin') => {
    const n = columns[0]?.[side].length ?? 0
    return Array.from({ length: n }, (_, row) =>
      encoders.flatMap((encode, i) => encode(columns[i]![side][row] ?? null)),
    )
  }
  return { real: encode('real'), twin: encode('twin') }
}

type Encoder = (value: number | string | null) => number[]

function encoder(column: ComparedColumn, k: number): Encoder {
  if (column.kind === 'category') {
    const counts = new Map<string, number>()
    for (const v of column.real) if (v !== null) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1)
    const top = [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP_CATEGORIES)
      .map(([v]) => v)
    return (v) => {
      const hot = new Array<number>(top.length + 2).fill(0)
      const at = v === null ? top.length + 1 : top.indexOf(String(v))
      hot[at < 0 ? top.length : at] = 1
      return hot
    }
  }
  if (column.kind === 'text') {
    const words = vocabulary(column.real, k)
    return (v) => {
      if (typeof v !== 'string') return [1, 0, 0, 0, 0, 0, 0, 0]
      const chars = [...v]
      const share = (test: RegExp) =>
        chars.length === 0 ? 0 : chars.filter((ch) => test.test(ch)).length / chars.length
      const found = textWords(v)
      const known = found.length === 0 ? 0 : found.filter((t) => words.has(t)).length / found.length
      return [
        0,
        Math.log1p(chars.length),
        share(/\p{L}/u),
        share(/\p{N}/u),
        share(/\p{Lu}/u),
        share(/\s/u),
        Math.log1p(found.length),
        known,
      ]
    }
  }
  const values = column.real.filter((v): v is number => typeof v === 'number')
  const mean = values.reduce((s, v) => s + v, 0) / Math.max(1, values.length)
  const deviation =
    Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, values.length)) || 1
  return (v) => {
    if (typeof v !== 'number') return [0, 0, 1]
    // Clipped: one twin value far out would otherwise dominate every other feature once squared.
    const z = Math.max(-10, Math.min(10, (v - mean) / deviation))
    return [z, z * z, 0]
  }
}
