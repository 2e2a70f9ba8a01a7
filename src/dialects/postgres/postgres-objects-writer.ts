import { sql, type Kysely } from 'kysely'
import type { SchemaObject } from '../../schema/schema.js'
import type { SchemaObjectWriter } from '../twin-target.js'

/** Errors that mean the object is there already: a reused table's index, a function an earlier twin made. */
const ALREADY_THERE = new Set(['42710', '42P07', '42723', '42P06'])

/**
 * Writes schema objects on a PostgreSQL or PGlite twin's connection, inside its transaction: each statement in a
 * savepoint, so one that finds its object there already (a table reused with --truncate keeps its indexes) is
 * passed over and the write goes on. Any other failure fails the write, naming the object.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function writeObjects(db: Kysely<any>, objects: readonly SchemaObject[], signal?: AbortSignal) {
  const notes: string[] = []
  const there: string[] = []
  const noRole: string[] = []
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
      else throw new Error(`${o.kind} ${o.name} could not be created: ${message}`, { cause: error })
    }
  }
  if (there.length > 0)
    notes.push(
      `${there.length} schema object${there.length === 1 ? ' was' : 's were'} there already: ${short(there)}`,
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
export const postgresObjectWriter: SchemaObjectWriter = { availableExtensions, writeObjects, syncSequences }
