import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Pool } from 'mysql2'
import type { Column, ForeignKey, TableRef } from '../../schema/schema.js'
import {
  checkedExpression,
  checkedTypeText,
  type BulkWriter,
  type CreatedTable,
  type TypeTranslation,
  type NewForeignKey,
  type TargetForeignKey,
  type TwinTarget,
  type TwinWrite,
  type TwinTableSpec,
  type TableNote,
} from '../twin-target.js'
import type { CellValue } from '../../schema/cell-value.js'
import { ewkbToWkb } from '../../schema/postgis-type.js'
import { tableName } from '../../schema/table-name.js'
import { loadDataDecision, loadDataWriter, type LoadsInFlight } from './mysql-load-data.js'
import { mysqlObjectWriter } from './mysql-objects-writer.js'
import { utcText } from './mysql-time.js'
import { mysqlSpatialType, mysqlTypeFor } from './mysql-types.js'

/** Rows per INSERT: large statements load fast, and stay well under max_allowed_packet. */
const INSERT_ROWS = 1000

/**
 * Characters of text and hex per INSERT, roughly: rows of large BLOBs or text end a statement early, so it stays
 * under max_allowed_packet (16 MB by default on MariaDB; 1,000 rows of a 36 kB BLOB would be 72 MB of hex).
 */
const INSERT_CHARS = 4 * 1024 * 1024

/**
 * A write into MySQL/MariaDB, on the pool: its DDL commits as it goes, so it is no transaction and the caller undoes
 * what it did. `cancel` stops the statement of the foreign-key phase in flight (KILL QUERY), which can take long.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function mysqlTwinWrite(db: Kysely<any>, pool: Pool | null): Promise<TwinWrite> {
  const keyConnection: { id: number | null } = { id: null }
  const { rows } = await sql<{ local_infile: unknown }>`select @@local_infile as local_infile`.execute(db)
  // Through a caller's Kysely instance there is no pool to stream LOAD DATA over: multi-row INSERTs then.
  const decision =
    pool === null
      ? {
          allowed: false as const,
          why: 'rows are inserted, not loaded: LOAD DATA needs a mysql2 pool, not a Kysely instance',
        }
      : loadDataDecision(rows[0]?.local_infile)
  const loads: LoadsInFlight = new Set()
  return {
    db,
    twin: mysqlTwin(db, keyConnection, decision.allowed && pool !== null ? { pool, loads } : null),
    notes: decision.allowed ? [] : [decision.why],
    transactional: false,
    commit: () => Promise.resolve(),
    rollback: () => Promise.resolve(),
    async cancel() {
      await abandonLoads(loads)
      if (keyConnection.id !== null) await sql`kill query ${sql.lit(keyConnection.id)}`.execute(db)
    },
  }
}

/**
 * MySQL/MariaDB DDL and loading for a twin: inline enums, AUTO_INCREMENT keys, rows through LOAD DATA LOCAL INFILE
 * when `loadData` (the pool, the server allowing it), else multi-row INSERTs.
 */
function mysqlTwin(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  keyConnection: { id: number | null },
  loadData: { pool: Pool; loads: LoadsInFlight } | null,
): TwinTarget {
  return {
    family: 'mysql',
    createTable: createMysqlTable,
    schemaObjects: mysqlObjectWriter,
    addForeignKeys: (database, keys, signal) => addForeignKeys(database, keys, signal, keyConnection),
    // With the checks on (the pool's sessions have them on), on a table still empty: InnoDB then checks each row as
    // LOAD DATA stores it, a skipped row is a warning, which fails the load (see loadDataWriter).
    async addForeignKeysBeforeRows(database, keys) {
      for (const group of byTable(keys))
        await sql`alter table ${sql.id(group[0]!.target.schema, group[0]!.target.name)} ${sql.join(
          group.map(({ fk, parent }) => foreignKeyClause(fk, parent)),
        )}`.execute(database)
    },
    foreignKeys: readForeignKeys,
    async dropForeignKeys(database, table, names) {
      if (names.length === 0) return
      await sql`alter table ${sql.id(table.schema, table.name)} ${sql.join(
        names.map((n) => sql`drop foreign key ${sql.id(n)}`),
      )}`.execute(database)
    },
    async dropTable(database, table) {
      if (loadData !== null) await abandonLoads(loadData.loads)
      // A table of a foreign-key cycle (sakila's staff ↔ store) is referenced whichever goes first; its partner goes
      // next, so the check can wait, as PostgreSQL's CASCADE lets it.
      await database.connection().execute((connection) =>
        withoutForeignKeyChecks(connection, async () => {
          await sql`drop table if exists ${sql.id(table.schema, table.name)}`.execute(connection)
        }),
      )
    },
    async truncate(database, tables) {
      if (loadData !== null) await abandonLoads(loadData.loads)
      // Foreign keys would refuse TRUNCATE of a referenced table; the whole set is emptied, so they can wait.
      await database.connection().execute((connection) =>
        withoutForeignKeyChecks(connection, async () => {
          for (const t of tables) await sql`truncate table ${sql.id(t.schema, t.name)}`.execute(connection)
        }),
      )
    },
    // Spatial values need ST_GeomFromWKB/ST_GeomFromText around them, which only the INSERT path writes.
    bulkWriter: (target, columns) =>
      loadData !== null && !columns.some((c) => c.type === 'geometry' && mysqlSpatialType(c) !== null)
        ? loadDataWriter(db, loadData.pool, target, columns, loadData.loads)
        : insertWriter(db, target, columns),
  }
}

