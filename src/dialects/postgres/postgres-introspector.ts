import { sql, type Kysely } from 'kysely'
import type {
  CheckConstraint,
  Column,
  DialectName,
  EnumType,
  ForeignKey,
  Key,
  ReferentialAction,
  Schema,
  SkippedObject,
  Table,
  TableRef,
} from '../../schema/schema.js'
import { sortTables } from '../../schema/sort-schema.js'
import { displayIdentifier, tableName } from '../../schema/table-name.js'
import { unreadableTables } from '../unreadable-tables.js'
import type { PostgresCatalog } from './postgres-catalog.js'
import { checkRequires, readSchemaObjects, userRequirements } from './postgres-objects.js'
import { portableType, typeSize } from './postgres-types.js'

type Catalog = Kysely<PostgresCatalog>

/** Schemas that belong to the server, not to the application. */
function isUserSchema(nspname: string): boolean {
  return nspname !== 'information_schema' && !nspname.startsWith('pg_')
}

const ACTIONS: Record<string, ReferentialAction> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
}

/** Views and materialized views are schema objects now (issue 16); a foreign table's rows are not the twin's. */
const SKIPPED_RELATIONS: Record<string, { kind: SkippedObject['kind']; reason: string }> = {
  f: { kind: 'foreign table', reason: 'its rows live in another server' },
}

/**
 * A relation an extension created (PostGIS's spatial_ref_sys) is the extension's, not the application's data: it is
 * never generated, emptied or subset, and CREATE EXTENSION on a target brings its own.
 */
function extensionRelation(extension: string): { kind: SkippedObject['kind']; reason: string } {
  return {
    kind: 'extension table',
    reason: `it belongs to an extension (here ${extension}), which fills it: not data to copy`,
  }
}

/**
 * Reads the portable schema of every user schema in a PostgreSQL (or PGlite) database from pg_catalog.
 *
 * Partitions are listed on their partitioned table and as skipped objects, because rows are written through the
 * partitioned table; foreign keys declared on partitions move to that table with their own names.
 */
export async function introspectPostgres(db: Catalog, dialect: DialectName): Promise<Schema> {
  const [relations, database] = await Promise.all([readRelations(db), readDatabaseName(db)])
  const tableRelations = relations.filter(
    (r) => (r.relkind === 'r' || r.relkind === 'p') && r.extension === null,
  )
  const tableOids = tableRelations.map((r) => r.oid)
  const [columns, constraints, uniqueIndexes, enums, otherObjects, objects, searchPath] = await Promise.all([
    readColumns(db, tableOids),
    readConstraints(db, tableOids),
    readUniqueIndexes(db, tableOids),
    readEnums(db),
    readOtherObjects(db),
    readSchemaObjects(db),
    readSearchPath(db),
  ])
  const names = catalogNames(relations, tableRelations, columns)
  const tables = catalogTables(tableRelations, columns, names)
  await checkReadable(
    db,
    tableRelations.filter((r) => !names.partitionOf.has(r.oid)),
  )
  for (const c of constraints) addConstraint(tables, c, names)
  for (const index of uniqueIndexes) {
    tables
      .get(index.indrelid)
      ?.uniques.push({ name: index.name, columns: names.namesOf(index.indrelid, index.columns), index: true })
  }
  const skipped: SkippedObject[] = []
  for (const r of relations) {
    const kind = r.extension === null ? SKIPPED_RELATIONS[r.relkind] : extensionRelation(r.extension)
    if (kind !== undefined) skipped.push({ schema: r.nspname, name: r.relname, ...kind })
  }
  skipped.push(...otherObjects)
  return {
    formatVersion: 1,
    dialect,
    database,
    schemas: [...new Set(relations.map((r) => r.nspname))].sort(),
    tables: sortTables(tables.values()),
    enums,
    searchPath,
    objects,
    skipped: skipped.sort((a, b) => a.kind.localeCompare(b.kind) || byName(a, b)),
  }
}

type RelationRow = Awaited<ReturnType<typeof readRelations>>[number]

