import { spawnSync } from 'node:child_process'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom, to as copyTo } from 'pg-copy-streams'
import { planLoad } from '../src/graph/load-plan.js'
import type { Schema, Table } from '../src/schema/schema.js'
import { tableName } from '../src/schema/table-name.js'

/**
 * The baseline of issue 21 for a subset: the rows a subset from one root condition takes (the root's rows, their
 * descendants, and every row any of those references, transitively), copied with one
 * `COPY (SELECT * FROM t WHERE … IN (SELECT …)) TO STDOUT` per table, piped into `COPY t FROM STDIN` in a target
 * holding the source's tables without constraints, as pg_sample does. Each table's condition is written out as
 * nested IN subqueries along every path of foreign keys from the root, never revisiting a table on one path, so a
 * cycle (pagila's store ↔ staff) is followed once around and a longer chain of parents is cut: the row counts
 * printed beside dbtwin's say whether the two copied the same rows.
 */
export function baselineQueries(schema: Schema, root: Table, condition: string): Map<string, BaselineQuery> {
  const fks = schema.tables.flatMap((child) =>
    child.foreignKeys.flatMap((fk) => {
      const parent = schema.tables.find(
        (t) => t.schema === fk.references.schema && t.name === fk.references.name,
      )
      return parent === undefined
        ? []
        : [{ child, parent, columns: fk.columns, parentColumns: fk.references.columns }]
    }),
  )
  const id = (t: Table) => `${quote(t.schema)}.${quote(t.name)}`
  const list = (columns: readonly string[]) => `(${columns.map(quote).join(', ')})`
  // Rows chosen as the root or as children: the root's condition, or a foreign key into such rows.
  const down = (t: Table, path: readonly Table[]): string | null => {
    if (t === root) return `(${condition})`
    const parts = fks
      .filter((e) => e.child === t && e.parent !== t && !path.includes(e.parent))
      .flatMap((e) => {
        const inner = down(e.parent, [...path, t])
        return inner === null
          ? []
          : [
              `${list(e.columns)} in (select ${e.parentColumns.map(quote).join(', ')} from ${id(e.parent)} where ${inner})`,
            ]
      })
    return parts.length === 0 ? null : parts.join(' or ')
  }
  // Those, and the rows any chosen row references.
  const chosen = (t: Table, path: readonly Table[]): string | null => {
    // The descent from the root is a path of its own: a row chosen as a child may come from the root below.
    const parts = [down(t, []) ?? []].flat()
    for (const e of fks.filter((e) => e.parent === t && e.child !== t && !path.includes(e.child))) {
      const inner = chosen(e.child, [...path, t])
      if (inner !== null)
        parts.push(
          `${list(e.parentColumns)} in (select ${e.columns.map(quote).join(', ')} from ${id(e.child)} where ${inner})`,
        )
    }
    return parts.length === 0 ? null : parts.map((p) => `(${p})`).join(' or ')
  }
  const queries = new Map<string, BaselineQuery>()
  for (const id of planLoad(schema).order) {
    const table = schema.tables.find((t) => tableName(t) === id)!
    const where = chosen(table, [])
    if (where === null) continue
    // Generated columns are computed by the target again: COPY FROM takes none.
    const columns = `(${table.columns
      .filter((c) => c.generated === null)
      .map((c) => quote(c.name))
      .join(', ')})`
    const name = `${quote(table.schema)}.${quote(table.name)}`
    queries.set(id, {
      table: `${name} ${columns}`,
      sql: `select ${columns.slice(1, -1)} from ${name} where ${where}`,
    })
  }
  return queries
}

/**
 * Copies each query's rows from `source` into the same table of `target` (created here from the source's
 * `pg_dump --section=pre-data`: tables without keys or indexes), table by table, and returns the seconds the
 * copies took, summed, with the rows per table.
 */
export async function copyBaseline(
  sourceUrl: string,
  targetUrl: string,
  queries: ReadonlyMap<string, BaselineQuery>,
  timeoutSeconds = Infinity,
): Promise<{ seconds: number; finished: boolean; rows: Map<string, number> }> {
  const dump = spawnSync('pg_dump', ['--section=pre-data', '--no-owner', sourceUrl], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  })
  if (dump.status !== 0) throw new Error(dump.stderr)
  const load = spawnSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', targetUrl], {
    input: dump.stdout,
    encoding: 'utf8',
  })
  if (load.status !== 0) throw new Error(load.stderr)
  const source = new pg.Client({ connectionString: sourceUrl })
  const target = new pg.Client({ connectionString: targetUrl })
  await source.connect()
  await target.connect()
  try {
    await source.query('begin transaction isolation level repeatable read read only')
    const rows = new Map<string, number>()
    const started = performance.now()
    for (const [id, query] of queries) {
      // What is left of the time allowed: a query past it is cancelled by the server (a long one also holds up
      // every DROP DATABASE on the server until it ends).
      const left = timeoutSeconds * 1000 - (performance.now() - started)
      if (Number.isFinite(left))
        await source.query(`set statement_timeout = ${Math.max(1, Math.round(left))}`)
      const into = target.query(copyFrom(`copy ${query.table} from stdin`))
      try {
        await pipeline(source.query(copyTo(`copy (${query.sql}) to stdout`)), into)
      } catch (error) {
        if ((error as { code?: string }).code !== QUERY_CANCELED) throw error
        return { seconds: (performance.now() - started) / 1000, finished: false, rows }
      }
      rows.set(id, into.rowCount)
    }
    const seconds = (performance.now() - started) / 1000
    await source.query('commit')
    return { seconds, finished: true, rows }
  } finally {
    await source.end()
    await target.end()
  }
}

const QUERY_CANCELED = '57014'

/** One table's baseline: the quoted table and the query selecting its rows. */
export interface BaselineQuery {
  table: string
  sql: string
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`
