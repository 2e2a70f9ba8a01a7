import type { Kysely } from 'kysely'
import type { Column, PortableType, Schema, SkippedObject, Table } from '../../schema/schema.js'
import { sortTables } from '../../schema/sort-schema.js'
import type { MysqlCatalog } from './mysql-catalog.js'
import { readMysqlKeys } from './mysql-keys.js'
import { readMysqlObjects } from './mysql-objects.js'
import { checkMysqlReadable } from './mysql-readable.js'
import { enumValues, portableType } from './mysql-types.js'

type Catalog = Kysely<MysqlCatalog>

/** MariaDB stores JSON as LONGTEXT guarded by this check, which it adds itself. */
const JSON_VALID_CHECK = /^json_valid\(`(.+)`\)$/

/**
 * Reads the portable schema of the one database a MySQL/MariaDB URL names, from what information_schema shows a
 * login with only SELECT on it, and fails if the login cannot read a table. `mariadb` picks the check-constraint
 * query, because MariaDB keys check names by table and MySQL by schema, and the foreign-key action a server stores
 * when none is given.
 */
export async function introspectMysql(db: Catalog, database: string, mariadb: boolean): Promise<Schema> {
  const [relations, columns, checks] = await Promise.all([
    readRelations(db, database),
    readColumns(db, database),
    mariadb ? readMariadbChecks(db, database) : readMysqlChecks(db, database),
  ])
  const tables = new Map<string, Table>()
  for (const r of relations) {
    if (r.TABLE_TYPE !== 'BASE TABLE' && r.TABLE_TYPE !== 'SYSTEM VERSIONED') continue
    tables.set(r.TABLE_NAME, {
      schema: database,
      name: r.TABLE_NAME,
      columns: [],
      primaryKey: null,
      uniques: [],
      foreignKeys: [],
      checks: [],
      estimatedRows: Number(r.TABLE_ROWS ?? 0),
      comment: r.TABLE_COMMENT === '' ? null : r.TABLE_COMMENT,
      partitions: [],
    })
  }
  // MariaDB's JSON is a LONGTEXT with a check it adds itself, named after the column: that check is the type's own.
  const longtext = new Set(
    columns
      .filter((c) => c.DATA_TYPE.toLowerCase() === 'longtext')
      .map((c) => `${c.TABLE_NAME}\u0000${c.COLUMN_NAME}`),
  )
  const isJsonMarker = (c: CheckRow) =>
    JSON_VALID_CHECK.exec(c.expression)?.[1]?.replaceAll('``', '`') === c.name &&
    longtext.has(`${c.table}\u0000${c.name}`)
  const jsonColumns = new Set(checks.filter(isJsonMarker).map((c) => `${c.table}\u0000${c.name}`))
  for (const c of columns) {
    const column = toColumn(c)
    if (jsonColumns.has(`${c.TABLE_NAME}\u0000${c.COLUMN_NAME}`)) column.type = 'json'
    tables.get(c.TABLE_NAME)?.columns.push(column)
  }
  for (const c of checks) {
    if (!isJsonMarker(c)) tables.get(c.table)?.checks.push({ name: c.name, expression: c.expression })
  }
  await readMysqlKeys(db, database, tables, mariadb)
  await checkMysqlReadable(db, database, [...tables.values()])

  const sorted = sortTables(tables.values())
  const views = relations.filter((r) => r.TABLE_TYPE === 'VIEW').map((r) => r.TABLE_NAME)
  const { objects, skipped } = await readMysqlObjects(db, database, sorted, views)
  return {
    formatVersion: 1,
    dialect: 'mysql',
    database,
    schemas: [database],
    tables: sorted,
    enums: [],
    objects,
    skipped: [...skippedRelations(relations, database), ...skipped].sort(
      (a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name),
    ),
  }
}

async function readRelations(db: Catalog, database: string) {
  return db
    .selectFrom('information_schema.TABLES')
    .select(['TABLE_NAME', 'TABLE_TYPE', 'TABLE_ROWS', 'TABLE_COMMENT'])
    .where('TABLE_SCHEMA', '=', database)
    .orderBy('TABLE_NAME')
    .execute()
}

type ColumnRow = Awaited<ReturnType<typeof readColumns>>[number]

