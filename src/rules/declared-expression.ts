import { tokenize, type Token } from '../schema/check-expression.js'
import { rootConditionProblem } from '../subset/root-condition.js'

/**
 * Why a declared rule's SQL text (a `derive` expression or a `check`) is not one plain expression over its own
 * table's columns, or null when it is. The text comes from a rule file, which is untrusted input: it is read by the
 * root-condition checker under both engines' lexing (no `;`, comment, statement word or side-effecting function
 * whichever engine runs it), then token by token, refusing a subquery and a qualified name, and every name that is
 * not a keyword, a function called, a type after `::` or `as`, must be one of `columns`.
 *
 * @example declaredExpressionProblem('amount >= 0', ['amount']) // null
 * @example declaredExpressionProblem('1; drop table x', ['amount']) // '";" (character 2)'
 */
export function declaredExpressionProblem(text: string, columns: readonly string[] | null): string | null {
  if (text.trim() === '') return 'the expression is empty'
  const unsafe = rootConditionProblem(text, 'postgres') ?? rootConditionProblem(text, 'mysql')
  if (unsafe !== null) return unsafe
  const tokens = tokenize(text, 'postgres')
  if (tokens === null) return 'it holds a character no expression uses'
  for (const [i, token] of tokens.entries()) {
    if (token.kind !== 'name') continue
    const before = tokens[i - 1]
    const after = tokens[i + 1]
    const lower = token.text.toLowerCase()
    if (!token.quoted && (lower === 'select' || lower === 'from'))
      return `a subquery ("${token.text}"): a rule reads only its own row`
    if (
      (before?.kind === 'symbol' && before.text === '.') ||
      (after?.kind === 'symbol' && after.text === '.')
    )
      return `the qualified name "${qualified(tokens, i)}": name the table's own columns alone`
    if (!token.quoted) {
      if (KEYWORDS.has(lower)) continue
      if (after?.kind === 'symbol' && after.text === '(') continue
      if (before?.kind === 'symbol' && before.text === '::') continue
      if (before?.kind === 'name' && !before.quoted && before.text.toLowerCase() === 'as') continue
      // A typed literal: date '2020-01-01', interval '1 day'.
      if (after?.kind === 'string') continue
    }
    if (columns !== null && !columns.includes(token.text) && !(!token.quoted && columns.includes(lower)))
      return `"${token.text}" is not a column of the table; its columns: ${columns.join(', ')}`
  }
  return null
}

/** The dotted name a token is part of, as written without quotes: `other.value`. */
function qualified(tokens: readonly Token[], at: number): string {
  let start = at
  while (tokens[start - 1]?.kind === 'symbol' && tokens[start - 2]?.kind === 'name') start -= 2
  const parts: string[] = []
  for (let i = start; tokens[i]?.kind === 'name'; i += 2) {
    parts.push((tokens[i] as { text: string }).text)
    const dot = tokens[i + 1]
    if (dot?.kind !== 'symbol' || dot.text !== '.') break
  }
  return parts.join('.')
}

/** Words of an expression that are not names: operators, CASE, literals, and the parts of CAST and type names. */
const KEYWORDS = new Set([
  'and',
  'or',
  'not',
  'is',
  'null',
  'true',
  'false',
  'unknown',
  'in',
  'between',
  'symmetric',
  'like',
  'ilike',
  'similar',
  'to',
  'escape',
  'regexp',
  'rlike',
  'case',
  'when',
  'then',
  'else',
  'end',
  'as',
  'distinct',
  'current_date',
  'current_time',
  'current_timestamp',
  'localtime',
  'localtimestamp',
  'collate',
  'div',
  'mod',
  'precision',
  'varying',
  'with',
  'without',
  'time',
  'zone',
])

/**
 * The expression as the engine `family` must read it: every quoted name, written `"name"` or `` `name` ``, in that
 * engine's own quotes. The checker above reads both as names, so a MySQL target reading `"value"` as the text
 * 'value' (its default without ANSI_QUOTES) would run something other than what was checked; literals are copied
 * as they are. Only called on text declaredExpressionProblem accepted.
 *
 * @example expressionFor('"ref high" > 0', 'mysql') // '`ref high` > 0'
 */
export function expressionFor(text: string, family: 'postgres' | 'mysql'): string {
  const quote = family === 'mysql' ? '`' : '"'
  let out = ''
  for (let i = 0; i < text.length;) {
    const c = text[i]!
    if (c === "'") {
      let end = i + 1
      while (end < text.length) {
        if (text[end] === '\\') end += 2
        else if (text[end] === "'" && text[end + 1] === "'") end += 2
        else if (text[end] === "'") break
        else end++
      }
      out += text.slice(i, end + 1)
      i = end + 1
    } else if (c === '"' || c === '`') {
      let name = ''
      let end = i + 1
      while (end < text.length) {
        if (text[end] === c && text[end + 1] === c) {
          name += c
          end += 2
        } else if (text[end] === c) break
        else name += text[end++]
      }
      out += quote + name.replaceAll(quote, quote + quote) + quote
      i = end + 1
    } else {
      out += c
      i++
    }
  }
  return out
}
