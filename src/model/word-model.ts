import { round } from './categories.js'
import type { WordModel } from './model.js'
import { mergeSmallBins } from './small-bins.js'
import { textTokens } from './text-tokens.js'

/** The value's start (as `after`) and end (as `token`) in a pair: no token is empty. */
export const EDGE = ''

/** Caps that keep a model file readable: the most frequent tokens and pairs are kept. */
const MAX_VOCABULARY = 2000
const MAX_PAIRS = 6000

/**
 * Under --epsilon, the distinct tokens (and pairs) one row may add to the counts: the sensitivity of the
 * vocabulary and pair histograms. Without a bound one long note could move thousands of counts by one.
 */
export const WORDS_PER_ROW = 20

export interface WordModelOptions {
  minCount: number
  /** Turns a count into the one released (Laplace noise under --epsilon); the identity by default. */
  release?: (count: number, sensitivity: number, key: string) => number
  /** Count at most WORDS_PER_ROW distinct tokens and pairs per row (under --epsilon, so a row's influence is bounded). */
  bounded?: boolean
  /** Tokens never released however many rows hold them (people's names in prose, see textModelChoice). */
  withheld?: (token: string) => boolean
}

/**
 * A free-text column's word model from sampled values (see WordModel): the vocabulary is the tokens seen in at
 * least `minCount` distinct rows (rows, not occurrences: a name repeated in one note is still one row), the pairs
 * are the bigrams of released tokens seen in at least `minCount` distinct rows, including the value's start and
 * end, and the lengths are the values' token counts with small bins merged. Null when no token is released. Pure.
 *
 * @example wordModel(['Seen today.', 'Seen again.'], { minCount: 2 })?.vocabulary // [{ token: '.', … }, { token: 'Seen', … }]
 */
export function wordModel(values: readonly string[], options: WordModelOptions): WordModel | null {
  const { minCount } = options
  const release = options.release ?? ((count) => count)
  const cap = options.bounded === true ? WORDS_PER_ROW : Infinity
  const sensitivity = options.bounded === true ? WORDS_PER_ROW : 1
  const tokenRows = new Map<string, number>()
  const pairRows = new Map<string, number>()
  const tokenCounts = new Map<number, number>()
  const tokenized = values.map(textTokens)
  for (const tokens of tokenized) {
    tokenCounts.set(tokens.length, (tokenCounts.get(tokens.length) ?? 0) + 1)
    addDistinct(tokenRows, tokens, cap)
  }
  for (const token of tokenRows.keys()) if (options.withheld?.(token) === true) tokenRows.delete(token)
  const total = Math.max(1, values.length)
  const vocabulary = kept(tokenRows, (token, n) => release(n, sensitivity, `word:${token}`), minCount).slice(
    0,
    MAX_VOCABULARY,
  )
  if (vocabulary.length === 0) return null
  const known = new Set(vocabulary.map(([token]) => token))
  for (const tokens of tokenized) {
    // Pairs are counted only between released tokens, so a rare token's neighbours say nothing about it.
    const pairs: string[] = []
    const path = [EDGE, ...tokens, EDGE]
    for (let i = 1; i < path.length; i++) {
      const after = path[i - 1]!
      const token = path[i]!
      if ((after === EDGE || known.has(after)) && (token === EDGE || known.has(token)))
        pairs.push(pairKey(after, token))
    }
    addDistinct(pairRows, pairs, cap)
  }
  const pairs = kept(pairRows, (key, n) => release(n, sensitivity, `pair:${key}`), minCount)
    .slice(0, MAX_PAIRS)
    .map(([key, n]) => {
      const [after, token] = splitPair(key)
      return { after, token, frequency: round(n / total) }
    })
  const lengths = mergeSmallBins(
    [...tokenCounts].map(([value, n]) => ({ value, count: release(n, 1, `tokens:${value}`) })),
    minCount,
  )
  const lengthTotal = Math.max(
    1,
    lengths.reduce((n, b) => n + b.count, 0),
  )
  return {
    vocabulary: vocabulary.map(([token, n]) => ({ token, frequency: round(n / total) })),
    pairs,
    lengths: lengths.map((b) => ({ tokens: b.value, frequency: round(b.count / lengthTotal) })),
  }
}

/** Adds one to each distinct key of a row, at most `cap` of them. */
function addDistinct(counts: Map<string, number>, keys: readonly string[], cap: number): void {
  let added = 0
  for (const key of new Set(keys)) {
    if (added++ >= cap) break
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
}

/** The released counts at least `minCount`, most frequent first (ties in a fixed order, for equal model files). */
function kept(
  counts: Map<string, number>,
  release: (key: string, n: number) => number,
  minCount: number,
): [string, number][] {
  return [...counts]
    .map(([key, n]): [string, number] => [key, release(key, n)])
    .filter(([, n]) => n >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
}

// A pair's key joins its two tokens with a character no token holds (tokens never contain a control character
// other than white space, which they do not keep).
const SEPARATOR = '\u0000'

function pairKey(after: string, token: string): string {
  return after + SEPARATOR + token
}

function splitPair(key: string): [string, string] {
  const at = key.indexOf(SEPARATOR)
  return [key.slice(0, at), key.slice(at + 1)]
}
