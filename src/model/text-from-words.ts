import type { WordModel } from './model.js'
import { isWordToken, joinToken } from './text-tokens.js'
import { EDGE } from './word-model.js'
import type { Random } from '../random/seeded-random.js'
import { firstAbove } from './quantile-draw.js'

/** The tokens that may come next, with their weights, and the weight of ending the value there. */
interface Successors {
  tokens: string[]
  cumulative: number[]
  end: number
}

/**
 * Writes values from a column's released words (issue 17.2): a walk over the learned pairs from the value's start,
 * aiming at a token count drawn from the learned ones. Before that count a value ends only where no token may
 * follow; from it on, it ends at the first token after which values were seen to end. A word without released
 * successors is followed by a word drawn from the vocabulary (so is the start where none was released, and then a
 * word followed by the end alone, before the target count), and punctuation without any ends the walk. Every token written is a released one, and a value
 * never exceeds `maxLength` characters: a token that would not fit ends it. Null when not even the first fits, or
 * when no walk of ATTEMPTS was well formed (see wellFormed).
 *
 * @example textFromWords(model.words, 255)(seededRandom(1, 'notes')) // 'Patient tolerated procedure well.'
 */
export function textFromWords(words: WordModel, maxLength: number): (random: Random) => string | null {
  const next = new Map<string, Successors>()
  for (const pair of words.pairs) {
    let s = next.get(pair.after)
    if (s === undefined) next.set(pair.after, (s = { tokens: [], cumulative: [], end: 0 }))
    if (pair.token === EDGE) s.end += pair.frequency
    else {
      s.tokens.push(pair.token)
      s.cumulative.push((s.cumulative.at(-1) ?? 0) + pair.frequency)
    }
  }
  // A value begins with a word when no start was released (`.com` or `- Boulevard` read as cut off), and a word
  // without released successors is followed by a word: punctuation there made pagila's `al- de` and `San (-)`.
  const anyWord: Successors = { tokens: [], cumulative: [], end: 0 }
  for (const v of words.vocabulary.filter((v) => isWordToken(v.token))) {
    anyWord.tokens.push(v.token)
    anyWord.cumulative.push((anyWord.cumulative.at(-1) ?? 0) + v.frequency)
  }
  const started = next.has(EDGE)
  const lengths = words.lengths.filter((l) => l.tokens > 0)
  const lengthCumulative: number[] = []
  for (const l of lengths) lengthCumulative.push((lengthCumulative.at(-1) ?? 0) + l.frequency)

  // The tokens of a walk, and the text they join into.
  const walk = (random: Random): { tokens: string[]; text: string } => {
    const target = Math.max(1, lengths[pick(lengthCumulative, random)]?.tokens ?? 1)
    // A walk that finds no end stops at twice its target: pairs can cycle (`of the … of the`).
    const limit = target * 2 + 4
    const tokens: string[] = []
    let text = ''
    let after = EDGE
    for (let n = 0; n < limit; n++) {
      const known = next.get(after)
      // Where no start was released, the pairs hold too little of the values' structure to end them: a word that
      // only ends values, before the target, is followed by a word too (pagila's title words are each released
      // where titles end, and titles were one word where the source's are two). Elsewhere it ends the value, as
      // `Rockies` ends a film's description.
      const options =
        known !== undefined && (known.tokens.length > 0 || n >= target || started)
          ? known
          : n === 0 || isWordToken(after)
            ? anyWord
            : null
      if (options === null || options.tokens.length === 0 || (n >= target && options.end > 0)) break
      const token = options.tokens[pick(options.cumulative, random)]!
      const longer = joinToken(text, token)
      if (longer.length > maxLength && [...longer].length > maxLength) break
      text = longer
      tokens.push(token)
      after = token
    }
    return { tokens, text }
  }
  const ends = (token: string) => (next.get(token)?.end ?? 0) > 0

  // A walk cut short (by the length, a dead end, or a cycle) can leave `San ()` or `Rue de (`: pagila's cities,
  // whose words inside brackets are too rare to release (issue 17, step 2). Such a value is drawn again; after
  // ATTEMPTS ill-formed walks the last one's longest well-formed beginning is written (chinook's album titles:
  // `Bach: The Best Of The` of a walk caught in `The Best Of The Best Of`), and where none is, the column's fallback.
  return (random) => {
    let tokens: string[] = []
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const walked = walk(random)
      tokens = walked.tokens
      if (tokens.length > 0 && wellFormed(tokens, ends)) return walked.text
    }
    for (let end = Math.min(tokens.length, MAX_PREFIX) - 1; end > 0; end--) {
      const prefix = tokens.slice(0, end)
      if (wellFormed(prefix, ends)) return prefix.reduce(joinToken, '')
    }
    return null
  }
}

/** Whether some run of tokens comes twice in a row (`the the`, `555-555-`, a sentence said twice). */
function stutters(tokens: readonly string[]): boolean {
  const words = tokens.map((t) => t.trimStart())
  for (let size = 1; 2 * size <= tokens.length; size++) {
    for (let i = 0; i + 2 * size <= tokens.length; i++) {
      let same = true
      for (let k = 0; k < size && same; k++) same = words[i + k] === words[i + size + k]
      if (same) return true
    }
  }
  return false
}

/** Walks drawn for one value before giving up on a well-formed one. */
const ATTEMPTS = 8
/** The longest beginning of an ill-formed walk tried: checking one costs the square of its length. */
const MAX_PREFIX = 60

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' }
const CLOSERS = new Set(Object.values(OPENERS))
/** Punctuation a value may end with even where no source value was seen ending so. */
const FINAL = new Set(['.', '!', '?', ')', ']', '}', '"', "'", '%'])

/**
 * Whether tokens read as a value: brackets closed in order and holding a word, double quotes paired, no run of tokens
 * repeated right after itself (the clinic's `Follow-555-555-555-up`: a walk caught in a cycle of released pairs),
 * and the last token a word, closing punctuation, or one after which source values were seen to
 * end (`ends`).
 */
export function wellFormed(tokens: readonly string[], ends: (token: string) => boolean): boolean {
  if (stutters(tokens)) return false
  // Each open bracket's closer, and whether a word came since it: `San (-)` is as empty as `San ()`.
  const open: { closer: string; worded: boolean }[] = []
  let quotes = 0
  for (const key of tokens) {
    const token = key.trimStart()
    const closer = OPENERS[token]
    if (closer !== undefined) open.push({ closer, worded: false })
    else if (CLOSERS.has(token)) {
      const bracket = open.pop()
      if (bracket?.closer !== token || !bracket.worded) return false
    } else if (token === '"') quotes++
    else if (isWordToken(token)) for (const bracket of open) bracket.worded = true
  }
  const last = tokens.at(-1)
  if (open.length > 0 || quotes % 2 !== 0 || last === undefined) return false
  return isWordToken(last) || FINAL.has(last.trimStart()) || ends(last)
}

/** An index drawn in proportion to the steps of a running sum. */
function pick(cumulative: readonly number[], random: Random): number {
  return firstAbove(cumulative, random.next() * (cumulative.at(-1) ?? 0))
}
