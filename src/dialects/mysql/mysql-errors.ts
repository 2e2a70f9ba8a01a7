import { DbtwinError } from '../../errors.js'

/** Turns a mysql2 connection failure into one line that names the server and the fix. */
export function mysqlConnectionError(error: unknown, where: string, database: string): DbtwinError {
  const code = (error as { code?: string }).code
  const detail = error instanceof Error ? error.message : String(error)
  switch (code) {
    case 'ECONNREFUSED':
      return new DbtwinError(
        'CONNECTION_REFUSED',
        `no MySQL/MariaDB server answers at ${where}`,
        'start the server, or correct the host and port in the URL',
        { cause: error },
      )
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new DbtwinError(
        'HOST_NOT_FOUND',
        `the host in ${where} does not resolve`,
        'correct the host name in the URL',
        { cause: error },
      )
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_DBACCESS_DENIED_ERROR':
    case 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR':
      return new DbtwinError(
        'AUTH_FAILED',
        `MySQL refused the login for ${where}`,
        'check the user and password in the URL',
        { cause: error },
      )
    case 'ER_BAD_DB_ERROR':
      return new DbtwinError(
        'DATABASE_NOT_FOUND',
        `database "${database}" does not exist at ${where}`,
        `create it (CREATE DATABASE \`${database}\`) or correct the name in the URL`,
        { cause: error },
      )
    default:
      return new DbtwinError(
        'CONNECTION_FAILED',
        `cannot connect to ${where}: ${detail}`,
        'check that the URL names a reachable MySQL or MariaDB database',
        { cause: error },
      )
  }
}