/**
 * Adds the keys table by table with the checks off, then checks each one the source holds valid, on one connection
 * whose id `keyConnection` holds meanwhile, so that a cancel can KILL its statement.
 */
async function addForeignKeys(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  database: Kysely<any>,
  keys: readonly NewForeignKey[],
  signal: AbortSignal | undefined,
  keyConnection: { id: number | null },
): Promise<void> {
  await database.connection().execute(async (connection) => {
    const { rows } = await sql<{ id: unknown }>`select connection_id() as id`.execute(connection)
    keyConnection.id = Number(rows[0]?.id)
    try {
      // With checks on, InnoDB rebuilds a table for every foreign key it adds (pagila: 20 s of 27). Off, each
      // table's keys are added in place in one statement, and one anti-join per key checks every row instead.
      await withoutForeignKeyChecks(connection, async () => {
        for (const group of byTable(keys)) {
          signal?.throwIfAborted()
          await sql`alter table ${sql.id(group[0]!.target.schema, group[0]!.target.name)} ${sql.join(
            group.map(({ fk, parent }) => foreignKeyClause(fk, parent)),
          )}`.execute(connection)
        }
      })
      // MySQL has no NOT VALID: a key the source holds NOT VALID is added with the checks off, as above, and
      // left unchecked, so rows that break it on the source may break it here too.
      for (const key of keys.filter((k) => k.fk.validated)) {
        signal?.throwIfAborted()
        await checkForeignKey(connection, key)
      }
    } finally {
      keyConnection.id = null
    }
  })
}

/** The foreign keys the tables have, from information_schema, each with its columns in order. */
async function readForeignKeys(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  database: Kysely<any>,
  tables: readonly TableRef[],
): Promise<TargetForeignKey[]> {
  if (tables.length === 0) return []
  const { rows } = await sql<{
    table_schema: string
    table_name: string
    name: string
    column_name: string
    parent_schema: string
    parent_table: string
    parent_column: string
  }>`select table_schema, table_name, constraint_name as name, column_name,
      referenced_table_schema as parent_schema, referenced_table_name as parent_table,
      referenced_column_name as parent_column
    from information_schema.key_column_usage
    where referenced_table_name is not null
      and (table_schema, table_name) in (${sql.join(tables.map((t) => sql`(${t.schema}, ${t.name})`))})
    order by table_schema, table_name, constraint_name, ordinal_position`.execute(database)
  const keys = new Map<string, TargetForeignKey>()
  for (const r of rows) {
    const id = `${r.table_schema}.${r.table_name}.${r.name}`
    const key = keys.get(id) ?? {
      table: { schema: r.table_schema, name: r.table_name },
      name: r.name,
      columns: [],
      parent: { schema: r.parent_schema, name: r.parent_table },
      parentColumns: [],
      // Added with the checks off, then checked row by row (checkForeignKey): MySQL keeps no NOT VALID state.
      validated: true,
    }
    key.columns.push(r.column_name)
    key.parentColumns.push(r.parent_column)
    keys.set(id, key)
  }
  return [...keys.values()]
}

/** Ends every load whose file is still open (a write failed or interrupted mid-table), before its undo. */
async function abandonLoads(loads: LoadsInFlight): Promise<void> {
  await Promise.all([...loads].map((abandon) => abandon()))
}

