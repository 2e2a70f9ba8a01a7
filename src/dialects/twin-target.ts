import type { Kysely } from 'kysely'
import type { Column, DialectName, ForeignKey, Table, TableRef } from '../schema/schema.js'

/**
 * One value as generators hand it to writers: already in the text form the engines read, except binary values
 * (bytea, BLOB, BINARY), which stay bytes: each writer encodes them in its engine's own form.
 */
export type CellValue = string | number | boolean | Uint8Array | null

/** A value as text, to compare or hash it: bytes as hex, so that distinct bytes stay distinct. */
export function cellText(value: Exclude<CellValue, null>): string {
  return typeof value === 'object' ? Buffer.from(value).toString('hex') : String(value)
}

/** Something a target leaves out of a table or changes in it, told in one line per reason, not one per item. */
export interface TableNote {
  reason: string
  /** What it concerns, e.g. `public.film.fulltext`. */
  item: string
}

/** Streams rows into one table; `end` flushes and resolves once every row is in. */
export interface BulkWriter {
  write(rows: readonly CellValue[][]): Promise<void>
  end(): Promise<void>
}

/** How a portable table lands on a target engine. */
export interface TwinTableSpec {
  table: Table
  target: TableRef
  /** The model came from the same engine family: native types, generated expressions and checks carry over. */
  sameEngine: boolean
  /** Columns used as keys (PK, unique, FK): engines that cannot index long text need a bounded type there. */
  keyColumns: ReadonlySet<string>
}

/** What creating a table had to say: notes on it, and the columns given a type of the target's own. */
export interface CreatedTable {
  notes: TableNote[]
  translated: TypeTranslation[]
}

/**
 * A column whose source type the target lacks (PostGIS's geometry on PGlite or MySQL, citext, cube, hstore …), and
 * the type it was created with instead. The write sums them up in one line.
 */
export interface TypeTranslation {
  column: string
  from: string
  to: string
}

/** A foreign key to add to a loaded table: `target` and `parent` are where the two tables landed. */
export interface NewForeignKey {
  target: TableRef
  fk: ForeignKey
  parent: TableRef
}

/**
 * Everything `generate` needs from a target engine: DDL from the portable schema, bulk loading, and the
 * constraints added once the rows are in (faster, and it makes cycles and self-references free to load).
 */
export interface TwinTarget {
  /** The dialect family whose native types this target reads as its own. */
  readonly family: 'postgres' | 'mysql'
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  createTable(db: Kysely<any>, spec: TwinTableSpec): Promise<CreatedTable>
  /**
   * Adds foreign keys to loaded tables; the engine checks each one against the rows. Stops between statements once
   * `signal` is aborted.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  addForeignKeys(db: Kysely<any>, keys: readonly NewForeignKey[], signal?: AbortSignal): Promise<void>
  /** The foreign keys these tables have (as children), as the target's catalog tells them. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  foreignKeys(db: Kysely<any>, tables: readonly TableRef[]): Promise<TargetForeignKey[]>
  /** Drops the named foreign keys of one table. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  dropForeignKeys(db: Kysely<any>, table: TableRef, names: readonly string[]): Promise<void>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  dropTable(db: Kysely<any>, table: TableRef): Promise<void>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  truncate(db: Kysely<any>, tables: readonly TableRef[]): Promise<void>
  bulkWriter(target: TableRef, columns: readonly Column[]): BulkWriter
}

/** A foreign key a target table has: `validated` is false for PostgreSQL's NOT VALID (MySQL has no such state). */
export interface TargetForeignKey {
  table: TableRef
  name: string
  columns: string[]
  parent: TableRef
  parentColumns: string[]
  validated: boolean
}

/**
 * One write into a target, on one connection. On PostgreSQL and PGlite it is one transaction, so a failure, an
 * interruption or a crash leaves the target as it was: no table, enum type or row it made, every row it emptied
 * back. MySQL commits DDL as it goes (`transactional` false): the caller undoes what it did itself.
 */
export interface TwinWrite {
  /** The connection (in its transaction) every statement of the write runs on. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly db: Kysely<any>
  readonly twin: TwinTarget
  readonly transactional: boolean
  commit(): Promise<void>
  /** Undoes the transaction (a COPY in flight is failed first) and lets the connection go. */
  rollback(): Promise<void>
  /** Stops the statement running now (a COPY, a key check), so that an interruption need not wait for its end. */
  cancel(): Promise<void>
}

export function dialectFamily(dialect: DialectName): 'postgres' | 'mysql' {
  return dialect === 'mysql' ? 'mysql' : 'postgres'
}

/** Refuses a native type string that is not plainly a type: a model file must not smuggle SQL into DDL. */
export function checkedTypeText(text: string): string {
  if (!/^[\p{L}\p{N}_ ."(),'\[\]-]+$/u.test(text) || /;|--|\/\*/.test(text)) {
    throw new Error(`"${text}" does not look like a column type`)
  }
  return text
}

/** Expressions from a model file go into DDL as written; refuse anything that could end the statement. */
export function checkedExpression(expression: string): string {
  if (/;|--|\/\*/.test(expression)) throw new Error(`"${expression}" is not a plain expression`)
  return expression
}
