import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { SchemaObject, SchemaObjectKind } from '../../schema/schema.js'
import type { ObjectRow } from './object-row.js'
import { PRIVILEGE_QUERIES } from './postgres-privileges.js'

/**
 * Reads the schema objects a same-engine twin recreates (issue 16), each as one statement from PostgreSQL's own
 * deparsers, so the twin gets what pg_dump would write: extensions, schemas, types, functions, sequences,
 * partitions, column defaults and identity, indexes, exclusion constraints, triggers, views, policies, comments.
 * Objects an extension installed are left to the extension. Owners and grants are read too (postgres-privileges),
 * and written only when asked.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function readSchemaObjects(db: Kysely<any>): Promise<SchemaObject[]> {
  // With only pg_catalog on the search path, the deparsers qualify every name, as pg_dump has them do: a default's
  // nextval('public.actor_actor_id_seq') then means the same sequence on a target whatever its search path. SET is
  // allowed on a read-only connection; it is undone on the same connection.
  const groups = await db.connection().execute(async (connection) => {
    await sql`set search_path = pg_catalog`.execute(connection)
    try {
      const results = []
      for (const query of [...QUERIES, ...PRIVILEGE_QUERIES]) results.push(await query.execute(connection))
      return results
    } finally {
      await sql`reset search_path`.execute(connection)
    }
  })
  return groups.flatMap(({ rows }) =>
    rows
      .filter((r) => isUserSchema(r.schema))
      .map((r) => ({
        kind: r.kind,
        schema: r.schema,
        name: r.name,
        statement: r.statement.trim().replace(/;$/, ''),
        phase: r.phase,
        requires: [...new Set(r.requires)]
          .filter(isUserName)
          .filter((need) => need !== providedBy(r))
          .sort(),
      }))
      .map((o) => ({ ...o, phase: routineAfterTables(o) ? 'after-tables' : o.phase })),
  )
}

/** A routine that takes or returns a table's row type can only be written once the tables are. */
function routineAfterTables(o: { kind: SchemaObjectKind; requires: string[] }): boolean {
  return (
    (o.kind === 'function' || o.kind === 'procedure') && o.requires.some((r) => r.startsWith('relation '))
  )
}

/** What a table's CHECK calls or names that the source defines (see CheckConstraint.requires). */
export function checkRequires(constraintOid: RawBuilder<unknown>): RawBuilder<(string | null)[]> {
  return dependsOn('pg_catalog.pg_constraint', constraintOid)
}

/** Keeps only what the source defines itself, as readSchemaObjects does. */
export function userRequirements(requires: readonly (string | null)[], table: string): string[] {
  return [...new Set(requires)]
    .filter(isUserName)
    .filter((need) => need !== `relation ${table}`)
    .sort()
}

/** What an object gives that others may require, in {@link SchemaObject.requires}'s naming; null for nothing. */
export function providedBy(o: Pick<SchemaObject, 'kind' | 'schema' | 'name'>): string | null {
  const prefix = PROVIDES[o.kind]
  if (prefix === undefined) return null
  return prefix === 'extension' || prefix === 'schema'
    ? `${prefix} ${o.name}`
    : `${prefix} ${o.schema}.${o.name}`
}

const PROVIDES: Partial<Record<SchemaObjectKind, string>> = {
  extension: 'extension',
  schema: 'schema',
  collation: 'collation',
  'text search': 'text search',
  enum: 'type',
  domain: 'type',
  type: 'type',
  function: 'function',
  procedure: 'function',
  aggregate: 'function',
  sequence: 'relation',
  partition: 'relation',
  index: 'relation',
  view: 'relation',
  'materialized view': 'relation',
}

function isUserSchema(nspname: string): boolean {
  return nspname !== 'information_schema' && !nspname.startsWith('pg_')
}

/** A requirement on something the server itself has (pg_catalog's types and functions) is no requirement. */
function isUserName(need: string | null): need is string {
  if (need === null) return false
  const [kind, rest = ''] = need.split(' ', 2)
  return kind === 'extension' || isUserSchema(rest.split('.')[0] ?? '')
}

/**
 * What the objects matching a pg_depend condition (`d.classid`, `d.objid`) depend on, named as requirements:
 * an object an extension installed needs that extension; an array type needs its element type.
 */
