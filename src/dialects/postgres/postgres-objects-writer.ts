import { sql, type Kysely } from 'kysely'
import type { SchemaObject } from '../../schema/schema.js'
import { checkedExpression, type SchemaObjectWriter, type TableCheck } from '../twin-target.js'

/** Errors that mean the object is there already: a reused table's index, a function an earlier twin made. */
const ALREADY_THERE = new Set(['42710', '42P07', '42723', '42P06'])

/**
 * Writes schema objects on a PostgreSQL or PGlite twin's connection, inside its transaction: each statement in a
 * savepoint, so one that finds its object there already (a table reused with --truncate keeps its indexes) is
 * passed over, and one the target refuses is left out, named in a note, and the write goes on.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function writeObjects(db: Kysely<any>, objects: readonly SchemaObject[], signal?: AbortSignal) {
  const notes: string[] = []
  const there: string[] = []
  const noRole: string[] = []
  const refused: string[] = []
  let bodiesChecked = true
  for (const o of objects) {
    signal?.throwIfAborted()
    if (bodiesChecked && (o.kind === 'function' || o.kind === 'procedure')) {
      // As pg_dump restores: a body may name tables and functions written after it.
      await sql`set local check_function_bodies = off`.execute(db)
      bodiesChecked = false
    }
    await sql`savepoint dbtwin_object`.execute(db)
    try {
      await sql.raw(o.statement).execute(db)
      await sql`release savepoint dbtwin_object`.execute(db)
    } catch (error) {
      await sql`rollback to savepoint dbtwin_object`.execute(db)
      const code = (error as { code?: unknown }).code
      const message = error instanceof Error ? error.message : String(error)
      if (typeof code === 'string' && ALREADY_THERE.has(code)) there.push(`${o.kind} ${o.name}`)
      // Roles are not copied: a policy for a role the target lacks cannot be made there.
      else if (o.kind === 'policy' && code === '42704' && /^role /.test(message))
        noRole.push(`${o.name} (${message})`)
      // Something it needs that dbtwin does not copy (a text search configuration, an operator class): the twin
      // goes without this one object rather than fail whole, and says so.
      else refused.push(`${o.kind} ${o.name} (${message})`)
    }
  }
  if (there.length > 0)
    notes.push(
      `${there.length} schema object${there.length === 1 ? ' was' : 's were'} there already: ${short(there)}`,
    )
  if (refused.length > 0)
    notes.push(
      `left out ${refused.length} schema object${refused.length === 1 ? '' : 's'} the target refused: ${short(refused)}`,
    )
  if (noRole.length > 0)
    notes.push(
      `left out ${noRole.length} polic${noRole.length === 1 ? 'y' : 'ies'} for roles the target lacks: ${short(noRole)}; create the roles and run again`,
    )
  return notes
}

const NAME = String.raw`(?:"(?:[^"]|"")+"|[\p{L}_][\p{L}\p{N}_$]*)`
const NEXTVAL_DEFAULT = new RegExp(
  String.raw`^ALTER TABLE (${NAME}(?:\.${NAME})?) ALTER COLUMN (${NAME}) SET DEFAULT nextval\('((?:[^']|'')+)'::(?:pg_catalog\.)?regclass\)$`,
  'u',
)

/**
 * Moves each sequence a column default draws from past the largest value written in that column, so the
 * application's next insert gets a new key. Names come from the statement's checked shape; the sequence's name is
 * a bound parameter.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function syncSequences(db: Kysely<any>, objects: readonly SchemaObject[]): Promise<void> {
  for (const o of objects) {
    const match = o.kind === 'column' ? NEXTVAL_DEFAULT.exec(o.statement) : null
    if (match === null) continue
    const [, table, column, sequence] = match
    await sql`select setval(${sequence!.replaceAll("''", "'")}::text::regclass, max(${sql.raw(column!)}))
      from ${sql.raw(table!)} having max(${sql.raw(column!)}) is not null`.execute(db)
  }
}

/**
 * Resolves unqualified names as the source did, for the rest of the write's transaction: its CHECKs call its
 * functions by bare name (musicbrainz: controlled_for_whitespace(name)), and function bodies name tables bare.
 * The names are quoted by the server, from a bound parameter. The twin's functions and triggers run with the
 * target's own setting once the write is done (musicbrainz's edit, editor and link triggers name tables bare): on a
 * database the write created, the source's path becomes the database's setting, in the write's transaction;
 * otherwise the database is the user's, and a note says what to run.
 */
