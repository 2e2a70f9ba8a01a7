import { untrustedCall } from '../schema/untrusted-calls.js'
import { tokenize, type Token } from '../schema/check-expression.js'
import { rootConditionProblem } from '../schema/root-condition.js'

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
  // A derive runs as an UPDATE on the twin, where MariaDB too runs load_file: only plain built-ins are called.
  const call = untrustedCall(text, MYSQL_FUNCTIONS)
  if (call !== null)
    return `a call of ${call}(): a rule calls plain built-ins only (lower, coalesce, date_trunc…)`
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

/** MySQL's and MariaDB's plain built-ins a rule may call beside PostgreSQL's (see untrustedCall). */
const MYSQL_FUNCTIONS = new Set(
  [
    'if ifnull isnull datediff date_add date_sub adddate subdate timestampdiff timestampadd date_format',
    'str_to_date curdate curtime sysdate unix_timestamp from_unixtime year month day dayofweek dayofmonth',
    'dayofyear week hour minute second quarter last_day ucase lcase locate instr mid char_length truncate',
    'json_extract json_unquote json_value json_length json_type json_valid',
  ].flatMap((line) => line.split(' ')),
)
