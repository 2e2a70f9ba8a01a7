/**
 * CHECK expressions, as PostgreSQL's pg_get_constraintdef and MySQL/MariaDB's CHECK_CLAUSE print them, read into a
 * small typed form that generation can use as bounds and evaluate on a row. What it cannot read becomes an
 * `opaque` node inside the tree, so `(name <> '') AND controlled_for_whitespace(name)` still yields its first half.
 */

export type CheckExpression =
  | { kind: 'and' | 'or'; items: CheckExpression[] }
  | { kind: 'not'; item: CheckExpression }
  | { kind: 'compare'; op: CompareOp; left: Operand; right: Operand }
  | { kind: 'in'; operand: Operand; values: Literal[]; negated: boolean }
  | { kind: 'between'; operand: Operand; low: Operand; high: Operand; negated: boolean }
  | { kind: 'is'; operand: Operand; test: 'null' | 'true' | 'false'; negated: boolean }
  | { kind: 'match'; operand: Operand; pattern: string; negated: boolean; caseInsensitive: boolean }
  /** A bare boolean column (`CHECK (active)`). */
  | { kind: 'truth'; operand: Operand }
  | { kind: 'opaque'; text: string }

export type CompareOp = '<' | '<=' | '>' | '>=' | '=' | '<>'

export type Literal = string | number | boolean | null

export type Operand =
  | { kind: 'column'; name: string }
  | { kind: 'literal'; value: Literal }
  /** Characters of a column's text: length(), char_length(), character_length(). */
  | { kind: 'length'; column: string }
  /** A value this module cannot compute (a function call, arithmetic): comparisons on it are opaque. */
  | { kind: 'opaque' }

/** The dialect family whose printed form is read: MySQL quotes names with backticks and matches case-blind. */
export type CheckFamily = 'postgres' | 'mysql'

/**
 * Parses one CHECK expression; never throws. Text it cannot tokenize at all becomes a single `opaque` node.
 *
 * @example
 * parseCheck("((rating >= 1) AND (rating <= 5))", 'postgres')
 * // { kind: 'and', items: [{ kind: 'compare', op: '>=', … }, { kind: 'compare', op: '<=', … }] }
 */
export function parseCheck(text: string, family: CheckFamily): CheckExpression {
  const tokens = tokenize(text, family)
  if (tokens === null) return { kind: 'opaque', text }
  try {
    const parser = new Parser(tokens)
    const expression = parser.expression()
    return parser.done() ? expression : { kind: 'opaque', text }
  } catch {
    return { kind: 'opaque', text }
  }
}

/** Whether a parsed expression has no opaque part: every row can be decided by {@link evaluateCheck}. */
export function isFullyParsed(expression: CheckExpression): boolean {
  switch (expression.kind) {
    case 'and':
    case 'or':
      return expression.items.every(isFullyParsed)
    case 'not':
      return isFullyParsed(expression.item)
    case 'opaque':
      return false
    case 'compare':
      return expression.left.kind !== 'opaque' && expression.right.kind !== 'opaque'
    case 'between':
      return [expression.operand, expression.low, expression.high].every((o) => o.kind !== 'opaque')
    default:
      return expression.operand.kind !== 'opaque'
  }
}

/** The columns an expression reads. */
export function checkColumns(expression: CheckExpression): string[] {
  const names = new Set<string>()
  const operand = (o: Operand) => {
    if (o.kind === 'column') names.add(o.name)
    if (o.kind === 'length') names.add(o.column)
  }
  const visit = (e: CheckExpression): void => {
    switch (e.kind) {
      case 'and':
      case 'or':
        return e.items.forEach(visit)
      case 'not':
        return visit(e.item)
      case 'opaque':
        return
      case 'compare':
        return [e.left, e.right].forEach(operand)
      case 'between':
        return [e.operand, e.low, e.high].forEach(operand)
      default:
        return operand(e.operand)
    }
  }
  visit(expression)
  return [...names]
}

export type Token =
  | { kind: 'name'; text: string; quoted: boolean }
  | { kind: 'string'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'symbol'; text: string }

const SYMBOLS = ['::', '<=', '>=', '<>', '!=', '!~*', '!~', '~*', '(', ')', '[', ']', ',', '<', '>', '=', '~']

