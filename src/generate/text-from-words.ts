import type { WordModel } from '../model/model.js'
import { isWordToken, joinToken } from '../model/text-tokens.js'
import { EDGE } from '../model/word-model.js'
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
 * follow; from it on, it ends at the first token after which values were seen to end. A token without released
 * successors is followed by one drawn from the whole vocabulary (a word, at the start). Every token written is a released one, and a value
 * never exceeds `maxLength` characters: a token that would not fit ends it. Null when not even the first fits.
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
  const anyToken: Successors = { tokens: [], cumulative: [], end: 0 }
  for (const v of words.vocabulary) {
    anyToken.tokens.push(v.token)
    anyToken.cumulative.push((anyToken.cumulative.at(-1) ?? 0) + v.frequency)
  }
  // A value begins with a word when no start was released: `.com` or `- Boulevard` read as cut off.
  const anyWord: Successors = { tokens: [], cumulative: [], end: 0 }
  for (const v of words.vocabulary.filter((v) => isWordToken(v.token))) {
    anyWord.tokens.push(v.token)
    anyWord.cumulative.push((anyWord.cumulative.at(-1) ?? 0) + v.frequency)
  }
  const lengths = words.lengths.filter((l) => l.tokens > 0)
  const lengthCumulative: number[] = []
  for (const l of lengths) lengthCumulative.push((lengthCumulative.at(-1) ?? 0) + l.frequency)

  return (random) => {
    const target = Math.max(1, lengths[pick(lengthCumulative, random)]?.tokens ?? 1)
    // A walk that finds no end stops at twice its target: pairs can cycle (`of the … of the`).
    const limit = target * 2 + 4
    let text = ''
    let after = EDGE
    for (let n = 0; n < limit; n++) {
      const options = next.get(after) ?? (n === 0 && anyWord.tokens.length > 0 ? anyWord : anyToken)
      if (options.tokens.length === 0 || (n >= target && options.end > 0)) break
      const token = options.tokens[pick(options.cumulative, random)]!
      const longer = joinToken(text, token)
      if (longer.length > maxLength && [...longer].length > maxLength) break
      text = longer
      after = token
    }
    return text === '' ? null : text
  }
}

/** An index drawn in proportion to the steps of a running sum. */
function pick(cumulative: readonly number[], random: Random): number {
  return firstAbove(cumulative, random.next() * (cumulative.at(-1) ?? 0))
}
