import { sql, type Kysely } from 'kysely'
import type { SchemaObject, SkippedObject, Table } from '../../schema/schema.js'
import type { MysqlCatalog } from './mysql-catalog.js'

type Catalog = Kysely<MysqlCatalog>

/** What a MySQL/MariaDB source holds beyond tables and keys, and what the login could not read. */
export interface MysqlObjects {
  objects: SchemaObject[]
  skipped: SkippedObject[]
}

/**
 * Reads every table's definition, view, routine, trigger and event of a MySQL/MariaDB source as the server's own
 * SHOW CREATE prints it (issue 16), for a twin of the same engine to recreate: the tables are created from the
 * portable schema, then given the source's options, column definitions (defaults, ON UPDATE, charsets, comments)
 * and secondary indexes before any row; routines before the tables; views, triggers and events after the load, so
 * triggers do not fire on written rows. DEFINER clauses are left out, as grants and owners are: the twin's objects
 * belong to whoever writes it. An object the login may not read (SHOW CREATE needs more than SELECT for triggers,
 * routines and events) is listed as skipped instead. Runs on the source's database as the current one, so views
 * name its tables without the database.
 */
export async function readMysqlObjects(
  db: Catalog,
  database: string,
  tables: readonly Table[],
  views: readonly string[],
): Promise<MysqlObjects> {
  const objects: SchemaObject[] = []
  const skipped: SkippedObject[] = []
  for (const table of tables) objects.push(...tableObjects(table, await showCreate(db, 'table', table.name)))
  const [routines, triggers, events] = await Promise.all([
    db
      .selectFrom('information_schema.ROUTINES')
      .select(['ROUTINE_NAME as name', 'ROUTINE_TYPE as type'])
      .where('ROUTINE_SCHEMA', '=', database)
      .orderBy('ROUTINE_NAME')
      .execute(),
    db
      .selectFrom('information_schema.TRIGGERS')
      .select(['TRIGGER_NAME as name', 'EVENT_OBJECT_TABLE as table'])
      .where('TRIGGER_SCHEMA', '=', database)
      .orderBy('EVENT_OBJECT_TABLE')
      .orderBy('ACTION_ORDER')
      .execute(),
    db
      .selectFrom('information_schema.EVENTS')
      .select('EVENT_NAME as name')
      .where('EVENT_SCHEMA', '=', database)
      .orderBy('EVENT_NAME')
      .execute(),
  ])
  const read = async (
    kind: 'view' | 'function' | 'procedure' | 'trigger' | 'event',
    name: string,
    phase: SchemaObject['phase'],
    requires: string[],
    skippedName = name,
  ) => {
    try {
      const shown = await showCreate(db, kind, name)
      objects.push({
        kind,
        schema: database,
        name,
        statement: withoutDefiner(shown.statement),
        phase,
        requires,
        ...(shown.sqlMode === undefined ? {} : { sqlMode: shown.sqlMode }),
      })
    } catch (error) {
      skipped.push({
        kind,
        schema: database,
        name: skippedName,
        reason: `the login cannot read its definition (${error instanceof Error ? error.message : String(error)}); grant it SHOW VIEW, TRIGGER, EVENT or SELECT on mysql.proc to copy it`,
      })
    }
  }
  for (const r of routines)
    await read(r.type === 'PROCEDURE' ? 'procedure' : 'function', r.name, 'before-tables', [])
  for (const v of views) await read('view', v, 'after-load', [])
  for (const t of triggers)
    await read(
      'trigger',
      t.name,
      'after-load',
      [`relation ${database}.${t.table}`],
      `${t.name} on ${t.table}`,
    )
  for (const e of events) await read('event', e.name, 'after-load', [])
  return { objects, skipped }
}

/** The statement column and sql_mode of each SHOW CREATE. */
const SHOWN = {
  table: { statement: 'Create Table', keyword: 'table' },
  view: { statement: 'Create View', keyword: 'view' },
  function: { statement: 'Create Function', keyword: 'function' },
  procedure: { statement: 'Create Procedure', keyword: 'procedure' },
  trigger: { statement: 'SQL Original Statement', keyword: 'trigger' },
  event: { statement: 'Create Event', keyword: 'event' },
} as const

