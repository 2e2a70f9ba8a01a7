import type { EngineErrorCodes } from '../connection-error.js'

/** mysql2's codes for a refused login (MariaDB says NO_PASSWORD for an unknown user) and a missing database. */
export const MYSQL_ERROR_CODES: EngineErrorCodes = {
  engine: 'MySQL/MariaDB',
  authFailed: ['ER_ACCESS_DENIED_ERROR', 'ER_DBACCESS_DENIED_ERROR', 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR'],
  databaseNotFound: ['ER_BAD_DB_ERROR'],
  createDatabase: (database) => `CREATE DATABASE \`${database}\``,
}
