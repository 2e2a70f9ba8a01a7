import type { Random } from '../random/seeded-random.js'
import { checkRegex } from './check-evaluation.js'

/**
 * A text that matches a CHECK's regular expression, drawn from `random`: literals, escapes (`\d`, `\w`, `\s`),
 * classes with ranges, groups with alternatives and the quantifiers `? * + {n} {n,m}`. Null for anything else, or
 * when the text drawn does not match after all (a class subtracted by a lookahead, say).
 *
 * @example textFromPattern('^[0-9]{3}-[0-9]{2}-[0-9]{4}$', seededRandom(1)) // '804-17-2265'
 */
export function textFromPattern(pattern: string, random: Random, caseInsensitive = false): string | null {
  const regex = checkRegex(pattern, caseInsensitive)
  if (regex === null) return null
  let node: PatternNode
  try {
    const parser = new PatternParser(pattern.replace(/\[:(\w+):\]/g, (w, n: string) => POSIX[n] ?? w))
    node = parser.alternatives()
    if (!parser.done()) return null
  } catch {
    return null
  }
  const text = draw(node, random)
  return regex.test(text) ? text : null
}

type PatternNode =
  | { kind: 'chars'; chars: string }
  | { kind: 'sequence'; items: PatternNode[] }
  | { kind: 'choice'; options: PatternNode[] }
  | { kind: 'repeat'; item: PatternNode; min: number; max: number }

const POSIX: Record<string, string> = {
  digit: '0-9',
  alpha: 'A-Za-z',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' ',
  xdigit: '0-9A-Fa-f',
}
const DIGITS = '0123456789'
const WORD = `abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ${DIGITS}_`
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('')
/** How many times an open-ended quantifier (`*`, `+`, `{n,}`) repeats at most: short values, like most codes. */
const OPEN_REPEAT = 4

function draw(node: PatternNode, random: Random): string {
  switch (node.kind) {
    case 'chars':
      return node.chars[random.int(0, node.chars.length - 1)]!
    case 'sequence':
      return node.items.map((i) => draw(i, random)).join('')
    case 'choice':
      return draw(random.pick(node.options), random)
    case 'repeat': {
      const n = random.int(node.min, node.max)
      return Array.from({ length: n }, () => draw(node.item, random)).join('')
    }
  }
}

class PatternParser {
  private at = 0

  constructor(private readonly source: string) {}

  done(): boolean {
    return this.at === this.source.length
  }

  alternatives(): PatternNode {
    const options = [this.sequence()]
    while (this.source[this.at] === '|') {
      this.at++
      options.push(this.sequence())
    }
    return options.length === 1 ? options[0]! : { kind: 'choice', options }
  }

  private sequence(): PatternNode {
    const items: PatternNode[] = []
    while (this.at < this.source.length && this.source[this.at] !== '|' && this.source[this.at] !== ')') {
      const c = this.source[this.at]!
      // Anchors: every drawn text is the whole value.
      if (c === '^' || c === '$') {
        this.at++
        continue
      }
      items.push(this.quantified(this.atom()))
    }
    return { kind: 'sequence', items }
  }

  private atom(): PatternNode {
    const c = this.source[this.at++]!
    if (c === '(') {
      if (this.source[this.at] === '?') {
        if (this.source[this.at + 1] !== ':') throw new Error('lookaround')
        this.at += 2
      }
      const inner = this.alternatives()
      if (this.source[this.at++] !== ')') throw new Error('unclosed group')
      return inner
    }
    if (c === '[') return { kind: 'chars', chars: this.characterClass() }
    if (c === '\\') return { kind: 'chars', chars: this.escape() }
    if (c === '.') return { kind: 'chars', chars: WORD }
    if ('*+?{'.includes(c)) throw new Error('quantifier without atom')
    return { kind: 'chars', chars: c }
  }

  private escape(): string {
    const e = this.source[this.at++]
    if (e === undefined) throw new Error('trailing backslash')
    if (e === 'd') return DIGITS
    if (e === 'w') return WORD
    if (e === 's') return ' '
    if (/[A-Za-z0-9]/.test(e)) throw new Error(`escape \\${e}`)
    return e
  }

  private characterClass(): string {
    const negated = this.source[this.at] === '^'
    if (negated) this.at++
    let chars = ''
    let first = true
    while (first || this.source[this.at] !== ']') {
      first = false
      if (this.at >= this.source.length) throw new Error('unclosed class')
      let c = this.source[this.at++]!
      if (c === '\\') {
        const set = this.escape()
        if (set.length > 1) {
          chars += set
          continue
        }
        c = set
      }
      if (
        this.source[this.at] === '-' &&
        this.source[this.at + 1] !== ']' &&
        this.at + 1 < this.source.length
      ) {
        this.at++
        let end = this.source[this.at++]!
        if (end === '\\') end = this.escape()
        for (let code = c.charCodeAt(0); code <= end.charCodeAt(0); code++) chars += String.fromCharCode(code)
      } else chars += c
    }
    this.at++
    if (negated) chars = [...PRINTABLE].filter((ch) => !chars.includes(ch)).join('')
    if (chars.length === 0) throw new Error('empty class')
    return chars
  }

  private quantified(item: PatternNode): PatternNode {
    const c = this.source[this.at]
    if (c === '?' || c === '*' || c === '+') {
      this.at++
      const min = c === '+' ? 1 : 0
      return { kind: 'repeat', item, min, max: c === '?' ? 1 : min + OPEN_REPEAT }
    }
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.at))
      if (m === null) return item
      this.at += m[0].length
      const min = Number(m[1])
      const max = m[2] === undefined ? min : m[3] === '' ? min + OPEN_REPEAT : Number(m[3])
      return { kind: 'repeat', item, min, max }
    }
    return item
  }
}
