import type { DialectName } from './schema.js'

/**
 * Why a root condition is not one plain boolean expression, or null when it is. A root condition is SQL the user
 * writes (`--root "public.customer where store_id = 1"`), sent as `where (<condition>)`; before this check, text
 * such as `1=1; commit; create table …` ran as statements of its own and wrote to the source (issue 14).
 *
 * Hand-written rather than a SQL parser: parsers that cover both engines (node-sql-parser) refuse conditions both
 * engines run, such as casts `::date`, `~` regexes and `interval '1 day'`. This lexer only has to know where
 * literals, quoted names and comments begin and end, and then refuses, outside literals and quoted names:
 * `;`, comments, parentheses that do not balance (one could close the wrapping parenthesis), statement and
 * transaction keywords, row-locking clauses and functions with side effects. It is one layer of three: PostgreSQL
 * queries go over the extended protocol and MySQL connections refuse multiple statements, so a second statement
 * cannot run anyway, and the source is read in a read-only transaction.
 *
 * @example rootConditionProblem("customer_id in (select customer_id from rental where rental_date > '2005-06-01')", 'postgres') // null
 * @example rootConditionProblem('1=1; commit', 'postgres') // '";" (character 4)'
 */
export function rootConditionProblem(condition: string, dialect: DialectName): string | null {
  const mysql = dialect === 'mysql'
  let depth = 0
  let previous: Word | null = null
  for (let i = 0; i < condition.length;) {
    const c = condition[i]!
    if (/\s/.test(c)) {
      i++
      continue
    }
    const token = tokenAt(condition, i, mysql, previous)
    if (token !== null) {
      if ('problem' in token) return `${token.problem} (character ${i + 1})`
      previous = token.word
      i = token.end
      continue
    }
    if (c === '(') {
      if (previous !== null && sideEffecting(previous.text))
        return `the function ${previous.text}() (character ${previous.start + 1})`
      depth++
    } else if (c === ')') {
      depth--
      if (depth < 0) return `")" without its "(" (character ${i + 1})`
    }
    previous = null
    i++
  }
  return depth > 0 ? `"(" left open (${depth} more "(" than ")")` : null
}

/**
 * What starts at `i` (not a space): a problem, or a token read whole (its end, and the word it is, for a call or a
 * locking clause after it), or null for one character of punctuation.
 */
type Token = { problem: string } | { end: number; word: Word | null } | null

