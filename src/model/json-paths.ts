import { categoryFrequencies, round } from './categories.js'
import { isCategoryText } from './column-kind.js'
import type { JsonNode, JsonType } from './model.js'
import { quantileSketch } from './quantile-sketch.js'
import { mergeSmallBins } from './small-bins.js'
import { textProfile } from './text-profile.js'

/**
 * Under --epsilon, the node visits one document may add to the released counts. A visit adds at most eight: its
 * path's row and occurrence, its type's count and row, and for a string its category's row, its length's, its shape's
 * and its prefix's (an object or array adds five, a number four). So one row changes the column's counts by at most
 * 8 × this in L1, the sensitivity their Laplace noise is scaled to; visits past it are not counted (issue 17.4).
 */
export const JSON_VISITS_PER_ROW = 32
export const JSON_SENSITIVITY = 8 * JSON_VISITS_PER_ROW

export interface JsonPathOptions {
  minCount: number
  /** The released count (Laplace noise under --epsilon) for a count named by `key`; the identity by default. */
  release?: (count: number, key: string) => number
  /** Whether a document's visits are capped at JSON_VISITS_PER_ROW (under --epsilon). */
  capped?: boolean
}

/** What one path of the sampled documents was seen as: counted per occurrence, and per distinct row for minCount. */
interface Tally {
  rows: number
  lastRow: number
  occurrences: number
  types: Map<JsonType, { count: number; rows: number; lastRow: number }>
  /** Occurrences of this path as an object: the denominator of its keys' presence. */
  objects: number
  keys: Map<string, Tally>
  items: Tally | null
  lengths: Map<number, number>
  numbers: number[]
  strings: Map<string, { count: number; rows: number; lastRow: number }>
  /** One string per row, for the text profile: its shapes count rows, as a text column's do. */
  rowStrings: string[]
  lastStringRow: number
  trues: number
  falses: number
}

const tally = (): Tally => ({
  rows: 0,
  lastRow: -1,
  occurrences: 0,
  types: new Map(),
  objects: 0,
  keys: new Map(),
  items: null,
  lengths: new Map(),
  numbers: [],
  strings: new Map(),
  rowStrings: [],
  lastStringRow: -1,
  trues: 0,
  falses: 0,
})

/** A JSON value's type as the model names it. */
export function jsonType(value: unknown): JsonType {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  switch (typeof value) {
    case 'number':
      return 'number'
    case 'boolean':
      return 'boolean'
    case 'string':
      return 'string'
    default:
      return 'object'
  }
}

/** A sampled value of a JSON column as a document: drivers hand back text (PostgreSQL, MariaDB) or parsed values. */
export function parseJsonValue(value: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof value !== 'string') return { ok: true, value }
  try {
    return { ok: true, value: JSON.parse(value) as unknown }
  } catch {
    return { ok: false }
  }
}

/**
 * The structure of a JSON column's documents as a tree of paths: object keys and array elements (`[]`), each with
 * its presence given its parent, its types, its array lengths and its leaf values' marginals. A path seen in fewer
 * than `minCount` distinct rows is never written, nor anything beneath it: a key can itself be personal data
 * (`{"john.smith@x.org": …}`). Leaf values follow the column rules: categories seen in fewer than `minCount` rows
 * are suppressed, quantiles are means of `minCount` values, text shapes and prefixes need `minCount` rows. Null
 * when the root itself is seen in fewer than `minCount` rows.
 *
 * @example learnJsonPaths(Array(5).fill({ a: 1 }), { minCount: 5 })?.keys?.[0]?.key // 'a'
 */
export function learnJsonPaths(documents: readonly unknown[], options: JsonPathOptions): JsonNode | null {
  const root = tally()
  documents.forEach((doc, row) => {
    let visits = 0
    const visit = (t: Tally, value: unknown): boolean => {
      if (options.capped === true && visits++ >= JSON_VISITS_PER_ROW) return false
      count(t, value, row)
      if (Array.isArray(value)) {
        for (const item of value) if (!visit((t.items ??= tally()), item)) return false
      } else if (value !== null && typeof value === 'object') {
        for (const [key, child] of Object.entries(value)) {
          let next = t.keys.get(key)
          if (next === undefined) t.keys.set(key, (next = tally()))
          if (!visit(next, child)) return false
        }
      }
      return true
    }
    visit(root, doc)
  })
  return released(root, '$', options)
}

