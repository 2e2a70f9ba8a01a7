import type { CheckExpression, Literal, Operand } from './check-expression.js'

/**
 * SQL's three values, and `undefined` where the expression has a part this module cannot compute. The engines
 * reject a row only when its CHECK is false, so `null` and `undefined` both let it through here.
 */
export type CheckResult = boolean | null | undefined

/** A cell's value as generation and subset hold it: numbers, booleans, text (dates and decimals as text), NULL. */
export type CheckValue = string | number | boolean | null | undefined | object

/**
 * Evaluates a parsed CHECK on one row, as the engines do, with comparisons between text and numbers made as numbers
 * and between date or timestamp texts made as instants.
 *
 * @example evaluateCheck(parseCheck('(quantity >= 1)', 'postgres'), (c) => ({ quantity: 0 })[c]) // false
 */
export function evaluateCheck(
  expression: CheckExpression,
  value: (column: string) => CheckValue,
): CheckResult {
  switch (expression.kind) {
    case 'and':
      return allOf(expression.items, value)
    case 'or':
      return anyOf(expression.items, value)
    case 'not': {
      const r = evaluateCheck(expression.item, value)
      return typeof r === 'boolean' ? !r : r
    }
    case 'opaque':
      return undefined
    case 'truth': {
      const v = operandValue(expression.operand, value)
      return v === undefined || v === null ? v : truthy(v)
    }
    case 'is': {
      const v = operandValue(expression.operand, value)
      if (v === undefined) return undefined
      const holds =
        expression.test === 'null' ? v === null : v !== null && truthy(v) === (expression.test === 'true')
      return expression.negated ? !holds : holds
    }
    case 'compare':
      return comparison(expression, value)
    case 'in':
      return membership(expression, value)
    case 'between':
      return betweenness(expression, value)
    case 'match':
      return patternMatch(expression, value)
  }
}

type Of<K extends CheckExpression['kind']> = Extract<CheckExpression, { kind: K }>

/** AND as SQL has it: false if any item is, else unknown (null) if any item is, else true. */
function allOf(items: readonly CheckExpression[], value: (column: string) => CheckValue): CheckResult {
  let result: CheckResult = true
  for (const item of items) {
    const r = evaluateCheck(item, value)
    if (r === false) return false
    if (r === undefined) result = undefined
    else if (r === null && result === true) result = null
  }
  return result
}

/** OR as SQL has it: true if any item is, else unknown (null) if any item is, else false. */
function anyOf(items: readonly CheckExpression[], value: (column: string) => CheckValue): CheckResult {
  let result: CheckResult = false
  for (const item of items) {
    const r = evaluateCheck(item, value)
    if (r === true) return true
    if (r === undefined) result = undefined
    else if (r === null && result === false) result = null
  }
  return result
}

function comparison(expression: Of<'compare'>, value: (column: string) => CheckValue): CheckResult {
  const a = operandValue(expression.left, value)
  const b = operandValue(expression.right, value)
  if (a === undefined || b === undefined) return undefined
  if (a === null || b === null) return null
  const c = compareValues(a, b)
  switch (expression.op) {
    case '<':
      return c < 0
    case '<=':
      return c <= 0
    case '>':
      return c > 0
    case '>=':
      return c >= 0
    case '=':
      return c === 0
    case '<>':
      return c !== 0
  }
  return undefined
}

/** IN as SQL has it: a NULL in the list makes a value not found unknown, not false. */
function membership(expression: Of<'in'>, value: (column: string) => CheckValue): CheckResult {
  const v = operandValue(expression.operand, value)
  if (v === undefined || v === null) return v
  let result: CheckResult = false
  for (const literal of expression.values) {
    if (literal === null) result = null
    else if (compareValues(v, literal) === 0) {
      result = true
      break
    }
  }
  return expression.negated && typeof result === 'boolean' ? !result : result
}