function tokenAt(condition: string, i: number, mysql: boolean, previous: Word | null): Token {
  const c = condition[i]!
  const next = condition[i + 1]
  if (c === ';') return { problem: '";"' }
  if ((c === '-' && next === '-') || (c === '/' && next === '*') || (mysql && c === '#'))
    return { problem: `the comment "${c === '#' ? '#' : c + next}"` }
  if (c === "'" || (mysql && c === '"')) return literal(condition, i, c)
  if (c === '"' || (mysql && c === '`')) return quotedName(condition, i, c)
  if (!mysql && c === '$') {
    const tag = /^\$(?:[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/.exec(condition.slice(i))?.[0]
    if (tag !== undefined) {
      const close = condition.indexOf(tag, i + tag.length)
      if (close < 0) return { problem: `the literal ${tag} left open` }
      return { end: close + tag.length, word: null }
    }
  }
  // A number is read whole, so a word glued to it (MySQL's `1e5into outfile …`) is checked as a word.
  const number = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(condition.slice(i))?.[0]
  if (number !== undefined) return { end: i + number.length, word: null }
  const word = /^[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*/.exec(condition.slice(i))?.[0]
  if (word === undefined) return null
  const lower = word.toLowerCase()
  if (previous?.text === 'for' && !previous.quoted && LOCKING.has(lower))
    return { problem: `the locking clause "for ${word}"` }
  // A keyword that is also a harmless function (replace(), MySQL's insert()) is allowed as a call.
  const call = /^\s*\(/.test(condition.slice(i + word.length))
  if (STATEMENT_WORDS.has(lower) && !(call && FUNCTIONS_TOO.has(lower)))
    return { problem: `"${word}", which belongs to a statement rather than a condition` }
  return { end: i + word.length, word: { text: lower, quoted: false, start: i } }
}

function literal(condition: string, i: number, quote: string): Token {
  // A backslash before a quote ends the literal or not depending on settings the server may have (MySQL's
  // NO_BACKSLASH_ESCAPES, PostgreSQL's standard_conforming_strings), so it is refused: '' writes a quote in
  // either engine. Every other backslash pair is skipped, which reads the literal's end the same either way.
  const end = quotedEnd(condition, i, quote, true)
  if (end === 'escaped quote')
    return { problem: `the escaped quote in a literal (write ${quote}${quote} instead)` }
  if (end === null) return { problem: `the literal left open` }
  // MySQL reads "…" as a name under ANSI_QUOTES: a call through it is checked like one.
  const word =
    quote === '"' ? { text: condition.slice(i + 1, end - 1).toLowerCase(), quoted: true, start: i } : null
  return { end, word }
}

function quotedName(condition: string, i: number, quote: string): Token {
  const end = quotedEnd(condition, i, quote, false)
  if (end === null || end === 'escaped quote') return { problem: 'the quoted name left open' }
  const text = condition
    .slice(i + 1, end - 1)
    .replaceAll(quote + quote, quote)
    .toLowerCase()
  return { end, word: { text, quoted: true, start: i } }
}

interface Word {
  text: string
  quoted: boolean
  start: number
}

/**
 * Where a quoted text starting at `start` ends (the index after its closing quote), with the quote doubled inside
 * it; null when it never closes. With `backslashes`, a backslash escapes the next character, and a quote escaped
 * that way is reported.
 */
function quotedEnd(
  text: string,
  start: number,
  quote: string,
  backslashes: boolean,
): number | 'escaped quote' | null {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]
    if (backslashes && c === '\\') {
      if (text[i + 1] === quote) return 'escaped quote'
      i++
    } else if (c === quote) {
      if (text[i + 1] !== quote) return i + 1
      i++
    }
  }
  return null
}

/** Words that start, end or shape a statement, or make a query write or wait; never part of a plain condition. */
const STATEMENT_WORDS = new Set([
  'into',
  'outfile',
  'dumpfile',
  'insert',
  'update',
  'delete',
  'merge',
  'upsert',
  'replace',
  'create',
  'drop',
  'alter',
  'truncate',
  'grant',
  'revoke',
  'commit',
  'rollback',
  'begin',
  'start',
  'savepoint',
  'release',
  'set',
  'reset',
  'call',
  'do',
  'execute',
  'prepare',
  'deallocate',
  'lock',
  'unlock',
  'copy',
  'load',
  'handler',
  'vacuum',
  'analyze',
  'listen',
  'notify',
])

const FUNCTIONS_TOO = new Set(['replace', 'insert'])

/** What follows FOR in a row-locking clause (FOR SHARE, FOR KEY SHARE; FOR [NO KEY] UPDATE meets UPDATE first). */
const LOCKING = new Set(['share', 'key', 'no', 'update'])

/**
 * Functions that read files, write, wait, lock, signal other sessions, change settings, or run SQL text of their
 * own (query_to_xml, dblink): reading rows needs none of them.
 */
const SIDE_EFFECT_PREFIXES = [
  'pg_read_',
  'pg_ls_',
  'pg_stat_file',
  'pg_file_',
  'pg_sleep',
  'pg_advisory',
  'pg_try_advisory',
  'pg_terminate_backend',
  'pg_cancel_backend',
  'pg_reload_conf',
  'pg_rotate_logfile',
  'pg_notify',
  'pg_logical_emit_message',
  'lo_',
  'dblink',
  'query_to_xml',
  'cursor_to_xml',
]
const SIDE_EFFECT_FUNCTIONS = new Set([
  'lowrite',
  'set_config',
  'nextval',
  'setval',
  'sleep',
  'benchmark',
  'load_file',
  'get_lock',
  'release_lock',
  'release_all_locks',
  'sys_exec',
  'sys_eval',
])

const sideEffecting = (name: string) =>
  SIDE_EFFECT_FUNCTIONS.has(name) || SIDE_EFFECT_PREFIXES.some((p) => name.startsWith(p))