function count(t: Tally, value: unknown, row: number): void {
  if (t.lastRow !== row) {
    t.rows++
    t.lastRow = row
  }
  t.occurrences++
  const type = jsonType(value)
  const seen = t.types.get(type) ?? { count: 0, rows: 0, lastRow: -1 }
  seen.count++
  if (seen.lastRow !== row) {
    seen.rows++
    seen.lastRow = row
  }
  t.types.set(type, seen)
  if (type === 'object') t.objects++
  else if (Array.isArray(value)) t.lengths.set(value.length, (t.lengths.get(value.length) ?? 0) + 1)
  else if (typeof value === 'number') t.numbers.push(value)
  else if (typeof value === 'boolean') {
    if (value) t.trues++
    else t.falses++
  } else if (typeof value === 'string') {
    const s = t.strings.get(value) ?? { count: 0, rows: 0, lastRow: -1 }
    s.count++
    if (s.lastRow !== row) {
      s.rows++
      s.lastRow = row
    }
    t.strings.set(value, s)
    if (t.lastStringRow !== row) {
      t.rowStrings.push(value)
      t.lastStringRow = row
    }
  }
}

/** The model's node for a tally, or null when the path is too rare to write. */
function released(t: Tally, path: string, options: JsonPathOptions): JsonNode | null {
  const k = options.minCount
  const release = (n: number, key: string) => Math.max(0, options.release?.(n, `${path}:${key}`) ?? n)
  if (release(t.rows, 'rows') < k) return null
  const types = [...t.types]
    .filter(([type, s]) => release(s.rows, `type:${type}:rows`) >= k)
    .map(([type, s]) => ({ type, count: release(s.count, `type:${type}`) }))
  const typed = types.reduce((n, x) => n + x.count, 0)
  if (types.length === 0 || typed <= 0) return null
  const has = (type: JsonType) => types.some((x) => x.type === type)
  const node: JsonNode = {
    presence: 1,
    types: types
      .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type))
      .map((x) => ({ type: x.type, frequency: round(x.count / typed) })),
  }
  if (has('object')) {
    const objects = Math.max(1, release(t.objects, 'objects'))
    const keys = [...t.keys]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .flatMap(([key, child]) => {
        const childPath = `${path}${keySegment(key)}`
        const learned = released(child, childPath, options)
        if (learned === null) return []
        const presence = release(child.occurrences, `${keySegment(key)}:present`)
        return [{ key, node: { ...learned, presence: round(Math.min(1, presence / objects)) } }]
      })
    if (keys.length > 0) node.keys = keys
  }
  if (has('array')) {
    const lengths = mergeSmallBins(
      [...t.lengths].map(([value, n]) => ({ value, count: release(n, `length:${value}`) })),
      k,
    )
    const total = lengths.reduce((n, b) => n + b.count, 0)
    if (total > 0) node.lengths = lengths.map((b) => ({ length: b.value, frequency: round(b.count / total) }))
    const items = t.items === null ? null : released(t.items, `${path}[]`, options)
    if (items !== null) node.items = items
  }
  if (has('number')) {
    const quantiles = quantileSketch(t.numbers, k)
    if (quantiles !== null)
      node.numbers = {
        integer: t.numbers.every(Number.isInteger),
        ...decimalsOf(t.numbers),
        quantiles: quantiles.map((q) => round(q)),
      }
  }
  if (has('boolean')) {
    const trues = release(t.trues, 'true')
    const falses = release(t.falses, 'false')
    // A share would give away a count under minCount: the rarer value is then never drawn.
    node.trueShare = trues < k ? 0 : falses < k ? 1 : round(trues / (trues + falses))
  }
  if (has('string')) node.strings = strings(t, options, release)
  return node
}

function strings(
  t: Tally,
  options: JsonPathOptions,
  release: (n: number, key: string) => number,
): NonNullable<JsonNode['strings']> {
  const k = options.minCount
  const total = [...t.strings.values()].reduce((n, s) => n + s.count, 0)
  const categorical = isCategoryText(t.strings.size, total)
  // Categories count rows, not occurrences: one document repeating a name in an array is still one person.
  const { categories, suppressedFraction } = categorical
    ? categoryFrequencies(
        [...t.strings].map(([value, s]) => ({ value, count: release(s.rows, `category:${value}`) })),
        Math.max(
          1,
          [...t.strings.values()].reduce((n, s) => n + s.rows, 0),
        ),
        k,
      )
    : { categories: null, suppressedFraction: 1 }
  const lengths = new Map<number, number>()
  for (const [value, s] of t.strings) {
    const length = [...value].length
    lengths.set(length, (lengths.get(length) ?? 0) + s.rows)
  }
  return {
    categories,
    suppressedFraction,
    ...textProfile(
      t.rowStrings,
      [...lengths].map(([value, n]) => ({ value, count: release(n, `string-length:${value}`) })),
      k,
      0,
      false,
      (n, key) => release(n, `string-${key}`),
    ),
  }
}

