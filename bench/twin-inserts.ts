/**
 * Issue 16's "an insert that gives no id or timestamp succeeds on the twin": into every table of a twin, one row
 * giving only the NOT NULL columns without a default (their values copied from a row the twin already holds), in a
 * transaction that is rolled back. Shared by bench/default-inserts.ts (every corpus twin, both engines) and
 * bench/schema-diff.ts.
 */
import mysql from 'mysql2/promise'
import pg from 'pg'

export interface InsertResult {
  /** Tables an insert was tried on. */
  tried: number
  /** Tables with no row to copy values from, whose insert needs values: not tried. */
  empty: number
  /** Tables whose whole primary key has no default: an application gives it, so copying a row's collides. */
  keyGiven: number
  /**
   * Tables whose CHECK asks for one of the nullable columns (musicbrainz's release_label_check: a label or a
   * catalog number): the insert failed, and succeeded once those were given too, so the rule is the application's.
   */
  wantsNullable: number
  /** `table: message` for each insert that failed. */
  failures: string[]
}

interface Insertable {
  table: string
  /** The required columns (NOT NULL, no default, identity or generation), quoted. */
  columns: string[]
  /** The nullable columns without a default, quoted. */
  nullable: string[]
  /** The primary key's name, null without one. */
  key: string | null
  /** Every primary key column is among the required ones. */
  keyGiven: boolean
}

/**
 * A copied row's values collide on a unique key other than the primary one (a name, a code): not the twin's fault.
 * A collision on the primary key is: its default gave a value already taken (a sequence not moved past the rows).
 */
const collidesElsewhere = (e: { code?: string; constraint?: string }, t: Insertable) =>
  e.code === '23505' && e.constraint !== t.key

/** One insert per table of a PostgreSQL twin, rolled back. */
export async function postgresInsertFailures(url: string): Promise<InsertResult> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows: tables } = await client.query<Insertable>(`
      select format('%I.%I', n.nspname, c.relname) as table, k.conname as key,
        array(select quote_ident(a.attname) from pg_attribute a where a.attrelid = c.oid and a.attnum > 0
          and not a.attisdropped and a.attnotnull and not a.atthasdef and a.attidentity = ''
          and a.attgenerated = '' order by a.attnum) as columns,
        array(select quote_ident(a.attname) from pg_attribute a where a.attrelid = c.oid and a.attnum > 0
          and not a.attisdropped and not a.attnotnull and not a.atthasdef and a.attgenerated = ''
          order by a.attnum) as nullable,
        coalesce((select bool_and(a.attnotnull and not a.atthasdef and a.attidentity = '')
          from pg_attribute a where a.attrelid = c.oid and a.attnum = any(k.conkey)), false) as "keyGiven"
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      left join pg_constraint k on k.conrelid = c.oid and k.contype = 'p'
      where c.relkind in ('r', 'p') and not c.relispartition and n.nspname not like 'pg\\_%'
        and n.nspname <> 'information_schema'
        and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid
          and d.deptype = 'e')
      order by 1`)
    await client.query('begin')
    return await tryEach(tables, async (t, columns) => {
      await client.query('savepoint one')
      try {
        const list = columns.join(', ')
        const { rowCount } = await client.query(
          columns.length === 0
            ? `insert into ${t.table} default values`
            : `insert into ${t.table} (${list}) select ${list} from ${t.table} limit 1`,
        )
        return rowCount !== 0
      } finally {
        await client.query('rollback to savepoint one')
      }
    })
  } finally {
    await client.query('rollback').catch(() => {})
    await client.end()
  }
}

