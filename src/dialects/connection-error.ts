import { DbtwinError } from '../errors.js'

/** What differs between engines when a connection fails: their name, their error codes, how to create a database. */
export interface EngineErrorCodes {
  engine: string
  authFailed: readonly string[]
  databaseNotFound: readonly string[]
  createDatabase: (database: string) => string
}

/**
 * Turns a driver's connection failure into one line that names the server (its URL with the password masked) and
 * the fix. Network failures read the same on every engine; the rest comes from the engine's codes.
 */
export function connectionError(
  error: unknown,
  where: string,
  database: string,
  codes: EngineErrorCodes,
): DbtwinError {
  const code = (error as { code?: string }).code ?? ''
  const detail = error instanceof Error ? error.message : String(error)
  const fail = (
    kind:
      'CONNECTION_REFUSED' | 'HOST_NOT_FOUND' | 'AUTH_FAILED' | 'DATABASE_NOT_FOUND' | 'CONNECTION_FAILED',
    message: string,
    fix: string,
  ) => new DbtwinError(kind, message, fix, { cause: error, data: { database: where } })
  if (code === 'ECONNREFUSED') {
    return fail(
      'CONNECTION_REFUSED',
      `no ${codes.engine} server answers at ${where}`,
      'start the server, or correct the host and port in the URL',
    )
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return fail('HOST_NOT_FOUND', `the host in ${where} does not resolve`, 'correct the host name in the URL')
  }
  if (codes.authFailed.includes(code)) {
    return fail(
      'AUTH_FAILED',
      `${codes.engine} refused the login for ${where}: ${detail}`,
      'check the user and password in the URL',
    )
  }
  if (codes.databaseNotFound.includes(code)) {
    return fail(
      'DATABASE_NOT_FOUND',
      `database "${database}" does not exist at ${where}`,
      `create it (${codes.createDatabase(database)}) or correct the name in the URL`,
    )
  }
  return fail(
    'CONNECTION_FAILED',
    `cannot connect to ${where}: ${detail}`,
    `check that the URL names a reachable ${codes.engine} database`,
  )
}