/** The expression's tokens, or null when it holds a character no expression here uses. */
export function tokenize(text: string, family: CheckFamily): Token[] | null {
  const tokens: Token[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i]!
    if (/\s/.test(c)) {
      i++
      continue
    }
    if (c === "'") {
      // PostgreSQL doubles a quote inside a string; MariaDB prints a backslash before it.
      let value = ''
      i++
      for (;;) {
        if (i >= text.length) return null
        const d = text[i]!
        if (d === '\\' && family === 'mysql') {
          value += text[i + 1] ?? ''
          i += 2
        } else if (d === "'" && text[i + 1] === "'") {
          value += "'"
          i += 2
        } else if (d === "'") {
          i++
          break
        } else {
          value += d
          i++
        }
      }
      tokens.push({ kind: 'string', text: value })
      continue
    }
    if (c === '"' || c === '`') {
      const end = text.indexOf(c, i + 1)
      if (end < 0) return null
      tokens.push({ kind: 'name', text: text.slice(i + 1, end), quoted: true })
      i = end + 1
      continue
    }
    const number = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i))
    if (number !== null) {
      tokens.push({ kind: 'number', value: Number(number[0]) })
      i += number[0].length
      continue
    }
    const word = /^[\p{L}_][\p{L}\p{N}_$]*/u.exec(text.slice(i))
    if (word !== null) {
      tokens.push({ kind: 'name', text: word[0], quoted: false })
      i += word[0].length
      continue
    }
    const symbol = SYMBOLS.find((s) => text.startsWith(s, i))
    if (symbol !== undefined) {
      tokens.push({ kind: 'symbol', text: symbol === '!=' ? '<>' : symbol })
      i += symbol.length
      continue
    }
    // A minus sign before a number is part of the literal; anywhere else it is arithmetic, which stays opaque.
    if (c === '-' || c === '+' || c === '*' || c === '/' || c === '%' || c === '|' || c === '.') {
      tokens.push({ kind: 'symbol', text: c })
      i++
      continue
    }
    return null
  }
  return tokens
}

const LENGTH_FUNCTIONS = new Set(['length', 'char_length', 'character_length'])
/** Words that may continue a type name after `::` (`character varying`, `timestamp without time zone`). */
const TYPE_WORDS = new Set(['varying', 'precision', 'without', 'with', 'time', 'zone'])
const COMPARE_OPS = new Set(['<', '<=', '>', '>=', '=', '<>'])

class Parser {
  private at = 0

  constructor(private readonly tokens: Token[]) {}

  done(): boolean {
    return this.at === this.tokens.length
  }

  expression(): CheckExpression {
    const items = [this.conjunction()]
    while (this.keyword('or')) items.push(this.conjunction())
    return items.length === 1 ? items[0]! : { kind: 'or', items: flatten('or', items) }
  }

  private conjunction(): CheckExpression {
    const items = [this.negation()]
    while (this.keyword('and')) items.push(this.negation())
    return items.length === 1 ? items[0]! : { kind: 'and', items: flatten('and', items) }
  }

  private negation(): CheckExpression {
    if (this.keyword('not')) return { kind: 'not', item: this.negation() }
    return this.predicate()
  }

  private predicate(): CheckExpression {
    // A parenthesized boolean, unless it turns out to be an operand (`(a)::text = …`).
    if (this.peekSymbol('(')) {
      const start = this.at
      this.at++
      try {
        const inner = this.expression()
        if (this.symbol(')') && !this.startsOperandTail()) return inner
      } catch {
        // Not a boolean in parentheses: read it again as an operand.
      }
      this.at = start
    }
    const left = this.operand()
    return this.predicateTail(left)
  }

  /** After `( … )`: a cast, comparison or other operator means the parentheses held an operand. */
  private startsOperandTail(): boolean {
    const t = this.tokens[this.at]
    if (t === undefined) return false
    if (t.kind === 'symbol') return t.text !== ')' && t.text !== ','
    return (
      t.kind === 'name' && !t.quoted && ['is', 'in', 'between', 'regexp', 'rlike', 'like'].includes(lower(t))
    )
  }

