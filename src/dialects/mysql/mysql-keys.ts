import { sql, type Kysely } from 'kysely'
import type { ForeignKey, Key, ReferentialAction, Table } from '../../schema/schema.js'
import type { MysqlCatalog } from './mysql-catalog.js'

type Catalog = Kysely<MysqlCatalog>

/** The name MySQL and MariaDB give every primary key, and refuse for any other key. */
const PRIMARY = 'PRIMARY'

/**
 * Reads every primary, unique and foreign key of a database into its tables, from what a login with only
 * `GRANT SELECT ON db.*` can see. MariaDB 10.11 shows such a login no rows in TABLE_CONSTRAINTS or
 * REFERENTIAL_CONSTRAINTS (the SQL standard asks for a privilege other than SELECT), but all of KEY_COLUMN_USAGE:
 * that view alone tells the kind of each key (PRIMARY by name, a foreign key by its referenced table). A foreign
 * key's actions are only in REFERENTIAL_CONSTRAINTS, so where it hides them they are read from SHOW CREATE TABLE
 * of the tables that hold foreign keys (one query each, and none for a login that sees the view).
 */
export async function readMysqlKeys(
  db: Catalog,
  database: string,
  tables: Map<string, Table>,
  mariadb: boolean,
): Promise<void> {
  const [columns, rules, prefixed] = await Promise.all([
    readKeyColumns(db, database),
    readRules(db, database),
    readPrefixedUniques(db, database),
  ])
  const foreignKeys = addKeys(tables, columns)
  // A unique key on column prefixes (`name`(10)) is the source's own index, written with the other schema objects
  // by a same-engine twin (see Key.index); other engines get a unique constraint on the whole columns, which the
  // rows meet too, as values unique in their first characters are unique.
  for (const key of prefixedKeys(tables, prefixed)) key.index = true
  const withoutRules = new Set(
    foreignKeys.filter(({ table, fk }) => !rules.has(ruleId(table, fk.name))).map(({ table }) => table),
  )
  for (const table of withoutRules) {
    for (const [name, rule] of await showCreateRules(db, database, table, mariadb)) {
      rules.set(ruleId(table, name), rule)
    }
  }
  for (const { table, fk } of foreignKeys) {
    const rule = rules.get(ruleId(table, fk.name))
    fk.onDelete = action(rule?.onDelete)
    fk.onUpdate = action(rule?.onUpdate)
  }
}

interface Rule {
  onDelete: string
  onUpdate: string
}

const ruleId = (table: string, name: string) => `${table}\u0000${name}`

async function readKeyColumns(db: Catalog, database: string) {
  return db
    .selectFrom('information_schema.KEY_COLUMN_USAGE')
    .select([
      'TABLE_NAME as table',
      'CONSTRAINT_NAME as name',
      'COLUMN_NAME as column',
      'REFERENCED_TABLE_SCHEMA as refSchema',
      'REFERENCED_TABLE_NAME as refTable',
      'REFERENCED_COLUMN_NAME as refColumn',
    ])
    .where('TABLE_SCHEMA', '=', database)
    .orderBy('TABLE_NAME')
    .orderBy('CONSTRAINT_NAME')
    .orderBy('ORDINAL_POSITION')
    .execute()
}

/**
 * Unique keys with a column prefix length (STATISTICS.SUB_PART), one row per column of such a key (sub_part null
 * for a whole column), readable with SELECT on the database.
 */
async function readPrefixedUniques(db: Catalog, database: string) {
  const { rows } = await sql<{
    table: string
    name: string
    column: string
    prefix: number | string | null
  }>`select s.table_name as \`table\`, s.index_name as name, s.column_name as \`column\`, s.sub_part as prefix
    from information_schema.statistics s
    where s.table_schema = ${database} and s.non_unique = 0 and exists (select 1 from information_schema.statistics p
      where p.table_schema = s.table_schema and p.table_name = s.table_name and p.index_name = s.index_name
        and p.sub_part is not null)`.execute(db)
  return rows
}

/** The unique keys those rows are of, each given its columns' prefix lengths (see Key.prefixes). */
function prefixedKeys(
  tables: Map<string, Table>,
  rows: Awaited<ReturnType<typeof readPrefixedUniques>>,
): Key[] {
  const keys: Key[] = []
  for (const table of new Set(rows.map((r) => r.table)))
    for (const key of tables.get(table)?.uniques ?? []) {
      const own = rows.filter((r) => r.table === table && r.name === key.name)
      if (own.length === 0) continue
      key.prefixes = key.columns.map((c) => {
        const prefix = own.find((r) => r.column === c)?.prefix
        return prefix === null || prefix === undefined ? null : Number(prefix)
      })
      keys.push(key)
    }
  return keys
}