async function showCreate(
  db: Catalog,
  kind: keyof typeof SHOWN,
  name: string,
): Promise<{ statement: string; sqlMode?: string }> {
  const shown = SHOWN[kind]
  const { rows } = await sql<
    Record<string, unknown>
  >`show create ${sql.raw(shown.keyword)} ${sql.id(name)}`.execute(db)
  const statement = rows[0]?.[shown.statement]
  // Without the privilege, MariaDB answers a routine's SHOW CREATE with a NULL body rather than an error.
  if (typeof statement !== 'string') throw new Error(`SHOW CREATE ${kind.toUpperCase()} gave no statement`)
  const sqlMode = rows[0]?.['sql_mode']
  return typeof sqlMode === 'string' ? { statement, sqlMode } : { statement }
}

const DEFINER =
  /^(CREATE (?:OR REPLACE )?(?:ALGORITHM=\w+ )?)DEFINER=(?:`(?:[^`]|``)*`|\S+?)@(?:`(?:[^`]|``)*`|\S+) /

/** `CREATE DEFINER=`root`@`localhost` TRIGGER …` as `CREATE TRIGGER …`: the twin's writer becomes its definer. */
export function withoutDefiner(statement: string): string {
  return statement.replace(DEFINER, '$1')
}

/**
 * A table's options, column definitions and secondary indexes from its SHOW CREATE TABLE, as statements on the
 * table dbtwin created. The server prints one clause per line and escapes newlines inside comments and defaults,
 * so each line is a clause. Left to others: the primary key, unique keys (created with the table), foreign keys
 * (added after the load), CHECKs (created with the table) and AUTO_INCREMENT=N (the twin's own rows set it).
 * Partitioning (the lines after the options, MySQL 8 inside a `/*!50100 … *\/` comment) is set before any row.
 */
export function tableObjects(table: Table, shown: { statement: string }): SchemaObject[] {
  const lines = shown.statement.split('\n')
  const end = lines.findIndex((l) => l.startsWith(')'))
  const clauses = lines.slice(1, end < 0 ? undefined : end).map((l) => l.trim().replace(/,$/, ''))
  const name = `\`${table.name.replaceAll('`', '``')}\``
  const base = {
    schema: table.schema,
    phase: 'after-tables' as const,
    requires: [`relation ${table.schema}.${table.name}`],
  }
  const objects: SchemaObject[] = []
  const options = (lines[end] ?? '')
    .slice(1)
    .replace(/ AUTO_INCREMENT=\d+/, '')
    .trim()
  if (options !== '')
    objects.push({ ...base, kind: 'table', name: table.name, statement: `ALTER TABLE ${name} ${options}` })
  const partitioning = lines
    .slice(end + 1)
    .join('\n')
    .trim()
    .replace(/^\/\*!\d+ (.*) \*\/$/s, '$1')
  if (end >= 0 && partitioning !== '')
    objects.push({
      ...base,
      kind: 'table',
      name: `${table.name} partitioning`,
      statement: `ALTER TABLE ${name} ${partitioning}`,
    })
  // A generated column is recreated in its place, as MySQL cannot change how one is stored (dbtwin creates it
  // STORED; the source's may be VIRTUAL): no row is written yet, and dbtwin never writes generated columns.
  const generated = new Set(table.columns.filter((c) => c.generated !== null).map((c) => c.name))
  const columns = clauses.filter((c) => c.startsWith('`'))
  const changes = columns.map((c, i) => {
    if (!generated.has(quotedName(c))) return `MODIFY COLUMN ${c}`
    const after = i === 0 ? 'FIRST' : `AFTER ${/^`(?:[^`]|``)*`/.exec(columns[i - 1]!)![0]}`
    return `DROP COLUMN ${/^`(?:[^`]|``)*`/.exec(c)![0]}, ADD COLUMN ${c} ${after}`
  })
  if (changes.length > 0)
    objects.push({
      ...base,
      kind: 'column',
      name: table.name,
      statement: `ALTER TABLE ${name} ${changes.join(', ')}`,
    })
  const uniques = new Set(table.uniques.filter((u) => u.index !== true).map((u) => u.name))
  for (const clause of clauses) {
    const index = /^(?:(UNIQUE|FULLTEXT|SPATIAL) )?KEY (`(?:[^`]|``)*`)/.exec(clause)
    if (index === null) continue
    const indexName = index[2]!.slice(1, -1).replaceAll('``', '`')
    if (index[1] === 'UNIQUE' && uniques.has(indexName)) continue
    objects.push({
      ...base,
      kind: 'index',
      name: `${table.name}.${indexName}`,
      statement: `ALTER TABLE ${name} ADD ${clause}`,
    })
  }
  return objects
}

function quotedName(clause: string): string {
  return (/^`((?:[^`]|``)*)`/.exec(clause)?.[1] ?? '').replaceAll('``', '`')
}