  private predicateTail(left: Operand): CheckExpression {
    const t = this.tokens[this.at]
    if (t === undefined || (t.kind === 'symbol' && t.text === ')')) return { kind: 'truth', operand: left }
    if (t.kind === 'symbol' && COMPARE_OPS.has(t.text)) {
      this.at++
      const op = t.text as CompareOp
      if (this.keyword('any')) return this.anyArray(left, op, 'any')
      if (this.keyword('all')) return this.anyArray(left, op, 'all')
      const right = this.operand()
      return { kind: 'compare', op, left, right }
    }
    if (t.kind === 'symbol' && ['~', '~*', '!~', '!~*'].includes(t.text)) {
      this.at++
      return this.match(left, t.text.startsWith('!'), t.text.endsWith('*'))
    }
    if (this.keyword('is')) {
      const negated = this.keyword('not')
      const test = this.keyword('null')
        ? 'null'
        : this.keyword('true')
          ? 'true'
          : this.keyword('false')
            ? 'false'
            : null
      if (test === null) throw new Error('IS what')
      return { kind: 'is', operand: left, test, negated }
    }
    const negated = this.keyword('not')
    if (this.keyword('in')) {
      this.expect('(')
      const values: Literal[] = []
      do values.push(this.literal())
      while (this.symbol(','))
      this.expect(')')
      return { kind: 'in', operand: left, values, negated }
    }
    if (this.keyword('between')) {
      const low = this.operand()
      if (!this.keyword('and')) throw new Error('BETWEEN without AND')
      const high = this.operand()
      return { kind: 'between', operand: left, low, high, negated }
    }
    // MySQL matches case-blind under the usual _ci collations; PostgreSQL's ~ is case-sensitive, ~* is not.
    if (this.keyword('regexp') || this.keyword('rlike')) return this.match(left, negated, true)
    if (negated) throw new Error('NOT what')
    return { kind: 'truth', operand: left }
  }

  private match(operand: Operand, negated: boolean, caseInsensitive: boolean): CheckExpression {
    const pattern = this.operand()
    if (pattern.kind !== 'literal' || typeof pattern.value !== 'string')
      return { kind: 'opaque', text: 'regular expression' }
    return { kind: 'match', operand, pattern: pattern.value, negated, caseInsensitive }
  }

  /** `x = ANY (ARRAY[…])`, `x <> ALL (ARRAY[…])` and `(x)::text = ANY ((ARRAY[…])::text[])`: an IN list as PostgreSQL prints it. */
  private anyArray(left: Operand, op: CompareOp, quantifier: 'any' | 'all'): CheckExpression {
    this.expect('(')
    let depth = 0
    while (this.symbol('(')) depth++
    if (!this.keyword('array')) throw new Error('ANY of what')
    this.expect('[')
    const values: Literal[] = []
    do values.push(this.literal())
    while (this.symbol(','))
    this.expect(']')
    for (; depth > 0; depth--) {
      this.expect(')')
      this.cast()
    }
    this.expect(')')
    if (op === '=' && quantifier === 'any') return { kind: 'in', operand: left, values, negated: false }
    if (op === '<>' && quantifier === 'all') return { kind: 'in', operand: left, values, negated: true }
    return { kind: 'opaque', text: `${op} ${quantifier.toUpperCase()}` }
  }

  private literal(): Literal {
    const o = this.operand()
    if (o.kind !== 'literal') throw new Error('not a literal')
    return o.value
  }

  /** A column, a literal or something opaque, with any casts after it dropped. */
  private operand(): Operand {
    let result = this.primary()
    while (this.cast()) result = castOperand(result, this.lastCast)
    // Arithmetic and concatenation: the operand is no longer something this module computes.
    while (this.peekArithmetic()) {
      this.at++
      this.primary()
      while (this.cast());
      result = { kind: 'opaque' }
    }
    return result
  }

  private peekArithmetic(): boolean {
    const t = this.tokens[this.at]
    return t?.kind === 'symbol' && ['+', '-', '*', '/', '%', '|'].includes(t.text)
  }

  private lastCast = ''