async function readColumns(db: Catalog, database: string) {
  return db
    .selectFrom('information_schema.COLUMNS')
    .select([
      'TABLE_NAME',
      'COLUMN_NAME',
      'COLUMN_DEFAULT',
      'IS_NULLABLE',
      'DATA_TYPE',
      'COLUMN_TYPE',
      'CHARACTER_MAXIMUM_LENGTH',
      'NUMERIC_PRECISION',
      'NUMERIC_SCALE',
      'DATETIME_PRECISION',
      'EXTRA',
      'GENERATION_EXPRESSION',
      'COLUMN_COMMENT',
    ])
    .where('TABLE_SCHEMA', '=', database)
    .orderBy('TABLE_NAME')
    .orderBy('ORDINAL_POSITION')
    .execute()
}

function toColumn(c: ColumnRow): Column {
  const type = portableType(c.DATA_TYPE, c.COLUMN_TYPE)
  const generated = /\bGENERATED\b/i.test(c.EXTRA)
  return {
    name: c.COLUMN_NAME,
    nativeType: c.COLUMN_TYPE,
    type,
    elementType: null,
    nullable: c.IS_NULLABLE === 'YES',
    // MariaDB spells "no default" as the string NULL; a string default equal to 'NULL' comes back quoted.
    default: generated || c.COLUMN_DEFAULT === null || c.COLUMN_DEFAULT === 'NULL' ? null : c.COLUMN_DEFAULT,
    identity: /\bauto_increment\b/i.test(c.EXTRA) ? 'auto-increment' : null,
    generated: generated ? (c.GENERATION_EXPRESSION ?? '') : null,
    length: columnLength(type, c),
    precision:
      type === 'decimal'
        ? numberOrNull(c.NUMERIC_PRECISION)
        : type === 'timestamp' || type === 'timestamptz' || type === 'time'
          ? numberOrNull(c.DATETIME_PRECISION)
          : null,
    scale: type === 'decimal' ? numberOrNull(c.NUMERIC_SCALE) : null,
    enumValues: type === 'enum' || type === 'set' ? enumValues(c.COLUMN_TYPE) : null,
    enumType: null,
    comment: c.COLUMN_COMMENT === '' ? null : c.COLUMN_COMMENT,
  }
}

/**
 * Characters of a char/varchar, bytes of a binary type (binary(16), varbinary(n), the blobs' 255 to 2³²−1), bits of
 * a bit(n), as PostgreSQL's typmod gives bit(n) its n: generation keeps made values within it (a `hash` rule's 1 to 8
 * KB file into a varbinary(16) was truncated and rolled the write back). Text types have none, as on PostgreSQL.
 */
function columnLength(type: PortableType, c: ColumnRow): number | null {
  if (type === 'char' || type === 'varchar' || type === 'binary')
    return numberOrNull(c.CHARACTER_MAXIMUM_LENGTH)
  return type === 'bit' ? numberOrNull(c.NUMERIC_PRECISION) : null
}

function numberOrNull(value: number | string | null): number | null {
  return value === null ? null : Number(value)
}

interface CheckRow {
  table: string
  name: string
  expression: string
}

async function readMariadbChecks(db: Catalog, database: string): Promise<CheckRow[]> {
  return db
    .selectFrom('information_schema.CHECK_CONSTRAINTS')
    .select(['TABLE_NAME as table', 'CONSTRAINT_NAME as name', 'CHECK_CLAUSE as expression'])
    .where('CONSTRAINT_SCHEMA', '=', database)
    .execute()
}

async function readMysqlChecks(db: Catalog, database: string): Promise<CheckRow[]> {
  return db
    .selectFrom('information_schema.TABLE_CONSTRAINTS as tc')
    .innerJoin('information_schema.CHECK_CONSTRAINTS as cc', (join) =>
      join
        .onRef('cc.CONSTRAINT_SCHEMA', '=', 'tc.CONSTRAINT_SCHEMA')
        .onRef('cc.CONSTRAINT_NAME', '=', 'tc.CONSTRAINT_NAME'),
    )
    .select(['tc.TABLE_NAME as table', 'tc.CONSTRAINT_NAME as name', 'cc.CHECK_CLAUSE as expression'])
    .where('tc.TABLE_SCHEMA', '=', database)
    .where('tc.CONSTRAINT_TYPE', '=', 'CHECK')
    .execute()
}

function skippedRelations(
  relations: Awaited<ReturnType<typeof readRelations>>,
  database: string,
): SkippedObject[] {
  return relations
    .filter((r) => r.TABLE_TYPE === 'SEQUENCE')
    .map((r) => ({
      kind: 'sequence',
      schema: database,
      name: r.TABLE_NAME,
      reason: 'a sequence no column owns is not copied',
    }))
}
