import { DbtwinError } from '../../errors.js'
import type { ServerUrl } from '../connection-url.js'

/** The parts of a mysql2 error dbtwin reads: `code` is Node's (ECONNREFUSED) or the server's (ER_…), `errno` a number. */
interface DriverError {
  code?: string
  errno?: number
}

/**
 * Turns a mysql2 connection failure into a DbtwinError whose one line names the server (password masked) and the
 * fix.
 *
 * @example mysqlConnectionError(error, url).toLine() // 'no MySQL/MariaDB server at 127.0.0.1:1 (…). Fix: start …'
 */
export function mysqlConnectionError(error: unknown, url: ServerUrl<'mysql'>): DbtwinError {
  const { code, errno } = (error ?? {}) as DriverError
  const where = url.display
  const cause = { cause: error }
  if (code === 'ECONNREFUSED')
    return new DbtwinError(
      'CONNECTION_REFUSED',
      `no MySQL/MariaDB server at ${url.host}:${url.port} (${where})`,
      'start the server, or correct the host and port in the URL',
      cause,
    )
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new DbtwinError(
      'HOST_NOT_FOUND',
      `the host "${url.host}" in ${where} does not resolve`,
      'correct the host name in the URL',
      cause,
    )
  // 1045 wrong user or password, 1044 no access to the database, 1698 no password where the account needs one.
  if (code === 'ER_ACCESS_DENIED_ERROR' || errno === 1045 || errno === 1044 || errno === 1698)
    return new DbtwinError(
      'AUTH_FAILED',
      `MySQL/MariaDB refused the login of user "${url.user}" at ${where}`,
      'check the user and password in the URL',
      cause,
    )
  if (code === 'ER_BAD_DB_ERROR' || errno === 1049)
    return new DbtwinError(
      'DATABASE_NOT_FOUND',
      `database "${url.database}" does not exist at ${where}`,
      `create it with CREATE DATABASE \`${url.database.replaceAll('`', '``')}\`, or correct the name in the URL`,
      cause,
    )
  return new DbtwinError(
    'CONNECTION_FAILED',
    `cannot connect to ${where}: ${firstLine(error)}`,
    'check that the URL names a reachable MySQL or MariaDB database',
    cause,
  )
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n')[0] ?? text
}
