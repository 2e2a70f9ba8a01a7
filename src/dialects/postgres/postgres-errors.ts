import type { EngineErrorCodes } from '../connection-error.js'

/** node-postgres (and PGlite) SQLSTATEs for a refused login and a missing database. */
export const POSTGRES_ERROR_CODES: EngineErrorCodes = {
  engine: 'PostgreSQL',
  authFailed: ['28P01', '28000'],
  databaseNotFound: ['3D000'],
  createDatabase: (database) => `createdb ${database}`,
}
