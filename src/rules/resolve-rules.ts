import type { Column, Schema, Table } from '../schema/schema.js'
import { DATE_TYPES, TEXT_TYPES } from '../schema/type-groups.js'
import { callFaker, fakerFor } from './faker-methods.js'
import { ipColumnTakes } from './ip-address.js'
import { didYouMean } from './nearest-name.js'
import { isIpAddress } from './pii-detect.js'
import type { PiiKind } from '../model/pii-kinds.js'
import { rewrites, throwProblems, type Rule } from './rule-file.js'

/** `schema.table.column`: how rules and PII findings name a column. */
export type ColumnId = string

export const columnId = (table: { schema: string; name: string }, column: string): ColumnId =>
  `${table.schema}.${table.name}.${column}`

/** The rule that decides each column, when one does. */
export type ResolvedRules = Map<ColumnId, Rule>

/**
 * Decides which rule governs each column of a schema. The most specific matching rule wins — literal name parts
 * beat globs, any name beats a PII kind alone — and among equally specific ones the later. A foreign key whose
 * parent key is rewritten gets the parent's rule, so rewritten keys still join. Then every decision is checked
 * against the schema: patterns naming tables or columns that do not exist, and actions that do not fit the
 * column's type, are reported together, with the nearest valid name.
 *
 * @param pii the PII kind detected for each column (by `dbtwin scan`, or recorded in a model), for `pii:` rules
 */
export function resolveRules(
  schema: Schema,
  rules: readonly Rule[],
  pii: ReadonlyMap<ColumnId, PiiKind> = new Map(),
): ResolvedRules {
  const problems = rules.flatMap((rule) => unmatchedNames(schema, rule))
  const matchers = rules.map((rule, order) => ({
    rule,
    order,
    pattern: rule.column === null ? null : columnPattern(rule.column),
    specificity: specificity(rule),
  }))
  const resolved: ResolvedRules = new Map()
  for (const table of schema.tables) {
    for (const column of table.columns) {
      const id = columnId(table, column.name)
      const kind = pii.get(id)
      let best: (typeof matchers)[number] | undefined
      for (const m of matchers) {
        if (m.pattern !== null && !m.pattern.test(id)) continue
        if (m.rule.pii !== null && m.rule.pii !== kind) continue
        if (best === undefined || m.specificity >= best.specificity) best = m
      }
      if (best !== undefined) resolved.set(id, best.rule)
    }
  }
  problems.push(...inheritParentKeys(schema, resolved))
  for (const table of schema.tables) {
    for (const column of table.columns) {
      const rule = resolved.get(columnId(table, column.name))
      if (rule !== undefined)
        problems.push(...misfits(table, column, rule).map((m) => ({ at: rule.source, message: m })))
    }
  }
  throwProblems(problems)
  return resolved
}

/** The columns whose real values a rule replaces. */
export function rewrittenColumns(resolved: ResolvedRules): Set<ColumnId> {
  return new Set([...resolved].filter(([, rule]) => rewrites(rule.action)).map(([id]) => id))
}

/** A pattern of k parts matches the last k parts of `schema.table.column`; `*` stays within a part. */
function columnPattern(pattern: string): RegExp {
  const part = (p: string) =>
    p
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^.]*')
  return new RegExp(`(^|\\.)${pattern.split('.').map(part).join('\\.')}$`, 'u')
}

/** Literal parts count 2, parts mixing text and `*` 1, a bare `*` 0; a PII kind adds a half. */
function specificity(rule: Rule): number {
  const parts = rule.column?.split('.') ?? []
  const named = parts.reduce((sum, p) => sum + (p === '*' ? 0 : p.includes('*') ? 1 : 2), 0)
  return named + (rule.pii === null ? 0 : 0.5)
}

/** A literal table or column in a pattern must exist: a typo would otherwise silently protect nothing. */
function unmatchedNames(schema: Schema, rule: Rule): { at: string; message: string }[] {
  if (rule.column === null) return []
  const parts = rule.column.split('.')
  const [schemaPart, tablePart] =
    parts.length === 3 ? parts : [undefined, parts.length === 2 ? parts[0] : undefined]
  const columnPart = parts.at(-1)!
  if (tablePart === undefined || tablePart.includes('*')) return []
  const tables = schema.tables.filter(
    (t) => t.name === tablePart && (schemaPart === undefined || columnPattern(schemaPart).test(t.schema)),
  )
  if (tables.length === 0) {
    const names = schema.tables.map((t) => t.name)
    const wanted = parts.slice(0, -1).join('.')
    return [
      {
        at: rule.source,
        message: `column "${rule.column}": no table "${wanted}"${didYouMean(tablePart, names)}`,
      },
    ]
  }
  if (columnPart.includes('*') || tables.some((t) => t.columns.some((c) => c.name === columnPart))) return []
  const names = tables.flatMap((t) => t.columns.map((c) => c.name))
  return [
    {
      at: rule.source,
      message: `table "${parts.slice(0, -1).join('.')}" has no column "${columnPart}"${didYouMean(columnPart, names)}`,
    },
  ]
}

/**
 * Foreign-key columns take the rule of the key they reference, so a rewritten key still references its parent.
 * A child column with a different rewriting rule of its own could not join, and is refused.
 */