/** The most decimals a JSON number is written with: beyond, a float's noise (0.30000000000000004). */
export const MAX_JSON_DIGITS = 6

/**
 * The decimals non-integral numbers are written with: the most common count among them (the larger on a tie), so
 * a temperature of 37.2 comes back as 36.9, not 36.9183. Nothing when all are integers.
 */
function decimalsOf(numbers: readonly number[]): { digits?: number } {
  const counts = new Map<number, number>()
  for (const n of numbers) {
    if (Number.isInteger(n) || !Number.isFinite(n)) continue
    const digits = Math.min(MAX_JSON_DIGITS, decimalDigits(n))
    counts.set(digits, (counts.get(digits) ?? 0) + 1)
  }
  const best = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]
  return best === undefined ? {} : { digits: best[0] }
}

/** Decimals of a number as JavaScript writes it shortest (`37.25` → 2, `1e-7` → 7). */
function decimalDigits(n: number): number {
  const [mantissa, exponent] = String(Math.abs(n)).split('e')
  const fraction = mantissa!.split('.')[1]?.length ?? 0
  return Math.max(0, fraction - Number(exponent ?? 0))
}

/** Numeric paths of one JSON column the copula holds at most: a document's many numbers would crowd its columns. */
export const MAX_COPULA_PATHS = 8

/**
 * The numeric paths of a learned tree reached through object keys only (`$.bp.sys`, never `$.tags[]`), so each
 * document holds one value at each: those that join the table's copula (issue 17.4), at most `limit`, root first.
 */
export function numericKeyPaths(
  node: JsonNode,
  limit = MAX_COPULA_PATHS,
): { path: string; keys: string[] }[] {
  const out: { path: string; keys: string[] }[] = []
  const walk = (n: JsonNode, path: string, keys: string[]) => {
    if (n.numbers !== undefined && keys.length > 0) out.push({ path, keys })
    for (const { key, node: child } of n.keys ?? []) walk(child, `${path}${keySegment(key)}`, [...keys, key])
  }
  walk(node, '$', [])
  return out.slice(0, limit)
}

/** The number a document holds at a key path, or null (absent, or not a number). */
export function numberAt(document: unknown, keys: readonly string[]): number | null {
  let at = document
  for (const key of keys) {
    if (at === null || typeof at !== 'object' || Array.isArray(at)) return null
    at = (at as Record<string, unknown>)[key]
  }
  return typeof at === 'number' && Number.isFinite(at) ? at : null
}

/** A numeric JSON path as a copula entry: the column's name and the path, `vitals$.pulse`. */
export function copulaPathEntry(column: string, path: string): string {
  return column + path
}

/** A key as a path segment: `.name` for plain names, `["…"]` for the rest. */
export function keySegment(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`
}

/** Every path of a learned tree, root first: the path set the model promises a twin's documents hold. */
export function jsonPathSet(node: JsonNode): string[] {
  const out: string[] = []
  const walk = (n: JsonNode, path: string) => {
    out.push(path)
    for (const { key, node: child } of n.keys ?? []) walk(child, `${path}${keySegment(key)}`)
    if (n.items !== undefined) walk(n.items, `${path}[]`)
  }
  walk(node, '$')
  return out
}

/**
 * The share of documents in which each path occurs (at least once), over the parseable non-null documents: the
 * figure the report compares between a source and its twin (see jsonStructureScore).
 */
export function pathRowShares(documents: readonly unknown[]): Map<string, number> {
  const rows = new Map<string, number>()
  let parsed = 0
  for (const raw of documents) {
    if (raw === null || raw === undefined) continue
    const doc = parseJsonValue(raw)
    if (!doc.ok) continue
    parsed++
    const seen = new Set<string>()
    const walk = (value: unknown, path: string) => {
      seen.add(path)
      if (Array.isArray(value)) for (const item of value) walk(item, `${path}[]`)
      else if (value !== null && typeof value === 'object')
        for (const [key, child] of Object.entries(value)) walk(child, `${path}${keySegment(key)}`)
    }
    walk(doc.value, '$')
    for (const path of seen) rows.set(path, (rows.get(path) ?? 0) + 1)
  }
  return new Map([...rows].map(([path, n]) => [path, n / Math.max(1, parsed)]))
}
