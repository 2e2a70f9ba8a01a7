import type { Kysely } from 'kysely'
import type {
  Column,
  ForeignKey,
  Key,
  ReferentialAction,
  Schema,
  SkippedObject,
  Table,
} from '../../schema/schema.js'
import type { MysqlCatalog } from './mysql-catalog.js'
import { enumValues, portableType, typeSize } from './mysql-types.js'

type Catalog = Kysely<MysqlCatalog>
type ColumnRow = Awaited<ReturnType<typeof readColumns>>[number]
type KeyColumnRow = Awaited<ReturnType<typeof readKeyColumns>>[number]
type RelationRow = Awaited<ReturnType<typeof readRelations>>[number]

interface CheckRow {
  table: string
  name: string
  expression: string
}

/** MariaDB's JSON is a LONGTEXT with this column-level check, which the server adds itself and names after the column. */
const JSON_VALID_CHECK = /^json_valid\(`((?:[^`]|``)+)`\)$/

const ACTIONS: readonly ReferentialAction[] = ['no action', 'restrict', 'cascade', 'set null', 'set default']

/**
 * Reads the portable schema of the one database a MySQL/MariaDB URL names, from information_schema. The database is
 * the only namespace, so it is every table's `schema`. MySQL enums are inline on their columns, so `enums` is empty.
 *
 * @example
 * const schema = await introspectMysql(db, 'shop')
 * schema.tables.map((t) => t.name) // ['customers', 'orders', …]
 */
export async function introspectMysql(db: Catalog, database: string): Promise<Schema> {
  const [relations, columns, keyColumns, checks, others] = await Promise.all([
    readRelations(db, database),
    readColumns(db, database),
    readKeyColumns(db, database),
    readChecks(db, database),
    readOtherObjects(db, database),
  ])
  const tables = new Map<string, Table>()
  for (const r of relations) {
    if (r.TABLE_TYPE === 'BASE TABLE' || r.TABLE_TYPE === 'SYSTEM VERSIONED')
      tables.set(r.TABLE_NAME, toTable(r, database))
  }
  const jsonChecks = mariadbJsonChecks(checks, columns)
  for (const c of columns) {
    const json = jsonChecks.has(columnKey(c.TABLE_NAME, c.COLUMN_NAME))
    tables.get(c.TABLE_NAME)?.columns.push(toColumn(c, json))
  }
  for (const c of checks) {
    const table = tables.get(c.table)
    if (table !== undefined && !jsonChecks.has(columnKey(c.table, c.name)))
      table.checks.push({ name: c.name, expression: c.expression })
  }
  addKeys(tables, keyColumns)

  const sorted = [...tables.values()].sort(byName)
  for (const t of sorted) {
    t.uniques.sort(byName)
    t.foreignKeys.sort(byName)
    t.checks.sort(byName)
  }
  return {
    formatVersion: 1,
    dialect: 'mysql',
    database,
    schemas: [database],
    tables: sorted,
    enums: [],
    skipped: [...skippedRelations(relations, database), ...others].sort(
      (a, b) => a.kind.localeCompare(b.kind) || byName(a, b),
    ),
  }
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name)
}

/** A NUL cannot occur in an identifier, so the pair cannot collide with another table's. */
function columnKey(table: string, column: string): string {
  return `${table}\u0000${column}`
}

async function readRelations(db: Catalog, database: string) {
  return db
    .selectFrom('information_schema.TABLES')
    .select(['TABLE_NAME', 'TABLE_TYPE', 'TABLE_ROWS', 'TABLE_COMMENT'])
    .where('TABLE_SCHEMA', '=', database)
    .execute()
}

function toTable(r: RelationRow, database: string): Table {
  return {
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
  }
}

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

/**
 * `json` marks a MariaDB JSON column (a LONGTEXT to the catalog). Generated columns are told by EXTRA, which both
 * engines spell `STORED GENERATED` / `VIRTUAL GENERATED`: MariaDB's IS_GENERATED does not exist on MySQL 8, and
 * MySQL's `DEFAULT_GENERATED` only means an expression default.
 */
function toColumn(c: ColumnRow, json: boolean): Column {
  const type = json ? 'json' : portableType(c.DATA_TYPE, c.COLUMN_TYPE)
  const generated = /\b(?:STORED|VIRTUAL) GENERATED\b/i.test(c.EXTRA)
  return {
    name: c.COLUMN_NAME,
    nativeType: c.COLUMN_TYPE,
    type,
    elementType: null,
    nullable: c.IS_NULLABLE === 'YES',
    // MariaDB spells "no default" as the bare word NULL; a string default 'NULL' comes back quoted, so it survives.
    default: generated || c.COLUMN_DEFAULT === null || c.COLUMN_DEFAULT === 'NULL' ? null : c.COLUMN_DEFAULT,
    identity: /\bauto_increment\b/i.test(c.EXTRA) ? 'auto-increment' : null,
    generated: generated ? (c.GENERATION_EXPRESSION ?? '') : null,
    ...typeSize(type, c),
    enumValues: type === 'enum' || type === 'set' ? enumValues(c.COLUMN_TYPE) : null,
    enumType: null,
    comment: c.COLUMN_COMMENT === '' ? null : c.COLUMN_COMMENT,
  }
}

/**
 * The MariaDB JSON columns, as `columnKey`s: a LONGTEXT whose column-level check, named after it, is exactly
 * `json_valid(`col`)`. That check is the type's own, so it is reported as the type and not as a table check.
 */
function mariadbJsonChecks(checks: readonly CheckRow[], columns: readonly ColumnRow[]): Set<string> {
  const longtext = new Set(
    columns
      .filter((c) => c.DATA_TYPE.toLowerCase() === 'longtext')
      .map((c) => columnKey(c.TABLE_NAME, c.COLUMN_NAME)),
  )
  const json = new Set<string>()
  for (const check of checks) {
    const column = JSON_VALID_CHECK.exec(check.expression)?.[1]?.replaceAll('``', '`')
    const key = columnKey(check.table, check.name)
    if (column === check.name && longtext.has(key)) json.add(key)
  }
  return json
}

