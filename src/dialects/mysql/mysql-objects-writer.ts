import { sql, type Kysely } from 'kysely'
import type { SchemaObject } from '../../schema/schema.js'
import type { SchemaObjectWriter } from '../twin-target.js'

/**
 * Server errors (errno) that mean the object is there already: a reused table's index, a view, routine, trigger or
 * event an earlier twin made.
 */
const ALREADY_THERE = new Set([1050, 1061, 1304, 1359, 1537])

/**
 * Runs a MySQL/MariaDB source's SHOW CREATE statements on the twin, in order, on one connection so that each
 * runs under the sql_mode its object was created with. One the target refuses is left out, named in a note, and
 * the write goes on; a view is tried again once the others are in, since views name views that may come later in
 * alphabetical order.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function writeObjects(db: Kysely<any>, objects: readonly SchemaObject[], signal?: AbortSignal) {
  if (objects.length === 0) return []
  const there: string[] = []
  const refused = new Map<SchemaObject, string>()
  await db.connection().execute(async (connection) => {
    const { rows } = await sql<{ mode: string }>`select @@session.sql_mode as mode`.execute(connection)
    const sessionMode = rows[0]?.mode ?? ''
    let mode = sessionMode
    const run = async (o: SchemaObject) => {
      signal?.throwIfAborted()
      const wanted = o.sqlMode ?? sessionMode
      if (wanted !== mode) {
        await sql`set session sql_mode = ${wanted}`.execute(connection)
        mode = wanted
      }
      try {
        await sql.raw(o.statement).execute(connection)
        refused.delete(o)
      } catch (error) {
        const errno = (error as { errno?: unknown }).errno
        if (typeof errno === 'number' && ALREADY_THERE.has(errno)) there.push(`${o.kind} ${o.name}`)
        else refused.set(o, error instanceof Error ? error.message : String(error))
      }
    }
    try {
      for (const o of objects) await run(o)
      for (let before = Infinity; refused.size > 0 && refused.size < before;) {
        before = refused.size
        for (const o of [...refused.keys()].filter((r) => r.kind === 'view')) await run(o)
      }
    } finally {
      if (mode !== sessionMode) await sql`set session sql_mode = ${sessionMode}`.execute(connection)
    }
  })
  const notes: string[] = []
  if (there.length > 0)
    notes.push(
      `${there.length} schema object${there.length === 1 ? ' was' : 's were'} there already: ${short(there)}`,
    )
  if (refused.size > 0)
    notes.push(
      `left out ${refused.size} schema object${refused.size === 1 ? '' : 's'} the target refused: ${short(
        [...refused].map(([o, message]) => `${o.kind} ${o.name} (${message})`),
      )}`,
    )
  return notes
}

function short(names: readonly string[]): string {
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ')
}

/**
 * How a MySQL/MariaDB twin writes the source's schema objects. CHECKs are created with their tables and
 * AUTO_INCREMENT moves by itself, MySQL has no extensions or search path: those steps have nothing to do.
 */
export const mysqlObjectWriter: SchemaObjectWriter = {
  availableExtensions: () => Promise.resolve(new Set()),
  // Privileges are per account on MySQL: no owner or grant object is read, so none names a role.
  roles: () => Promise.resolve(new Set()),
  useSearchPath: () => Promise.resolve([]),
  addChecks: () => Promise.resolve([]),
  writeObjects,
  syncSequences: () => Promise.resolve(),
}
