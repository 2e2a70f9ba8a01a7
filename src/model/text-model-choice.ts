import { checkDigitOf } from './check-digits.js'
import type { TextProfile, WordModel } from './model.js'
import { shapeOf } from './text-profile.js'
import { isNameWord } from './name-words.js'
import { isWordToken, textTokens, textWords } from './text-tokens.js'
import { EDGE, wordModel, type WordModelOptions } from './word-model.js'

/** Share of values a column's frequent code shapes must cover for the shapes to write it (issue 17.2). */
export const CODE_SHARE = 0.9

/**
 * Whether a column's values are written from words or from shapes (issue 17.2, docs/text.md):
 * - codes keep their shape: a column whose values carry a check digit (Luhn, NPI), or where at least 90% of
 *   values have a code shape seen in at least `minCount` values and fewer than half of the values are made of
 *   released words only. A code shape is a fine pattern with a digit in it (`A9{2}.9`, `9{5}-9{4}-9{2}`) or without
 *   lower-case letters and spaces (`A{5}`, `A{2}-A{3}`). The coverage tells `A{5}` codes, each seen rarely, from
 *   capitalized names of things (`MEDICINE`, `ACTION`), which repeat and whose letters a shape would scramble;
 * - everything else gets words when at least one word is seen in `minCount` rows and some value begins with a
 *   released token, however few they are (issue 17: a title of pagila's 4 released title words is repetitive but
 *   real, and keeps every twin token in the released vocabulary); else no words, and generation's fallback.
 * Pure.
 */
export function textModelChoice(
  values: readonly string[],
  options: WordModelOptions,
): Pick<TextProfile, 'words' | 'shapesBecause' | 'checkDigit'> {
  const check = checkDigitOf(values, options.minCount)
  if (check !== null) return { checkDigit: check, shapesBecause: `codes with a ${check} check digit` }
  // A name in prose is a person (a relative named in five notes), however often it comes; in short values
  // (titles, cities) a name-like word is a place or a thing's name, and the values' own rarity guards them.
  const words = wordModel(values, isProse(values) ? { withheld: namesIn(values), ...options } : options)
  // Each distinct value's shape once (a sample repeats its values: issue 21's profile).
  const seen = new Map<string, number>()
  for (const v of values) seen.set(v, (seen.get(v) ?? 0) + 1)
  const shapes = new Map<string, number>()
  for (const [v, n] of seen) {
    const shape = shapeOf(v, 'fine')
    shapes.set(shape, (shapes.get(shape) ?? 0) + n)
  }
  const coded = [...shapes]
    .filter(([shape, n]) => n >= options.minCount && isCodeShape(shape))
    .reduce((sum, [, n]) => sum + n, 0)
  if (values.length > 0 && coded >= CODE_SHARE * values.length && coverage(values, words) < WORD_SHARE) {
    return {
      shapesBecause: `${CODES} ${Math.round((100 * coded) / values.length)}% of values have a code shape`,
    }
  }
  if (words === null || !words.vocabulary.some((v) => isWordToken(v.token)))
    return { shapesBecause: `${NO_WORDS} ${options.minCount} rows` }
  // Values whose first tokens are all rare (emails' local parts: `a@x.org`) cannot be begun from released words;
  // a walk from the middle writes `x.org`, which is no email and fails a CHECK like '%@%'. Generation's fallback writes
  // such a column (docs/text.md).
  // Values of other forms (pagila's film titles, whose first words are each rare) are walked from any released
  // word: `HELLFIGHTERS ARMAGEDDON` is a title still (issue 17).
  if (!words.pairs.some((p) => p.after === EDGE && p.token !== EDGE) && isFormed(values))
    return { shapesBecause: `no value start seen in ${options.minCount} rows` }
  return { words }
}

/** An email's `@` or a URL's `://`: values with a form a walk begun mid-value breaks. */
const FORM = /@|:\/\//

/** Whether at least half of the values have a form (an email, a URL) that their start belongs to. */
function isFormed(values: readonly string[]): boolean {
  return values.filter((v) => FORM.test(v)).length * 2 >= values.length
}

/** Words per value, on average, from which values are prose (`Patient tolerated procedure well.`). */
const PROSE_WORDS = 4

/** Whether values are prose: at least PROSE_WORDS words each on average. */
export function isProse(values: readonly string[]): boolean {
  const words = values.reduce((n, v) => n + textWords(v).length, 0)
  return values.length > 0 && words >= PROSE_WORDS * values.length
}

/** Whether a token (its leading space aside) is a person's name (see isNameWord). */
const isNameToken = (token: string) => isNameWord(token.trimStart())

/**
 * Which tokens of prose name a person: names (isNameWord), unless the values also write them in lower case, as a
 * word (`Will call back` where `she will` is seen too; `Green` where `green` is).
 */
function namesIn(values: readonly string[]): (token: string) => boolean {
  const lower = new Set(
    values.flatMap((v) =>
      textTokens(v)
        .map((t) => t.trimStart())
        .filter((t) => /^\p{Ll}/u.test(t)),
    ),
  )
  return (token) => isNameToken(token) && !lower.has(token.trimStart().toLowerCase())
}

/** Whether a text names a person: one of its tokens is a name (`Called daughter Hugo.`). */
export function namesPerson(text: string): boolean {
  return textTokens(text).some(isNameToken)
}

const NO_WORDS = 'no word seen in'
const CODES = 'codes:'

/** Whether a text column holds codes: values with a check digit, or with a code shape (see textModelChoice). */
export function isCodeColumn(profile: Pick<TextProfile, 'shapesBecause' | 'checkDigit'>): boolean {
  return profile.checkDigit !== undefined || profile.shapesBecause?.startsWith(CODES) === true
}

/** Share of values the released words must write whole for code-shaped values to be written as words. */
const WORD_SHARE = 0.5

/**
 * Share of the values made of released tokens only. Whole values, not tokens: a code's separators and single digits
 * (`.`, `0` of `A00.0`) repeat as tokens while the codes themselves do not.
 */
function coverage(values: readonly string[], words: WordModel | null): number {
  if (words === null || values.length === 0) return 0
  const known = new Set(words.vocabulary.map((v) => v.token))
  return values.filter((v) => textTokens(v).every((t) => known.has(t))).length / values.length
}

/** A fine pattern that reads as a code: a digit in it, or no lower-case letter and no space. */
function isCodeShape(shape: string): boolean {
  const classes = shape.replace(/\\./g, '').replace(/\{\d+\}/g, '')
  return classes.includes('9') || (!classes.includes('a') && !/\s/.test(shape))
}
