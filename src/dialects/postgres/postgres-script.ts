import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely'

/** What a recorded read answers: the rows a fresh target that will hold the script's objects would return. */
export type ScriptAnswer = (sql: string, parameters: readonly unknown[]) => Record<string, unknown>[]

/**
 * A Kysely on no database: it keeps every statement the twin's writers send, as text, for a script that psql runs
 * later (`generate --out DIR --format sql`, issue 16.4). Reads are answered by `answer` (a fresh target holds
 * nothing yet); bound parameters are written in as literals, with standard_conforming_strings on, which the script
 * sets. Savepoints, SET LOCAL and reads are not kept, except `select setval(…)`, which moves a sequence.
 */
export function recordingPostgres(answer: ScriptAnswer): {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>
  statements: string[]
} {
  const statements: string[] = []
  const connection: DatabaseConnection = {
    executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      const text = inlined(query.sql, query.parameters)
      if (kept(text)) statements.push(text.trim().replace(/;$/, ''))
      return Promise.resolve({ rows: answer(query.sql, query.parameters) as R[] })
    },
    streamQuery() {
      throw new Error('a schema script streams no rows')
    },
  }
  const driver: Driver = {
    init: () => Promise.resolve(),
    acquireConnection: () => Promise.resolve(connection),
    beginTransaction: () => Promise.resolve(),
    commitTransaction: () => Promise.resolve(),
    rollbackTransaction: () => Promise.resolve(),
    releaseConnection: () => Promise.resolve(),
    destroy: () => Promise.resolve(),
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const db = new Kysely<any>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  })
  return { db, statements }
}

function kept(text: string): boolean {
  if (/^\s*(savepoint|release savepoint|rollback to savepoint|set local)\b/i.test(text)) return false
  return !/^\s*select\b/i.test(text) || /\bsetval\(/i.test(text)
}

/**
 * The statement with its `$n` parameters written as literals. A statement with parameters is one dbtwin built
 * itself (a setval, a comment): the source's own text (a function body, which may say `$1`) comes without any.
 */
function inlined(text: string, parameters: readonly unknown[]): string {
  if (parameters.length === 0) return text
  return text.replace(/\$(\d+)/g, (whole, n: string) =>
    Number(n) <= parameters.length ? literal(parameters[Number(n) - 1]) : whole,
  )
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL'
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (Array.isArray(value)) return `ARRAY[${value.map(literal).join(', ')}]`
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return `'${text.replaceAll("'", "''")}'`
}
