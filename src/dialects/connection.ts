import type { AnyKysely } from './dialect.js'
import type { PGlite } from '@electric-sql/pglite'
import type { Pool as MysqlPool } from 'mysql2'
import type { Pool as MysqlPromisePool } from 'mysql2/promise'
import type { Pool as PgPool } from 'pg'

/**
 * A database dbtwin reads or writes: a URL it opens and closes itself, or a connection the caller opened and keeps —
 * a Kysely instance, a node-postgres Pool, a mysql2 pool (callback or promise), a PGlite instance. dbtwin never
 * closes a caller's connection (issue 22).
 */
export type Connection = string | AnyKysely | PgPool | MysqlPool | MysqlPromisePool | PGlite

/** The URL, or null for a caller's connection: what URL-only checks (fingerprints, root syntax) need. */
export const urlOf = (connection: Connection): string | null =>
  typeof connection === 'string' ? connection : null