/** One row per key column, in key order, so composite keys keep their columns' order and FK column pairing. */
async function readKeyColumns(db: Catalog, database: string) {
  return db
    .selectFrom('information_schema.TABLE_CONSTRAINTS as tc')
    .innerJoin('information_schema.KEY_COLUMN_USAGE as k', (join) =>
      join
        .onRef('k.CONSTRAINT_SCHEMA', '=', 'tc.CONSTRAINT_SCHEMA')
        .onRef('k.TABLE_NAME', '=', 'tc.TABLE_NAME')
        .onRef('k.CONSTRAINT_NAME', '=', 'tc.CONSTRAINT_NAME'),
    )
    .leftJoin('information_schema.REFERENTIAL_CONSTRAINTS as rc', (join) =>
      join
        .onRef('rc.CONSTRAINT_SCHEMA', '=', 'tc.CONSTRAINT_SCHEMA')
        .onRef('rc.TABLE_NAME', '=', 'tc.TABLE_NAME')
        .onRef('rc.CONSTRAINT_NAME', '=', 'tc.CONSTRAINT_NAME'),
    )
    .select([
      'tc.TABLE_NAME as table',
      'tc.CONSTRAINT_NAME as name',
      'tc.CONSTRAINT_TYPE as type',
      'k.COLUMN_NAME as column',
      'k.REFERENCED_TABLE_SCHEMA as refSchema',
      'k.REFERENCED_TABLE_NAME as refTable',
      'k.REFERENCED_COLUMN_NAME as refColumn',
      'rc.UPDATE_RULE as onUpdate',
      'rc.DELETE_RULE as onDelete',
    ])
    .where('tc.TABLE_SCHEMA', '=', database)
    .where('tc.CONSTRAINT_TYPE', 'in', ['PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY'])
    .orderBy('tc.TABLE_NAME')
    .orderBy('tc.CONSTRAINT_NAME')
    .orderBy('k.ORDINAL_POSITION')
    .execute()
}

/** Folds the key-column rows into primary keys, unique keys and foreign keys. */
function addKeys(tables: Map<string, Table>, rows: readonly KeyColumnRow[]): void {
  const keys = new Map<string, Key | ForeignKey>()
  for (const row of rows) {
    const table = tables.get(row.table)
    if (table === undefined) continue
    const id = columnKey(row.table, row.name)
    const existing = keys.get(id)
    if (existing === undefined) {
      keys.set(id, newKey(table, row))
      continue
    }
    existing.columns.push(row.column)
    if ('references' in existing) existing.references.columns.push(row.refColumn ?? '')
  }
}

