import type { Database } from '../dialects/dialect.js'
import {
  readAncestorEta2,
  readPathsMeet,
  readSequence,
  readStateChildren,
  readSums,
  readTimeOrder,
} from '../dialects/queries/invariant-queries.js'
import { readAncestorCategoryCounts } from '../dialects/ancestor-category-counts.js'
import { round } from '../model/categories.js'
import { cramersVOfCounts, DEPENDENT_ACROSS_KEYS } from '../model/category-pairs.js'
import type { Invariant } from '../model/model.js'
import { categoryKey } from '../model/value-encoding.js'
import { EXPLAINED } from '../model/numeric-cells.js'
import type { ForeignKey, Schema, TableRef } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'

export interface InvariantCount {
  /** Rows the rule applies to in the twin, and of those the rows that break it. */
  rows: number
  violations: number
  /**
   * For a rule given an ancestor, its strength in the twin by SQL: a number's η² (see readAncestorEta2), a category's
   * Cramér's V (see readAncestorCategoryCounts).
   */
  strength?: number
}

/**
 * Counts, by SQL in the twin, the rows that break a learned invariant — the same aggregate `learn` asked the source
 * — with the source's tables and keys mapped onto the twin's (`twinOf`). Null when the twin lacks a table the rule
 * walks through.
 */
export async function countInvariantViolations(
  twin: Database,
  realSchema: Schema,
  twinOf: (id: string) => TableRef | undefined,
  invariant: Invariant,
): Promise<InvariantCount | null> {
  const start = twinOf(invariant.table)
  if (start === undefined) return null
  const keys = (path: readonly string[]) => twinPath(realSchema, twinOf, invariant.table, path)
  const counted = (c: { rows: number; agree: number }) => ({ rows: c.rows, violations: c.rows - c.agree })
  switch (invariant.kind) {
    case 'paths-meet': {
      const [first, second] = [keys(invariant.first), keys(invariant.second)]
      return first === null || second === null
        ? null
        : counted(await readPathsMeet(twin, start, first, second))
    }
    case 'time-order': {
      const path = keys(invariant.path)
      return path === null
        ? null
        : counted(await readTimeOrder(twin, start, invariant.column, path, invariant.ancestorColumn))
    }
    case 'sequence': {
      const [fk] = keys([invariant.foreignKey]) ?? []
      return fk === undefined ? null : counted(await readSequence(twin, start, invariant.column, fk))
    }
    case 'ancestor-cells': {
      const path = keys(invariant.path)
      if (path === null) return null
      const { rows, eta2 } = await readAncestorEta2(
        twin,
        start,
        path,
        invariant.column,
        invariant.ancestorColumn,
      )
      // The rule is that the ancestor explains the number: a twin where it explains less than EXPLAINED has lost it
      // in every row.
      return { rows, violations: eta2 >= EXPLAINED ? 0 : rows, strength: eta2 }
    }
    case 'ancestor-categories': {
      const path = keys(invariant.path)
      return path === null ? null : await countAncestorCategories(twin, start, path, invariant)
    }
    case 'sum': {
      const [fk] = keys([invariant.foreignKey]) ?? []
      if (fk === undefined) return null
      const [count] = await readSums(twin, start, fk, [[invariant.parentColumn, invariant.column]])
      return counted(count!)
    }
    case 'children-by-state': {
      const [fk] = keys([invariant.foreignKey]) ?? []
      return fk === undefined
        ? null
        : counted(await readStateChildren(twin, start, fk, invariant.parentColumn, invariant.childless))
    }
  }
}

/**
 * A path of the source's foreign keys from table `from`, each pointed at the twin's table for its parent (see
 * `twinOf`); null when a key is unknown or the twin lacks a table the path walks through.
 */
export function twinPath(
  realSchema: Schema,
  twinOf: (id: string) => TableRef | undefined,
  from: string,
  path: readonly string[],
): ForeignKey[] | null {
  let at = from
  const out: ForeignKey[] = []
  for (const name of path) {
    const fk = realSchema.tables.find((t) => tableName(t) === at)?.foreignKeys.find((f) => f.name === name)
    const parent = fk === undefined ? undefined : twinOf(tableName(fk.references))
    if (fk === undefined || parent === undefined) return null
    out.push({
      ...fk,
      references: { schema: parent.schema, name: parent.name, columns: fk.references.columns },
    })
    at = tableName(fk.references)
  }
  return out
}

/** An ancestor-categories rule in the twin: whether the ancestor still tells the category, by Cramér's V. */
async function countAncestorCategories(
  twin: Database,
  start: TableRef,
  path: ForeignKey[],
  invariant: Extract<Invariant, { kind: 'ancestor-categories' }>,
): Promise<InvariantCount> {
  const counts = await readAncestorCategoryCounts(
    twin,
    start,
    path,
    invariant.column,
    invariant.ancestorColumn,
  )
  const strength = cramersVOfCounts(
    counts.map((c) => ({ x: categoryKey(c.given), y: categoryKey(c.value), count: c.count })),
  )
  // As for a number: a twin where the ancestor no longer tells the category has lost the rule in every row.
  const rows = counts.reduce((n, c) => n + c.count, 0)
  return { rows, violations: strength >= DEPENDENT_ACROSS_KEYS ? 0 : rows, strength: round(strength, 4) }
}

/** A rule in words, as the report lists it: `billing.claims: claims_policy_fk→policies_patient_fk meets …`. */
export function describeInvariant(invariant: Invariant): string {
  const path = (steps: readonly string[]) => (steps.length === 0 ? 'the row itself' : steps.join(' → '))
  switch (invariant.kind) {
    case 'paths-meet':
      return `${path(invariant.second)} reaches the same ${invariant.ancestor} as ${path(invariant.first)}`
    case 'time-order':
      return `${invariant.column} ≥ ${invariant.ancestor}.${invariant.ancestorColumn} (through ${path(invariant.path)})`
    case 'sequence':
      return `${invariant.column} numbers the rows of each parent 1..n (through ${invariant.foreignKey})`
    case 'ancestor-cells':
      return `${invariant.column} drawn by ${invariant.ancestor}.${invariant.ancestorColumn} (through ${path(invariant.path)}; η² ${invariant.strength} in the source)`
    case 'ancestor-categories':
      return `${invariant.column} drawn by ${invariant.ancestor}.${invariant.ancestorColumn} (through ${path(invariant.path)}; Cramér's V ${invariant.strength} in the source)`
    case 'sum':
      return `${invariant.parent}.${invariant.parentColumn} = the sum of ${invariant.column} over its rows (through ${invariant.foreignKey})`
    case 'children-by-state':
      return `no rows under a ${invariant.parent} whose ${invariant.parentColumn} is ${invariant.childless.map(String).join(' or ')} (through ${invariant.foreignKey})`
  }
}