function foreignKeyClause(fk: ForeignKey, parent: TableRef): RawBuilder<unknown> {
  return sql`add constraint ${sql.id(fk.name)}
    foreign key (${sql.join(fk.columns.map((c) => sql.id(c)))})
    references ${sql.id(parent.schema, parent.name)} (${sql.join(fk.references.columns.map((c) => sql.id(c)))})
    ${actionClause('delete', fk.onDelete)} ${actionClause('update', fk.onUpdate)}`
}

/**
 * RESTRICT is left unsaid: MariaDB stores an explicit RESTRICT added with foreign_key_checks off (as addForeignKeys
 * adds keys) as NO ACTION, and the twin's SHOW CREATE TABLE then differed from sakila's, where the clause is absent
 * (issue 16). Unsaid, it is RESTRICT on MariaDB and NO ACTION on MySQL, which InnoDB enforces alike.
 */
function actionClause(on: 'delete' | 'update', action: ForeignKey['onDelete']): RawBuilder<unknown> {
  return action === 'restrict' ? sql`` : sql`on ${sql.raw(on)} ${sql.raw(mysqlAction(action))}`
}

function byTable(keys: readonly NewForeignKey[]): NewForeignKey[][] {
  const groups = new Map<string, NewForeignKey[]>()
  for (const key of keys) {
    const id = `${key.target.schema}.${key.target.name}`
    groups.set(id, [...(groups.get(id) ?? []), key])
  }
  return [...groups.values()]
}

