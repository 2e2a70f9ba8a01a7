import type { CellValue } from '../dialects/twin-target.js'
import { columnId, type ResolvedRules } from '../rules/resolve-rules.js'
import { rewrites, type Rule } from '../rules/rule-file.js'
import { distinctRewriter, valueRewriter, type Rewrite } from '../rules/value-rewriter.js'
import type { Column, Schema, Table } from '../schema/schema.js'
import { tableChecks } from '../schema/check-bounds.js'
import { withinBounds } from '../rules/bounded-rewrite.js'

/** Rewrites the ruled cells of one row in place; `columns` is the row's column order. */
export type RowRewrite = (row: CellValue[]) => void

/**
 * The rewriting of real rows for a whole subset. Rewrites are shared per rule (and column shape), so a foreign key
 * ruled by its parent's rule gets exactly the parent's fake key; key, unique and referenced columns go through a
 * distinct wrapper, so they stay unique.
 */
export function subsetRewriters(schema: Schema, rules: ResolvedRules, secret: string) {
  const shared = new Map<string, Rewrite>()
  const referenced = new Set(
    schema.tables.flatMap((t) =>
      t.foreignKeys.flatMap((fk) =>
        fk.references.columns.map((c) => `${fk.references.schema}.${fk.references.name}.${c}`),
      ),
    ),
  )
  const rewriteFor = (table: Table, column: Column, rule: Rule): Rewrite => {
    // Foreign keys share the distinct rewrite of the key they reference, memo included, so they always join.
    const distinct =
      isKeyed(table, column.name) ||
      referenced.has(columnId(table, column.name)) ||
      table.foreignKeys.some((fk) => fk.columns.includes(column.name))
    const id = `${rule.source}|${column.type}|${distinct}`
    let rewrite = shared.get(id)
    if (rewrite === undefined) {
      rewrite = valueRewriter(rule.action, column, secret)
      if (distinct) rewrite = distinctRewriter(rewrite, column)
      shared.set(id, rewrite)
    }
    return rewrite
  }
  return (table: Table, columns: readonly Column[]): RowRewrite | null => {
    const checks = tableChecks(table, schema.dialect)
    const steps = columns.flatMap((column, i) => {
      const rule = rules.get(columnId(table, column.name))
      // A foreign key column takes its parent's rule through resolveRules, so it is rewritten like the parent.
      if (rule === undefined || !rewrites(rule.action)) return []
      // The twin keeps the source's CHECKs: a rewrite that leaves their format (a faker SSN under a pattern) would
      // make the load fail.
      const rewrite = withinBounds(
        rewriteFor(table, column, rule),
        checks.columns.get(column.name) ?? null,
        secret,
      )
      const entityName =
        rule.action.kind === 'shift-date'
          ? (rule.action.entity ??
            (table.primaryKey?.columns.length === 1 ? table.primaryKey.columns[0]! : null))
          : null
      const entity = entityName === null ? -1 : columns.findIndex((c) => c.name === entityName)
      return [{ i, rewrite, entity }]
    })
    if (steps.length === 0) return null
    return (row) => {
      // Entities are read before anything is rewritten: the offset keys on the real entity.
      const entities = steps.map((s) => (s.entity < 0 ? undefined : row[s.entity]))
      steps.forEach((s, n) => {
        row[s.i] = s.rewrite(row[s.i] ?? null, entities[n])
      })
    }
  }
}

function isKeyed(table: Table, column: string): boolean {
  return [table.primaryKey, ...table.uniques].some((k) => k !== null && k.columns.includes(column))
}