/** How the catalog's oids and attnums name relations and columns; a partition's rows belong to its root table. */
interface CatalogNames {
  byOid: ReadonlyMap<number, RelationRow>
  /** Each partition's root partitioned table. */
  partitionOf: ReadonlyMap<number, number>
  namesOf: (oid: number, attnums: readonly number[] | null) => string[]
  /** The table a relation's rows are written through: a partition's root, else the relation itself. */
  refOf: (oid: number) => TableRef
}

function catalogNames(
  relations: readonly RelationRow[],
  tableRelations: readonly RelationRow[],
  columns: readonly ColumnRow[],
): CatalogNames {
  const byOid = new Map(relations.map((r) => [r.oid, r]))
  const partitionOf = new Map(
    tableRelations.filter((r) => r.parentOid !== null).map((r) => [r.oid, rootOf(r.oid, byOid)]),
  )
  const columnNames = new Map<number, Map<number, string>>()
  for (const c of columns) {
    const names = columnNames.get(c.attrelid) ?? new Map<number, string>()
    names.set(c.attnum, c.attname)
    columnNames.set(c.attrelid, names)
  }
  return {
    byOid,
    partitionOf,
    namesOf: (oid, attnums) => (attnums ?? []).map((n) => columnNames.get(oid)?.get(n) ?? `#${n}`),
    refOf: (oid) => {
      const r = byOid.get(partitionOf.get(oid) ?? oid)
      return r === undefined ? { schema: '?', name: `oid ${oid}` } : { schema: r.nspname, name: r.relname }
    },
  }
}

/** The tables by oid, with their columns and partitions, before any constraint; partitions are not tables. */
function catalogTables(
  tableRelations: readonly RelationRow[],
  columns: readonly ColumnRow[],
  { partitionOf }: CatalogNames,
): Map<number, Table> {
  const tables = new Map<number, Table>()
  for (const r of tableRelations) {
    if (partitionOf.has(r.oid)) continue
    tables.set(r.oid, {
      schema: r.nspname,
      name: r.relname,
      columns: [],
      primaryKey: null,
      uniques: [],
      foreignKeys: [],
      checks: [],
      estimatedRows: r.estimatedRows,
      comment: r.comment,
      partitions: [],
      ...(r.partitionKey === null ? {} : { partitionBy: r.partitionKey }),
      ...(r.inherited ? { inheritanceParent: true as const } : {}),
      ...(r.inheritsFrom === null
        ? {}
        : {
            inherits: {
              parents: JSON.parse(r.inheritsFrom) as TableRef[],
              columns: columns.filter((c) => c.attrelid === r.oid && !c.local).map((c) => c.attname),
            },
          }),
    })
  }
  for (const r of tableRelations) {
    const root = partitionOf.get(r.oid)
    const table = root === undefined ? undefined : tables.get(root)
    if (table === undefined) continue
    table.partitions.push({ schema: r.nspname, name: r.relname })
    table.estimatedRows += r.estimatedRows
  }
  for (const c of columns) tables.get(c.attrelid)?.columns.push(toColumn(c))
  return tables
}

/** Puts a constraint on its table: a partition's own foreign key on its root, which holds each such key once. */
function addConstraint(tables: ReadonlyMap<number, Table>, c: ConstraintRow, names: CatalogNames): void {
  const ownerOid = names.partitionOf.get(c.conrelid) ?? c.conrelid
  const table = tables.get(ownerOid)
  if (table === undefined) return
  const fromPartition = ownerOid !== c.conrelid
  // A partition's copy of its parent's constraint (conparentid) is already on the parent.
  if (fromPartition && (c.conparentid !== 0 || c.contype !== 'f')) return
  const key: Key = { name: c.conname, columns: names.namesOf(c.conrelid, c.conkey) }
  if (c.contype === 'p') table.primaryKey = key
  else if (c.contype === 'u')
    table.uniques.push({
      ...key,
      ...(c.condeferrable ? { deferrable: c.condeferred ? 'deferred' : 'immediate' } : {}),
      ...(c.nullsNotDistinct ? { nullsNotDistinct: true } : {}),
    })
  // A CHECK a table has from the parent it INHERITS comes with the inheritance.
  else if (c.contype === 'c' && c.local) {
    const requires = userRequirements(c.requires, `${table.schema}.${table.name}`)
    table.checks.push({ ...toCheck(c.conname, c.definition), ...(requires.length > 0 ? { requires } : {}) })
  } else if (c.contype === 'f') {
    const fk = toForeignKey(c, key.columns, names.refOf(c.confrelid), names.namesOf(c.confrelid, c.confkey))
    if (!fromPartition) {
      table.foreignKeys.push(fk)
      return
    }
    // Every partition may declare the same key (pagila's six payment partitions): the table holds it once.
    const partition = names.byOid.get(c.conrelid)!
    const declaration = { schema: partition.nspname, name: partition.relname, constraint: c.conname }
    const held = table.foreignKeys.find((other) => sameReference(other, fk))
    if (held === undefined) table.foreignKeys.push({ ...fk, declaredOn: [declaration] })
    else held.declaredOn?.push(declaration)
  }
}