/** One insert per table of a MySQL/MariaDB twin, rolled back (InnoDB). */
export async function mysqlInsertFailures(url: string): Promise<InsertResult> {
  const connection = await mysql.createConnection(url)
  const database = decodeURIComponent(new URL(url).pathname.slice(1))
  const id = (name: string) => '`' + name.replaceAll('`', '``') + '`'
  try {
    // column_default is NULL for a column without one (MariaDB shows a nullable column's NULL default as 'NULL').
    const [rows] = await connection.query<mysql.RowDataPacket[]>(
      `select c.table_name as name, c.column_name as col, c.column_key = 'PRI' as pk,
        c.is_nullable = 'NO' and c.column_default is null and c.extra not like '%auto_increment%'
          and c.extra not like '%GENERATED%' and c.extra not like '%VIRTUAL%' and c.extra not like '%STORED%'
          as required,
        c.is_nullable = 'YES' and (c.column_default is null or c.column_default = 'NULL')
          and c.extra not like '%GENERATED%' and c.extra not like '%VIRTUAL%' and c.extra not like '%STORED%'
          as optional
      from information_schema.columns c join information_schema.tables t
        on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema = ? order by c.table_name, c.ordinal_position`,
      [database],
    )
    const byTable = new Map<string, Insertable & { keyColumns: boolean[] }>()
    for (const r of rows) {
      const name = r['name'] as string
      const t = byTable.get(name) ?? {
        table: id(name),
        columns: [],
        nullable: [],
        key: 'PRIMARY',
        keyGiven: false,
        keyColumns: [],
      }
      if (Number(r['required']) === 1) t.columns.push(id(r['col'] as string))
      if (Number(r['optional']) === 1) t.nullable.push(id(r['col'] as string))
      if (Number(r['pk']) === 1) t.keyColumns.push(Number(r['required']) === 1)
      byTable.set(name, t)
    }
    const tables = [...byTable.values()].map((t) => ({
      ...t,
      keyGiven: t.keyColumns.length > 0 && t.keyColumns.every(Boolean),
    }))
    await connection.query('start transaction')
    return await tryEach(tables, async (t, columns) => {
      await connection.query('savepoint one')
      try {
        const list = columns.join(', ')
        const [result] = await connection.query<mysql.ResultSetHeader>(
          columns.length === 0
            ? `insert into ${t.table} () values ()`
            : `insert into ${t.table} (${list}) select ${list} from ${t.table} limit 1`,
        )
        return result.affectedRows > 0
      } finally {
        await connection.query('rollback to savepoint one')
      }
    })
  } finally {
    await connection.query('rollback').catch(() => {})
    await connection.end()
  }
}

/** PostgreSQL's check_violation; MariaDB's ER_CONSTRAINT_FAILED, MySQL's ER_CHECK_CONSTRAINT_VIOLATED. */
const isCheckViolation = (e: { code?: string }) =>
  e.code === '23514' || e.code === 'ER_CONSTRAINT_FAILED' || e.code === 'ER_CHECK_CONSTRAINT_VIOLATED'

/** Runs `insert` on each table whose key is not the application's to give; `insert` says whether a row went in. */
async function tryEach(
  tables: readonly Insertable[],
  insert: (t: Insertable, columns: readonly string[]) => Promise<boolean>,
): Promise<InsertResult> {
  const result: InsertResult = { tried: 0, empty: 0, keyGiven: 0, wantsNullable: 0, failures: [] }
  for (const t of tables) {
    if (t.keyGiven) {
      result.keyGiven++
      continue
    }
    try {
      if (await insert(t, t.columns)) result.tried++
      else result.empty++
    } catch (error) {
      result.tried++
      const e = error as { message: string; code?: string; constraint?: string }
      if (isCheckViolation(e) && t.nullable.length > 0) {
        // Again with the nullable columns given: a row in, or one stopped only by a unique key (checked after the
        // CHECKs), passed the CHECK; no row to copy them from leaves the table untried.
        const again = await insert(t, [...t.columns, ...t.nullable]).then(
          (inserted) => (inserted ? 'passed' : 'empty'),
          (retry: { code?: string }) =>
            retry.code === '23505' || retry.code === 'ER_DUP_ENTRY' ? 'passed' : 'failed',
        )
        if (again === 'passed') result.wantsNullable++
        if (again === 'empty') {
          result.tried--
          result.empty++
        }
        if (again !== 'failed') continue
      }
      // MySQL names no constraint: a duplicate on PRIMARY is the key's own.
      const mysqlDuplicate = e.code === 'ER_DUP_ENTRY' && !/for key '(\S+\.)?PRIMARY'/.test(e.message)
      if (!collidesElsewhere(e, t) && !mysqlDuplicate) result.failures.push(`${t.table}: ${e.message}`)
    }
  }
  return result
}
