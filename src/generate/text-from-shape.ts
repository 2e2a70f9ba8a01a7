import { charClass } from '../model/text-profile.js'
import type { Random } from '../random/seeded-random.js'

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const LOWER = 'abcdefghijklmnopqrstuvwxyz'
const DIGITS = '0123456789'

/**
 * A string of a learned shape: `A{2}-9{4}` gives two capitals, a dash, four digits. A coarse run (`a+`) takes a
 * length that brings the whole string near `targetLength`. A learned `prefix` begins it where it fits the shape
 * drawn (see withPrefix).
 */
export function textFromShape(
  pattern: string,
  targetLength: number,
  random: Random,
  prefix: string | null = null,
): string {
  let tokens = TOKENS.get(pattern)
  if (tokens === undefined) TOKENS.set(pattern, (tokens = tokenize(pattern)))
  let open = 0
  let fixed = 0
  for (const t of tokens) {
    if (t.repeat === null) open++
    else fixed += t.repeat
  }
  const share = open === 0 ? 0 : Math.max(1, Math.round((targetLength - fixed) / open))
  // Character codes into one reused list, then one string: adding a character at a time copies the string each
  // time, and generation calls this for every value of a shaped column.
  CODES.length = 0
  for (const token of tokens) {
    const alphabet =
      token.symbol === 'A' ? UPPER : token.symbol === 'a' ? LOWER : token.symbol === '9' ? DIGITS : null
    const count = token.repeat ?? Math.max(1, share + random.int(-1, 1))
    for (let i = 0; i < count; i++) {
      if (alphabet === null) {
        for (let k = 0; k < token.symbol.length; k++) CODES.push(token.symbol.charCodeAt(k))
      } else CODES.push(alphabet.charCodeAt(random.int(0, alphabet.length - 1)))
    }
  }
  if (prefix !== null && !overlayAscii(prefix)) return withPrefix(codesText(), prefix)
  return codesText()
}

/**
 * Writes an ASCII prefix over the first codes where every character is of the class the code has there: true
 * when it is done or cannot be (a code too short, a class that differs), false for a prefix that is not ASCII.
 */
function overlayAscii(prefix: string): boolean {
  if (CODES.length <= prefix.length) return true
  for (let i = 0; i < prefix.length; i++) {
    const a = prefix.charCodeAt(i)
    if (a >= 128) return false
    if (asciiClass(a) !== asciiClass(CODES[i]!)) return true
  }
  for (let i = 0; i < prefix.length; i++) CODES[i] = prefix.charCodeAt(i)
  return true
}

function codesText(): string {
  // fromCharCode takes its codes as arguments, and an engine caps how many: long texts go in chunks.
  if (CODES.length <= CHUNK) return String.fromCharCode(...CODES)
  let out = ''
  for (let i = 0; i < CODES.length; i += CHUNK) out += String.fromCharCode(...CODES.slice(i, i + CHUNK))
  return out
}

/**
 * `text` begun with a learned prefix (`SKU-` over `QHZ-07113`), where every character of the prefix is of the class
 * the text has there (a capital over a capital, a digit over a digit, a literal over itself); else `text` as it
 * was, so the shape drawn stays the shape written.
 */
function withPrefix(text: string, prefix: string): string {
  // ASCII, nearly always, is compared code by code: generation calls this for every value of a prefixed column.
  let ascii = text.length > prefix.length
  for (let i = 0; ascii && i < prefix.length; i++) {
    const a = prefix.charCodeAt(i)
    const b = text.charCodeAt(i)
    if (a >= 128 || b >= 128) ascii = false
    else if (asciiClass(a) !== asciiClass(b)) return text
  }
  if (ascii) return prefix + text.slice(prefix.length)
  const head = [...text.slice(0, prefix.length * 2)]
  const chars = [...prefix]
  if (head.length <= chars.length) return text
  const classOf = (ch: string) => charClass(ch) ?? ch
  for (let i = 0; i < chars.length; i++) if (classOf(chars[i]!) !== classOf(head[i]!)) return text
  return prefix + head.slice(chars.length).join('') + text.slice(prefix.length * 2)
}

/** An ASCII code's class as a code: `A`, `a` or `9` for letters and digits, else the code itself. */
function asciiClass(c: number): number {
  return c >= 65 && c <= 90 ? 65 : c >= 97 && c <= 122 ? 97 : c >= 48 && c <= 57 ? 57 : c
}

const CHUNK = 4096

const CODES: number[] = []

/** Patterns come from a model's few shapes: each is parsed once. */
const TOKENS = new Map<string, Token[]>()

interface Token {
  symbol: string
  /** Fixed repeat count, or null for a coarse `+` run. */
  repeat: number | null
}

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = []
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!
    if (ch === '\\') {
      tokens.push({ symbol: pattern[++i] ?? '', repeat: 1 })
      continue
    }
    if (ch !== 'A' && ch !== 'a' && ch !== '9') {
      tokens.push({ symbol: ch, repeat: 1 })
      continue
    }
    const rest = pattern.slice(i + 1)
    const counted = /^\{(\d+)\}/.exec(rest)
    if (counted !== null) {
      tokens.push({ symbol: ch, repeat: Number(counted[1]) })
      i += counted[0].length
    } else if (rest.startsWith('+')) {
      tokens.push({ symbol: ch, repeat: null })
      i += 1
    } else {
      tokens.push({ symbol: ch, repeat: 1 })
    }
  }
  return tokens
}
