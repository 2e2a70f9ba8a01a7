import {
  checkColumns,
  parseCheck,
  type CheckExpression,
  type CompareOp,
  type Literal,
} from './check-expression.js'
import type { Column, DialectName, Table } from './schema.js'

/**
 * What a table's CHECKs (and its columns' domain CHECKs) say about each column on its own, and about pairs of
 * columns: the bounds and lists generation draws within. Read from the conjuncts at the top of each CHECK; a
 * conjunct `column IS NULL OR …` bounds the column's non-null values.
 */
export interface TableChecks {
  /** Every CHECK parsed, with the columns it reads, for evaluating whole rows. */
  checks: { name: string; expression: CheckExpression; columns: string[] }[]
  columns: Map<string, ColumnBounds>
  /** `left op right` between two columns, `>` and `>=` turned around so op is `<`, `<=`, `=` or `<>`. */
  comparisons: { left: string; op: '<' | '<=' | '=' | '<>'; right: string }[]
}

export interface ColumnBounds {
  low: Bound | null
  high: Bound | null
  /** The values an IN list allows (the intersection, when several do); null when no list. */
  values: Exclude<Literal, null>[] | null
  /** Values `<>` and `NOT IN` rule out. */
  excluded: Exclude<Literal, null>[]
  /** Regular expressions every non-null value must match. */
  patterns: { pattern: string; caseInsensitive: boolean }[]
  minLength: number | null
  maxLength: number | null
}

export interface Bound {
  value: Exclude<Literal, null>
  strict: boolean
}

/**
 * The checks of a table, PostgreSQL's domain checks included (their VALUE read as the column).
 *
 * @example tableChecks(table, 'postgres').columns.get('rating') // { low: { value: 1, strict: false }, high: … }
 */
export function tableChecks(table: Table, dialect: DialectName): TableChecks {
  const family = dialect === 'mysql' ? 'mysql' : 'postgres'
  const checks = [
    ...table.checks.map((c) => ({ name: c.name, expression: parseCheck(c.expression, family) })),
    ...table.columns.flatMap((column) =>
      (column.domainChecks ?? []).map((c) => ({
        name: c.name,
        expression: renameValue(parseCheck(c.expression, family), column.name),
      })),
    ),
  ].map((c) => ({ ...c, columns: checkColumns(c.expression) }))
  const columns = new Map<string, ColumnBounds>()
  const comparisons: TableChecks['comparisons'] = []
  const boundsOf = (name: string) => {
    let bounds = columns.get(name)
    if (bounds === undefined) {
      bounds = {
        low: null,
        high: null,
        values: null,
        excluded: [],
        patterns: [],
        minLength: null,
        maxLength: null,
      }
      columns.set(name, bounds)
    }
    return bounds
  }
  const known = new Set(table.columns.map((c) => c.name))
  for (const check of checks) {
    for (const conjunct of conjuncts(check.expression)) {
      const single = singleColumn(conjunct)
      if (single !== null && known.has(single.column)) addBound(boundsOf(single.column), single.expression)
      const pair = columnPair(conjunct)
      if (pair !== null && known.has(pair.left) && known.has(pair.right)) comparisons.push(pair)
    }
  }
  return { checks, columns, comparisons }
}

/** The parts of an AND at the top, or the expression itself. */
function conjuncts(expression: CheckExpression): CheckExpression[] {
  return expression.kind === 'and' ? expression.items.flatMap(conjuncts) : [expression]
}

/**
 * A conjunct about one column, with `column IS NULL OR p` reduced to p (NULL passes a CHECK anyway) and
 * `column = a OR column = b` read as an IN list.
 */
function singleColumn(e: CheckExpression): { column: string; expression: CheckExpression } | null {
  const columns = checkColumns(e)
  if (columns.length !== 1) return null
  const column = columns[0]!
  if (e.kind === 'or') {
    const rest = e.items.filter((i) => !(i.kind === 'is' && i.test === 'null' && !i.negated))
    if (rest.length === 1) return { column, expression: rest[0]! }
    const values: Literal[] = []
    for (const item of rest) {
      if (item.kind === 'in' && !item.negated) values.push(...item.values)
      else if (item.kind === 'compare' && item.op === '=' && item.right.kind === 'literal')
        values.push(item.right.value)
      else return null
    }
    return {
      column,
      expression: { kind: 'in', operand: { kind: 'column', name: column }, values, negated: false },
    }
  }
  return { column, expression: e }
}