/**
 * Fails, naming the key, when a row's foreign key (all of its columns set) has no parent row. A LEFT JOIN whose
 * parent column is NULL, not NOT EXISTS: MariaDB 10.11 materializes a NOT EXISTS subquery's whole parent table
 * first, then probes it, where the join probes the parent's key row by row and stops at the first miss (the
 * 500,000 order_items of bench/generate-mysql.ts: 0.8–1.2 s against 2.0–2.3 s). A matched parent row cannot hold
 * NULL in a column the join compared, so the NULL means no parent.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function checkForeignKey(db: Kysely<any>, { target, fk, parent }: NewForeignKey): Promise<void> {
  const child = (c: string) => sql`c.${sql.id(c)}`
  const { rows } = await sql`select 1 from ${sql.id(target.schema, target.name)} c
    left join ${sql.id(parent.schema, parent.name)} p on ${sql.join(
      fk.columns.map((c, i) => sql`p.${sql.id(fk.references.columns[i]!)} = ${child(c)}`),
      sql` and `,
    )}
    where ${sql.join(
      fk.columns.map((c) => sql`${child(c)} is not null`),
      sql` and `,
    )}
    and p.${sql.id(fk.references.columns[0]!)} is null limit 1`.execute(db)
  if (rows.length > 0)
    throw new Error(
      `foreign key ${fk.name} of ${target.schema}.${target.name} points at rows ${parent.schema}.${parent.name} does not have`,
    )
}

/** MySQL has no deferred checks: SET DEFAULT is not supported by InnoDB, so it falls back to NO ACTION. */
function mysqlAction(action: ForeignKey['onDelete']): string {
  return action === 'set default' ? 'no action' : action
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function createMysqlTable(db: Kysely<any>, spec: TwinTableSpec): Promise<CreatedTable> {
  const { table, target, sameEngine } = spec
  const notes: TableNote[] = []
  const translated: TypeTranslation[] = []
  const item = (name: string) => `${tableName(table)}.${name}`
  const parts: RawBuilder<unknown>[] = []
  for (const column of table.columns) {
    if (!sameEngine && lacksCounterpart(column))
      translated.push({
        column: column.name,
        from: column.nativeType,
        to: mysqlTypeFor(column, spec.keyColumns.has(column.name)),
      })
    const items = [sql`${sql.id(column.name)} ${columnType(spec, column)}`]
    if (column.generated !== null && sameEngine) {
      items.push(sql`as (${sql.raw(checkedExpression(column.generated))}) stored`)
    } else {
      if (column.generated !== null)
        notes.push({
          reason: "generated columns are plain columns (their expressions are the source engine's)",
          item: item(column.name),
        })
      items.push(column.nullable || column.generated !== null ? sql`null` : sql`not null`)
      if (column.identity !== null) items.push(sql`auto_increment`)
    }
    parts.push(sql.join(items, sql` `))
  }
  if (table.primaryKey !== null)
    parts.push(sql`primary key (${sql.join(table.primaryKey.columns.map((c) => sql.id(c)))})`)
  for (const unique of table.uniques) {
    // Written as the source's own index, with the other schema objects (a prefix length: see Key.index).
    if (sameEngine && unique.index === true) continue
    parts.push(sql`unique key ${sql.id(unique.name)} (${sql.join(unique.columns.map((c) => sql.id(c)))})`)
  }
  for (const check of table.checks) {
    if (sameEngine)
      parts.push(
        sql`constraint ${sql.id(check.name)} check (${sql.raw(checkedExpression(check.expression))})`,
      )
    else
      notes.push({
        reason: "checks are not created (their expressions are the source engine's)",
        item: item(check.name),
      })
  }
  await sql`create table ${sql.id(target.schema, target.name)} (${sql.join(parts)}) character set utf8mb4 collate utf8mb4_bin`.execute(
    db,
  )
  return { notes, translated }
}

/** PostgreSQL types with no MySQL type of their own: an extension's (citext, cube, hstore …) or a geometry. */
function lacksCounterpart(column: Column): boolean {
  return column.type === 'geometry' || column.type === 'unknown' || /^citext\b/.test(column.nativeType)
}

function columnType(spec: TwinTableSpec, column: Column): RawBuilder<unknown> {
  if ((column.type === 'enum' || column.type === 'set') && column.enumValues !== null) {
    return sql`${sql.raw(column.type)}(${sql.join(column.enumValues.map((v) => sql.lit(v)))})`
  }
  // MariaDB reports a JSON column's native type as longtext; `json` brings back the json_valid check it implies.
  if (spec.sameEngine && column.type === 'json') return sql`json`
  return sql.raw(
    checkedTypeText(
      spec.sameEngine ? column.nativeType : mysqlTypeFor(column, spec.keyColumns.has(column.name)),
    ),
  )
}

/** Runs `work` on one connection with foreign-key checks off, and turns them on again whatever happens. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function withoutForeignKeyChecks(connection: Kysely<any>, work: () => Promise<void>): Promise<void> {
  await sql`set foreign_key_checks = 0`.execute(connection)
  try {
    await work()
  } finally {
    await sql`set foreign_key_checks = 1`.execute(connection)
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function insertWriter(db: Kysely<any>, target: TableRef, columns: readonly Column[]): BulkWriter {
  const into = sql`insert into ${sql.id(target.schema, target.name)} (${sql.join(columns.map((c) => sql.id(c.name)))}) values `
  // Instants from PostgreSQL carry their offset (2006-02-15 04:44:00+00), which MySQL's DATETIME refuses.
  const instants = columns.map((c) => c.type === 'timestamptz')
  const spatial = columns.map((c) => c.type === 'geometry' && mysqlSpatialType(c) !== null)
  const value = (v: CellValue, i: number) =>
    spatial[i] === true ? spatialValue(v) : mysqlValue(instants[i] === true ? utcText(v) : v)
  return {
    async write(rows: readonly CellValue[][]) {
      let values: RawBuilder<unknown>[] = []
      let chars = 0
      for (const row of rows) {
        values.push(sql`(${sql.join(row.map(value))})`)
        for (const v of row)
          chars += typeof v === 'string' ? v.length : typeof v === 'object' && v !== null ? 2 * v.length : 0
        if (values.length === INSERT_ROWS || chars >= INSERT_CHARS) {
          await sql`${into}${sql.join(values)}`.execute(db)
          values = []
          chars = 0
        }
      }
      if (values.length > 0) await sql`${into}${sql.join(values)}`.execute(db)
    },
    async end() {},
  }
}

/** A value of an INSERT: bytes as a hex literal, X'00ff', which a BLOB or BINARY column stores as those bytes. */
function mysqlValue(value: CellValue): RawBuilder<unknown> {
  if (typeof value !== 'object' || value === null) return sql`${value}`
  return sql.raw(`X'${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}'`)
}

/**
 * A PostGIS value into a MySQL spatial column: hex EWKB (as PostgreSQL prints a geometry) through ST_GeomFromWKB,
 * EWKT (`SRID=4326;POINT(1 2)`, as dbtwin generates one) or WKT through ST_GeomFromText, the SRID kept. Anything
 * else goes as it is, for MySQL to judge.
 */
function spatialValue(value: CellValue): RawBuilder<unknown> {
  if (typeof value !== 'string') return mysqlValue(value)
  const binary = ewkbToWkb(value)
  if (binary !== null) return sql`ST_GeomFromWKB(${mysqlValue(binary.wkb)}, ${binary.srid})`
  const text = /^(?:SRID=(\d+);)?\s*([A-Za-z]+\s*\(.*)$/s.exec(value)
  if (text === null) return mysqlValue(value)
  return sql`ST_GeomFromText(${text[2]!}, ${Number(text[1] ?? 0)})`
}
