import type { Column, ForeignKey, Schema, Table } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'
import { DATE_TYPES } from '../schema/type-groups.js'
import { planLoad } from '../graph/load-plan.js'

/** A walk through foreign keys from a table: the keys in order, and the table each step reaches. */
export interface KeyPath {
  steps: ForeignKey[]
  /** The table the walk ends at: the start table for an empty path. */
  end: Table
}

export type InvariantCandidate =
  | { kind: 'paths-meet'; table: Table; first: KeyPath; second: KeyPath }
  | { kind: 'time-order'; table: Table; column: Column; path: KeyPath; ancestorColumn: Column }
  | { kind: 'sequence'; table: Table; column: Column; foreignKey: ForeignKey }
  | { kind: 'children-by-state'; table: Table; foreignKey: ForeignKey; parent: Table; parentColumn: Column }
  | { kind: 'sum'; table: Table; column: Column; foreignKey: ForeignKey; parent: Table; parentColumn: Column }

const INTEGER_TYPES = new Set(['smallint', 'integer', 'bigint'])
/** Types a parent's state is written in (a claim's status): asked only where the column's model is categorical. */
const STATE_TYPES = new Set(['boolean', 'enum', 'char', 'varchar', 'text'])
/** Types whose sums are exact: a float's sum depends on the order it is added in. */
const EXACT_NUMBER_TYPES = new Set(['smallint', 'integer', 'bigint', 'decimal'])

/**
 * Every rule across tables worth asking the source about, from the schema alone (so their number, which the
 * privacy budget is split by, says nothing of the data): paths of up to two foreign keys that end at the same
 * table, date and time columns against those of the tables a path reaches, integer columns against each parent,
 * each parent's category-typed columns against the number of children it has, and each parent's exact number
 * columns against the sum of each of its children's.
 * Self-references are left out: a tree's rows are not generated through paths.
 */
export function invariantCandidates(schema: Schema): InvariantCandidate[] {
  const byName = new Map(schema.tables.map((t) => [tableName(t), t]))
  const late = lateKeys(schema)
  const out: InvariantCandidate[] = []
  for (const table of schema.tables) {
    const paths = keyPaths(table, byName)
    for (const [i, first] of paths.entries()) {
      for (const second of paths.slice(i + 1)) {
        if (second.steps.length === 0 || tableName(first.end) !== tableName(second.end)) continue
        // Two walks through the same first key meet or not in the parent: that is the parent's rule.
        if (first.steps[0] !== undefined && first.steps[0] === second.steps[0]) continue
        const ends = [first, second].map((p) => p.steps.at(-1)?.references.columns.join('\u0000'))
        if (ends[0] !== undefined && ends[0] !== ends[1]) continue
        if (late(first, table) || (late(second, table) && first.steps.length > 0)) continue
        out.push({ kind: 'paths-meet', table, first, second })
      }
    }
    for (const column of table.columns.filter(isDateColumn)) {
      for (const path of paths) {
        if (path.steps.length === 0 || late(path, table)) continue
        for (const ancestorColumn of path.end.columns.filter(isDateColumn))
          out.push({ kind: 'time-order', table, column, path, ancestorColumn })
      }
    }
    const alone = [table.primaryKey, ...table.uniques].flatMap((k) =>
      k?.columns.length === 1 ? k.columns : [],
    )
    for (const column of table.columns) {
      if (!INTEGER_TYPES.has(column.type) || alone.includes(column.name) || column.generated !== null)
        continue
      // A key column points at a parent; it numbers nothing.
      if (table.foreignKeys.some((fk) => fk.columns.includes(column.name))) continue
      for (const fk of table.foreignKeys) {
        if (isSelfReference(table, fk)) continue
        out.push({ kind: 'sequence', table, column, foreignKey: fk })
      }
    }
    for (const fk of table.foreignKeys) {
      const parent = byName.get(tableName(fk.references))
      if (parent === undefined || isSelfReference(table, fk) || late({ steps: [fk], end: parent }, table))
        continue
      for (const parentColumn of parent.columns) {
        if (!STATE_TYPES.has(parentColumn.type) || parentColumn.generated !== null) continue
        if (parent.foreignKeys.some((f) => f.columns.includes(parentColumn.name))) continue
        out.push({ kind: 'children-by-state', table, foreignKey: fk, parent, parentColumn })
      }
      for (const parentColumn of parent.columns.filter((c) => isSummable(parent, c))) {
        for (const column of table.columns.filter((c) => isSummable(table, c)))
          out.push({ kind: 'sum', table, column, foreignKey: fk, parent, parentColumn })
      }
    }
  }
  return out
}

