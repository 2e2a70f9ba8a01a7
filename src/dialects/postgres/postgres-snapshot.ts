import { sql } from 'kysely'

/** One snapshot for every statement of the transaction (PostgreSQL and PGlite, which must not load node-postgres). */
export const POSTGRES_SNAPSHOT = sql`begin transaction isolation level repeatable read read only`
