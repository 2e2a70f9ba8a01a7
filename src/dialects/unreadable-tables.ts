import { DbtwinError } from '../errors.js'

/**
 * The error for tables a login can see but not read: dbtwin reads every table, so a twin or subset without them
 * would lack them silently. `login` is how the server names the login; `grant` is the statement that fixes it.
 *
 * @example
 * throw unreadableTables("'reader'@'%'", ['app.secrets'], "GRANT SELECT ON `app`.* TO 'reader'@'%'")
 */
export function unreadableTables(login: string, tables: readonly string[], grant: string): DbtwinError {
  const which = tables.length === 1 ? `table ${tables[0]}` : `${tables.length} tables (${tables.join(', ')})`
  return new DbtwinError(
    'TABLE_NOT_READABLE',
    `login ${login} cannot SELECT from ${which}, so the copy would lack ${tables.length === 1 ? 'it' : 'them'}`,
    `run ${grant} as an administrator, or connect as a login that can read every table`,
    { data: { tables: [...tables] } },
  )
}