/**
 * Whether a path walks through a key filled in after every table is loaded (one that breaks a cycle): it is unknown
 * while rows are made, so no time order can follow it, and a path can meet through it only from the row itself
 * (see fillDeferred).
 */
function lateKeys(schema: Schema): (path: KeyPath, from: Table) => boolean {
  const byName = new Map(schema.tables.map((t) => [tableName(t), t]))
  const deferred = new Set(
    planLoad(schema, { constraintsAfterLoad: true }).deferred.map((d) => `${d.table}/${d.foreignKey}`),
  )
  return (path, from) => {
    let at = from
    return path.steps.some((fk) => {
      const hit = deferred.has(`${tableName(at)}/${fk.name}`)
      at = byName.get(tableName(fk.references)) ?? at
      return hit
    })
  }
}

/** Where a table's number or category columns may be explained by a category column of a row one to three keys away. */
export interface AncestorCandidate {
  table: Table
  path: KeyPath
  /** The ancestor's columns typed like a state (see STATE_TYPES), not keys. */
  categories: Column[]
}

/** A candidate's sampled rows joined to its ancestor, by column: the table's own columns, the ancestor's. */
export interface AncestorSample {
  own: (column: string) => unknown[]
  ancestor: (column: string) => unknown[]
}

/**
 * Every path of one to three foreign keys from a table to a table with category-typed columns (issue 18.5), for a
 * number's cells or a category's given the ancestor's; self-references and keys filled in after the load left out,
 * and no path through the same table twice.
 */
export function ancestorCandidates(schema: Schema): AncestorCandidate[] {
  const byName = new Map(schema.tables.map((t) => [tableName(t), t]))
  const late = lateKeys(schema)
  const out: AncestorCandidate[] = []
  for (const table of schema.tables) {
    const walk = (at: Table, steps: ForeignKey[], seen: Set<string>) => {
      if (steps.length === 3) return
      for (const fk of at.foreignKeys) {
        const next = byName.get(tableName(fk.references))
        if (next === undefined || seen.has(tableName(next))) continue
        const path = { steps: [...steps, fk], end: next }
        if (late(path, table)) continue
        const categories = next.columns.filter(
          (c) =>
            STATE_TYPES.has(c.type) &&
            c.generated === null &&
            !next.foreignKeys.some((f) => f.columns.includes(c.name)),
        )
        if (categories.length > 0) out.push({ table, path, categories })
        walk(next, path.steps, new Set([...seen, tableName(next)]))
      }
    }
    walk(table, [], new Set([tableName(table)]))
  }
  return out
}

/** The paths of zero, one and two foreign keys from a table, self-references left out. */
function keyPaths(table: Table, byName: ReadonlyMap<string, Table>): KeyPath[] {
  const paths: KeyPath[] = [{ steps: [], end: table }]
  for (const f of table.foreignKeys) {
    const parent = byName.get(tableName(f.references))
    if (parent === undefined || isSelfReference(table, f)) continue
    paths.push({ steps: [f], end: parent })
    for (const g of parent.foreignKeys) {
      const grandparent = byName.get(tableName(g.references))
      if (grandparent === undefined || isSelfReference(parent, g)) continue
      paths.push({ steps: [f, g], end: grandparent })
    }
  }
  return paths
}

function isSelfReference(table: Table, fk: ForeignKey): boolean {
  return tableName(fk.references) === tableName(table)
}

/** A plain exact number: not a key, not generated (a sum is set in the target, which computes generated ones). */
function isSummable(table: Table, column: Column): boolean {
  if (!EXACT_NUMBER_TYPES.has(column.type) || column.generated !== null) return false
  if (table.primaryKey?.columns.includes(column.name) === true) return false
  return !table.foreignKeys.some((fk) => fk.columns.includes(column.name))
}

function isDateColumn(column: Column): boolean {
  return DATE_TYPES.has(column.type) && column.generated === null
}