function requiresOf(condition: RawBuilder<unknown>): RawBuilder<(string | null)[]> {
  return sql<(string | null)[]>`array(
    select coalesce(
      (select 'extension ' || e.extname from pg_catalog.pg_depend x
        join pg_catalog.pg_extension e on e.oid = x.refobjid
        where x.classid = d.refclassid and x.objid = d.refobjid and x.deptype = 'e'
          and x.refclassid = 'pg_catalog.pg_extension'::regclass),
      case d.refclassid
        when 'pg_catalog.pg_class'::regclass then (select 'relation ' || n.nspname || '.' || c.relname
          from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace where c.oid = d.refobjid)
        when 'pg_catalog.pg_proc'::regclass then (select 'function ' || n.nspname || '.' || p.proname
          from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace where p.oid = d.refobjid)
        when 'pg_catalog.pg_type'::regclass then (select case
            when r.oid is not null and r.relkind <> 'c' then 'relation ' || n.nspname || '.' || r.relname
            else 'type ' || n.nspname || '.' || t.typname end
          from pg_catalog.pg_type a
          join pg_catalog.pg_type t on t.oid = case when a.typcategory = 'A' and a.typelem <> 0 then a.typelem else a.oid end
          join pg_catalog.pg_namespace n on n.oid = t.typnamespace
          left join pg_catalog.pg_class r on r.oid = t.typrelid
          where a.oid = d.refobjid)
        when 'pg_catalog.pg_collation'::regclass then (select 'collation ' || n.nspname || '.' || c.collname
          from pg_catalog.pg_collation c join pg_catalog.pg_namespace n on n.oid = c.collnamespace
          where c.oid = d.refobjid)
        when 'pg_catalog.pg_ts_config'::regclass then (select 'text search ' || n.nspname || '.' || c.cfgname
          from pg_catalog.pg_ts_config c join pg_catalog.pg_namespace n on n.oid = c.cfgnamespace
          where c.oid = d.refobjid)
        when 'pg_catalog.pg_ts_dict'::regclass then (select 'text search ' || n.nspname || '.' || t.dictname
          from pg_catalog.pg_ts_dict t join pg_catalog.pg_namespace n on n.oid = t.dictnamespace
          where t.oid = d.refobjid)
        when 'pg_catalog.pg_extension'::regclass then (select 'extension ' || e.extname
          from pg_catalog.pg_extension e where e.oid = d.refobjid)
        when 'pg_catalog.pg_namespace'::regclass then (select 'schema ' || n.nspname
          from pg_catalog.pg_namespace n where n.oid = d.refobjid)
      end)
    from pg_catalog.pg_depend d
    where ${condition} and d.deptype in ('n', 'a') and d.refobjid <> 0)`
}

/** Not installed by an extension: `classid` and `oid` name the object. */
const notFromExtension = (classid: string, oid: RawBuilder<unknown>) =>
  sql`not exists (select 1 from pg_catalog.pg_depend x where x.classid = ${sql.raw(`'${classid}'`)}::regclass
    and x.objid = ${oid} and x.deptype = 'e')`

const dependsOn = (classid: string, oid: RawBuilder<unknown>) =>
  requiresOf(sql`d.classid = ${sql.raw(`'${classid}'`)}::regclass and d.objid = ${oid}`)

const PG_CLASS = 'pg_catalog.pg_class'
const PG_TYPE = 'pg_catalog.pg_type'
const PG_PROC = 'pg_catalog.pg_proc'

