import { round } from './categories.js'
import type { TextProfile } from './model.js'
import { mergeSmallBins } from './small-bins.js'

const PREFIX_LENGTH = 4
const MAX_SHAPES = 30
const MAX_PREFIXES = 20

/**
 * The shape of a text column without its values: the length distribution (exact, from SQL), character-class
 * patterns and literal prefixes (from the sample). A pattern or prefix seen fewer than `minCount` times is dropped;
 * a fine pattern (`A{2}-9{4}`) that is too rare falls back to its coarse form (`A+-9+`) before it is dropped.
 */
export function textProfile(
  sample: readonly string[],
  lengthCounts: readonly { value: number; count: number }[],
  minCount: number,
  distinctRatio: number,
  unique: boolean,
  /** Turns a count into the one released (differential-privacy noise); the identity by default. */
  release: (count: number, key: string) => number = (count) => count,
): TextProfile {
  const nonNull = lengthCounts.reduce((n, b) => n + b.count, 0)
  const lengths = mergeSmallBins(lengthCounts, minCount).map((b) => ({
    length: b.value,
    frequency: round(b.count / Math.max(1, nonNull)),
  }))
  // Each distinct value's fine pattern is worked out once: a sample of 50,000 repeats its values, and the shapes
  // were 9 s of the wide clinic's learn when each value's pattern was worked out three times (issue 21).
  const fineOf = memoized((s) => shapeOf(s, 'fine'))
  const fine = countBy(sample, fineOf)
  const shapes = countBy(sample, (value) => {
    const pattern = fineOf(value)
    return (fine.get(pattern) ?? 0) >= minCount ? pattern : shapeOf(value, 'coarse')
  })
  const prefixes = countBy(
    sample.filter((s) => [...s].length > PREFIX_LENGTH),
    (s) => [...s].slice(0, PREFIX_LENGTH).join(''),
  )
  return {
    lengths,
    shapes: top(released(shapes, 'shape', release), minCount, MAX_SHAPES, sample.length).map(
      ([pattern, frequency]) => ({
        pattern,
        frequency,
      }),
    ),
    prefixes: top(released(prefixes, 'prefix', release), minCount, MAX_PREFIXES, sample.length).map(
      ([prefix, frequency]) => ({
        prefix,
        frequency,
      }),
    ),
    distinctRatio: round(distinctRatio),
    unique,
  }
}

const SPECIAL = /[Aa9{}+\\]/

/**
 * A value's character-class pattern: `A` an upper-case letter, `a` a lower-case one, `9` a digit, anything else
 * itself (`\`-escaped when it is one of the pattern's own symbols). Fine patterns count runs (`A{2}`), coarse ones
 * do not (`A+`).
 */
export function shapeOf(value: string, precision: 'fine' | 'coarse'): string {
  let out = ''
  let cls = ''
  let run = 0
  for (const ch of value) {
    const c = charClass(ch)
    if (c === null) {
      out += runOf(cls, run, precision)
      run = 0
      out += SPECIAL.test(ch) ? `\\${ch}` : ch
      continue
    }
    if (c !== cls) {
      out += runOf(cls, run, precision)
      run = 0
    }
    cls = c
    run++
  }
  return out + runOf(cls, run, precision)
}

/** A run of `run` characters of class `cls` in a pattern ('' for none). */
function runOf(cls: string, run: number, precision: 'fine' | 'coarse'): string {
  if (run === 0) return ''
  return precision === 'coarse' ? `${cls}+` : run === 1 ? cls : `${cls}{${run}}`
}

/** A character's class in a pattern, or null for a literal; ASCII is decided without a regular expression. */
export function charClass(ch: string): 'A' | 'a' | '9' | null {
  const c = ch.charCodeAt(0)
  if (c < 128) return c >= 65 && c <= 90 ? 'A' : c >= 97 && c <= 122 ? 'a' : c >= 48 && c <= 57 ? '9' : null
  if (/\p{Lu}/u.test(ch)) return 'A'
  if (/\p{Ll}/u.test(ch)) return 'a'
  if (/\p{Nd}/u.test(ch)) return '9'
  return null
}

function released(
  counts: Map<string, number>,
  kind: string,
  release: (count: number, key: string) => number,
): Map<string, number> {
  return new Map([...counts].map(([key, n]) => [key, release(n, `${kind}:${key}`)]))
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const item of items) {
    const k = key(item)
    counts.set(k, (counts.get(k) ?? 0) + 1)
  }
  return counts
}

/** `f` remembering its answer per argument. */
function memoized(f: (s: string) => string): (s: string) => string {
  const known = new Map<string, string>()
  return (s) => {
    let answer = known.get(s)
    if (answer === undefined) known.set(s, (answer = f(s)))
    return answer
  }
}

function top(
  counts: Map<string, number>,
  minCount: number,
  limit: number,
  total: number,
): [string, number][] {
  return [...counts]
    .filter(([, n]) => n >= minCount)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([k, n]) => [k, round(n / Math.max(1, total))])
}
