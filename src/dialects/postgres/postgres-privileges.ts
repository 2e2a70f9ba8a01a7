import { sql, type RawBuilder } from 'kysely'
import type { ObjectRow } from './object-row.js'

/**
 * A PostgreSQL ACL as the statements that make it from the object's default (`acldefault`): REVOKEs of the default
 * privileges it lacks, then GRANTs of those it adds, one statement per grantee. pg_dump writes the same difference;
 * an ACL still NULL (the defaults) gives no statement. `target` is the object as GRANT names it (`TABLE s.t`).
 * Grantors are not kept: a grant made by the twin's writer is recorded as the owner's, as the source's mostly are.
 */
function aclStatements(
  acl: RawBuilder<unknown>,
  defaults: RawBuilder<unknown>,
  target: RawBuilder<unknown>,
): RawBuilder<unknown> {
  // GRANTs in the order of the ACL's own entries, as pg_dump prints them (sakila's public: postgres, then PUBLIC).
  return sql`(select g.statement, g.roles, g.revoke, g.position from (
      select format('REVOKE %s ON %s FROM %s', string_agg(x.privilege_type, ', ' order by x.privilege_type),
          ${target}, ${grantee(sql`x.grantee`)}) as statement,
        array[${roleNeed(sql`x.grantee`)}] as roles, true as revoke, 0::bigint as position
      from (select a.grantee, a.privilege_type from aclexplode(${defaults}) a
        except select a.grantee, a.privilege_type from aclexplode(${acl}) a) x
      group by x.grantee
      union all
      select format('GRANT %s ON %s TO %s%s', string_agg(x.privilege_type, ', ' order by x.privilege_type),
          ${target}, ${grantee(sql`x.grantee`)},
          case when x.is_grantable then ' WITH GRANT OPTION' else '' end) as statement,
        array[${roleNeed(sql`x.grantee`)}] as roles, false as revoke, min(x.o) as position
      from aclexplode(${acl}) with ordinality x(grantor, grantee, privilege_type, is_grantable, o)
      where not exists (select 1 from aclexplode(${defaults}) d where d.grantee = x.grantee
        and d.privilege_type = x.privilege_type and d.is_grantable = x.is_grantable)
      group by x.grantee, x.is_grantable) g)`
}

/** PUBLIC is grantee 0. */
const grantee = (oid: RawBuilder<unknown>) =>
  sql`case when ${oid} = 0 then 'PUBLIC' else quote_ident((select r.rolname from pg_catalog.pg_roles r where r.oid = ${oid})) end`

/** The role a statement names, as a requirement (`role name`); null for PUBLIC. */
const roleNeed = (oid: RawBuilder<unknown>) =>
  sql`(select 'role ' || r.rolname from pg_catalog.pg_roles r where r.oid = ${oid})`

const notFromExtension = (classid: string, oid: RawBuilder<unknown>) =>
  sql`not exists (select 1 from pg_catalog.pg_depend x where x.classid = ${sql.raw(`'${classid}'`)}::regclass
    and x.objid = ${oid} and x.deptype = 'e')`

/** Identity sequences belong to their column: their owner is the table's, and PostgreSQL refuses to change it. */
const notIdentitySequence = sql`not exists (select 1 from pg_catalog.pg_depend x
  where x.classid = 'pg_catalog.pg_class'::regclass and x.objid = c.oid and x.deptype = 'i')`

const RELATION_KEYWORD = sql`case c.relkind when 'v' then 'VIEW' when 'm' then 'MATERIALIZED VIEW'
  when 'S' then 'SEQUENCE' else 'TABLE' end`

/**
 * Owners (`ALTER … OWNER TO`) and grants of the source's schemas, tables, views, sequences, types and routines:
 * objects of kinds `owner` and `grant`, written after everything else and only when asked (`--keep-grants`), since
 * the roles they name may not exist on the target. Each needs its object and its roles (`role name`); roles of the
 * server's own (pg_*) and PUBLIC need nothing. Column grants and default privileges are not read.
 */