const QUERIES: RawBuilder<ObjectRow>[] = [
  // plpgsql ships with every server, in pg_catalog.
  sql<ObjectRow>`select 'extension' as kind, n.nspname as schema, e.extname as name, 'before-tables' as phase,
      format('CREATE EXTENSION IF NOT EXISTS %I WITH SCHEMA %I', e.extname, n.nspname) as statement,
      ${dependsOn('pg_catalog.pg_extension', sql`e.oid`)} as requires
    from pg_catalog.pg_extension e join pg_catalog.pg_namespace n on n.oid = e.extnamespace
    where e.extname <> 'plpgsql'`,
  sql<ObjectRow>`select 'schema' as kind, n.nspname as schema, n.nspname as name, 'before-tables' as phase,
      format('CREATE SCHEMA IF NOT EXISTS %I', n.nspname) as statement, array[]::text[] as requires
    from pg_catalog.pg_namespace n
    where n.nspname <> 'public' and ${notFromExtension('pg_catalog.pg_namespace', sql`n.oid`)}`,
  // The locale column is colliculocale up to PostgreSQL 16 and colllocale from 17 (PGlite): read through jsonb.
  sql<ObjectRow>`select 'collation' as kind, n.nspname as schema, c.collname as name, 'before-tables' as phase,
      format('CREATE COLLATION IF NOT EXISTS %I.%I (%s)', n.nspname, c.collname, case c.collprovider
        when 'i' then format('provider = icu, locale = %L, deterministic = %s',
          coalesce(to_jsonb(c) ->> 'colllocale', to_jsonb(c) ->> 'colliculocale'), c.collisdeterministic::text)
        else format('provider = libc, lc_collate = %L, lc_ctype = %L', c.collcollate, c.collctype) end) as statement,
      array[]::text[] as requires
    from pg_catalog.pg_collation c join pg_catalog.pg_namespace n on n.oid = c.collnamespace
    where ${notFromExtension('pg_catalog.pg_collation', sql`c.oid`)}`,
  // Text search dictionaries and configurations, the latter with one mapping statement per list of dictionaries
  // (musicbrainz's mb_simple, which its full-text indexes name).
  sql<ObjectRow>`select 'text search' as kind, n.nspname as schema, t.dictname as name, 'before-tables' as phase,
      format('CREATE TEXT SEARCH DICTIONARY %I.%I (TEMPLATE = %I.%I%s)', n.nspname, t.dictname, tn.nspname,
        tm.tmplname, coalesce(', ' || t.dictinitoption, '')) as statement,
      ${dependsOn('pg_catalog.pg_ts_dict', sql`t.oid`)} as requires
    from pg_catalog.pg_ts_dict t join pg_catalog.pg_namespace n on n.oid = t.dictnamespace
    join pg_catalog.pg_ts_template tm on tm.oid = t.dicttemplate
    join pg_catalog.pg_namespace tn on tn.oid = tm.tmplnamespace
    where ${notFromExtension('pg_catalog.pg_ts_dict', sql`t.oid`)}`,
  sql<ObjectRow>`select 'text search' as kind, n.nspname as schema, c.cfgname as name, 'before-tables' as phase,
      format('CREATE TEXT SEARCH CONFIGURATION %I.%I (PARSER = %I.%I)', n.nspname, c.cfgname, pn.nspname, p.prsname)
        as statement,
      array[]::text[] as requires
    from pg_catalog.pg_ts_config c join pg_catalog.pg_namespace n on n.oid = c.cfgnamespace
    join pg_catalog.pg_ts_parser p on p.oid = c.cfgparser join pg_catalog.pg_namespace pn on pn.oid = p.prsnamespace
    where ${notFromExtension('pg_catalog.pg_ts_config', sql`c.oid`)}`,
  sql<ObjectRow>`select 'text search' as kind, n.nspname as schema, c.cfgname as name, 'before-tables' as phase,
      format('ALTER TEXT SEARCH CONFIGURATION %I.%I ADD MAPPING FOR %s WITH %s', n.nspname, c.cfgname,
        string_agg(t.alias, ', ' order by t.tokid), m.dicts) as statement,
      ${dependsOn('pg_catalog.pg_ts_config', sql`c.oid`)} as requires
    from (select mc.mapcfg, mc.maptokentype, string_agg(format('%I.%I', dn.nspname, d.dictname), ', '
        order by mc.mapseqno) as dicts
      from pg_catalog.pg_ts_config_map mc join pg_catalog.pg_ts_dict d on d.oid = mc.mapdict
      join pg_catalog.pg_namespace dn on dn.oid = d.dictnamespace group by mc.mapcfg, mc.maptokentype) m
    join pg_catalog.pg_ts_config c on c.oid = m.mapcfg join pg_catalog.pg_namespace n on n.oid = c.cfgnamespace
    cross join lateral pg_catalog.ts_token_type(c.cfgparser) t
    where t.tokid = m.maptokentype and ${notFromExtension('pg_catalog.pg_ts_config', sql`c.oid`)}
    group by c.oid, n.nspname, c.cfgname, m.dicts`,
  sql<ObjectRow>`select 'enum' as kind, n.nspname as schema, t.typname as name, 'before-tables' as phase,
      format('CREATE TYPE %I.%I AS ENUM (%s)', n.nspname, t.typname, (select string_agg(quote_literal(e.enumlabel), ', '
        order by e.enumsortorder) from pg_catalog.pg_enum e where e.enumtypid = t.oid)) as statement,
      array[]::text[] as requires
    from pg_catalog.pg_type t join pg_catalog.pg_namespace n on n.oid = t.typnamespace
    where t.typtype = 'e' and ${notFromExtension(PG_TYPE, sql`t.oid`)}`,
  // A domain keeps its CHECKs (pagila's year: VALUE >= 1901 AND VALUE <= 2155).
  sql<ObjectRow>`select 'domain' as kind, n.nspname as schema, t.typname as name, 'before-tables' as phase,
      format('CREATE DOMAIN %I.%I AS %s', n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod))
        || coalesce(' DEFAULT ' || t.typdefault, '') || case when t.typnotnull then ' NOT NULL' else '' end
        || coalesce((select string_agg(format(' CONSTRAINT %I ', c.conname) || pg_get_constraintdef(c.oid), ''
          order by c.conname) from pg_catalog.pg_constraint c where c.contypid = t.oid and c.contype = 'c'), '')
        as statement,
      ${requiresOf(sql`((d.classid = 'pg_catalog.pg_type'::regclass and d.objid = t.oid)
        or (d.classid = 'pg_catalog.pg_constraint'::regclass
          and d.objid in (select c.oid from pg_catalog.pg_constraint c where c.contypid = t.oid)))`)} as requires
    from pg_catalog.pg_type t join pg_catalog.pg_namespace n on n.oid = t.typnamespace
    where t.typtype = 'd' and ${notFromExtension(PG_TYPE, sql`t.oid`)}`,
  sql<ObjectRow>`select 'type' as kind, n.nspname as schema, t.typname as name, 'before-tables' as phase,
      format('CREATE TYPE %I.%I AS (%s)', n.nspname, t.typname, (select string_agg(format('%I %s', a.attname,
        format_type(a.atttypid, a.atttypmod)), ', ' order by a.attnum) from pg_catalog.pg_attribute a
        where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped)) as statement,
      ${requiresOf(sql`d.classid = 'pg_catalog.pg_class'::regclass and d.objid = t.typrelid`)} as requires
    from pg_catalog.pg_type t join pg_catalog.pg_namespace n on n.oid = t.typnamespace
    join pg_catalog.pg_class r on r.oid = t.typrelid
    where t.typtype = 'c' and r.relkind = 'c' and ${notFromExtension(PG_TYPE, sql`t.oid`)}`,
  sql<ObjectRow>`select 'type' as kind, n.nspname as schema, t.typname as name, 'before-tables' as phase,
      format('CREATE TYPE %I.%I AS RANGE (subtype = %s)', n.nspname, t.typname, format_type(r.rngsubtype, null))
        as statement,
      ${dependsOn(PG_TYPE, sql`t.oid`)} as requires
    from pg_catalog.pg_type t join pg_catalog.pg_namespace n on n.oid = t.typnamespace
    join pg_catalog.pg_range r on r.rngtypid = t.oid
    where t.typtype = 'r' and ${notFromExtension(PG_TYPE, sql`t.oid`)}`,
  // A routine that takes or returns a table's row type is written once the tables are.
  sql<ObjectRow>`select case when p.prokind = 'p' then 'procedure' else 'function' end as kind,
      n.nspname as schema, p.proname as name, 'before-tables' as phase,
      pg_get_functiondef(p.oid) as statement, ${dependsOn(PG_PROC, sql`p.oid`)} as requires
    from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
    where p.prokind in ('f', 'p') and ${notFromExtension(PG_PROC, sql`p.oid`)}
      -- A range type's constructors come with the type.
      and not exists (select 1 from pg_catalog.pg_depend x where x.classid = 'pg_catalog.pg_proc'::regclass
        and x.objid = p.oid and x.deptype = 'i')`,
  // Aggregates pg_get_functiondef cannot print (pagila's group_concat, which three of its views call).
  sql<ObjectRow>`select 'aggregate' as kind, n.nspname as schema, p.proname as name, 'before-tables' as phase,
      format('CREATE AGGREGATE %I.%I(%s) (SFUNC = %s, STYPE = %s', n.nspname, p.proname,
        pg_get_function_identity_arguments(p.oid), a.aggtransfn::regproc, format_type(a.aggtranstype, null))
        || case when a.aggfinalfn <> 0 then format(', FINALFUNC = %s', a.aggfinalfn::regproc) else '' end
        || case when a.aggcombinefn <> 0 then format(', COMBINEFUNC = %s', a.aggcombinefn::regproc) else '' end
        || case when a.agginitval is not null then format(', INITCOND = %L', a.agginitval) else '' end || ')' as statement,
      ${dependsOn(PG_PROC, sql`p.oid`)} as requires
    from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
    join pg_catalog.pg_aggregate a on a.aggfnoid = p.oid
    where p.prokind = 'a' and a.aggkind = 'n' and ${notFromExtension(PG_PROC, sql`p.oid`)}`,
  // Identity sequences come with their column; every other sequence is written as the source declares it.
  sql<ObjectRow>`select 'sequence' as kind, n.nspname as schema, c.relname as name, 'before-tables' as phase,
      format('CREATE SEQUENCE IF NOT EXISTS %I.%I AS %s START WITH %s INCREMENT BY %s MINVALUE %s MAXVALUE %s CACHE %s',
        n.nspname, c.relname, format_type(s.seqtypid, null), s.seqstart, s.seqincrement, s.seqmin, s.seqmax,
        s.seqcache) || case when s.seqcycle then ' CYCLE' else ' NO CYCLE' end as statement,
      array[]::text[] as requires
    from pg_catalog.pg_sequence s join pg_catalog.pg_class c on c.oid = s.seqrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where not exists (select 1 from pg_catalog.pg_depend x where x.classid = 'pg_catalog.pg_class'::regclass
      and x.objid = c.oid and x.deptype = 'i') and ${notFromExtension(PG_CLASS, sql`c.oid`)}`,
  sql<ObjectRow>`select 'sequence' as kind, n.nspname as schema, c.relname as name, 'after-tables' as phase,
      format('ALTER SEQUENCE %I.%I OWNED BY %I.%I.%I', n.nspname, c.relname, tn.nspname, t.relname, a.attname)
        as statement,
      array['relation ' || n.nspname || '.' || c.relname, 'relation ' || tn.nspname || '.' || t.relname] as requires
    from pg_catalog.pg_depend d join pg_catalog.pg_class c on c.oid = d.objid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    join pg_catalog.pg_class t on t.oid = d.refobjid join pg_catalog.pg_namespace tn on tn.oid = t.relnamespace
    join pg_catalog.pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
    where d.classid = 'pg_catalog.pg_class'::regclass and d.refclassid = 'pg_catalog.pg_class'::regclass
      and d.deptype = 'a' and c.relkind = 'S' and ${notFromExtension(PG_CLASS, sql`c.oid`)}`,
  // Partitions, parents first (a sub-partitioned partition is partitioned itself).
  sql<ObjectRow>`select 'partition' as kind, n.nspname as schema, c.relname as name, 'after-tables' as phase,
      format('CREATE TABLE %I.%I PARTITION OF %I.%I %s', n.nspname, c.relname, pn.nspname, p.relname,
        pg_get_expr(c.relpartbound, c.oid))
        || case when c.relkind = 'p' then ' PARTITION BY ' || pg_get_partkeydef(c.oid) else '' end as statement,
      array['relation ' || pn.nspname || '.' || p.relname] as requires
    from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    join pg_catalog.pg_inherits i on i.inhrelid = c.oid
    join pg_catalog.pg_class p on p.oid = i.inhparent join pg_catalog.pg_namespace pn on pn.oid = p.relnamespace
    where c.relispartition and c.relkind in ('r', 'p')`,
  // Columns of tables as created: their domain, identity ALWAYS (created BY DEFAULT), and default, in that order.
  sql<ObjectRow>`select 'column' as kind, n.nspname as schema, c.relname || '.' || a.attname as name,
      'after-tables' as phase,
      format('ALTER TABLE %I.%I ALTER COLUMN %I TYPE %s', n.nspname, c.relname, a.attname,
        format_type(a.atttypid, a.atttypmod)) as statement,
      array['type ' || tn.nspname || '.' || t.typname, 'relation ' || n.nspname || '.' || c.relname] as requires
    from pg_catalog.pg_attribute a join pg_catalog.pg_class c on c.oid = a.attrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    join pg_catalog.pg_type t on t.oid = a.atttypid join pg_catalog.pg_namespace tn on tn.oid = t.typnamespace
    where c.relkind in ('r', 'p') and not c.relispartition and a.attnum > 0 and not a.attisdropped
      and t.typtype = 'd' and a.attgenerated = ''`,
  // A column's own collation (musicbrainz's name columns, COLLATE musicbrainz.musicbrainz), set while the table is
  // empty. A domain column's comes with its domain.
  sql<ObjectRow>`select 'column' as kind, n.nspname as schema, c.relname || '.' || a.attname as name,
      'after-tables' as phase,
      format('ALTER TABLE %I.%I ALTER COLUMN %I TYPE %s COLLATE %I.%I', n.nspname, c.relname, a.attname,
        format_type(a.atttypid, a.atttypmod), cn.nspname, co.collname) as statement,
      array['collation ' || cn.nspname || '.' || co.collname, 'relation ' || n.nspname || '.' || c.relname]
        as requires
    from pg_catalog.pg_attribute a join pg_catalog.pg_class c on c.oid = a.attrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    join pg_catalog.pg_type t on t.oid = a.atttypid
    join pg_catalog.pg_collation co on co.oid = a.attcollation
    join pg_catalog.pg_namespace cn on cn.oid = co.collnamespace
    where c.relkind in ('r', 'p') and not c.relispartition and a.attnum > 0 and not a.attisdropped
      and a.attcollation <> t.typcollation and t.typtype <> 'd' and a.attgenerated = ''`,
  sql<ObjectRow>`select 'column' as kind, n.nspname as schema, c.relname || '.' || a.attname as name,
      'after-tables' as phase,
      format('ALTER TABLE %I.%I ALTER COLUMN %I SET GENERATED ALWAYS', n.nspname, c.relname, a.attname) as statement,
      array['relation ' || n.nspname || '.' || c.relname] as requires
    from pg_catalog.pg_attribute a join pg_catalog.pg_class c on c.oid = a.attrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and not c.relispartition and a.attnum > 0 and not a.attisdropped
      and a.attidentity = 'a'`,
  sql<ObjectRow>`select 'column' as kind, n.nspname as schema, c.relname || '.' || a.attname as name,
      'after-tables' as phase,
      format('ALTER TABLE %I.%I ALTER COLUMN %I SET DEFAULT %s', n.nspname, c.relname, a.attname,
        pg_get_expr(ad.adbin, ad.adrelid)) as statement,
      ${dependsOn('pg_catalog.pg_attrdef', sql`ad.oid`)} as requires
    from pg_catalog.pg_attrdef ad join pg_catalog.pg_class c on c.oid = ad.adrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum = ad.adnum
    where c.relkind in ('r', 'p') and not c.relispartition and a.attgenerated = '' and not a.attisdropped`,
  // Indexes a key or unique constraint makes come with the table. A unique index on plain columns is written as the
  // index it is (pagila's idx_unq_manager_staff_id), though the schema also lists it among the uniques (Key.index).
  // A partitioned table's index is written without ONLY: each partition gets its own.
  sql<ObjectRow>`select 'index' as kind, n.nspname as schema, ic.relname as name, 'after-load' as phase,
      replace(pg_get_indexdef(i.indexrelid), ' ON ONLY ', ' ON ') as statement,
      ${dependsOn(PG_CLASS, sql`i.indexrelid`)} as requires
    from pg_catalog.pg_index i join pg_catalog.pg_class ic on ic.oid = i.indexrelid
    join pg_catalog.pg_class c on c.oid = i.indrelid join pg_catalog.pg_namespace n on n.oid = ic.relnamespace
    where c.relkind in ('r', 'p', 'm')
      and not exists (select 1 from pg_catalog.pg_constraint k where k.conindid = i.indexrelid
        and k.conrelid = i.indrelid and k.contype in ('p', 'u', 'x'))
      and not exists (select 1 from pg_catalog.pg_inherits h where h.inhrelid = i.indexrelid)
      and ${notFromExtension(PG_CLASS, sql`i.indexrelid`)}`,
  sql<ObjectRow>`select 'constraint' as kind, n.nspname as schema, k.conname as name, 'after-load' as phase,
      format('ALTER TABLE %I.%I ADD CONSTRAINT %I ', n.nspname, c.relname, k.conname) || pg_get_constraintdef(k.oid)
        as statement,
      ${dependsOn('pg_catalog.pg_constraint', sql`k.oid`)} as requires
    from pg_catalog.pg_constraint k join pg_catalog.pg_class c on c.oid = k.conrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where k.contype = 'x' and k.conparentid = 0`,
  sql<ObjectRow>`select 'trigger' as kind, n.nspname as schema, tg.tgname || ' on ' || c.relname as name,
      'after-load' as phase, pg_get_triggerdef(tg.oid) as statement,
      ${dependsOn('pg_catalog.pg_trigger', sql`tg.oid`)} as requires
    from pg_catalog.pg_trigger tg join pg_catalog.pg_class c on c.oid = tg.tgrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where not tg.tgisinternal and tg.tgparentid = 0`,
  // A rule rewrites statements on its table (sakila's payment_insert_p2007_01 sends an INSERT on payment to a child
  // table): made after the load, as a trigger is, so it rewrites none of the twin's own inserts.
  sql<ObjectRow>`select 'rule' as kind, n.nspname as schema, r.rulename || ' on ' || c.relname as name,
      'after-load' as phase, pg_get_ruledef(r.oid) as statement,
      ${dependsOn('pg_catalog.pg_rewrite', sql`r.oid`)} as requires
    from pg_catalog.pg_rewrite r join pg_catalog.pg_class c on c.oid = r.ev_class
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where r.rulename <> '_RETURN' and ${notFromExtension(PG_CLASS, sql`c.oid`)}`,
  // A materialized view made after the load is as good as refreshed.
  sql<ObjectRow>`select case when c.relkind = 'v' then 'view' else 'materialized view' end as kind,
      n.nspname as schema, c.relname as name, 'after-load' as phase,
      format('CREATE %s %I.%I%s AS ', case when c.relkind = 'v' then 'VIEW' else 'MATERIALIZED VIEW' end,
        n.nspname, c.relname, coalesce(' WITH (' || array_to_string(c.reloptions, ', ') || ')', ''))
        || rtrim(pg_get_viewdef(c.oid), ';') as statement,
      ${requiresOf(sql`d.classid = 'pg_catalog.pg_rewrite'::regclass
        and d.objid in (select r.oid from pg_catalog.pg_rewrite r where r.ev_class = c.oid)`)} as requires
    from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('v', 'm') and ${notFromExtension(PG_CLASS, sql`c.oid`)}`,
  sql<ObjectRow>`select 'policy' as kind, n.nspname as schema, pol.polname || ' on ' || c.relname as name,
      'after-load' as phase,
      format('CREATE POLICY %I ON %I.%I AS %s FOR %s TO %s', pol.polname, n.nspname, c.relname,
        case when pol.polpermissive then 'PERMISSIVE' else 'RESTRICTIVE' end,
        case pol.polcmd when 'r' then 'SELECT' when 'a' then 'INSERT' when 'w' then 'UPDATE' when 'd' then 'DELETE'
          else 'ALL' end,
        case when pol.polroles = '{0}' then 'PUBLIC' else (select string_agg(quote_ident(r.rolname), ', ')
          from pg_catalog.pg_roles r where r.oid = any(pol.polroles)) end)
        || coalesce(' USING (' || pg_get_expr(pol.polqual, pol.polrelid) || ')', '')
        || coalesce(' WITH CHECK (' || pg_get_expr(pol.polwithcheck, pol.polrelid) || ')', '') as statement,
      ${dependsOn('pg_catalog.pg_policy', sql`pol.oid`)} as requires
    from pg_catalog.pg_policy pol join pg_catalog.pg_class c on c.oid = pol.polrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace`,
  sql<ObjectRow>`select 'policy' as kind, n.nspname as schema, 'row level security on ' || c.relname as name,
      'after-load' as phase,
      format('ALTER TABLE %I.%I %s ROW LEVEL SECURITY', n.nspname, c.relname,
        case when c.relforcerowsecurity then 'FORCE' else 'ENABLE' end) as statement,
      array['relation ' || n.nspname || '.' || c.relname] as requires
    from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where c.relrowsecurity or c.relforcerowsecurity`,
  // FORCE does not imply ENABLE.
  sql<ObjectRow>`select 'policy' as kind, n.nspname as schema, 'row level security enabled on ' || c.relname as name,
      'after-load' as phase, format('ALTER TABLE %I.%I ENABLE ROW LEVEL SECURITY', n.nspname, c.relname) as statement,
      array['relation ' || n.nspname || '.' || c.relname] as requires
    from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where c.relrowsecurity and c.relforcerowsecurity`,
  sql<ObjectRow>`select 'comment' as kind, n.nspname as schema,
      case when ds.objsubid = 0 then c.relname else c.relname || '.' || a.attname end as name,
      'after-load' as phase,
      case when ds.objsubid = 0 then format('COMMENT ON %s %I.%I IS %L',
          case c.relkind when 'v' then 'VIEW' when 'm' then 'MATERIALIZED VIEW' when 'S' then 'SEQUENCE'
            when 'i' then 'INDEX' when 'I' then 'INDEX' when 'f' then 'FOREIGN TABLE' else 'TABLE' end,
          n.nspname, c.relname, ds.description)
        else format('COMMENT ON COLUMN %I.%I.%I IS %L', n.nspname, c.relname, a.attname, ds.description) end
        as statement,
      array['relation ' || n.nspname || '.' || c.relname] as requires
    from pg_catalog.pg_description ds join pg_catalog.pg_class c on c.oid = ds.objoid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    left join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum = ds.objsubid
    where ds.classoid = 'pg_catalog.pg_class'::regclass and c.relkind <> 'c'
      and ${notFromExtension(PG_CLASS, sql`c.oid`)}`,
  sql<ObjectRow>`select 'comment' as kind, n.nspname as schema, p.proname as name, 'after-load' as phase,
      format('COMMENT ON %s %I.%I(%s) IS %L', case when p.prokind = 'p' then 'PROCEDURE' else 'FUNCTION' end,
        n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), ds.description) as statement,
      array['function ' || n.nspname || '.' || p.proname] as requires
    from pg_catalog.pg_description ds join pg_catalog.pg_proc p on p.oid = ds.objoid
    join pg_catalog.pg_namespace n on n.oid = p.pronamespace
    where ds.classoid = 'pg_catalog.pg_proc'::regclass and p.prokind in ('f', 'p')
      and ${notFromExtension(PG_PROC, sql`p.oid`)}`,
  sql<ObjectRow>`select 'comment' as kind, n.nspname as schema, t.typname as name, 'after-load' as phase,
      format('COMMENT ON %s %I.%I IS %L', case when t.typtype = 'd' then 'DOMAIN' else 'TYPE' end,
        n.nspname, t.typname, ds.description) as statement,
      array['type ' || n.nspname || '.' || t.typname] as requires
    from pg_catalog.pg_description ds join pg_catalog.pg_type t on t.oid = ds.objoid
    join pg_catalog.pg_namespace n on n.oid = t.typnamespace
    where ds.classoid = 'pg_catalog.pg_type'::regclass and t.typtype in ('d', 'e', 'c', 'r')
      and (t.typrelid = 0 or exists (select 1 from pg_catalog.pg_class r where r.oid = t.typrelid and r.relkind = 'c'))
      and ${notFromExtension(PG_TYPE, sql`t.oid`)}`,
  sql<ObjectRow>`select 'comment' as kind, n.nspname as schema, n.nspname as name, 'after-load' as phase,
      format('COMMENT ON SCHEMA %I IS %L', n.nspname, ds.description) as statement,
      array['schema ' || n.nspname] as requires
    from pg_catalog.pg_description ds join pg_catalog.pg_namespace n on n.oid = ds.objoid
    where ds.classoid = 'pg_catalog.pg_namespace'::regclass
      -- public's own comment is every new database's; another (sakila's 'Standard public schema') is the source's.
      and not (n.nspname = 'public' and ds.description = 'standard public schema')
      and ${notFromExtension('pg_catalog.pg_namespace', sql`n.oid`)}`,
]
