/**
 * The pg_catalog tables dbtwin reads, typed for Kysely so that catalog queries are checked by the compiler.
 * Only the columns used are declared. `oid` columns come back from the driver as numbers.
 */
export interface PostgresCatalog {
  'pg_catalog.pg_namespace': { oid: number; nspname: string }
  'pg_catalog.pg_class': {
    oid: number
    relname: string
    relnamespace: number
    /** r table, p partitioned table, v view, m materialized view, f foreign table, S sequence. */
    relkind: string
    reltuples: number
    relispartition: boolean
  }
  'pg_catalog.pg_inherits': { inhrelid: number; inhparent: number }
  'pg_catalog.pg_attribute': {
    attrelid: number
    attname: string
    attnum: number
    atttypid: number
    atttypmod: number
    attnotnull: boolean
    attisdropped: boolean
    /** '' none, 'a' generated always, 'd' by default. */
    attidentity: string
    /** '' none, 's' stored. */
    attgenerated: string
  }
  'pg_catalog.pg_attrdef': { adrelid: number; adnum: number; adbin: unknown }
  'pg_catalog.pg_type': {
    oid: number
    typname: string
    typnamespace: number
    /** b base, c composite, d domain, e enum, r range. */
    typtype: string
    typbasetype: number
    typtypmod: number
    typelem: number
    typcategory: string
    typnotnull: boolean
  }
  'pg_catalog.pg_enum': { enumtypid: number; enumlabel: string; enumsortorder: number }
  'pg_catalog.pg_constraint': {
    oid: number
    conname: string
    conrelid: number
    /** p primary, u unique, f foreign, c check, x exclusion, t trigger. */
    contype: string
    conkey: number[] | null
    confrelid: number
    confkey: number[] | null
    confupdtype: string
    confdeltype: string
    condeferrable: boolean
    condeferred: boolean
    convalidated: boolean
    conparentid: number
  }
  'pg_catalog.pg_index': {
    indexrelid: number
    indrelid: number
    indisunique: boolean
    indisprimary: boolean
    indkey: unknown
    indpred: unknown
    indexprs: unknown
  }
  'pg_catalog.pg_trigger': { oid: number; tgname: string; tgrelid: number; tgisinternal: boolean }
  'pg_catalog.pg_proc': { oid: number; proname: string; pronamespace: number; prokind: string }
  'pg_catalog.pg_depend': { objid: number; refobjid: number; deptype: string; classid: unknown }
  'pg_catalog.pg_stat_user_tables': { relid: number; n_live_tup: number }
  'pg_catalog.pg_database': { datname: string }
}