function betweenness(expression: Of<'between'>, value: (column: string) => CheckValue): CheckResult {
  const v = operandValue(expression.operand, value)
  const low = operandValue(expression.low, value)
  const high = operandValue(expression.high, value)
  if (v === undefined || low === undefined || high === undefined) return undefined
  if (v === null || low === null || high === null) return null
  const holds = compareValues(v, low) >= 0 && compareValues(v, high) <= 0
  return expression.negated ? !holds : holds
}

function patternMatch(expression: Of<'match'>, value: (column: string) => CheckValue): CheckResult {
  const v = operandValue(expression.operand, value)
  if (v === undefined || v === null) return v
  const regex = checkRegex(expression.pattern, expression.caseInsensitive)
  if (regex === null) return undefined
  const holds = regex.test(String(v))
  return expression.negated ? !holds : holds
}

function operandValue(operand: Operand, value: (column: string) => CheckValue): Literal | undefined {
  switch (operand.kind) {
    case 'literal':
      return operand.value
    case 'opaque':
      return undefined
    case 'column':
      return plain(value(operand.name))
    case 'length': {
      const v = plain(value(operand.column))
      return v === undefined || v === null ? v : [...String(v)].length
    }
  }
}

function plain(v: CheckValue): Literal | undefined {
  if (v === undefined) return undefined
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v
  // Dates, buffers and JSON: nothing a CHECK this module reads compares them.
  return undefined
}

function truthy(v: Exclude<Literal, null>): boolean {
  return v === true || v === 1 || v === 't' || v === 'true' || v === '1'
}

const NUMBER = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/
const INSTANT = /^(\d{4,})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d(?:\.\d+)?))?)?/

/** Orders two non-null values: as numbers, instants, booleans or text, in that order of preference. */
export function compareValues(a: Exclude<Literal, null>, b: Exclude<Literal, null>): number {
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(truthy(a)) - Number(truthy(b))
  const numeric = (v: string | number) => (typeof v === 'number' ? v : NUMBER.test(v) ? Number(v) : null)
  const x = numeric(a)
  const y = numeric(b)
  // Two texts compare as text, as in the engines: '10' < '9'. Callers hand number columns over as numbers.
  if (x !== null && y !== null && (typeof a === 'number' || typeof b === 'number')) return x - y
  const p = instant(String(a))
  const q = instant(String(b))
  if (p !== null && q !== null) return p - q
  const s = String(a)
  const t = String(b)
  return s < t ? -1 : s > t ? 1 : 0
}

/** Seconds of a `YYYY-MM-DD[ HH:MM[:SS]]` text read as UTC, its zone ignored (the engines compare naive values). */
function instant(text: string): number | null {
  const m = INSTANT.exec(text)
  if (m === null) return null
  const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 1000
  return day + Number(m[4] ?? 0) * 3600 + Number(m[5] ?? 0) * 60 + Number(m[6] ?? 0)
}

const regexes = new Map<string, RegExp | null>()

const POSIX_CLASSES: Record<string, string> = {
  digit: '0-9',
  alpha: 'A-Za-z',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: '\\s',
  xdigit: '0-9A-Fa-f',
  punct: '!-\\/:-@\\[-`{-~',
}

/**
 * A CHECK's regular expression as a JavaScript one: POSIX classes (`[[:digit:]]`) spelled out; null when JavaScript
 * reads it differently or not at all (back-references, PostgreSQL's `\m`).
 */
export function checkRegex(pattern: string, caseInsensitive: boolean): RegExp | null {
  const key = `${caseInsensitive ? 'i' : 's'}${pattern}`
  if (regexes.has(key)) return regexes.get(key)!
  let regex: RegExp | null = null
  if (!/\\[mMyYAZ]|\\\d/.test(pattern)) {
    const source = pattern.replace(/\[:(\w+):\]/g, (whole, name: string) => POSIX_CLASSES[name] ?? whole)
    try {
      regex = new RegExp(source, caseInsensitive ? 'i' : '')
    } catch {
      regex = null
    }
  }
  regexes.set(key, regex)
  return regex
}