const FLIPPED: Record<CompareOp, CompareOp> = {
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
  '=': '=',
  '<>': '<>',
}

function addBound(bounds: ColumnBounds, e: CheckExpression): void {
  switch (e.kind) {
    case 'compare': {
      // column op literal, or literal op column turned around; length(column) op n bounds the length.
      let { left, op, right } = e
      if (left.kind === 'literal') [left, right, op] = [right, left, FLIPPED[op]]
      if (right.kind !== 'literal' || right.value === null) return
      const value = right.value
      if (left.kind === 'length') {
        if (typeof value !== 'number') return
        if (op === '>' || op === '>=' || op === '=')
          bounds.minLength = Math.max(bounds.minLength ?? 0, op === '>' ? value + 1 : value)
        if (op === '<' || op === '<=' || op === '=')
          bounds.maxLength = Math.min(bounds.maxLength ?? Infinity, op === '<' ? value - 1 : value)
        return
      }
      if (left.kind !== 'column') return
      if (op === '>' || op === '>=') tighten(bounds, 'low', { value, strict: op === '>' })
      else if (op === '<' || op === '<=') tighten(bounds, 'high', { value, strict: op === '<' })
      else if (op === '=') restrict(bounds, [value])
      else bounds.excluded.push(value)
      return
    }
    case 'between':
      if (e.operand.kind !== 'column' || e.low.kind !== 'literal' || e.high.kind !== 'literal') return
      if (e.negated || e.low.value === null || e.high.value === null) return
      tighten(bounds, 'low', { value: e.low.value, strict: false })
      tighten(bounds, 'high', { value: e.high.value, strict: false })
      return
    case 'in': {
      if (e.operand.kind !== 'column') return
      const values = e.values.filter((v): v is Exclude<Literal, null> => v !== null)
      if (e.negated) bounds.excluded.push(...values)
      else restrict(bounds, values)
      return
    }
    case 'match':
      if (e.operand.kind === 'column' && !e.negated)
        bounds.patterns.push({ pattern: e.pattern, caseInsensitive: e.caseInsensitive })
      return
    default:
      return
  }
}

function tighten(bounds: ColumnBounds, side: 'low' | 'high', bound: Bound): void {
  const current = bounds[side]
  if (current === null || typeof current.value !== typeof bound.value) {
    bounds[side] = bound
    return
  }
  const further = side === 'low' ? bound.value > current.value : bound.value < current.value
  if (further || (bound.value === current.value && bound.strict)) bounds[side] = bound
}

function restrict(bounds: ColumnBounds, values: Exclude<Literal, null>[]): void {
  bounds.values =
    bounds.values === null
      ? [...values]
      : bounds.values.filter((v) => values.some((w) => String(w) === String(v)))
}

function columnPair(e: CheckExpression): TableChecks['comparisons'][number] | null {
  if (e.kind !== 'compare' || e.left.kind !== 'column' || e.right.kind !== 'column') return null
  const { op } = e
  const left = e.left.name
  const right = e.right.name
  if (op === '>' || op === '>=') return { left: right, op: op === '>' ? '<' : '<=', right: left }
  return { left, op, right }
}

/** A domain check names its value VALUE; on a column, that is the column. */
function renameValue(e: CheckExpression, column: string): CheckExpression {
  const json = JSON.stringify(e, (key, v: unknown) =>
    key === 'name' && v === 'VALUE' ? column : key === 'column' && v === 'VALUE' ? column : v,
  )
  return JSON.parse(json) as CheckExpression
}

/** The bounds of one column, or null when its checks say nothing about it alone. */
export function columnBounds(checks: TableChecks, column: Column): ColumnBounds | null {
  return checks.columns.get(column.name) ?? null
}