function inheritParentKeys(schema: Schema, resolved: ResolvedRules): { at: string; message: string }[] {
  const problems: { at: string; message: string }[] = []
  const byId = new Map(schema.tables.map((t) => [`${t.schema}.${t.name}`, t]))
  // Parents before children would need the load order; chains of keys are short, so repeat until nothing moves.
  for (let changed = true; changed;) {
    changed = false
    for (const table of schema.tables) {
      for (const fk of table.foreignKeys) {
        const parent = byId.get(`${fk.references.schema}.${fk.references.name}`)
        if (parent === undefined) continue
        fk.columns.forEach((name, i) => {
          const parentRule = resolved.get(columnId(parent, fk.references.columns[i]!))
          if (parentRule === undefined || !rewrites(parentRule.action)) return
          const id = columnId(table, name)
          const own = resolved.get(id)
          if (own === parentRule) return
          if (own !== undefined && rewrites(own.action)) {
            problems.push({
              at: own.source,
              message: `${id} references ${columnId(parent, fk.references.columns[i]!)}, which ${parentRule.source} rewrites; remove this rule so the key is rewritten the same way`,
            })
            return
          }
          resolved.set(id, parentRule)
          changed = true
        })
      }
    }
  }
  return problems
}

const INTEGER = new Set(['smallint', 'integer', 'bigint'])
const NUMBER = new Set([...INTEGER, 'decimal', 'real', 'double'])
/** Besides text: what `hash` rewrites in kind (see value-rewriter). */
const HASHABLE = new Set([...INTEGER, 'uuid', 'binary'])

/** Why a rule's action cannot produce values of a column, as messages naming both. */
function misfits(table: Table, column: Column, rule: Rule): string[] {
  const id = columnId(table, column.name)
  const a = rule.action
  const type = `${column.type} column ${id}`
  const key = isKey(table, column.name)
  switch (a.kind) {
    case 'faker': {
      const sample = callFaker(fakerFor(a.locale), a.method, a.args)
      const fits =
        TEXT_TYPES.has(column.type) ||
        // The pack's internet.ipv4 for an `inet` (openstreetmap's notes.user_ip): an address is what inet takes.
        (typeof sample === 'string' && column.type === 'inet' && isIpAddress(sample)) ||
        (typeof sample === 'number' && NUMBER.has(column.type)) ||
        (sample instanceof Date && DATE_TYPES.has(column.type)) ||
        (typeof sample === 'boolean' && column.type === 'boolean') ||
        (typeof sample === 'string' && ipColumnTakes(column, sample))
      return fits
        ? []
        : [
            `faker ${a.method} gives ${sample instanceof Date ? 'a date' : typeof sample}s, which do not fit the ${type}`,
          ]
    }
    case 'template':
      return TEXT_TYPES.has(column.type) ? [] : [`a template writes text, which does not fit the ${type}`]
    case 'mask':
      if (!TEXT_TYPES.has(column.type))
        return [`mask works on text; the ${type} needs hash, constant or null`]
      return key ? [`mask repeats values, so ${id} (a key) would not stay unique; use hash`] : []
    case 'hash':
      return TEXT_TYPES.has(column.type) || HASHABLE.has(column.type)
        ? []
        : [`hash works on text, integers, uuids and binary, not on the ${type}`]
    case 'shift-date': {
      const problems = DATE_TYPES.has(column.type)
        ? []
        : [`shift-date works on dates and timestamps, not on the ${type}`]
      if (a.entity !== null && !table.columns.some((c) => c.name === a.entity)) {
        const names = table.columns.map((c) => c.name)
        problems.push(
          `shift-date entity "${a.entity}" is not a column of ${table.schema}.${table.name}${didYouMean(a.entity, names)}`,
        )
      }
      return problems
    }
    case 'generalize': {
      if (key) return [`generalize repeats values, so ${id} (a key) would not stay unique; leave keys alone`]
      const fits =
        a.to === 'bucket'
          ? NUMBER.has(column.type)
          : a.to === 'digits'
            ? TEXT_TYPES.has(column.type) || INTEGER.has(column.type)
            : DATE_TYPES.has(column.type) || TEXT_TYPES.has(column.type)
      const works = { year: 'dates', month: 'dates', digits: 'text and integers', bucket: 'numbers' }[a.to]
      return fits ? [] : [`generalize to ${a.to} works on ${works}, not on the ${type}`]
    }
    case 'null':
      return column.nullable ? [] : [`${id} is NOT NULL, so it cannot be set to null; use constant or faker`]
    case 'constant':
    case 'pick': {
      const values = a.kind === 'constant' ? [a.value] : a.values
      if (key && (a.kind === 'constant' || values.length < 2))
        return [`${a.kind} repeats values, so ${id} (a key) would not stay unique; use hash`]
      if (values.some((v) => v === null) && !column.nullable)
        return [`${id} is NOT NULL; the ${a.kind} includes null`]
      const bad = values.find((v) => v !== null && !scalarFits(v, column))
      return bad === undefined ? [] : [`${a.kind} value ${JSON.stringify(bad)} does not fit the ${type}`]
    }
    case 'words':
      if (!TEXT_TYPES.has(column.type)) return [`words writes text, which does not fit the ${type}`]
      return key ? [`words repeats values, so ${id} (a key) would not stay unique; use hash`] : []
    case 'keep':
    case 'model':
      return []
  }
}

function scalarFits(value: string | number | boolean, column: Column): boolean {
  if (column.type === 'enum') return column.enumValues?.includes(String(value)) ?? false
  if (NUMBER.has(column.type)) return typeof value === 'number' || /^-?\d+(\.\d+)?$/.test(String(value))
  if (column.type === 'boolean') return typeof value === 'boolean'
  if (DATE_TYPES.has(column.type)) return !Number.isNaN(Date.parse(String(value)))
  if (TEXT_TYPES.has(column.type)) return column.length === null || String(value).length <= column.length
  return true
}

function isKey(table: Table, column: string): boolean {
  return [table.primaryKey, ...table.uniques].some(
    (k) => k !== null && k.columns.length === 1 && k.columns[0] === column,
  )
}