async function useSearchPath(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  schemas: readonly string[],
  created: boolean,
): Promise<string[]> {
  const { rows } = await sql<{
    before: string[]
    after: string
  }>`select current_schemas(false)::text[] as before,
      set_config('search_path', (select string_agg(quote_ident(s), ', ') from unnest(${[...schemas]}::text[]) s), true)
        as after`.execute(db)
  const before = (rows[0]?.before ?? []).filter((s) => !s.startsWith('pg_'))
  if (before.join() === schemas.join()) return []
  const path = rows[0]?.after ?? ''
  if (created && schemas.length > 0) {
    const { rows: names } = await sql<{ name: string }>`select current_database() as name`.execute(db)
    await sql`alter database ${sql.id(names[0]?.name ?? '')} set search_path = ${sql.join(schemas.map((s) => sql.id(s)))}`.execute(
      db,
    )
    return []
  }
  return [
    `the source resolves bare names in ${path}, this target in ${before.join(', ') || 'no schema'}: for the twin's functions to behave as the source's, run ALTER DATABASE <twin> SET search_path = ${path}`,
  ]
}

/**
 * Adds the source's CHECKs to loaded tables, each then validated against the rows. Generated rows hold what the
 * model learned, not every rule a check states across columns (musicbrainz's artist_va_check: row 1 is
 * "Various Artists", with no gender, area or dates): a check they break stays NOT VALID, enforced on every row
 * written from now on, and is named in the returned note. Copied (subset) rows pass as they did on the source.
 */
async function addChecks(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  checks: readonly TableCheck[],
  signal?: AbortSignal,
): Promise<string[]> {
  const broken: string[] = []
  const refused: string[] = []
  for (const { table, check } of checks) {
    signal?.throwIfAborted()
    const target = sql.id(table.schema, table.name)
    await sql`savepoint dbtwin_check`.execute(db)
    try {
      await sql`alter table ${target} add constraint ${sql.id(check.name)}
        check (${sql.raw(checkedExpression(check.expression))}) not valid`.execute(db)
    } catch (error) {
      await sql`rollback to savepoint dbtwin_check`.execute(db)
      // A reused table has its checks already; one that calls what the target refused is left out and named.
      if ((error as { code?: unknown }).code !== '42710')
        refused.push(
          `${table.name}.${check.name} (${error instanceof Error ? error.message : String(error)})`,
        )
      continue
    }
    await sql`release savepoint dbtwin_check`.execute(db)
    await sql`savepoint dbtwin_check`.execute(db)
    try {
      await sql`alter table ${target} validate constraint ${sql.id(check.name)}`.execute(db)
      await sql`release savepoint dbtwin_check`.execute(db)
    } catch (error) {
      await sql`rollback to savepoint dbtwin_check`.execute(db)
      if ((error as { code?: unknown }).code === '23514') broken.push(`${table.name}.${check.name}`)
      else throw error
    }
  }
  const notes =
    refused.length === 0
      ? []
      : [
          `left out ${refused.length} CHECK${refused.length === 1 ? '' : 's'} the target refused: ${short(refused)}`,
        ]
  if (broken.length === 0) return notes
  return [
    ...notes,
    `${broken.length} CHECK${broken.length === 1 ? '' : 's'} the generated rows break ${broken.length === 1 ? 'is' : 'are'} added NOT VALID (enforced on new rows): ${short(broken)}`,
  ]
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function availableExtensions(db: Kysely<any>): Promise<Set<string>> {
  const { rows } = await sql<{ name: string }>`select name from pg_catalog.pg_available_extensions`.execute(
    db,
  )
  return new Set(rows.map((r) => r.name))
}

function short(names: readonly string[]): string {
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ')
}

/** How a PostgreSQL or PGlite twin writes the source's schema objects. */
export const postgresObjectWriter: SchemaObjectWriter = {
  availableExtensions,
  useSearchPath,
  addChecks,
  writeObjects,
  syncSequences,
}
