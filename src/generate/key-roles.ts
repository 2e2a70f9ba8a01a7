import type { ColumnModel } from '../model/model.js'
import type { ForeignKey, Table } from '../schema/schema.js'
import { NUMBER_TYPES, TEXT_TYPES } from '../schema/type-groups.js'

/**
 * How a column of a primary or unique key that no foreign key fills is made, so that every key stays unique and a
 * child can recompute the key of any parent row from the row's number alone:
 * - `row`: the row's number in the column's type (a single-column key, or the column that makes a key unique
 *   across the table, like `payment_id` in (payment_date, payment_id));
 * - `position`: the row's number within its driving parent (the `line` of (order_id, line));
 * - `group-unique`: a value drawn from the model, moved on until no other row of the same parent has it (the
 *   `rental_date` of a key (rental_date, inventory_id) whose other columns cannot hold a number).
 * Key columns without a role are drawn from the model: another column of their key already makes it unique, or
 * a guard moves a repeated value on as it is drawn.
 */
export type KeyRole = 'row' | 'position' | 'group-unique'

/** The roles, and the keys left to a guard: unique keys of drawn columns only, made unique as they are drawn. */
export interface KeyPlan {
  roles: Map<string, KeyRole>
  guarded: string[][]
}

/**
 * The role of each key column of `table` that needs one. `driving` is the FK its rows are generated under, and
 * `distinct` the FK whose parents never repeat within one driving parent (a many-to-many key); `referenced` holds
 * the columns other tables' foreign keys point at, which must be recomputable.
 */
export function keyPlan(
  table: Table,
  driving: ForeignKey | undefined,
  distinct: ForeignKey | null,
  models: readonly ColumnModel[],
  referenced: ReadonlySet<string>,
): KeyPlan {
  const roles = new Map<string, KeyRole>()
  const guarded: string[][] = []
  const fkColumns = new Set(table.foreignKeys.flatMap((fk) => fk.columns))
  const type = (name: string) => table.columns.find((c) => c.name === name)!.type
  const drawn = (name: string) => {
    const kind = models.find((m) => m.name === name)?.kind
    return kind !== undefined && kind !== 'key' && !referenced.has(name)
  }
  const holdsNumber = (name: string) => NUMBER_TYPES.has(type(name)) || TEXT_TYPES.has(type(name))
  const within = (fk: ForeignKey | null | undefined, columns: readonly string[]) =>
    fk != null && fk.columns.every((c) => columns.includes(c))
  const keys = [table.primaryKey, ...table.uniques].filter((k) => k !== null)
  for (const key of keys) {
    const own = key.columns.filter((c) => !fkColumns.has(c))
    if (own.length === 0) continue
    // Every column nothing draws gets a role; what is left to decide is which column makes the key unique.
    const undrawn = own.filter((c) => !drawn(c))
    if (within(driving, key.columns)) {
      for (const c of undrawn) roles.set(c, holdsNumber(c) ? 'position' : 'row')
      if (within(distinct, key.columns) || undrawn.length > 0) continue
      const unique = own.find(holdsNumber) ?? own[0]!
      roles.set(unique, holdsNumber(unique) ? 'position' : 'group-unique')
      continue
    }
    for (const c of undrawn) roles.set(c, 'row')
    if (undrawn.length === 0) guarded.push(key.columns)
  }
  return { roles, guarded }
}
