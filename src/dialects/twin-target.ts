import type { Kysely } from 'kysely'
import type { CellValue } from '../schema/cell-value.js'
import type { CheckConstraint, Column, ForeignKey, SchemaObject, Table, TableRef } from '../schema/schema.js'
import { literalEnd, quotedEnd } from '../schema/untrusted-calls.js'

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
  /**
   * Adds foreign keys to one table before its rows, with the checks on, so that the engine checks each row as it
   * loads it (see keysBeforeRows). A target without it gets every key after the load.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  addForeignKeysBeforeRows?(db: Kysely<any>, keys: readonly NewForeignKey[]): Promise<void>
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
  /** How the engine writes its own schema objects (views, functions, indexes…) on a twin of its engine. */
  readonly schemaObjects: SchemaObjectWriter | null
}

/** A CHECK to add to a table where it landed. */
export interface TableCheck {
  table: TableRef
  check: CheckConstraint
}

/** Writes a source's schema objects on a target of the same engine (see planSchemaObjects). */
export interface SchemaObjectWriter {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  availableExtensions(db: Kysely<any>): Promise<Set<string>>
  /** The roles the target has, which kept owners and grants may name (`--keep-grants`). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  roles(db: Kysely<any>): Promise<Set<string>>
  /**
   * Resolves bare names in these schemas for the rest of the write; on a database the write created, also for every
   * later session (the database's setting). Returns a note when the target's setting is left differing.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  useSearchPath(db: Kysely<any>, schemas: readonly string[], created: boolean): Promise<string[]>
  /** Runs each object's statement in order; returns notes (objects there already, policies without roles). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  writeObjects(db: Kysely<any>, objects: readonly SchemaObject[], signal?: AbortSignal): Promise<string[]>
  /** After the load: a same-engine table's CHECKs, validated; returns a note naming those the rows break. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  addChecks(db: Kysely<any>, checks: readonly TableCheck[], signal?: AbortSignal): Promise<string[]>
  /** After the load: sequences behind column defaults moved past the written values. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  syncSequences(db: Kysely<any>, objects: readonly SchemaObject[]): Promise<void>
}

/** A foreign key a target table has: `validated` is false for PostgreSQL's NOT VALID (MySQL has no such state). */
export interface TargetForeignKey {
  table: TableRef
  /** The partition of `table` that declares the key, when not the table itself (see ForeignKey.declaredOn). */
  partition?: TableRef
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
  /** What the write says once opened, e.g. why it loads rows the slower way. */
  readonly notes?: readonly string[]
  commit(): Promise<void>
  /** Undoes the transaction (a COPY in flight is failed first) and lets the connection go. */
  rollback(): Promise<void>
  /** Stops the statement running now (a COPY, a key check), so that an interruption need not wait for its end. */
  cancel(): Promise<void>
}

/** Refuses a native type string that is not plainly a type: a model file must not smuggle SQL into DDL. */
export function checkedTypeText(text: string): string {
  if (!/^[\p{L}\p{N}_ ."(),'\[\]-]+$/u.test(text) || /;|--|\/\*/.test(text)) {
    throw new Error(`"${text}" does not look like a column type`)
  }
  return text
}

/**
 * Expressions from a model file go into DDL as written: refuse anything that could end the statement or reach
 * outside its parentheses (see {@link sqlTextProblem}).
 */
export function checkedExpression(expression: string): string {
  const problem = sqlTextProblem(expression)
  if (problem !== null) throw new Error(`"${expression}" is not a plain expression: ${problem}`)
  return expression
}

/**
 * Why model text is not one plain piece of a statement, or null when it is: read token by token, outside string
 * literals and quoted names it holds no semicolon, comment, dollar quote or subquery (SELECT), and its parentheses
 * balance without ever closing one opened before it. The old check only looked for `;`, `--` and `/*` anywhere,
 * so `1) ... (1` passed and a literal holding `;` did not.
 */
export function sqlTextProblem(text: string): string | null {
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === "'") {
      i = literalEnd(text, i)
      if (i >= text.length) return 'an unterminated string'
    } else if (c === '"') {
      i = quotedEnd(text, i)
      if (i >= text.length) return 'an unterminated quoted name'
    } else if (c === ';') return 'a semicolon'
    else if (c === '$' && !/[\w$]/.test(text[i - 1] ?? ' ')) return 'a dollar quote'
    else if ((c === '-' && text[i + 1] === '-') || (c === '/' && text[i + 1] === '*')) return 'a comment'
    else if (c === '(') depth++
    else if (c === ')' && --depth < 0) return 'a parenthesis closed that it did not open'
    else if (/[sS]/.test(c) && /^select\b/i.test(text.slice(i)) && !/[\w$]/.test(text[i - 1] ?? ' '))
      return 'a subquery'
  }
  return depth === 0 ? null : 'unbalanced parentheses'
}
