/**
 * The portable schema: what `inspect` reads from a database and every later stage (learn, generate, subset,
 * report) works from. It is plain data, so it serializes to JSON and YAML unchanged.
 */

/** The engine a schema was read from. PGlite speaks PostgreSQL's SQL but is reported as itself. */
export type DialectName = 'postgres' | 'mysql' | 'pglite'

/** The SQL family a dialect writes: PGlite's is PostgreSQL's. */
export function dialectFamily(dialect: DialectName): 'postgres' | 'mysql' {
  return dialect === 'mysql' ? 'mysql' : 'postgres'
}

/**
 * An engine-neutral column type. Width and precision live beside it on {@link Column}; the engine's own spelling
 * stays in `nativeType`. `unknown` marks a type dbtwin does not model yet; it is kept, not dropped.
 */
export type PortableType =
  | 'boolean'
  | 'smallint'
  | 'integer'
  | 'bigint'
  | 'decimal'
  | 'real'
  | 'double'
  | 'char'
  | 'varchar'
  | 'text'
  | 'enum'
  | 'set'
  | 'date'
  | 'time'
  | 'timestamp'
  | 'timestamptz'
  | 'interval'
  | 'year'
  | 'uuid'
  | 'json'
  | 'binary'
  | 'bit'
  | 'inet'
  | 'geometry'
  | 'array'
  | 'unknown'

/** How a column gets its value without the writer supplying one. */
export type Identity = 'always' | 'by-default' | 'auto-increment'

export type ReferentialAction = 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default'

/** A table's address. `schema` is the PostgreSQL schema, or the database on MySQL/MariaDB. */
export interface TableRef {
  schema: string
  name: string
}

export interface Column {
  name: string
  /** The type as the engine spells it, e.g. `character varying(100)` or `enum('a','b')`. */
  nativeType: string
  type: PortableType
  /** For `array`: the element's portable type. */
  elementType: PortableType | null
  nullable: boolean
  /** The default expression as the engine reports it, or null. */
  default: string | null
  identity: Identity | null
  /** The expression of a generated (computed) column, or null. Generated columns are never written. */
  generated: string | null
  /** Maximum characters (char/varchar) or bits/bytes where the engine states one. */
  length: number | null
  precision: number | null
  scale: number | null
  /** Allowed values, in declaration order, for `enum` and `set` columns. */
  enumValues: string[] | null
  /** The named type behind an enum on PostgreSQL (`schema.name`); null where enums are inline (MySQL). */
  enumType: string | null
  comment: string | null
  /**
   * The CHECKs of the PostgreSQL domain the column is declared with, VALUE standing for the column; absent on
   * other columns. Generation keeps values inside them.
   */
  domainChecks?: CheckConstraint[]
}

/** A primary key or unique constraint. */
export interface Key {
  name: string
  columns: string[]
  /**
   * A unique index without a constraint (PostgreSQL), or a unique key on column prefixes (MySQL: `name`(10)): a
   * same-engine twin creates it as that index, a schema object, so its pg_dump or SHOW CREATE shows what the
   * source's does (issue 16); other engines get a unique constraint on the whole columns.
   */
  index?: true
  /**
   * PostgreSQL: the unique constraint is DEFERRABLE (checked at the end of the statement or, initially deferred,
   * of the transaction), as musicbrainz's medium_uniq. Absent: not deferrable.
   */
  deferrable?: 'immediate' | 'deferred'
  /** PostgreSQL 15+: UNIQUE NULLS NOT DISTINCT, two rows with NULLs in the same columns collide (release_label_uniq). */
  nullsNotDistinct?: true
  /**
   * MySQL: per column, the prefix length the key is unique on (`UNIQUE KEY (name(10))`: 10), null for a whole
   * column. Generated rows keep the key unique on those prefixes, which the target checks. Absent: whole columns.
   */
  prefixes?: (number | null)[]
}

export interface ForeignKey {
  name: string
  columns: string[]
  references: TableRef & { columns: string[] }
  onDelete: ReferentialAction
  onUpdate: ReferentialAction
  deferrable: boolean
  initiallyDeferred: boolean
  /**
   * False for a key PostgreSQL holds NOT VALID: the source may keep rows that break it on purpose, so a twin
   * writes it NOT VALID too and a subset may carry those rows over. Absent in older schema files: true.
   */
  validated: boolean
  /**
   * PostgreSQL: the partitions that declare this key themselves, each under its own constraint name (pagila's six
   * payment partitions); the schema holds it once, on their partitioned table. A same-engine twin declares it on
   * those partitions again, so its pg_dump shows what the source's does (issue 16). Absent: declared on the table.
   */
  declaredOn?: (TableRef & { constraint: string })[]
}

export interface CheckConstraint {
  name: string
  /** The boolean expression as the engine prints it, without the `CHECK` keyword. */
  expression: string
  /**
   * What the check calls that the source defines itself, as {@link SchemaObject.requires} names it (e.g.
   * `function musicbrainz.controlled_for_whitespace`): without those on the target the check is not created.
   */
  requires?: string[]
}

