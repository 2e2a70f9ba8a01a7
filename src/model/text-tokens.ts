/**
 * How free text is cut into tokens, for the word model (learn, generate) and for the report's text realism alike,
 * so that "every twin token is in the released vocabulary" means the same thing on both sides (issue 17.2):
 * - a word is a maximal run of letters, combining marks and digits in any script (`naïve`, `Zürich`, `2006`);
 * - every other character that is not white space is a token of its own (`.`, `,`, `'`, `(`, `-`, `@`);
 * - white space and control characters separate tokens and are not ones: a token remembers only whether some came before it, written as
 *   one leading space in its key (`' tolerated'`, `'.'`), so punctuation keeps its spacing and newlines and tabs
 *   become single spaces.
 * Case is kept: `The` and `the` are different tokens, which is how capitals at the start of a sentence are learned.
 * Pure.
 */

const TOKEN = /([\s\p{Cc}]*)([\p{L}\p{M}\p{N}]+|[^\s\p{Cc}\p{L}\p{M}\p{N}])/gu
const WORD = /^[\p{L}\p{M}\p{N}]+$/u

/**
 * A value's tokens as keys: the token, after one space when white space preceded it (never for the first).
 *
 * @example textTokens('Patient tolerated it well.') // ['Patient', ' tolerated', ' it', ' well', '.']
 */
export function textTokens(value: string): string[] {
  const out: string[] = []
  for (const match of value.matchAll(TOKEN)) {
    const spaced = out.length > 0 && match[1] !== ''
    out.push(spaced ? ` ${match[2]!}` : match[2]!)
  }
  return out
}

/**
 * The words of a value, lower-cased, without punctuation: what the report counts as a value's tokens.
 *
 * @example textWords('Patient tolerated it well.') // ['patient', 'tolerated', 'it', 'well']
 */
export function textWords(value: string): string[] {
  return value.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? []
}

/** Whether a token key (its leading space aside) is a word rather than punctuation. */
export function isWordToken(token: string): boolean {
  // An ASCII token, as most are, is read without the Unicode regex: generating 1M rows called this millions of
  // times (bench/generate-mysql.ts). The answer is the regex's: ASCII letters and digits are its only ASCII words.
  let start = 0
  while (start < token.length && isAsciiSpace(token.charCodeAt(start))) start++
  let ascii = true
  let word = start < token.length
  for (let i = start; i < token.length && ascii; i++) {
    const c = token.charCodeAt(i)
    if (c >= 0x80) ascii = false
    else if (!isAsciiWordChar(c)) word = false
  }
  return ascii ? word : isWordOther(token)
}

/** The regex's answer for a token with a character past ASCII, each tested once (a vocabulary is a few thousand). */
function isWordOther(token: string): boolean {
  let word = WORD_TOKENS.get(token)
  if (word === undefined) {
    word = WORD.test(token.trimStart())
    if (WORD_TOKENS.size < 100_000) WORD_TOKENS.set(token, word)
  }
  return word
}

const WORD_TOKENS = new Map<string, boolean>()

/**
 * Appends a token to text built from tokens: the first loses its leading space, and a word right after a word
 * gets one even when its key has none, since two words written together would read as one new word.
 *
 * @example joinToken('Patient', 'tolerated') // 'Patient tolerated'
 */
export function joinToken(text: string, token: string): string {
  if (text === '') return token.trimStart()
  if (token.startsWith(' ')) return text + token
  return endsInWord(text) && isWordToken(token) ? `${text} ${token}` : text + token
}

/** Whether the text's last character (a surrogate pair counted as one) is a letter, mark or digit. */
function endsInWord(text: string): boolean {
  // An ASCII last character is a whole character (no half of a surrogate pair): no need to look further.
  const end = text.length
  const code = end === 0 ? 0x20 : text.charCodeAt(end - 1)
  if (code < 0x80) return isAsciiWordChar(code)
  const pair = end >= 2 && isLowSurrogate(code) && isHighSurrogate(text.charCodeAt(end - 2))
  return WORD_CHARACTER.test(text.slice(pair ? -2 : -1))
}

const WORD_CHARACTER = /[\p{L}\p{M}\p{N}]/u
const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff

/** ASCII letters and digits: the only ASCII characters in \p{L}, \p{M} and \p{N}. */
function isAsciiWordChar(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)
}

/** The ASCII characters trimStart removes: tab, line feed, vertical tab, form feed, carriage return, space. */
function isAsciiSpace(code: number): boolean {
  return (code >= 0x09 && code <= 0x0d) || code === 0x20
}