/** Two foreign keys that hold the same rows to the same parent, names aside. */
function sameReference(a: ForeignKey, b: ForeignKey): boolean {
  const { name: _a, declaredOn: _c, ...restA } = a
  const { name: _b, declaredOn: _d, ...restB } = b
  return JSON.stringify(restA) === JSON.stringify(restB)
}

function byName(a: { schema?: string; name: string }, b: { schema?: string; name: string }): number {
  return (a.schema ?? '').localeCompare(b.schema ?? '') || a.name.localeCompare(b.name)
}

function rootOf(oid: number, byOid: Map<number, { parentOid: number | null }>): number {
  let current = oid
  for (let parent = byOid.get(current)?.parentOid; parent != null; parent = byOid.get(parent)?.parentOid) {
    current = parent
  }
  return current
}

/**
 * Fails with TABLE_NOT_READABLE when the role cannot read a table: it would otherwise vanish from the twin, or
 * fail a minute into learning. A partition needs no grant of its own, as its rows are read through its root.
 */
async function checkReadable(
  db: Catalog,
  tables: readonly { nspname: string; relname: string; schemaUsable: boolean; selectable: boolean }[],
): Promise<void> {
  const unreadable = tables.filter((t) => !t.schemaUsable || !t.selectable)
  if (unreadable.length === 0) return
  const { rows } = await sql<{ role: string }>`select current_user as role`.execute(db)
  const role = displayIdentifier(rows[0]?.role ?? '')
  const names = unreadable.map((t) => tableName({ schema: t.nspname, name: t.relname }))
  const schemas = [...new Set(unreadable.filter((t) => !t.schemaUsable).map((t) => t.nspname))]
  const usage = schemas.map((s) => `GRANT USAGE ON SCHEMA ${displayIdentifier(s)} TO ${role}; `).join('')
  throw unreadableTables(role, names, `${usage}GRANT SELECT ON ${names.join(', ')} TO ${role}`)
}

/** The user schemas of the search path the source's settings give a connection, in order. */
async function readSearchPath(db: Catalog): Promise<string[]> {
  const { rows } = await sql<{ path: string[] }>`select current_schemas(false)::text[] as path`.execute(db)
  return (rows[0]?.path ?? []).filter(isUserSchema)
}

async function readDatabaseName(db: Catalog): Promise<string> {
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db)
  return rows[0]?.name ?? ''
}