  /** Skips a `::type` cast, remembering the type's first word. */
  private cast(): boolean {
    if (!this.symbol('::')) return false
    const t = this.next()
    if (t?.kind !== 'name') throw new Error('cast to what')
    this.lastCast = t.text.toLowerCase()
    while (true) {
      const n = this.tokens[this.at]
      if (n?.kind === 'name' && !n.quoted && TYPE_WORDS.has(lower(n))) this.at++
      else if (n?.kind === 'symbol' && n.text === '(' && this.tokens[this.at + 2]?.kind === 'symbol') {
        // A type modifier: `(10)` or `(10,2)`.
        const close = this.tokens.findIndex((x, i) => i > this.at && x.kind === 'symbol' && x.text === ')')
        if (close < 0) throw new Error('unclosed type modifier')
        this.at = close + 1
      } else if (n?.kind === 'symbol' && n.text === '[' && this.tokens[this.at + 1]?.kind === 'symbol') {
        this.at += 2
      } else break
    }
    return true
  }

  private primary(): Operand {
    const t = this.next()
    if (t === undefined) throw new Error('unexpected end')
    if (t.kind === 'number') return { kind: 'literal', value: t.value }
    if (t.kind === 'string') return { kind: 'literal', value: t.text }
    if (t.kind === 'symbol') {
      if (t.text === '-' || t.text === '+') {
        const n = this.next()
        if (n?.kind !== 'number') throw new Error('sign of what')
        return { kind: 'literal', value: t.text === '-' ? -n.value : n.value }
      }
      if (t.text === '(') {
        // A parenthesized operand: `(name)::text`, or a boolean used as a value, which stays opaque.
        const start = this.at
        const inner = this.operand()
        if (this.symbol(')')) return inner
        this.at = start
        this.skipTo(')')
        return { kind: 'opaque' }
      }
      throw new Error(`unexpected ${t.text}`)
    }
    const word = lower(t)
    if (!t.quoted && word === 'null') return { kind: 'literal', value: null }
    if (!t.quoted && (word === 'true' || word === 'false')) return { kind: 'literal', value: word === 'true' }
    if (this.peekSymbol('(')) {
      this.at++
      if (!t.quoted && LENGTH_FUNCTIONS.has(word)) {
        const inner = this.operand()
        if (inner.kind === 'column' && this.symbol(')')) return { kind: 'length', column: inner.name }
      }
      this.skipTo(')')
      return { kind: 'opaque' }
    }
    // PostgreSQL's domain checks name the value VALUE; the caller substitutes the column for it.
    return { kind: 'column', name: t.text }
  }

  /** Moves past the parenthesis that closes the one just opened. */
  private skipTo(close: ')'): void {
    let depth = 1
    while (depth > 0) {
      const t = this.next()
      if (t === undefined) throw new Error('unclosed parenthesis')
      if (t.kind === 'symbol' && t.text === '(') depth++
      if (t.kind === 'symbol' && t.text === close) depth--
    }
  }

  private next(): Token | undefined {
    return this.tokens[this.at++]
  }

  private peekSymbol(text: string): boolean {
    const t = this.tokens[this.at]
    return t?.kind === 'symbol' && t.text === text
  }

  private symbol(text: string): boolean {
    if (!this.peekSymbol(text)) return false
    this.at++
    return true
  }

  private expect(text: string): void {
    if (!this.symbol(text)) throw new Error(`expected ${text}`)
  }

  private keyword(word: string): boolean {
    const t = this.tokens[this.at]
    if (t?.kind !== 'name' || t.quoted || lower(t) !== word) return false
    this.at++
    return true
  }
}

function lower(t: Token & { kind: 'name' }): string {
  return t.text.toLowerCase()
}

/** A literal cast to a number type becomes a number (`'-1'::integer`); other casts leave the operand as it is. */
function castOperand(operand: Operand, type: string): Operand {
  if (operand.kind !== 'literal' || typeof operand.value !== 'string') return operand
  const numeric = [
    'integer',
    'int',
    'int2',
    'int4',
    'int8',
    'smallint',
    'bigint',
    'numeric',
    'decimal',
    'real',
  ]
  if ((numeric.includes(type) || type === 'double') && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(operand.value))
    return { kind: 'literal', value: Number(operand.value) }
  return operand
}

function flatten(kind: 'and' | 'or', items: CheckExpression[]): CheckExpression[] {
  return items.flatMap((i) => (i.kind === kind ? i.items : [i]))
}
