import type { PostgresPool, PostgresPoolClient } from 'kysely'
import type pg from 'pg'

/**
 * The pool Kysely queries through, with every query sent over PostgreSQL's extended protocol (Parse/Bind/Execute),
 * which runs exactly one statement per query. node-postgres sends a query without parameters over the simple
 * protocol, which runs every statement in the text: a `--root` condition ending in `; commit; create table …`
 * wrote to a read-only source that way (issue 14). The root validator refuses such text first; this makes a second
 * statement impossible even where a text got past it (defence in depth).
 *
 * With `types`, the pool is a caller's (see borrowPostgres): each query parses values with dbtwin's parsers rather
 * than the pool's, and ending Kysely leaves the pool open.
 */
export function extendedProtocolPool(pool: pg.Pool, types?: pg.CustomTypesConfig): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>()
  return {
    options: pool.options,
    end: () => (types === undefined ? pool.end() : Promise.resolve()),
    async connect() {
      const client = await pool.connect()
      let extended = wrapped.get(client)
      if (extended === undefined) {
        extended = {
          query: ((text: unknown, values?: readonly unknown[]) =>
            typeof text === 'string'
              ? client.query({
                  text,
                  values: values?.slice(),
                  queryMode: 'extended',
                  types,
                } as pg.QueryConfig)
              : // A cursor (Kysely's streaming) is a submittable that prepares its own statement.
                client.query(text as pg.Submittable)) as unknown as PostgresPoolClient['query'],
          release: (destroy?: boolean) => client.release(destroy),
        }
        wrapped.set(client, extended)
      }
      return extended
    },
  }
}
