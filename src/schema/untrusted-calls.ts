/**
 * Function calls an untrusted model file may put in a PostgreSQL twin's DDL. PostgreSQL runs a column default on
 * every insert that omits the column and a CHECK on every row written, and it lets both call volatile functions:
 * `DEFAULT pg_read_file('/etc/passwd')` copies a server file into the twin, and `CHECK (lo_export(…) > 0)` writes
 * one while dbtwin validates the check. The statement shapes and {@link sqlTextProblem} keep such text to one
 * expression; this keeps the expression to calls of plain built-ins. An allowlist, not a denylist: PostgreSQL and
 * its extensions have hundreds of functions that reach files, the network, other sessions or the server's
 * settings (dblink, query_to_xml, set_config, pg_terminate_backend…), and the next release adds more.
 *
 * MariaDB needs no such list: it refuses load_file, sleep, benchmark and stored functions in a DEFAULT or CHECK
 * itself ("cannot be used in the DEFAULT clause"), and generated columns and index expressions are held to
 * immutable functions by both engines.
 */

/** Names that may stand before a parenthesis: keywords and type names (`varchar(20)`, `USING btree (`). */
const SYNTAX = [
  'and or not in is any all some on as to from with where using include check default values exists array row',
  'cast collate between like ilike similar escape for only range list hash btree gin gist brin spgist',
  'char character varchar varying bpchar numeric decimal timestamp timestamptz time timetz interval bit float',
  'double precision int integer smallint bigint zone enum distinct overlaps case when then else end',
]

/** Built-ins that read only their arguments (and the clock, a sequence or the catalog's names). */
const FUNCTIONS = [
  // time and sequences, the usual defaults
  'now current_timestamp current_date current_time localtimestamp localtime statement_timestamp',
  'transaction_timestamp clock_timestamp timezone nextval gen_random_uuid uuid_generate_v1 uuid_generate_v1mc',
  'uuid_generate_v4 random',
  // text
  'lower upper initcap length char_length character_length octet_length bit_length btrim ltrim rtrim trim substr',
  'substring left right replace translate concat concat_ws position strpos split_part starts_with lpad rpad repeat',
  'reverse md5 normalize unaccent regexp_replace regexp_match regexp_like regexp_count textlen format',
  // numbers, dates, nulls
  'coalesce nullif greatest least abs round trunc floor ceil ceiling mod power sqrt sign div width_bucket',
  'date_trunc date_part extract age make_date make_time make_timestamp make_timestamptz make_interval justify_days',
  'to_char to_date to_timestamp to_number isfinite num_nonnulls num_nulls',
  // arrays, JSON, full text, ranges, network and geometry values
  'array_length array_lower array_upper array_ndims array_position array_remove array_to_string cardinality',
  'string_to_array jsonb_typeof json_typeof jsonb_array_length json_array_length jsonb_build_object',
  'jsonb_build_array json_build_object to_jsonb to_json jsonb_exists jsonb_path_exists to_tsvector to_tsquery',
  'setweight int4range int8range numrange tsrange tstzrange daterange isempty lower_inf upper_inf family masklen',
  'host inet_same_family box point circle lseg polygon ll_to_earth to_regclass',
]

const ALLOWED = new Set([...SYNTAX, ...FUNCTIONS].flatMap((line) => line.split(' ')))
const NONE: ReadonlySet<string> = new Set()

/**
 * The first function an untrusted expression or statement calls that is not a plain built-in, or null when
 * every call is one (or in `alsoAllowed`: another engine's plain built-ins). Reads the text token by token: string literals are skipped, and a name, bare or quoted,
 * schema-qualified or not, followed by `(` is a call. A qualified call is judged by its own name, as a schema the
 * model names holds no function an untrusted model writes.
 *
 * @example
 * untrustedCall("lower(name) <> ''") // null
 * untrustedCall("pg_catalog.pg_read_file('/etc/passwd')") // 'pg_read_file'
 */
export function untrustedCall(text: string, alsoAllowed: ReadonlySet<string> = NONE): string | null {
  let name: string | null = null
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === "'") {
      i = literalEnd(text, i)
      name = null
    } else if (c === '"') {
      const end = quotedEnd(text, i)
      name = text.slice(i + 1, end).replaceAll('""', '"')
      i = end
    } else if (/[\p{L}_]/u.test(c) && !/[\p{L}\p{N}_$]/u.test(text[i - 1] ?? ' ')) {
      const word = /^[\p{L}_][\p{L}\p{N}_$]*/u.exec(text.slice(i))![0]
      name = word.toLowerCase()
      i += word.length - 1
    } else if (c === '(') {
      if (name !== null && !ALLOWED.has(name) && !alsoAllowed.has(name)) return name
      name = null
    } else if (c !== '.' && !/\s/.test(c)) name = null
  }
  return null
}

/**
 * The index of the quote that closes the literal opened at `start`, or the text's length when none does ('' doubles
 * a quote; E'' strings escape).
 */
export function literalEnd(text: string, start: number): number {
  const escapes = /[eE]$/.test(text.slice(0, start)) && !/[\w$]/.test(text[start - 2] ?? ' ')
  for (let i = start + 1; i < text.length; i++) {
    if (escapes && text[i] === '\\') i++
    else if (text[i] === "'") {
      if (text[i + 1] !== "'") return i
      i++
    }
  }
  return text.length
}

/** The index of the quote that closes the quoted name opened at `start` ("" doubles a quote), or the length. */
export function quotedEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '"') {
      if (text[i + 1] !== '"') return i
      i++
    }
  }
  return text.length
}
