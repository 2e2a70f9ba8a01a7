import type { TableNote } from '../dialects/twin-target.js'
import type { Column, ForeignKey, Schema, Table } from '../schema/schema.js'
import { mysqlName } from '../schema/table-placement.js'
import { tableName } from '../schema/table-name.js'
import { NUMBER_TYPES } from '../schema/type-groups.js'

/**
 * The model's schema as another engine can hold it, and what that changed. Every change is one the target's DDL
 * would otherwise refuse (issue 15):
 * - a foreign key whose number column differs from its parent's (sakila's int → int, openstreetmap's int → bigint
 *   users.id): InnoDB refuses it ("Incorrect options in FOREIGN KEY constraint"), PostgreSQL refuses numeric → bigint.
 *   The child takes its parent's type; every value fits, since each is one of the parent's.
 * - into PostgreSQL, a MySQL `bigint unsigned AUTO_INCREMENT` is a bigint identity (its portable type is decimal,
 *   which cannot be an identity); a counter does not reach 2^63.
 * - into MySQL, ON DELETE/UPDATE SET NULL on a NOT NULL column (sakila's payment.rental_id) is refused by InnoDB; it
 *   becomes NO ACTION, which is what it did on the source (a NULL there was refused, so was the delete). SET DEFAULT,
 *   which InnoDB does not support, becomes NO ACTION too. Foreign-key names, unique per database there (per table
 *   on PostgreSQL) and at most 64 characters, are made so.
 */
export function crossEngineSchema(
  schema: Schema,
  target: 'postgres' | 'mysql',
): { schema: Schema; notes: TableNote[] } {
  const notes: TableNote[] = []
  const tables = schema.tables.map((t) => ({ ...t, columns: t.columns.map((c) => ({ ...c })) }))
  if (target === 'postgres') {
    for (const t of tables)
      for (const c of t.columns)
        if (c.identity !== null && c.type === 'decimal')
          Object.assign(c, { type: 'bigint', precision: null, scale: null })
  }
  harmonizeKeyTypes(tables, notes)
  const adapted = target === 'mysql' ? tables.map((t) => mysqlForeignKeys(t, notes)) : tables
  if (target === 'mysql') uniqueForeignKeyNames(adapted, notes)
  return { schema: { ...schema, tables: adapted }, notes }
}

/** Child key columns take their parent column's number type, until no key changes one (keys chain). */
function harmonizeKeyTypes(tables: Table[], notes: TableNote[]): void {
  const byName = new Map(tables.map((t) => [tableName(t), t]))
  const column = (t: Table, name: string) => t.columns.find((c) => c.name === name)
  for (let changed = true; changed;) {
    changed = false
    for (const table of tables) {
      for (const fk of table.foreignKeys) {
        const parent = byName.get(tableName(fk.references))
        if (parent === undefined) continue
        fk.columns.forEach((name, i) => {
          const child = column(table, name)
          const key = column(parent, fk.references.columns[i] ?? '')
          if (child === undefined || key === undefined || sameNumberType(child, key)) return
          if (!NUMBER_TYPES.has(child.type) || !NUMBER_TYPES.has(key.type)) return
          notes.push({
            reason: "foreign-key columns take their parent column's type, as the target requires",
            item: `${tableName(table)}.${name} (${child.type} → ${key.type})`,
          })
          Object.assign(child, {
            type: key.type,
            nativeType: key.nativeType,
            precision: key.precision,
            scale: key.scale,
          })
          changed = true
        })
      }
    }
  }
}

const sameNumberType = (a: Column, b: Column) =>
  a.type === b.type && (a.type !== 'decimal' || (a.precision === b.precision && a.scale === b.scale))

function mysqlForeignKeys(table: Table, notes: TableNote[]): Table {
  const notNull = (fk: ForeignKey) =>
    fk.columns.some((name) => table.columns.find((c) => c.name === name)?.nullable === false)
  const action = (fk: ForeignKey, on: 'delete' | 'update', value: ForeignKey['onDelete']) => {
    const refused = value === 'set default' || (value === 'set null' && notNull(fk))
    if (!refused) return value
    notes.push({
      reason:
        value === 'set null'
          ? 'ON … SET NULL on a NOT NULL column, which MySQL refuses, is NO ACTION (deleting the parent failed on the source too)'
          : 'ON … SET DEFAULT, which InnoDB does not support, is NO ACTION',
      item: `${tableName(table)}.${fk.name} (on ${on})`,
    })
    return 'no action'
  }
  return {
    ...table,
    foreignKeys: table.foreignKeys.map((fk) => ({
      ...fk,
      onDelete: action(fk, 'delete', fk.onDelete),
      onUpdate: action(fk, 'update', fk.onUpdate),
    })),
  }
}

/** MySQL keys foreign-key names by database: a second key of the same name (or too long a name) is renamed. */
function uniqueForeignKeyNames(tables: Table[], notes: TableNote[]): void {
  const used = new Set<string>()
  for (const table of tables) {
    table.foreignKeys = table.foreignKeys.map((fk) => {
      let name = mysqlName(fk.name)
      for (let n = 2; used.has(name.toLowerCase()); n++) name = mysqlName(`${fk.name}_${n}`)
      used.add(name.toLowerCase())
      if (name === fk.name) return fk
      notes.push({
        reason:
          'foreign keys are renamed, as MySQL names them once per database and in at most 64 characters',
        item: `${tableName(table)}.${fk.name} → ${name}`,
      })
      return { ...fk, name }
    })
  }
}

/** How many items a note line names before it says how many more there are. */
const SHOWN = 3

/** One line per reason: musicbrainz's 200 checks would otherwise be 200 lines. */
export function noteLines(notes: readonly TableNote[]): string[] {
  const byReason = new Map<string, string[]>()
  for (const n of notes) byReason.set(n.reason, [...(byReason.get(n.reason) ?? []), n.item])
  return [...byReason].map(([reason, items]) => {
    const more = items.length > SHOWN ? ` and ${items.length - SHOWN} more` : ''
    return `${reason}: ${items.slice(0, SHOWN).join(', ')}${more}`
  })
}
