import { sql, type Kysely } from 'kysely'
import type { Table } from '../../schema/schema.js'
import { tableName } from '../../schema/table-name.js'
import { unreadableTables } from '../unreadable-tables.js'
import type { MysqlCatalog } from './mysql-catalog.js'

type Catalog = Kysely<MysqlCatalog>

/** Tables per probe: a union over thousands of tables would open them all at once and crowd the table cache. */
const TABLES_PER_PROBE = 200

/** mysql2's codes for a SELECT the login lacks on a table, or on some of its columns. */
const DENIED = new Set(['ER_TABLEACCESS_DENIED_ERROR', 'ER_COLUMNACCESS_DENIED_ERROR'])

/**
 * Fails with TABLE_NOT_READABLE, before anything is read or written, when the login cannot read every column of
 * every table it sees (a grant on some tables or columns lists a table without letting it be read, and
 * information_schema then shows only the granted columns), or when a table has a foreign key to a table of the
 * database the login cannot see: MySQL hides a table the login has no privilege on from every catalog.
 */
export async function checkMysqlReadable(db: Catalog, database: string, tables: readonly Table[]) {
  const visible = new Set(tables.map((t) => t.name))
  const hidden = tables
    .flatMap((t) => t.foreignKeys)
    .filter((fk) => fk.references.schema === database && !visible.has(fk.references.name))
    .map((fk) => fk.references.name)
  const unreadable = [...new Set([...hidden, ...(await deniedTables(db, database, [...visible]))])].sort()
  if (unreadable.length === 0) return
  const login = await currentLogin(db)
  const on = unreadable.length === 1 ? quoted(unreadable[0]!) : '*'
  throw unreadableTables(
    login,
    unreadable.map((name) => tableName({ schema: database, name })),
    `GRANT SELECT ON ${quoted(database)}.${on} TO ${login}`,
  )
}

async function deniedTables(db: Catalog, database: string, names: readonly string[]): Promise<string[]> {
  const denied: string[] = []
  for (let i = 0; i < names.length; i += TABLES_PER_PROBE) {
    const chunk = names.slice(i, i + TABLES_PER_PROBE)
    if (await canRead(db, database, chunk)) continue
    // Only after a refusal, one probe per table: the server names just the first table it refuses.
    for (const name of chunk) if (!(await canRead(db, database, [name]))) denied.push(name)
  }
  return denied
}

/** `select *` needs SELECT on every column, as reading the table does; LIMIT 0 reads no row. */
async function canRead(db: Catalog, database: string, names: readonly string[]): Promise<boolean> {
  const probes = names.map(
    (name) => sql`select 1 from (select * from ${sql.id(database, name)} limit 0) as ${sql.id('probe')}`,
  )
  try {
    await sql.join(probes, sql` union all `).execute(db)
    return true
  } catch (error) {
    if (DENIED.has((error as { code?: string }).code ?? '')) return false
    throw error
  }
}

/** The login as a GRANT names it: `'user'@'host'`. */
async function currentLogin(db: Catalog): Promise<string> {
  const { rows } = await sql<{ login: string }>`select current_user() as login`.execute(db)
  const login = rows[0]?.login ?? ''
  const at = login.lastIndexOf('@')
  const text = (s: string) => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`
  return at < 0 ? text(login) : `${text(login.slice(0, at))}@${text(login.slice(at + 1))}`
}

function quoted(identifier: string): string {
  return `\`${identifier.replaceAll('`', '``')}\``
}
