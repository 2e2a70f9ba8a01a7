import { sql } from 'kysely'

/**
 * A consistent snapshot needs REPEATABLE READ (under READ COMMITTED, a server's possible default, InnoDB ignores
 * WITH CONSISTENT SNAPSHOT); taken at the start rather than at the first read.
 */
export const MYSQL_SNAPSHOT = [
  sql`set transaction isolation level repeatable read`,
  sql`start transaction with consistent snapshot, read only`,
]