async function readRules(db: Catalog, database: string): Promise<Map<string, Rule>> {
  const rows = await db
    .selectFrom('information_schema.REFERENTIAL_CONSTRAINTS')
    .select(['TABLE_NAME as table', 'CONSTRAINT_NAME as name', 'DELETE_RULE', 'UPDATE_RULE'])
    .where('CONSTRAINT_SCHEMA', '=', database)
    .execute()
  return new Map(
    rows.map((r) => [ruleId(r.table, r.name), { onDelete: r.DELETE_RULE, onUpdate: r.UPDATE_RULE }]),
  )
}

/**
 * Folds one row per key column into keys and foreign keys, keeping composite keys' column pairing. A unique key
 * and a foreign key may share a name (they live in different namespaces), so the kind is part of a key's id.
 */
function addKeys(
  tables: Map<string, Table>,
  rows: Awaited<ReturnType<typeof readKeyColumns>>,
): { table: string; fk: ForeignKey }[] {
  const keys = new Map<string, Key | ForeignKey>()
  const foreignKeys: { table: string; fk: ForeignKey }[] = []
  for (const row of rows) {
    const table = tables.get(row.table)
    if (table === undefined) continue
    const isForeign = row.refTable !== null
    const id = `${row.table}\u0000${isForeign ? 'f' : 'k'}\u0000${row.name}`
    const existing = keys.get(id)
    if (existing !== undefined) {
      existing.columns.push(row.column)
      if ('references' in existing) existing.references.columns.push(row.refColumn ?? '')
      continue
    }
    if (isForeign) {
      const fk: ForeignKey = {
        name: row.name,
        columns: [row.column],
        references: { schema: row.refSchema ?? '', name: row.refTable ?? '', columns: [row.refColumn ?? ''] },
        onDelete: 'no action',
        onUpdate: 'no action',
        deferrable: false,
        initiallyDeferred: false,
        validated: true,
      }
      table.foreignKeys.push(fk)
      foreignKeys.push({ table: row.table, fk })
      keys.set(id, fk)
    } else {
      const key: Key = { name: row.name, columns: [row.column] }
      if (row.name === PRIMARY) table.primaryKey = key
      else table.uniques.push(key)
      keys.set(id, key)
    }
  }
  return foreignKeys
}

function action(rule: string | undefined): ReferentialAction {
  const normalized = (rule ?? 'NO ACTION').toLowerCase()
  const known: ReferentialAction[] = ['no action', 'restrict', 'cascade', 'set null', 'set default']
  return known.find((a) => a === normalized) ?? 'no action'
}

async function showCreateRules(
  db: Catalog,
  database: string,
  table: string,
  mariadb: boolean,
): Promise<Map<string, Rule>> {
  const { rows } = await sql<{
    'Create Table': string
  }>`show create table ${sql.id(database, table)}`.execute(db)
  // The action SHOW CREATE TABLE leaves out is the one the server stores when none is given.
  return foreignKeyRules(rows[0]?.['Create Table'] ?? '', mariadb ? 'RESTRICT' : 'NO ACTION')
}

const QUOTED = /`(?:[^`]|``)*`/g
const ACTION = '(RESTRICT|CASCADE|SET NULL|NO ACTION|SET DEFAULT)'

/**
 * The ON DELETE and ON UPDATE actions of each `CONSTRAINT `name` FOREIGN KEY` line of a SHOW CREATE TABLE, by
 * name. The server writes one clause per line and escapes newlines inside comments and defaults, so a line that
 * starts with CONSTRAINT is a clause; quoted names are blanked out before the actions are matched, so a name that
 * reads `ON DELETE CASCADE` is not taken for one.
 */
function foreignKeyRules(createTable: string, omitted: string): Map<string, Rule> {
  const rules = new Map<string, Rule>()
  for (const line of createTable.split('\n')) {
    const clause = /^\s*CONSTRAINT (`(?:[^`]|``)*`) FOREIGN KEY (.*)$/.exec(line)
    if (clause === null) continue
    const name = clause[1]!.slice(1, -1).replaceAll('``', '`')
    const rest = clause[2]!.replace(QUOTED, '``')
    rules.set(name, {
      onDelete: new RegExp(`\\bON DELETE ${ACTION}`).exec(rest)?.[1] ?? omitted,
      onUpdate: new RegExp(`\\bON UPDATE ${ACTION}`).exec(rest)?.[1] ?? omitted,
    })
  }
  return rules
}
