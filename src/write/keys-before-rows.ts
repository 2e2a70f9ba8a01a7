import type { NewForeignKey } from '../dialects/twin-target.js'
import type { SumColumn } from '../dialects/sum-update.js'
import type { Table, TableRef } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'

/**
 * The foreign keys a write adds to a table before its rows, on a target that checks each row as it loads it
 * (TwinTarget.addForeignKeysBeforeRows), rather than after the load in one pass over each child. On MariaDB the
 * row-by-row check runs on the server while dbtwin makes the next rows; added after the load, the same key was an
 * anti-join run while nothing else ran (bench/generate-mysql.ts, issue 21.6).
 *
 * A key qualifies when the source holds it valid; its parent is another table whose rows are all written; its
 * columns begin a key the table is created with, so the engine needs no index of its own for it; and no UPDATE after
 * the load sets one of its columns on either side (a learned sum, a derived column), since checked at load it would
 * judge the values before that UPDATE. InnoDB makes an index for a foreign key no index begins with: kept row by row
 * through the load, in the order the children come, it cost the server more than one built from the loaded rows
 * (mysqld's CPU, median of 3 twins of 1M rows: 5.1 s with every key before the rows, 3.7 s with these alone, 4.3 s
 * with every key after). Every other key is added after the load, as before.
 */
export class KeysBeforeRows {
  private readonly written = new Set<string>()
  private readonly added = new Set<NewForeignKey>()
  private readonly updated: Set<string>
  private readonly indexes: Map<string, (readonly string[])[]>

  /**
   * @param keys the model's keys, where their tables landed
   * @param tables the tables written, each with where it landed
   * @param updates the columns set after the load, where their tables landed
   */
  constructor(
    private readonly keys: readonly NewForeignKey[],
    tables: readonly { table: Table; target: TableRef }[],
    updates: readonly { table: TableRef; column: string }[],
  ) {
    this.updated = new Set(updates.map((u) => columnId(u.table, u.column)))
    // A unique key kept as the source's own index (see Key.index) is written with the schema objects, not the table.
    this.indexes = new Map(
      tables.map(({ table, target }) => [
        tableName(target),
        [table.primaryKey, ...table.uniques.filter((u) => u.index !== true)].flatMap((k) =>
          k === null ? [] : [k.columns],
        ),
      ]),
    )
  }

  /**
   * The keys to add to `table` before its first row: the fill writes each table whole, parents first, so a parent
   * written is a parent complete. Each key is handed out once, and counts as added from then on (see `after`).
   */
  take(table: TableRef): NewForeignKey[] {
    const keys = this.keys.filter(
      (k) =>
        sameTable(k.target, table) &&
        !this.added.has(k) &&
        k.fk.validated &&
        !sameTable(k.parent, k.target) &&
        this.written.has(tableName(k.parent)) &&
        (this.indexes.get(tableName(table)) ?? []).some((columns) =>
          k.fk.columns.every((c, i) => columns[i] === c),
        ) &&
        !k.fk.columns.some((c) => this.updated.has(columnId(k.target, c))) &&
        !k.fk.references.columns.some((c) => this.updated.has(columnId(k.parent, c))),
    )
    for (const k of keys) this.added.add(k)
    return keys
  }

  /** Marks a table's rows as all written: its children's keys may go before their rows from now on. */
  tableWritten(table: TableRef): void {
    this.written.add(tableName(table))
  }

  /** The model's keys not added before the rows: those the write adds after the load. */
  after(): NewForeignKey[] {
    return this.keys.filter((k) => !this.added.has(k))
  }
}

/** The columns set after the load: each learned sum's parent column and each derived column. */
export function updatedColumns(
  sums: readonly SumColumn[],
  derived: readonly { table: TableRef; column: string }[],
): { table: TableRef; column: string }[] {
  return [...sums.map((s) => ({ table: s.parent, column: s.parentColumn })), ...derived]
}

const columnId = (table: TableRef, column: string) => `${tableName(table)}\u0000${column}`
const sameTable = (a: TableRef, b: TableRef) => a.schema === b.schema && a.name === b.name
