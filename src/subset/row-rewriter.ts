import { cellText, type CellValue } from '../schema/cell-value.js'
import {
  emailDomainOf,
  personEntity,
  personRewrite,
  personSource,
  planPerson,
  rowAddressLocale,
  type PersonPlan,
} from '../rules/person-columns.js'
import { columnId, type ResolvedRules } from '../rules/resolve-rules.js'
import { rewrites, type Rule } from '../rules/rule-file.js'
import { distinctRewriter, valueRewriter, type Rewrite } from '../rules/value-rewriter.js'
import type { Column, Schema, Table } from '../schema/schema.js'
import type { WordModel } from '../model/model.js'
import { tableChecks } from '../schema/check-bounds.js'
import { withinBounds } from '../rules/bounded-rewrite.js'

/** Rewrites the ruled cells of one row in place; `columns` is the row's column order. */
export type RowRewrite = (row: CellValue[]) => void

/**
 * The rewriting of real rows for a whole subset. Rewrites are shared per rule (and column shape), so a foreign key
 * ruled by its parent's rule gets exactly the parent's fake key; key, unique and referenced columns go through a
 * distinct wrapper, so they stay unique.
 */
export function subsetRewriters(
  schema: Schema,
  rules: ResolvedRules,
  secret: string,
  /** The word model of each `words` column, by column id (see subsetWordModels). */
  words: ReadonlyMap<string, WordModel | null> = new Map(),
) {
  const referenced = new Set(
    schema.tables.flatMap((t) =>
      t.foreignKeys.flatMap((fk) =>
        fk.references.columns.map((c) => `${fk.references.schema}.${fk.references.name}.${c}`),
      ),
    ),
  )
  const linkedTo = (table: Table) => (column: string) =>
    referenced.has(columnId(table, column)) || table.foreignKeys.some((fk) => fk.columns.includes(column))
  const rewriteFor = sharedRewrites(secret, words, linkedTo)
  return (table: Table, columns: readonly Column[]): RowRewrite | null => {
    const checks = tableChecks(table, schema.dialect)
    const person = planPerson(table, (c) => rules.get(columnId(table, c)), linkedTo(table))
    const steps = columns.flatMap((column, i) => {
      const rule = rules.get(columnId(table, column.name))
      // A foreign key column takes its parent's rule through resolveRules, so it is rewritten like the parent.
      if (rule === undefined || !rewrites(rule.action)) return []
      // The twin keeps the source's CHECKs: a rewrite that leaves their format (a faker SSN under a pattern) would
      // make the load fail.
      const rewrite = withinBounds(
        rewriteFor(table, column, rule, person),
        checks.columns.get(column.name) ?? null,
        secret,
      )
      if (person?.fields.has(column.name) === true) return [{ i, rewrite, entity: PERSON }]
      return [{ i, rewrite, entity: entityColumn(table, columns, rule) }]
    })
    if (steps.length === 0) return null
    const personOf = person === null ? null : rowPerson(table, columns, person)
    return (row) => {
      // Entities are read before anything is rewritten: the offset keys on the real entity, the person on the
      // real email or name.
      const who = personOf?.(row)
      const entities = steps.map((s) =>
        s.entity === PERSON ? who : s.entity < 0 ? undefined : row[s.entity],
      )
      steps.forEach((s, n) => {
        row[s.i] = s.rewrite(row[s.i] ?? null, entities[n])
      })
    }
  }
}

/**
 * The rewrite of a ruled column, shared per rule and column shape across tables (see subsetRewriters); a person's
 * fields other than email are keyed on the row's person instead, never shared.
 */
function sharedRewrites(
  secret: string,
  words: ReadonlyMap<string, WordModel | null>,
  linkedTo: (table: Table) => (column: string) => boolean,
): (table: Table, column: Column, rule: Rule, person: PersonPlan | null) => Rewrite {
  const shared = new Map<string, Rewrite>()
  const people = personSource(secret)
  return (table, column, rule, person) => {
    // Foreign keys share the distinct rewrite of the key they reference, memo included, so they always join.
    const distinct = isKeyed(table, column.name) || linkedTo(table)(column.name)
    const field = person?.fields.get(column.name)
    if (person !== null && field !== undefined && field !== 'email') {
      // Keyed on the row's person, not on the value: never shared with another table's column.
      const rewrite = personRewrite(field, column, person, people)
      return distinct ? distinctRewriter(rewrite, column) : rewrite
    }
    // An email's person depends on the email alone, so every table's email columns share one rewrite (and memo):
    // the same real email is the same fake email everywhere, whichever rule each table names.
    const domain = emailDomainOf(rule.action)
    const id =
      person !== null && field === 'email'
        ? `person|${person.locale}|${domain}|${column.type}|${column.length}|${distinct}`
        : rule.action.kind === 'words'
          ? `words|${columnId(table, column.name)}`
          : `${rule.source}|${column.type}|${distinct}`
    let rewrite = shared.get(id)
    if (rewrite === undefined) {
      rewrite =
        person !== null && field === 'email'
          ? personRewrite(field, column, person, people, domain)
          : valueRewriter(rule.action, column, secret, words.get(columnId(table, column.name)) ?? null)
      if (distinct) rewrite = distinctRewriter(rewrite, column)
      shared.set(id, rewrite)
    }
    return rewrite
  }
}

/** The position of the column a shifted date keys its offset on (its entity, else a one-column key), or -1. */
function entityColumn(table: Table, columns: readonly Column[], rule: Rule): number {
  const entityName =
    rule.action.kind === 'shift-date'
      ? (rule.action.entity ?? (table.primaryKey?.columns.length === 1 ? table.primaryKey.columns[0]! : null))
      : null
  return entityName === null ? -1 : columns.findIndex((c) => c.name === entityName)
}

/** Marks a step whose entity is the row's person. */
const PERSON = -2

/** The row's person, as personRewrite reads it: the address locale (from a country column) and the key. */
function rowPerson(table: Table, columns: readonly Column[], plan: PersonPlan) {
  const index = new Map(columns.map((c, i) => [c.name, i]))
  const country = plan.countryColumn === null ? undefined : index.get(plan.countryColumn)
  const primary = (table.primaryKey?.columns ?? []).map((c) => index.get(c))
  const id = `${table.schema}.${table.name}`
  return (row: readonly CellValue[]): string => {
    const key =
      plan.keyOf((c) => {
        const i = index.get(c)
        return i === undefined ? null : (row[i] ?? null)
      }) ??
      // No name, email, username or phone: the row is its own person, keyed on its primary key (or its values).
      `row:${id}:${(primary.length > 0 && primary.every((i) => i !== undefined)
        ? primary.map((i) => row[i]!)
        : row
      )
        .map((v) => (v === null || v === undefined ? '' : cellText(v)))
        .join('\u0000')}`
    return personEntity(rowAddressLocale(plan, country === undefined ? undefined : row[country]), key)
  }
}

function isKeyed(table: Table, column: string): boolean {
  return [table.primaryKey, ...table.uniques].some((k) => k !== null && k.columns.includes(column))
}
