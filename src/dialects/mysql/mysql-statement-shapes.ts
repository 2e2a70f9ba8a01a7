import type { SchemaObject } from '../../schema/schema.js'

/** A name as SHOW CREATE quotes it. */
const NAME = '`(?:[^`]|``)+`'
/** A string as SHOW CREATE prints it; a backslash before its quote is refused before (see quotedEnd). */
const STRING = String.raw`'(?:[^'\\]|''|\\.)*'`
const KEY_PART = String.raw`${NAME}(?:\(\d+\))?(?: (?:ASC|DESC))?`

/** Engines that keep rows in the server's own files: CONNECT, FEDERATED and the like reach files or other servers. */
const ENGINES = '(?:InnoDB|MyISAM|Aria|MEMORY|ARCHIVE|BLACKHOLE)'
/** The options SHOW CREATE TABLE prints after the columns. */
const TABLE_OPTION = [
  `ENGINE=${ENGINES}`,
  String.raw`(?:DEFAULT )?CHARSET=\w+`,
  String.raw`COLLATE=\w+`,
  `COMMENT=${STRING}`,
  String.raw`(?:ROW_FORMAT|KEY_BLOCK_SIZE|STATS_PERSISTENT|STATS_AUTO_RECALC|STATS_SAMPLE_PAGES|PAGE_CHECKSUM|TRANSACTIONAL|CHECKSUM|DELAY_KEY_WRITE|PACK_KEYS|MAX_ROWS|MIN_ROWS|AVG_ROW_LENGTH)=\w+`,
  String.raw`\x60(?:PAGE_COMPRESSED|PAGE_COMPRESSION_LEVEL|ENCRYPTED|ENCRYPTION_KEY_ID)\x60=\w+`,
  'WITH SYSTEM VERSIONING',
].join('|')

const TABLE_OPTIONS = new RegExp(`^ALTER TABLE ${NAME}(?: (?:${TABLE_OPTION}))+$`, 'iu')
const PARTITIONING = new RegExp(
  String.raw`^ALTER TABLE ${NAME} PARTITION BY (?:LINEAR )?(?:RANGE|LIST|HASH|KEY|SYSTEM_TIME)\b`,
  'u',
)
const INDEX = new RegExp(
  String.raw`^ALTER TABLE ${NAME} ADD (?:(?:UNIQUE|FULLTEXT|SPATIAL) )?KEY ${NAME} \(${KEY_PART}(?:,${KEY_PART})*\)` +
    String.raw`(?: USING (?:BTREE|HASH|RTREE)| COMMENT ${STRING}| KEY_BLOCK_SIZE=\d+| WITH PARSER \w+| (?:NOT )?IGNORED| INVISIBLE)*$`,
  'u',
)
const COLUMNS = new RegExp(`^(ALTER TABLE ${NAME} )(.*)$`, 'su')
const MODIFY = new RegExp(`^MODIFY COLUMN ${NAME} [a-z]`, 'u')
const DROP = new RegExp(`^DROP COLUMN (${NAME})$`, 'u')
const ADD = new RegExp(`^ADD COLUMN (${NAME}) [a-z].* (?:FIRST|AFTER ${NAME})$`, 'su')
/**
 * Words outside parentheses that would make a column definition more than one: another change of the table, a
 * table option (ENGINE, `=`), or partitioning, which may name a directory. A definition of SHOW CREATE's never has
 * them: its CHECKs and expressions are in parentheses.
 */
const NOT_A_DEFINITION =
  /=|\b(?:ADD|DROP|MODIFY|CHANGE|ALTER|RENAME|ORDER|ENGINE|PARTITION|DIRECTORY|CONNECTION)\b/i

/**
 * Why a MySQL/MariaDB object of an untrusted model file is not plainly the statement the object reader makes for
 * its kind (see tableObjects), or null: a table's options, partitioning, its columns' definitions, one key. Code
 * (views, routines, triggers, events) is never written from such a file; nor an object carrying its own sql_mode,
 * which could change how the statement's strings are read.
 */
export function mysqlStatementProblem(o: SchemaObject): string | null {
  if (o.kind !== 'table' && o.kind !== 'column' && o.kind !== 'index')
    return 'not a kind a model file may carry'
  if (o.sqlMode !== undefined) return 'a sql_mode, which only code carries'
  const scanned = scan(o.statement)
  if (typeof scanned === 'string') return scanned
  switch (o.kind) {
    case 'table':
      if (TABLE_OPTIONS.test(o.statement)) return null
      if (!PARTITIONING.test(o.statement)) return 'not the statement its kind makes'
      return partitionsProblem(scanned.bare)
    case 'index':
      return INDEX.test(o.statement) ? null : 'not the statement its kind makes'
    case 'column':
      return columnsProblem(o.statement, scanned)
  }
}

