import { DbtwinError } from '../../errors.js'

/** Turns a node-postgres (or PGlite) connection failure into one line that names the server and the fix. */
export function postgresConnectionError(error: unknown, where: string, database: string): DbtwinError {
  const code = (error as { code?: string }).code
  const detail = error instanceof Error ? error.message : String(error)
  switch (code) {
    case 'ECONNREFUSED':
      return new DbtwinError(
        'CONNECTION_REFUSED',
        `no PostgreSQL server answers at ${where}`,
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
    case '28P01':
    case '28000':
      return new DbtwinError(
        'AUTH_FAILED',
        `PostgreSQL refused the login for ${where}: ${detail}`,
        'check the user and password in the URL',
        { cause: error },
      )
    case '3D000':
      return new DbtwinError(
        'DATABASE_NOT_FOUND',
        `database "${database}" does not exist at ${where}`,
        `create it (createdb ${database}) or correct the name in the URL`,
        { cause: error },
      )
    default:
      return new DbtwinError(
        'CONNECTION_FAILED',
        `cannot connect to ${where}: ${detail}`,
        'check that the URL names a reachable PostgreSQL database',
        { cause: error },
      )
  }
}