async function readRelations(db: Catalog) {
  const rows = await db
    .selectFrom('pg_catalog.pg_class as c')
    .innerJoin('pg_catalog.pg_namespace as n', 'n.oid', 'c.relnamespace')
    .leftJoin('pg_catalog.pg_inherits as i', (join) =>
      join.onRef('i.inhrelid', '=', 'c.oid').on('c.relispartition', '=', true),
    )
    .select([
      sql<number>`c.oid::int8`.as('oid'),
      'c.relname',
      'c.relkind',
      'n.nspname',
      sql<number | null>`i.inhparent::int8`.as('parentOid'),
      // reltuples is -1 until the table is first analyzed; the live-tuple count covers that gap. Not the larger of
      // the two: the live count can briefly double-count rows inserted just before an ANALYZE.
      sql<number>`(case when c.relkind = 'p' then 0 when c.reltuples >= 0 then c.reltuples
        else coalesce(pg_stat_get_live_tuples(c.oid), 0) end)::float8`.as('estimatedRows'),
      sql<string | null>`obj_description(c.oid, 'pg_class')`.as('comment'),
      sql<string | null>`case when c.relkind = 'p' then pg_get_partkeydef(c.oid) end`.as('partitionKey'),
      // The parents of a table that INHERITS them (not a partition), in their declared order; as text, as json is.
      sql<string | null>`(select json_agg(json_build_object('schema', hn.nspname, 'name', h.relname)
          order by ih.inhseqno)::text
        from pg_catalog.pg_inherits ih join pg_catalog.pg_class h on h.oid = ih.inhparent
        join pg_catalog.pg_namespace hn on hn.oid = h.relnamespace
        where ih.inhrelid = c.oid and not c.relispartition)`.as('inheritsFrom'),
      sql<boolean>`exists (select 1 from pg_catalog.pg_inherits ih join pg_catalog.pg_class ch on ch.oid = ih.inhrelid
        where ih.inhparent = c.oid and not ch.relispartition)`.as('inherited'),
      // pg_catalog lists every table to every role: whether this one may read it is a question of its own.
      sql<boolean>`has_schema_privilege(n.oid, 'USAGE')`.as('schemaUsable'),
      sql<boolean>`has_table_privilege(c.oid, 'SELECT')`.as('selectable'),
      sql<string | null>`(select e.extname from pg_catalog.pg_depend d
        join pg_catalog.pg_extension e on e.oid = d.refobjid
        where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid
          and d.refclassid = 'pg_catalog.pg_extension'::regclass and d.deptype = 'e' limit 1)`.as(
        'extension',
      ),
    ])
    .where('c.relkind', 'in', ['r', 'p', 'v', 'm', 'f'])
    .orderBy('n.nspname')
    .orderBy('c.relname')
    .execute()
  return rows
    .filter((r) => isUserSchema(r.nspname))
    .map((r) => ({
      ...r,
      oid: Number(r.oid),
      parentOid: r.parentOid === null ? null : Number(r.parentOid),
      estimatedRows: Math.round(Number(r.estimatedRows)),
    }))
}

type ColumnRow = Awaited<ReturnType<typeof readColumns>>[number]

async function readColumns(db: Catalog, tableOids: number[]) {
  if (tableOids.length === 0) return []
  const rows = await db
    .selectFrom('pg_catalog.pg_attribute as a')
    .innerJoin('pg_catalog.pg_type as t', 't.oid', 'a.atttypid')
    .innerJoin('pg_catalog.pg_namespace as tn', 'tn.oid', 't.typnamespace')
    // A domain is described by its base type; its own NOT NULL counts as the column's.
    .innerJoin('pg_catalog.pg_type as bt', (join) =>
      join.on(sql`bt.oid`, '=', sql`case when t.typtype = 'd' then t.typbasetype else t.oid end`),
    )
    .leftJoin('pg_catalog.pg_type as et', (join) =>
      join.onRef('et.oid', '=', 'bt.typelem').on('bt.typcategory', '=', 'A'),
    )
    .leftJoin('pg_catalog.pg_attrdef as d', (join) =>
      join.onRef('d.adrelid', '=', 'a.attrelid').onRef('d.adnum', '=', 'a.attnum'),
    )
    .select([
      sql<number>`a.attrelid::int8`.as('attrelid'),
      'a.attname',
      'a.attnum',
      // A domain is written as its base type: the domain itself is not copied.
      sql<string>`case when t.typtype = 'd' then format_type(t.typbasetype, t.typtypmod) else format_type(a.atttypid, a.atttypmod) end`.as(
        'nativeType',
      ),
      sql<boolean>`a.attnotnull or t.typnotnull`.as('notNull'),
      'a.attidentity',
      'a.attgenerated',
      sql<string | null>`pg_get_expr(d.adbin, d.adrelid)`.as('expression'),
      sql<number>`case when t.typtype = 'd' then t.typtypmod else a.atttypmod end`.as('typmod'),
      'bt.typname as baseType',
      'bt.typtype as baseKind',
      'et.typname as elementType',
      'et.typtype as elementKind',
      sql<string | null>`case when bt.typtype = 'e' then format('%s.%s', tn.nspname, bt.typname) end`.as(
        'enumType',
      ),
      sql<string[] | null>`case when bt.typtype = 'e' then array(
        select e.enumlabel::text from pg_catalog.pg_enum e where e.enumtypid = bt.oid order by e.enumsortorder) end`.as(
        'enumValues',
      ),
      sql<string | null>`col_description(a.attrelid, a.attnum)`.as('comment'),
      sql<boolean>`a.attislocal`.as('local'),
      // As text: json arrives as the server prints it (see postgres-values), and is parsed in toColumn.
      sql<string | null>`case when t.typtype = 'd' then (
        select json_agg(json_build_object('name', dc.conname, 'definition', pg_get_constraintdef(dc.oid))
          order by dc.conname)::text
        from pg_catalog.pg_constraint dc where dc.contypid = t.oid and dc.contype = 'c') end`.as(
        'domainChecks',
      ),
    ])
    .where(sql<boolean>`a.attrelid = any(${tableOids}::oid[])`)
    .where('a.attnum', '>', 0)
    .where('a.attisdropped', '=', false)
    .orderBy('a.attrelid')
    .orderBy('a.attnum')
    .execute()
  return rows.map((r) => ({ ...r, attrelid: Number(r.attrelid) }))
}