const PARTITION_ENGINE = /\bENGINE\s*=\s*(\w+)/gi
const OWN_ENGINE = new RegExp(`^${ENGINES}$`, 'i')

/** A partition kept elsewhere: in another directory, or by an engine that reaches files or other servers. */
function partitionsProblem(bare: string): string | null {
  if (/\b(?:DIRECTORY|CONNECTION)\b/i.test(bare)) return 'a partition in another directory'
  for (const [, engine] of bare.matchAll(PARTITION_ENGINE))
    if (!OWN_ENGINE.test(engine!)) return `a partition of engine ${engine}`
  return null
}

/** Each change is MODIFY COLUMN with one definition, or a generated column dropped and added again in its place. */
function columnsProblem(statement: string, scanned: Scanned): string | null {
  const head = COLUMNS.exec(statement)
  if (head === null) return 'not the statement its kind makes'
  const offset = head[1]!.length
  const bounds = [offset - 1, ...scanned.commas, statement.length]
  const clauses = bounds.slice(1).map((end, i) => ({
    text: statement.slice(bounds[i]! + 1, end).trim(),
    top: scanned.top.slice(bounds[i]! + 1, end).trim(),
  }))
  for (let i = 0; i < clauses.length; i++) {
    const { text, top } = clauses[i]!
    const dropped = DROP.exec(text)
    if (dropped !== null) {
      const added = ADD.exec(clauses[i + 1]?.text ?? '')
      if (added?.[1] !== dropped[1]) return 'a column dropped and not added again'
      if (NOT_A_DEFINITION.test(withoutLead(clauses[++i]!.top, 'ADD COLUMN', /(?:FIRST|AFTER \S+)$/)))
        return 'more than a column definition'
      continue
    }
    if (!MODIFY.test(text)) return 'not the statement its kind makes'
    if (NOT_A_DEFINITION.test(withoutLead(top, 'MODIFY COLUMN', /$/))) return 'more than a column definition'
  }
  return null
}

/** A clause's text outside parentheses without its leading words and its name, nor a trailing position. */
function withoutLead(top: string, lead: string, trailing: RegExp): string {
  return top.slice(lead.length).trim().replace(/^\S+/, '').replace(trailing, '')
}

interface Scanned {
  /** The positions of the commas outside quotes and parentheses. */
  commas: number[]
  /** The statement with what is quoted blanked (names to x…x), so words are only the statement's own. */
  bare: string
  /** `bare` with what is inside parentheses blanked too. */
  top: string
}

/**
 * Reads a statement as MySQL does, or says why it is not one plain statement: a semicolon, a comment (MySQL runs
 * `/*!…*\/` ones), a subquery, or parentheses that do not pair. Backquoted names, strings in single or double
 * quotes.
 */
function scan(text: string): Scanned | string {
  let depth = 0
  const commas: number[] = []
  let bare = ''
  let top = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === "'" || c === '"' || c === '`') {
      const end = quotedEnd(text, i)
      if (typeof end === 'string') return end
      // A name keeps one word, so the words around it are still told apart.
      const blank = `${c}${(c === '`' ? 'x' : ' ').repeat(end - i - 1)}${c}`
      bare += blank
      top += depth === 0 ? blank : ' '.repeat(blank.length)
      i = end
      continue
    }
    if (c === ';') return 'a semicolon'
    if (c === '#' || (c === '-' && text[i + 1] === '-') || (c === '/' && text[i + 1] === '*'))
      return 'a comment'
    if (/[sS]/.test(c) && /^select\b/i.test(text.slice(i)) && !/[\w$]/.test(text[i - 1] ?? ' '))
      return 'a subquery'
    if (c === ')' && --depth < 0) return 'a parenthesis closed that it did not open'
    if (c === ',' && depth === 0) commas.push(i)
    bare += c
    top += depth === 0 ? c : ' '
    if (c === '(') depth++
  }
  return depth === 0 ? { commas, bare, top } : 'unbalanced parentheses'
}

/**
 * Where the quote opened at `start` closes, or why it is refused. A backslash escapes under the default sql_mode
 * but not under NO_BACKSLASH_ESCAPES: one before the quote would end the string in one reading and not the other,
 * so it is refused; before anything else both readings end the string at the same quote.
 */
function quotedEnd(text: string, start: number): number | string {
  const quote = text[start]!
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]
    if (c === '\\' && quote !== '`') {
      if (text[i + 1] === quote) return 'a backslash before a quote'
      i++
    } else if (c === quote) {
      if (text[i + 1] !== quote) return i
      i++
    }
  }
  return quote === '`' ? 'an unterminated quoted name' : 'an unterminated string'
}
