import type { ColumnDefinitionBuilder, Kysely, RawBuilder } from 'kysely'
import type { SpecialNumber } from '../schema/cell-value.js'
import type { Column, DialectName, EnumType, Schema, TableRef } from '../schema/schema.js'
import type { TwinWrite } from './twin-target.js'

/** The table types of a database dbtwin has not introspected: any, as Kysely has no type for "unknown tables". */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTables = any

/** Kysely over such a database. */
export type AnyKysely = Kysely<AnyTables>

/** An open connection to one database, with everything dbtwin does that depends on the engine. */
export interface Database {
  readonly dialect: DialectName
  /** Kysely over the database. Its table types are unknown until introspected, hence `any`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly db: Kysely<any>
  /** The database name (never the URL, which may hold a password). */
  readonly name: string
  /** The URL with its password masked, for messages. */
  readonly display: string
  readonly ddl: SchemaDdl
  /**
   * A FROM item that samples about `fraction` of a table's rows, the same rows for the same seed and data, and
   * the WHERE condition it needs (null when none). Sampling happens in the database, so only the sample travels.
   * `key` names columns that tell rows apart: an engine without TABLESAMPLE keeps a row by a hash of them, so the
   * rows kept do not depend on the order the engine happens to read them in. `pages`: the caller takes rows that
   * come a page at a time (see SampleSpec.pages), which an engine with page sampling reads far less of the table for.
   */
  sampledTable(
    table: TableRef,
    alias: string,
    fraction: number,
    seed: number,
    key: readonly string[],
    pages?: boolean,
  ): SampledTable
  /**
   * A column's value as dbtwin reads it, for statistics and for copies: PostgreSQL's money as the number it holds.
   */
  readValue(column: Column, value: RawBuilder<unknown>): RawBuilder<unknown>
  /**
   * A condition for each special number (NaN, ±Infinity) a number column can hold: none on MySQL, which has none.
   */
  specialNumbers(
    column: Column,
    value: RawBuilder<unknown>,
  ): { value: SpecialNumber; is: RawBuilder<unknown> }[]
  /**
   * A condition that a table's `columns` (its key, or a foreign key) take one of `keys` (one part per column, in
   * their order), the whole set sent as one parameter and joined by the engine, never an IN list of parameters
   * (issue 21). The table is the only one in the query's FROM.
   */
  keySet(
    table: TableRef,
    columns: readonly Column[],
    keys: readonly (readonly KeyPart[])[],
  ): Promise<RawBuilder<unknown>>
  /**
   * Starts writing a twin into this database, on a connection of its own (in a transaction where the engine has
   * transactional DDL); `enums` are the source schema's named enum types.
   */
  openTwin(enums: readonly EnumType[]): Promise<TwinWrite>
  /**
   * Who this database is on its server, as the server tells it (not as the URL spells it): two URLs that reach the
   * same database (`localhost` and the host's name, a socket, a second port forward) give the same identity, so a
   * twin is never written into its source. Hashed before it is kept anywhere (see databaseIdentity).
   */
  serverIdentity(): Promise<string>
  /** Reads the portable schema: tables, columns, keys, FKs, checks, enums, estimates, skipped objects. */
  introspect(): Promise<Schema>
  /**
   * Runs `read` over one connection in one read-only transaction that sees one snapshot of the data, so rows read
   * early and late agree however the database changes meanwhile: a subset read while another client moved rentals
   * between inventory rows failed on a foreign key 6 times in 6 (issue 14). Inside, `readSnapshot` runs in the
   * same snapshot and `close` leaves it to the caller.
   */
  readSnapshot<T>(read: (snapshot: Database) => Promise<T>): Promise<T>
  /**
   * Runs `read` in one read-only snapshot as readSnapshot does, over up to `lanes` connections that all see that
   * snapshot, so independent reads can run side by side: one waits on the server while another's rows are worked
   * on. Where the engine cannot share a snapshot between connections (MySQL, PGlite, a caller's connection), or
   * the server gives no more connections, over one.
   */
  readSnapshots<T>(lanes: number, read: (snapshots: readonly Database[]) => Promise<T>): Promise<T>
  close(): Promise<void>
}

/** One column's value of a key: as the server prints it, or bytes. */
export type KeyPart = string | Uint8Array

export interface SampledTable {
  from: RawBuilder<unknown>
  where: RawBuilder<unknown> | null
}

export interface OpenOptions {
  /**
   * Every transaction on the connection is READ ONLY, enforced by the server: how dbtwin reads a source, which it
   * must never write.
   */
  readOnly?: boolean
}

/**
 * The DDL differences between engines that Kysely's schema builder leaves to the caller, kept here so that
 * migrations and the schema writer stay engine-neutral.
 */
export interface SchemaDdl {
  /** True where tables live in schemas inside the database (PostgreSQL); false where the database is the namespace. */
  readonly schemas: boolean
  readonly deferrableConstraints: boolean
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  createSchema(db: Kysely<any>, schema: string): Promise<void>
  /**
   * Returns the column type for an enum, creating the named type first where the engine needs one (PostgreSQL).
   */
  enumType(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    db: Kysely<any>,
    schema: string,
    name: string,
    values: readonly string[],
  ): Promise<RawBuilder<unknown>>
  /** The engine's type for a date and time without a time zone (`timestamp` on PostgreSQL, `datetime` on MySQL). */
  readonly timestampType: 'timestamp' | 'datetime'
  /** The engine's type for JSON documents: `jsonb` on PostgreSQL, `json` on MySQL (longtext + json_valid in MariaDB). */
  readonly jsonType: 'jsonb' | 'json'
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  commentOnTable(db: Kysely<any>, table: TableRef, comment: string): Promise<void>
  /** Moves an identity column's next value past the largest one present, after rows were written with explicit keys. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  syncIdentity(db: Kysely<any>, table: TableRef, column: string): Promise<void>
  /** Marks an integer column as filled by the database: identity on PostgreSQL, AUTO_INCREMENT on MySQL. */
  identity(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder
}