function toColumn(c: ColumnRow): Column {
  const isArray = c.elementType !== null
  const type = isArray ? 'array' : portableType(c.baseType, c.baseKind)
  const generated = c.attgenerated === 's'
  return {
    name: c.attname,
    nativeType: c.nativeType,
    type,
    elementType: isArray ? portableType(c.elementType ?? '', c.elementKind ?? '') : null,
    nullable: !c.notNull,
    default: generated ? null : c.expression,
    identity: c.attidentity === 'a' ? 'always' : c.attidentity === 'd' ? 'by-default' : null,
    generated: generated ? c.expression : null,
    ...(c.baseType === 'money' ? MONEY_SIZE : typeSize(type, c.typmod)),
    enumValues: c.enumValues,
    enumType: c.enumType === null ? null : qualifiedEnumName(c.enumType),
    comment: c.comment,
    // Only domain columns carry the field, so schema files of other columns read as before.
    ...domainChecksOf(c.domainChecks),
  }
}

function domainChecksOf(text: string | null): Pick<Column, 'domainChecks'> {
  const checks = text === null ? [] : (JSON.parse(text) as { name: string; definition: string }[])
  return checks.length === 0 ? {} : { domainChecks: checks.map((d) => toCheck(d.name, d.definition)) }
}

/**
 * Money is a 64-bit count of cents, printed with two decimals: as a decimal it is numeric(19, 2), so a twin writes
 * it with two decimals, and a MySQL twin's column can hold every value.
 */
const MONEY_SIZE = { length: null, precision: 19, scale: 2 }

function qualifiedEnumName(schemaDotName: string): string {
  const dot = schemaDotName.indexOf('.')
  return tableName({ schema: schemaDotName.slice(0, dot), name: schemaDotName.slice(dot + 1) })
}

async function readConstraints(db: Catalog, tableOids: number[]) {
  if (tableOids.length === 0) return []
  const rows = await db
    .selectFrom('pg_catalog.pg_constraint as c')
    .select([
      'c.conname',
      sql<number>`c.conrelid::int8`.as('conrelid'),
      'c.contype',
      'c.conkey',
      sql<number>`c.confrelid::int8`.as('confrelid'),
      'c.confkey',
      'c.confupdtype',
      'c.confdeltype',
      'c.condeferrable',
      'c.condeferred',
      'c.convalidated',
      sql<number>`c.conparentid::int8`.as('conparentid'),
      sql<boolean>`c.conislocal`.as('local'),
      sql<string>`pg_get_constraintdef(c.oid)`.as('definition'),
      // indnullsnotdistinct is PostgreSQL 15's: read through jsonb, absent (false) before.
      sql<boolean>`coalesce((select (to_jsonb(i) ->> 'indnullsnotdistinct')::boolean from pg_catalog.pg_index i
        where i.indexrelid = c.conindid), false)`.as('nullsNotDistinct'),
      checkRequires(sql`c.oid`).as('requires'),
    ])
    .where(sql<boolean>`c.conrelid = any(${tableOids}::oid[])`)
    .where('c.contype', 'in', ['p', 'u', 'f', 'c'])
    .orderBy('c.conname')
    .execute()
  return rows.map((r) => ({
    ...r,
    conrelid: Number(r.conrelid),
    confrelid: Number(r.confrelid),
    conparentid: Number(r.conparentid),
  }))
}