export interface Table extends TableRef {
  columns: Column[]
  primaryKey: Key | null
  uniques: Key[]
  foreignKeys: ForeignKey[]
  checks: CheckConstraint[]
  /** The engine's row estimate from its statistics; cheap, not exact. */
  estimatedRows: number
  comment: string | null
  /** For a partitioned table: its partitions, which are written through it and so are not tables of their own. */
  partitions: TableRef[]
  /**
   * For a partitioned table read from PostgreSQL: its partition key as `pg_get_partkeydef` prints it (`RANGE
   * (payment_date)`). A PostgreSQL twin creates the table partitioned and its partitions (objects of kind
   * `partition`); other engines get one plain table.
   */
  partitionBy?: string
  /**
   * PostgreSQL: the parents this table INHERITS (not as a partition: sakila's payment_p2007_01 of payment), and the
   * columns it has only from them (pg_attribute.attislocal false). A PostgreSQL twin creates it with INHERITS and
   * leaves those columns, and the CHECKs it inherits, to its parents; other engines get a plain table.
   */
  inherits?: { parents: TableRef[]; columns: string[] }
  /**
   * PostgreSQL: other tables INHERIT this one (not as partitions). A plain SELECT of it returns their rows too, so
   * its own rows are read with `FROM ONLY` (see ownRows).
   */
  inheritanceParent?: true
}

/** Columns a writer fills: generated columns are computed by the target (or left NULL across engines). */
export function writtenColumns(table: Table): Column[] {
  return table.columns.filter((c) => c.generated === null)
}

export interface EnumType {
  schema: string
  name: string
  values: string[]
}

export type SkippedKind =
  | 'view'
  | 'materialized view'
  | 'foreign table'
  | 'partition'
  | 'trigger'
  | 'function'
  | 'procedure'
  | 'sequence'
  | 'extension table'
  | 'aggregate'
  | 'event'

/** An object dbtwin saw and deliberately does not copy, listed so nothing disappears silently. */
export interface SkippedObject {
  kind: SkippedKind
  schema: string
  name: string
  reason: string
}

/**
 * The kinds of schema objects a same-engine twin recreates. `column` is a change to a created table's column (its
 * default, its domain, identity ALWAYS; on MySQL its whole definition); `check` a CHECK that calls the source's own
 * functions; `table` a MySQL table's options (engine, charset, collation, comment); `event` a MySQL scheduled event;
 * `owner` and `grant` a PostgreSQL object's owner and privileges, written only when asked (see PRIVILEGE_KINDS).
 */
export type SchemaObjectKind =
  | 'extension'
  | 'schema'
  | 'collation'
  | 'text search'
  | 'enum'
  | 'domain'
  | 'type'
  | 'function'
  | 'procedure'
  | 'aggregate'
  | 'sequence'
  | 'partition'
  | 'table'
  | 'column'
  | 'check'
  | 'index'
  | 'constraint'
  | 'trigger'
  | 'rule'
  | 'view'
  | 'materialized view'
  | 'policy'
  | 'comment'
  | 'event'
  | 'owner'
  | 'grant'

/**
 * When an object is written, in pg_dump's order: `before-tables` (extensions, schemas, types, functions,
 * sequences), `after-tables` (partitions, column defaults and identity, CHECKs that call functions: still before
 * any row), `after-load` (indexes, triggers, so they do not fire on written rows, views, policies, comments).
 */
export type SchemaObjectPhase = 'before-tables' | 'after-tables' | 'after-load'

/** Kinds whose statement is code that runs on the target: written from a live source, or a trusted model only. */
export const CODE_KINDS: ReadonlySet<SchemaObjectKind> = new Set([
  'function',
  'procedure',
  'aggregate',
  'trigger',
  'rule',
  'view',
  'materialized view',
  'policy',
  'event',
])

/**
 * Owners and grants name roles the target may not have: a twin writes them only when asked (`--keep-grants`), and
 * from a model file only a trusted one, since a grant opens the twin to whoever it names.
 */
export const PRIVILEGE_KINDS: ReadonlySet<SchemaObjectKind> = new Set(['owner', 'grant'])

/**
 * A schema object beyond tables and keys, as one DDL statement from the engine's own deparsers (PostgreSQL's
 * pg_get_functiondef, pg_get_indexdef…; MySQL's SHOW CREATE). Only a twin of the source's engine writes them.
 */
export interface SchemaObject {
  kind: SchemaObjectKind
  schema: string
  /** The object's name; for a `column` or `comment`, what it changes (`table.column`, `table payment`…). */
  name: string
  /** One statement, no trailing semicolon. */
  statement: string
  phase: SchemaObjectPhase
  /**
   * What the statement needs that the source defines: `relation s.n` (a table, view or sequence), `function
   * s.n`, `type s.n`, `extension n`, `role n` (an owner's or grantee's, which the target must have). An object whose needs are not written is left out, and said so.
   */
  requires: string[]
  /**
   * MySQL: the sql_mode the source created a routine, trigger or event under, which decides how its body parses
   * and runs; the twin creates it under the same.
   */
  sqlMode?: string
}

export interface Schema {
  /** Bumped when the shape of this file changes incompatibly. */
  formatVersion: 1
  dialect: DialectName
  /** The database the schema was read from (never a URL: no credentials end up in files). */
  database: string
  schemas: string[]
  tables: Table[]
  enums: EnumType[]
  /**
   * The schemas unqualified names resolve in on the source (PostgreSQL's search_path, as the source's settings make
   * it): a CHECK that calls `controlled_for_whitespace(name)`, and the bodies of functions, mean the source's own.
   */
  searchPath?: string[]
  /** Views, functions, indexes, triggers…, in writing order. */
  objects: SchemaObject[]
  skipped: SkippedObject[]
}