function newKey(table: Table, row: KeyColumnRow): Key | ForeignKey {
  if (row.type !== 'FOREIGN KEY') {
    const key: Key = { name: row.name, columns: [row.column] }
    if (row.type === 'PRIMARY KEY') table.primaryKey = key
    else table.uniques.push(key)
    return key
  }
  const fk: ForeignKey = {
    name: row.name,
    columns: [row.column],
    references: { schema: row.refSchema ?? '', name: row.refTable ?? '', columns: [row.refColumn ?? ''] },
    onDelete: referentialAction(row.onDelete),
    onUpdate: referentialAction(row.onUpdate),
    deferrable: false,
    initiallyDeferred: false,
  }
  table.foreignKeys.push(fk)
  return fk
}

function referentialAction(rule: string | null): ReferentialAction {
  const normalized = (rule ?? 'NO ACTION').toLowerCase()
  return ACTIONS.find((a) => a === normalized) ?? 'no action'
}

/**
 * CHECK constraints, from CHECK_CONSTRAINTS joined to TABLE_CONSTRAINTS for their table. MariaDB names checks per
 * table (two tables' JSON columns called `data` both have a check `data`), so there the join also matches the table;
 * MySQL names them per schema and its CHECK_CONSTRAINTS has no TABLE_NAME. The column is looked for rather than the
 * version guessed; servers without CHECK_CONSTRAINTS (MySQL before 8.0.16) enforce no checks at all.
 */
async function readChecks(db: Catalog, database: string): Promise<CheckRow[]> {
  const available = await db
    .selectFrom('information_schema.COLUMNS')
    .select('COLUMN_NAME')
    .where('TABLE_SCHEMA', '=', 'information_schema')
    .where('TABLE_NAME', '=', 'CHECK_CONSTRAINTS')
    .execute()
  if (available.length === 0) return []
  const perTable = available.some((c) => c.COLUMN_NAME.toUpperCase() === 'TABLE_NAME')
  return db
    .selectFrom('information_schema.TABLE_CONSTRAINTS as tc')
    .innerJoin('information_schema.CHECK_CONSTRAINTS as cc', (join) => {
      const named = join
        .onRef('cc.CONSTRAINT_SCHEMA', '=', 'tc.CONSTRAINT_SCHEMA')
        .onRef('cc.CONSTRAINT_NAME', '=', 'tc.CONSTRAINT_NAME')
      return perTable ? named.onRef('cc.TABLE_NAME', '=', 'tc.TABLE_NAME') : named
    })
    .select(['tc.TABLE_NAME as table', 'tc.CONSTRAINT_NAME as name', 'cc.CHECK_CLAUSE as expression'])
    .where('tc.TABLE_SCHEMA', '=', database)
    .where('tc.CONSTRAINT_TYPE', '=', 'CHECK')
    .execute()
}

const SKIPPED_RELATIONS: Record<string, { kind: SkippedObject['kind']; reason: string }> = {
  VIEW: { kind: 'view', reason: 'views are not copied; recreate them on the target' },
  SEQUENCE: { kind: 'sequence', reason: 'MariaDB sequences are not copied; recreate them on the target' },
}

function skippedRelations(relations: readonly RelationRow[], database: string): SkippedObject[] {
  return relations.flatMap((r) => {
    const skipped = SKIPPED_RELATIONS[r.TABLE_TYPE]
    return skipped === undefined ? [] : [{ schema: database, name: r.TABLE_NAME, ...skipped }]
  })
}

/** Triggers and routines: not copied, but listed so nothing disappears silently. */
async function readOtherObjects(db: Catalog, database: string): Promise<SkippedObject[]> {
  const [triggers, routines] = await Promise.all([
    db
      .selectFrom('information_schema.TRIGGERS')
      .select(['TRIGGER_NAME as name', 'EVENT_OBJECT_TABLE as table'])
      .where('TRIGGER_SCHEMA', '=', database)
      .execute(),
    db
      .selectFrom('information_schema.ROUTINES')
      .select(['ROUTINE_NAME as name', 'ROUTINE_TYPE as type'])
      .where('ROUTINE_SCHEMA', '=', database)
      .execute(),
  ])
  return [
    ...triggers.map((t) => ({
      kind: 'trigger' as const,
      schema: database,
      name: `${t.name} on ${t.table}`,
      reason: 'triggers are not created on the target, so they do not fire while the twin is written',
    })),
    ...routines.map((r) => ({
      kind: r.type === 'PROCEDURE' ? ('procedure' as const) : ('function' as const),
      schema: database,
      name: r.name,
      reason: 'routines are not copied; recreate them on the target if the application needs them',
    })),
  ]
}