type ConstraintRow = Awaited<ReturnType<typeof readConstraints>>[number]

function toForeignKey(
  c: ConstraintRow,
  columns: string[],
  parent: TableRef,
  parentColumns: string[],
): ForeignKey {
  return {
    name: c.conname,
    columns,
    references: { ...parent, columns: parentColumns },
    onDelete: ACTIONS[c.confdeltype] ?? 'no action',
    onUpdate: ACTIONS[c.confupdtype] ?? 'no action',
    deferrable: c.condeferrable,
    initiallyDeferred: c.condeferred,
    validated: c.convalidated,
  }
}

function toCheck(name: string, definition: string): CheckConstraint {
  return { name, expression: definition.replace(/^CHECK \((.*)\)( NOT VALID)?$/s, '$1') }
}

/** Unique indexes created without a constraint enforce uniqueness all the same. Partial and expression ones do not bind every row, so they are left out. */
async function readUniqueIndexes(db: Catalog, tableOids: number[]) {
  if (tableOids.length === 0) return []
  const rows = await db
    .selectFrom('pg_catalog.pg_index as i')
    .innerJoin('pg_catalog.pg_class as ic', 'ic.oid', 'i.indexrelid')
    .select([
      sql<number>`i.indrelid::int8`.as('indrelid'),
      'ic.relname as name',
      sql<number[]>`i.indkey::int2[]`.as('columns'),
    ])
    .where(sql<boolean>`i.indrelid = any(${tableOids}::oid[])`)
    .where('i.indisunique', '=', true)
    .where('i.indisprimary', '=', false)
    .where('i.indexprs', 'is', null)
    .where('i.indpred', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('pg_catalog.pg_constraint as c')
            .select('c.oid')
            .where(sql<boolean>`c.conindid = i.indexrelid`),
        ),
      ),
    )
    .orderBy('ic.relname')
    .execute()
  return rows.map((r) => ({ ...r, indrelid: Number(r.indrelid) }))
}

async function readEnums(db: Catalog): Promise<EnumType[]> {
  const rows = await db
    .selectFrom('pg_catalog.pg_type as t')
    .innerJoin('pg_catalog.pg_namespace as n', 'n.oid', 't.typnamespace')
    .select([
      'n.nspname as schema',
      't.typname as name',
      sql<
        string[]
      >`array(select e.enumlabel::text from pg_catalog.pg_enum e where e.enumtypid = t.oid order by e.enumsortorder)`.as(
        'values',
      ),
    ])
    .where('t.typtype', '=', 'e')
    .orderBy('n.nspname')
    .orderBy('t.typname')
    .execute()
  return rows.filter((r) => isUserSchema(r.schema))
}

/** Window functions (written in C): not copied, but listed. Aggregates are schema objects. */
async function readOtherObjects(db: Catalog): Promise<SkippedObject[]> {
  const routines = await db
    .selectFrom('pg_catalog.pg_proc as p')
    .innerJoin('pg_catalog.pg_namespace as n', 'n.oid', 'p.pronamespace')
    .select(['n.nspname as schema', 'p.proname as name'])
    .where('p.prokind', '=', 'w')
    // Functions an extension installed belong to the extension, not to the application.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('pg_catalog.pg_depend as d')
            .select('d.objid')
            .where(sql<boolean>`d.objid = p.oid and d.deptype = 'e'`),
        ),
      ),
    )
    .execute()
  return routines
    .map((r) => ({
      kind: 'function' as const,
      schema: r.schema,
      name: r.name,
      reason: 'window functions are not copied; recreate them on the target if the application needs them',
    }))
    .filter((o) => isUserSchema(o.schema))
}
