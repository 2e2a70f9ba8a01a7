import type { CellValue } from '../schema/cell-value.js'
import type { ColumnModel } from '../model/model.js'
import { copulaPathEntry, numericKeyPaths } from '../model/json-paths.js'
import { seededRandom } from '../random/seeded-random.js'
import { personSource, planPerson, type PersonPlan, type PersonSource } from '../rules/person-columns.js'
import type { PersonField } from '../rules/fake-person.js'
import { learnedFromSource, learnedRewritten, type Rule } from '../rules/rule-file.js'
import { valueRewriter, type Rewrite } from '../rules/value-rewriter.js'
import type { Column } from '../schema/schema.js'
import { boundedSampler, legalFallback } from './check-guard.js'
import { columnSampler, zeroValue, type ColumnSampler } from './column-sampler.js'
import type { TableGenerationContext } from './table-context.js'
import type { InvariantPlan } from './invariant-plan.js'
import type { KeyRole } from './key-roles.js'
import { personValues, ruleValues } from './rule-values.js'

/** How a written column gets its value in each row. */
export type ColumnFill =
  /** Resolved from the row's number: foreign keys and the key columns with a role (see keyPlan). */
  | { kind: 'key' }
  /** The row's position within its driving parent, 1..n: a sequence invariant. */
  | { kind: 'sequence' }
  | {
      kind: 'value'
      sampler: ColumnSampler
      copulaIndex: number
      nullFraction: number
      nullable: boolean
      /** A JSON column's numeric paths in the copula: each row's uniforms are set here before its draw. */
      paths?: JsonCopulaPaths
    }
  | { kind: 'rule'; values: (row: number) => CellValue }
  /** A field of the row's fake person; `country` is the row's own country value, when a column holds one. */
  | { kind: 'person'; values: (row: number, country: CellValue | undefined) => CellValue }
  | { kind: 'zero'; value: CellValue }

interface JsonCopulaPaths {
  uniforms: Map<string, number>
  entries: { path: string; index: number }[]
}

/** The fills of the written columns, in their order, and the fake person the table's person columns share. */
export function planColumnFills(
  ctx: TableGenerationContext,
  columns: readonly Column[],
  roles: ReadonlyMap<string, KeyRole>,
  invariants: InvariantPlan,
): { fills: ColumnFill[]; person: PersonPlan | null } {
  const { table } = ctx
  const linked = (c: string) =>
    ctx.kept?.keys.has(c) === true || table.foreignKeys.some((fk) => fk.columns.includes(c))
  const person = planPerson(table, (c) => ctx.rules.get(c), linked)
  const people = personSource(`generate:${ctx.seed}`)
  const fills = columns.map((column): ColumnFill => {
    const learned = ctx.model.columns.find((c) => c.name === column.name)!
    const role = roles.get(column.name)
    if (invariants.sequences.has(column.name) && role !== 'row') return { kind: 'sequence' }
    if (
      role === 'row' ||
      role === 'position' ||
      table.foreignKeys.some((fk) => fk.columns.includes(column.name))
    )
      return { kind: 'key' }
    const rule = ctx.rules.get(column.name)
    // A shift-date or generalize column was learned from rewritten values (see learn): the model stands for it.
    const field = person?.fields.get(column.name)
    if (person !== null && field !== undefined && rule !== undefined) {
      const unique = [table.primaryKey, ...table.uniques].some(
        (k) => k !== null && k.columns.length === 1 && k.columns[0] === column.name,
      )
      return personFill(ctx, { rule, field, column, person, learned, unique, people })
    }
    const fromModel = learnedRewritten(rule?.action.kind) || learnedFromSource(rule?.action.kind)
    if (rule !== undefined && !(fromModel && learned.kind !== 'ruled'))
      return ruleFill(ctx, rule, column, learned)
    return drawnFill(ctx, column, learned, rule)
  })
  return { fills, person }
}

function personFill(
  ctx: TableGenerationContext,
  p: {
    rule: Rule
    field: PersonField
    column: Column
    person: PersonPlan
    learned: ColumnModel
    unique: boolean
    people: PersonSource
  },
): ColumnFill {
  const values = personValues(p.rule, p.field, p.column, p.person, {
    seed: ctx.seed,
    stream: ctx.stream,
    nullFraction: p.learned.nullFraction,
    bounds: ctx.checks.columns.get(p.column.name) ?? null,
    unique: p.unique,
    people: p.people,
  })
  return { kind: 'person', values }
}

function ruleFill(ctx: TableGenerationContext, rule: Rule, column: Column, learned: ColumnModel): ColumnFill {
  const values = ruleValues(rule, column, {
    seed: ctx.seed,
    stream: ctx.stream,
    nullFraction: learned.nullFraction,
    bounds: ctx.checks.columns.get(column.name) ?? null,
  })
  return { kind: 'rule', values }
}

/** A column drawn from its learned marginal (and the copula), kept inside its CHECK bounds. */
function drawnFill(
  ctx: TableGenerationContext,
  column: Column,
  learned: ColumnModel,
  rule: Rule | undefined,
): ColumnFill {
  const copulaColumns = ctx.model.copula?.columns ?? []
  const bounds = ctx.checks.columns.get(column.name)
  // A generalize column's categories were counted on its raw values, all rare once coarsened away: its words and
  // shapes, learned from the coarsened sample, write it. A `words` column is written from its words, not its
  // repeated notes as categories.
  const modeled =
    (rule?.action.kind === 'generalize' || rule?.action.kind === 'words') && learned.kind === 'text'
      ? { ...learned, categories: null }
      : learned
  const paths = jsonCopulaPaths(learned, column.name, copulaColumns)
  const drawn = columnSampler(modeled, column, {
    family: ctx.family,
    ...(paths === undefined ? {} : { pathUniform: (path: string) => paths.uniforms.get(path) }),
  })
  if (drawn === null) {
    // Too few values to learn (a 12-row table's rating): the type's zero would break `rating >= 1`.
    const legal =
      bounds === undefined || column.nullable
        ? null
        : legalFallback(column, bounds, seededRandom(ctx.seed, ctx.stream, column.name, 'fallback'))
    return { kind: 'zero', value: legal ?? zeroValue(column, ctx.family) }
  }
  const bounded = bounds === undefined ? drawn : boundedSampler(drawn, bounds, learned)
  // The model learned coarsened values, but draws between them (a birth date in May): coarsen the draw again.
  const sampler =
    rule?.action.kind === 'generalize'
      ? { ...bounded, format: coarsen(bounded, valueRewriter(rule.action, column, '')) }
      : bounded
  return {
    kind: 'value',
    sampler,
    copulaIndex: copulaColumns.indexOf(column.name),
    nullFraction: learned.nullFraction,
    nullable: column.nullable,
    ...(paths === undefined ? {} : { paths }),
  }
}

/** A JSON column's numeric paths that joined the copula (issue 17.4), with their copula indices; none: undefined. */
function jsonCopulaPaths(
  learned: ColumnModel,
  column: string,
  copulaColumns: readonly string[],
): JsonCopulaPaths | undefined {
  if (learned.kind !== 'shaped' || learned.document === undefined) return undefined
  const entries = numericKeyPaths(learned.document)
    .map((p) => ({ path: p.path, index: copulaColumns.indexOf(copulaPathEntry(column, p.path)) }))
    .filter((p) => p.index >= 0)
  return entries.length === 0 ? undefined : { uniforms: new Map(), entries }
}

function coarsen(sampler: ColumnSampler, rewrite: Rewrite): ColumnSampler['format'] {
  return (value) => rewrite(sampler.format(value))
}