export const PRIVILEGE_QUERIES: RawBuilder<ObjectRow>[] = [
  // The public schema belongs to pg_database_owner in every new database (PostgreSQL 15): only another owner is news.
  sql<ObjectRow>`select 'owner' as kind, n.nspname as schema, n.nspname as name, 'after-load' as phase,
      format('ALTER SCHEMA %I OWNER TO %I', n.nspname, r.rolname) as statement,
      array['schema ' || n.nspname, 'role ' || r.rolname] as requires
    from pg_catalog.pg_namespace n join pg_catalog.pg_roles r on r.oid = n.nspowner
    where not (n.nspname = 'public' and r.rolname = 'pg_database_owner')
      and ${notFromExtension('pg_catalog.pg_namespace', sql`n.oid`)}
    order by n.nspname`,
  sql<ObjectRow>`select 'owner' as kind, n.nspname as schema, c.relname as name, 'after-load' as phase,
      format('ALTER %s %I.%I OWNER TO %I', ${RELATION_KEYWORD}, n.nspname, c.relname, r.rolname) as statement,
      array['relation ' || n.nspname || '.' || c.relname, 'role ' || r.rolname] as requires
    from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    join pg_catalog.pg_roles r on r.oid = c.relowner
    where c.relkind in ('r', 'p', 'v', 'm', 'S') and ${notIdentitySequence}
      and ${notFromExtension('pg_catalog.pg_class', sql`c.oid`)}
    order by n.nspname, c.relname`,
  sql<ObjectRow>`select 'owner' as kind, n.nspname as schema, t.typname as name, 'after-load' as phase,
      format('ALTER %s %I.%I OWNER TO %I', case when t.typtype = 'd' then 'DOMAIN' else 'TYPE' end, n.nspname,
        t.typname, r.rolname) as statement,
      array['type ' || n.nspname || '.' || t.typname, 'role ' || r.rolname] as requires
    from pg_catalog.pg_type t join pg_catalog.pg_namespace n on n.oid = t.typnamespace
    join pg_catalog.pg_roles r on r.oid = t.typowner
    where (t.typtype in ('e', 'd', 'r')
        or (t.typtype = 'c' and exists (select 1 from pg_catalog.pg_class k where k.oid = t.typrelid and k.relkind = 'c')))
      and ${notFromExtension('pg_catalog.pg_type', sql`t.oid`)}
    order by n.nspname, t.typname`,
  sql<ObjectRow>`select 'owner' as kind, n.nspname as schema, p.proname as name, 'after-load' as phase,
      format('ALTER %s %I.%I(%s) OWNER TO %I', case p.prokind when 'p' then 'PROCEDURE' when 'a' then 'AGGREGATE'
        else 'FUNCTION' end, n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), r.rolname) as statement,
      array['function ' || n.nspname || '.' || p.proname, 'role ' || r.rolname] as requires
    from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
    join pg_catalog.pg_roles r on r.oid = p.proowner
    where p.prokind in ('f', 'p', 'a') and ${notFromExtension('pg_catalog.pg_proc', sql`p.oid`)}
      and not exists (select 1 from pg_catalog.pg_depend x where x.classid = 'pg_catalog.pg_proc'::regclass
        and x.objid = p.oid and x.deptype = 'i')
    order by n.nspname, p.proname, p.oid`,
  sql<ObjectRow>`select 'grant' as kind, n.nspname as schema, n.nspname as name, 'after-load' as phase,
      g.statement, array['schema ' || n.nspname] || g.roles as requires
    from pg_catalog.pg_namespace n cross join lateral ${aclStatements(
      sql`n.nspacl`,
      sql`acldefault('n'::"char", n.nspowner)`,
      sql`format('SCHEMA %I', n.nspname)`,
    )} g
    where n.nspacl is not null and ${notFromExtension('pg_catalog.pg_namespace', sql`n.oid`)}
    order by n.nspname, g.revoke desc, g.position, g.statement`,
  sql<ObjectRow>`select 'grant' as kind, n.nspname as schema, c.relname as name, 'after-load' as phase,
      g.statement, array['relation ' || n.nspname || '.' || c.relname] || g.roles as requires
    from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    cross join lateral ${aclStatements(
      sql`c.relacl`,
      sql`acldefault((case when c.relkind = 'S' then 's' else 'r' end)::"char", c.relowner)`,
      sql`format('%s %I.%I', case when c.relkind = 'S' then 'SEQUENCE' else 'TABLE' end, n.nspname, c.relname)`,
    )} g
    where c.relacl is not null and c.relkind in ('r', 'p', 'v', 'm', 'S')
      and ${notFromExtension('pg_catalog.pg_class', sql`c.oid`)}
    order by n.nspname, c.relname, g.revoke desc, g.position, g.statement`,
  sql<ObjectRow>`select 'grant' as kind, n.nspname as schema, p.proname as name, 'after-load' as phase,
      g.statement, array['function ' || n.nspname || '.' || p.proname] || g.roles as requires
    from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
    cross join lateral ${aclStatements(
      sql`p.proacl`,
      sql`acldefault('f'::"char", p.proowner)`,
      sql`format('%s %I.%I(%s)', case when p.prokind = 'p' then 'PROCEDURE' else 'FUNCTION' end, n.nspname,
        p.proname, pg_get_function_identity_arguments(p.oid))`,
    )} g
    where p.proacl is not null and p.prokind in ('f', 'p', 'a')
      and ${notFromExtension('pg_catalog.pg_proc', sql`p.oid`)}
    order by n.nspname, p.proname, p.oid, g.revoke desc, g.position, g.statement`,
]
