// Learns corpus databases through a URL, through the caller's own driver pool and through the caller's Kysely
// instance, and says whether the three models agree (tables, row counts, PII found, columns modelled) and how long
// each took (issue 22.4). Read only: a source given as a connection is read in a read-only transaction.
//   node --import tsx bench/library-connections.ts postgres://postgres@127.0.0.1:5432/pagila mysql://root@127.0.0.1:3306/Chinook
import { Kysely, MysqlDialect, PostgresDialect } from 'kysely'
import { createPool } from 'mysql2'
import pg from 'pg'
import { learn, type Model } from '../src/index.js'

const summary = (model: Model) =>
  JSON.stringify({
    tables: model.tables.map((t) => [t.table, t.rows, t.columns.map((c) => c.kind)]),
    pii: model.pii.map((p) => [p.column, p.kind]),
  })

for (const url of process.argv.slice(2)) {
  const postgres = url.startsWith('postgres')
  const pool = postgres
    ? new pg.Pool({ connectionString: url, max: 4 })
    : createPool({ uri: url, connectionLimit: 4 })
  const db = new Kysely<unknown>({
    dialect: postgres
      ? new PostgresDialect({ pool: pool as pg.Pool })
      : new MysqlDialect({ pool: pool as ReturnType<typeof createPool> }),
  })
  const timed = async (how: string, database: Parameters<typeof learn>[0]) => {
    const started = performance.now()
    const model = await learn(database, { seed: 1 })
    return { how, seconds: (performance.now() - started) / 1000, model }
  }
  const viaUrl = await timed('url', url)
  const runs = [viaUrl, await timed('pool', pool), await timed('kysely', db)]
  const reference = summary(viaUrl.model)
  for (const run of runs)
    console.log(
      `${url.replace(/\/\/[^@]*@/, '//')}  ${run.how.padEnd(6)} ${run.seconds.toFixed(2)} s  ${run.model.tables.length} tables  ` +
        `${run.model.tables.reduce((n, t) => n + t.rows, 0)} rows  same model as url: ${summary(run.model) === reference}`,
    )
  await db.destroy()
}
