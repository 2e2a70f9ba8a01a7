import { field } from './sample-field.js'
import type { Database } from '../dialects/dialect.js'
import { categoryFrequencies, round } from '../model/categories.js'
import {
  isLearnedCategoryText,
  isDependenceColumn,
  isIntegralType,
  planColumn,
  type PlannedKind,
} from '../model/column-kind.js'
import { findInequalities } from '../model/inequalities.js'
import { differenceValues, findDifferences } from '../model/differences.js'
import { dependencyPairs, findDependencies } from '../model/functional-dependencies.js'
import { numericGivenCategory, withinCellRanks } from '../model/numeric-cells.js'
import {
  copulaPathEntry,
  JSON_SENSITIVITY,
  learnJsonPaths,
  numberAt,
  numericKeyPaths,
  parseJsonValue,
} from '../model/json-paths.js'
import { conditionalCells, dependentPairs } from '../model/category-pairs.js'
import type {
  Category,
  ColumnModel,
  ColumnShape,
  Conditional,
  Difference,
  FunctionalDependency,
  NumericCells,
  JsonNode,
  SpecialShare,
  TableModel,
} from '../model/model.js'
import { correlation, normalScores } from '../model/normal-scores.js'
import type { PrivacyBudget } from '../model/privacy-budget.js'
import { quantileSketch } from '../model/quantile-sketch.js'
import { isProse, namesPerson, textModelChoice } from '../model/text-model-choice.js'
import { textProfile } from '../model/text-profile.js'
import { DAY_SECONDS, fractionDigits, numberToTemporal, temporalToNumber } from '../model/temporal-values.js'
import { categoryKey, valueEncoder } from '../model/value-encoding.js'
import type { Rewrite } from '../rules/value-rewriter.js'
import { FILE_TYPES, fileTypeOf, type FileType } from '../model/binary-content.js'
import type { Column, Table } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'
import {
  type ColumnAggregate,
  readAggregates,
  readColumnCounts,
  readPairCounts,
  readSample,
} from '../dialects/queries/source-queries.js'

export interface LearnTableOptions {
  sampleRows: number
  minCount: number
  seed: number
  ruled: ReadonlySet<string>
  /**
   * Columns a `shift-date` rule perturbs or a `generalize` rule coarsens, by name, with the column keying each
   * row's offset (shift-date only): they are learned from their rewritten values, never the real ones.
   */
  shifted: ReadonlyMap<string, { rewrite: Rewrite; entity: string | null }>
  /**
   * Columns a `words` rule writes, by id (`schema.table.column`): never learned as categories, so no whole value,
   * however often seen, is in the model; only their words are.
   */
  wordsOnly?: ReadonlySet<string>
  budget: PrivacyBudget
}

/** A table's columns, copula and inequalities; its relations to parents are added once every table is learned. */
export async function learnTable(
  source: Database,
  table: Table,
  options: LearnTableOptions,
): Promise<TableModel> {
  const id = tableName(table)
  const plan = planTableRead(table, options)
  const aggregates = await readAggregates(source, table, plan.aggregates)
  const rows = Math.round(options.budget.count(aggregates.rows, 1, id, 'rows'))
  const sample =
    plan.sampled.length === 0 || aggregates.rows === 0
      ? []
      : await readSample(
          source,
          table,
          plan.sampled.map((i) => table.columns[i]!),
          plan.order,
          { tableRows: aggregates.rows, limit: options.sampleRows, seed: options.seed, pages: true },
        )
  // Every column's value and length counts the model needs, in one query (see readColumnCounts).
  const counts = await readColumnCounts(
    source,
    table,
    table.columns.flatMap((c, i) =>
      plan.planned[i]!.kind === 'categorical' ||
      (plan.planned[i]!.kind === 'text' && textCategorical(table, c, aggregates.columns[i]!, options))
        ? [c.name]
        : [],
    ),
    table.columns.flatMap((c, i) => (plan.planned[i]!.kind === 'text' ? [c.name] : [])),
  )
  const sampleOf = sampleReader(table, plan.sampled, sample, options.shifted)
  const columns: ColumnModel[] = []
  for (const [i, column] of table.columns.entries()) {
    const aggregate = aggregates.columns[i]!
    const nonNull = options.budget.count(aggregate.nonNull, 1, id, column.name, 'non-null')
    const nullFraction = rows === 0 ? 0 : round(Math.min(1, Math.max(0, 1 - nonNull / rows)))
    const context: ColumnContext = {
      table,
      column,
      rows,
      nonNull: aggregate.nonNull,
      releasedNonNull: nonNull,
      distinct: aggregate.distinct,
      specials: aggregate.specials,
      valueCounts: counts.values.get(column.name) ?? [],
      lengthCounts: counts.lengths.get(column.name) ?? [],
      sample: sampleOf(i),
      options,
    }
    columns.push({ name: column.name, nullFraction, ...learnShape(plan.planned[i]!, context) })
  }
  const sampleByName = (name: string) => sampleOf(table.columns.findIndex((c) => c.name === name))
  const across = await learnAcrossColumns(source, table, columns, sampleByName, options)
  return { table: id, rows, sampledRows: sample.length, columns, ...across, relations: [] }
}

/** What learnTable reads of a table before learning it: each column's plan, its aggregates, and the sample. */
export interface TableReadPlan {
  planned: PlannedKind[]
  /** The aggregates to read per column: distinct counts for text columns, special values for numbers and times. */
  aggregates: { column: Column; distinct: boolean; specials: boolean }[]
  /** Indexes of the sampled columns: those learned from values, and the columns keying a shift-date's offsets. */
  sampled: number[]
  /** The sample's order (see sampleOrder). */
  order: string[]
}

/**
 * Plans a table's read from its schema and the rules alone: how each column is learned, what to aggregate, and
 * which columns to sample.
 *
 * @example planTableRead(table, options).sampled // [1, 2]: the key (0) is not sampled
 */
export function planTableRead(
  table: Table,
  options: Pick<LearnTableOptions, 'ruled' | 'shifted'>,
): TableReadPlan {
  const planned = table.columns.map((c) =>
    planColumn(table, c, options.ruled.has(`${table.schema}.${table.name}.${c.name}`)),
  )
  const entities = [...options.shifted.values()].flatMap((s) => (s.entity === null ? [] : [s.entity]))
  const sampled = planned.flatMap((plan, i) =>
    isSampled(plan) || entities.includes(table.columns[i]!.name) ? [i] : [],
  )
  return {
    planned,
    aggregates: table.columns.map((c, i) => ({
      column: c,
      distinct: needsDistinct(planned[i]!),
      specials: planned[i]!.kind === 'numeric' || planned[i]!.kind === 'temporal',
    })),
    sampled,
    order: sampleOrder(table, sampled),
  }
}

/**
 * A column's sampled values by column index ([] when not sampled); a shift-date or generalize column's as its rule
 * rewrites them, keyed by the row's entity column, so the real values are never learned. Each column's array is
 * made once and shared, read only: a table's statistics ask for a column many times, and making 50,000-value arrays
 * each time was much of learn's garbage collection (issue 21).
 */
function sampleReader(
  table: Table,
  sampled: readonly number[],
  sample: readonly Record<string, unknown>[],
  shifted: LearnTableOptions['shifted'],
): (i: number) => unknown[] {
  const columns = new Map<number, unknown[]>()
  const read = (i: number) => {
    const position = sampled.indexOf(i)
    let values = columns.get(i)
    if (values === undefined) columns.set(i, (values = position < 0 ? [] : sample.map(field(`c${position}`))))
    return values
  }
  const rewritten = new Map<number, unknown[]>()
  return (i) => {
    const shift = shifted.get(table.columns[i]!.name)
    if (shift === undefined) return read(i)
    const known = rewritten.get(i)
    if (known !== undefined) return known
    const entity =
      shift.entity === null ? null : read(table.columns.findIndex((c) => c.name === shift.entity))
    const values = read(i).map((v, row) =>
      v === null || v === undefined
        ? v
        : shift.rewrite(
            typeof v === 'number' ? v : String(v),
            entity === null ? undefined : String(entity[row]),
          ),
    )
    rewritten.set(i, values)
    return values
  }
}

/**
 * What a table's columns say together: inequalities and differences between times and numbers, functional
 * dependencies and conditionals between categories, numbers drawn by a category, and the copula over the rest.
 */
async function learnAcrossColumns(
  source: Database,
  table: Table,
  columns: ColumnModel[],
  sampleByName: (name: string) => unknown[],
  options: LearnTableOptions,
): Promise<Omit<TableModel, 'table' | 'rows' | 'sampledRows' | 'columns' | 'relations'>> {
  const seconds = secondsOf(columns, sampleByName)
  const inequalities = inequalitiesOf(columns, seconds, options.minCount)
  const differences = differencesGiven(
    findDifferences(inequalities, seconds, options.minCount),
    columns,
    sampleByName,
    seconds,
    options.minCount,
  )
  const dependencies = await learnDependencies(source, table, columns, sampleByName, options)
  const fixed = new Set(dependencies.map((d) => d.dependent))
  const numericCells = learnNumericCells(
    columns,
    sampleByName,
    new Set(differences.map((d) => d.to)),
    options.minCount,
  )
  return {
    copula: fitCopula(
      columns,
      sampleByName,
      copulaScores(numericCells, differences, sampleByName, seconds, columns),
    ),
    inequalities,
    conditionals: await learnConditionals(source, table, columns, sampleByName, fixed, options),
    ...(numericCells.length > 0 ? { numericCells } : {}),
    ...(dependencies.length > 0 ? { functionalDependencies: dependencies } : {}),
    ...(differences.length > 0 ? { differences } : {}),
  }
}

/** Columns with more than one released category: those conditionals, dependencies and numeric cells read. */
function categoryColumns(columns: readonly ColumnModel[]) {
  return columns.flatMap((c) =>
    (c.kind === 'categorical' || c.kind === 'text') && c.categories !== null && c.categories.length > 1
      ? [{ name: c.name, categories: c.categories }]
      : [],
  )
}

const categorySample = (sampleOf: (name: string) => unknown[], name: string) =>
  sampleOf(name).map((v) => (v === null || v === undefined ? null : categoryKey(v)))

/**
 * Functional dependencies between category columns (chosen from the sample, see findDependencies), their pairs
 * from the source's counts, noised like a conditional's cells: a dependent column is never also conditioned, so
 * its one "cells given another column" query in the budget pays for them.
 */
async function learnDependencies(
  source: Database,
  table: Table,
  columns: readonly ColumnModel[],
  sampleOf: (name: string) => unknown[],
  options: LearnTableOptions,
): Promise<FunctionalDependency[]> {
  const categorized = categoryColumns(columns)
  if (categorized.length < 2) return []
  const found = findDependencies(
    categorized.map((c) => ({ name: c.name, values: categorySample(sampleOf, c.name) })),
    options.minCount,
  )
  const id = tableName(table)
  const typeOf = (name: string) => table.columns.find((c) => c.name === name)!
  const releasedOf = (name: string) =>
    new Set(categorized.find((c) => c.name === name)!.categories.map((c) => categoryKey(c.value)))
  const dependencies: FunctionalDependency[] = []
  for (const { determinant, dependent } of found) {
    const counts = await readPairCounts(source, table, determinant, dependent)
    const pairs = dependencyPairs(
      counts.map((c) => {
        const given =
          c.given === null || c.given === undefined ? null : categoryValue(typeOf(determinant), c.given)
        const givenKey = given === null ? 'given-null' : `given=${categoryKey(given)}`
        return {
          given,
          value: categoryValue(typeOf(dependent), c.value),
          count: options.budget.count(c.count, 1, id, dependent, givenKey, categoryKey(c.value)),
        }
      }),
      { determinant: releasedOf(determinant), dependent: releasedOf(dependent) },
      options.minCount,
    )
    if (pairs.length > 0) dependencies.push({ determinant, dependent, pairs })
  }
  return dependencies
}

/** Each difference with the category column that explains it, when one does (see numericGivenCategory). */
function differencesGiven(
  differences: readonly Difference[],
  columns: readonly ColumnModel[],
  sampleOf: (name: string) => unknown[],
  seconds: (name: string) => (number | null)[],
  minCount: number,
): Difference[] {
  const categories = categoryColumns(columns).map((c) => ({
    name: c.name,
    values: categorySample(sampleOf, c.name),
    released: new Map(c.categories.map((category) => [categoryKey(category.value), category.value])),
  }))
  return differences.map((d) => {
    // A fixed value's rows are written as it is, whatever the category: the cells are of the others.
    const to = seconds(d.to).map((v) => (v === d.fixed?.value ? null : v))
    const [cells] = numericGivenCategory(
      [{ name: d.to, values: differenceValues(seconds(d.from), to) }],
      categories,
      minCount,
    )
    return cells === undefined
      ? d
      : { ...d, given: { given: cells.given, eta2: cells.eta2, cells: cells.cells } }
  })
}

/** Number columns a category column explains (see numericGivenCategory); the later columns of differences are not. */
function learnNumericCells(
  columns: readonly ColumnModel[],
  sampleOf: (name: string) => unknown[],
  derived: ReadonlySet<string>,
  minCount: number,
): NumericCells[] {
  const numbers = columns.filter((c) => c.kind === 'numeric' && !c.unique && !derived.has(c.name))
  const categories = categoryColumns(columns)
  if (numbers.length === 0 || categories.length === 0) return []
  return numericGivenCategory(
    numbers.map((c) => ({ name: c.name, values: sampleOf(c.name).map(valueEncoder(c)) })),
    categories.map((c) => ({
      name: c.name,
      values: categorySample(sampleOf, c.name),
      released: new Map(c.categories.map((category) => [categoryKey(category.value), category.value])),
    })),
    minCount,
  )
}

/**
 * What the copula correlates in place of a column's values, where the column is derived: a number drawn from cells
 * by its rank within its cell, the later column of a difference by the difference (see Difference).
 */
function copulaScores(
  numericCells: readonly NumericCells[],
  differences: readonly Difference[],
  sampleOf: (name: string) => unknown[],
  seconds: (name: string) => (number | null)[],
  columns: readonly ColumnModel[],
): Map<string, (number | null)[]> {
  const scores = new Map<string, (number | null)[]>()
  for (const n of numericCells) {
    const column = columns.find((c) => c.name === n.column)!
    scores.set(
      n.column,
      withinCellRanks(
        categorySample(sampleOf, n.given),
        sampleOf(n.column).map(valueEncoder(column)),
        new Set(n.cells.map((c) => categoryKey(c.value))),
      ),
    )
  }
  for (const d of differences) {
    const values = differenceValues(seconds(d.from), seconds(d.to))
    scores.set(
      d.to,
      d.given === undefined
        ? values
        : withinCellRanks(
            categorySample(sampleOf, d.given.given),
            values,
            new Set(d.given.cells.map((c) => categoryKey(c.value))),
          ),
    )
  }
  return scores
}

/**
 * Conditionals for the category columns that depend on another (chosen from the sample, see dependentPairs), their
 * cells counted in the source and noised like every released count.
 */
async function learnConditionals(
  source: Database,
  table: Table,
  columns: readonly ColumnModel[],
  sampleOf: (name: string) => unknown[],
  fixed: ReadonlySet<string>,
  options: LearnTableOptions,
): Promise<Conditional[]> {
  // A column a functional dependency sets is neither drawn from cells nor given to them: it changes after both.
  const categorized = columns.filter(
    (c) =>
      (c.kind === 'categorical' || c.kind === 'text') &&
      (c.categories?.length ?? 0) > 1 &&
      !fixed.has(c.name),
  )
  if (categorized.length < 2) return []
  const pairs = dependentPairs(
    categorized.map((c) => ({
      name: c.name,
      values: sampleOf(c.name).map((v) => (v === null || v === undefined ? null : categoryKey(v))),
    })),
  )
  const id = tableName(table)
  const conditionals: Conditional[] = []
  const typeOf = (name: string) => table.columns.find((c) => c.name === name)!
  for (const pair of pairs) {
    const counts = await readPairCounts(source, table, pair.given, pair.column)
    const cells = conditionalCells(
      counts.map((c) => {
        const given =
          c.given === null || c.given === undefined ? null : categoryValue(typeOf(pair.given), c.given)
        // NULL's noise key cannot be any value's: two counts sharing one noise draw would give away their difference.
        const givenKey = given === null ? 'given-null' : `given=${categoryKey(given)}`
        return {
          given,
          value: categoryValue(typeOf(pair.column), c.value),
          count: options.budget.count(c.count, 1, id, pair.column, givenKey, categoryKey(c.value)),
        }
      }),
      options.minCount,
    )
    if (cells.cells.length > 0) conditionals.push({ ...pair, ...cells })
  }
  return conditionals
}

interface ColumnContext {
  table: Table
  column: Column
  rows: number
  nonNull: number
  /** The non-null count as the model releases it (noised under --epsilon). */
  releasedNonNull: number
  distinct: number | null
  specials: ColumnAggregate['specials']
  /** The column's values with their counts in the table, where it is learned as categories (see textCategorical). */
  valueCounts: readonly { value: unknown; count: number }[]
  /** A text column's lengths with their counts in the table. */
  lengthCounts: readonly { value: number; count: number }[]
  sample: unknown[]
  options: LearnTableOptions
}

/** Whether a text column is learned as categories too: few values, often repeated, not unique, no `words` rule. */
function textCategorical(
  table: Table,
  column: Column,
  { distinct, nonNull }: Pick<ColumnAggregate, 'distinct' | 'nonNull'>,
  options: LearnTableOptions,
): boolean {
  return (
    !isUnique(table, column) &&
    options.wordsOnly?.has(`${tableName(table)}.${column.name}`) !== true &&
    isLearnedCategoryText(distinct ?? Infinity, nonNull)
  )
}

/**
 * Only text is counted distinct: whether it is learned as categories turns on it. A number's or a time's distinct
 * count was read for a ratio nothing used, and COUNT(DISTINCT), a sort of the column, was most of learn's time on
 * the server at 20M rows (issue 21).
 */
function needsDistinct(plan: PlannedKind): boolean {
  return plan.kind === 'text'
}

function isSampled(plan: PlannedKind): boolean {
  return (
    plan.kind === 'numeric' ||
    plan.kind === 'temporal' ||
    plan.kind === 'text' ||
    plan.kind === 'categorical' ||
    plan.kind === 'shaped'
  )
}

/** A deterministic order for the sample: the primary key, else the sampled columns that can be ordered. */
function sampleOrder(table: Table, sampled: number[]): string[] {
  if (table.primaryKey !== null) return table.primaryKey.columns
  return sampled
    .map((i) => table.columns[i]!)
    .filter((c) => !['json', 'binary', 'geometry'].includes(c.type))
    .map((c) => c.name)
}

function isUnique(table: Table, column: Column): boolean {
  return table.uniques.some((u) => u.columns.length === 1 && u.columns[0] === column.name)
}

/** A column's shape as its plan says to learn it: planned-only kinds as they are, the rest from the source. */
function learnShape(plan: PlannedKind, ctx: ColumnContext): ColumnShape {
  const { column, table } = ctx
  const shape: ShapeFigures = {
    unique: isUnique(table, column),
    distinctRatio: ctx.nonNull === 0 ? 0 : round((ctx.distinct ?? 0) / ctx.nonNull),
  }
  switch (plan.kind) {
    case 'key':
    case 'generated':
    case 'ruled':
    case 'unmodeled':
      return plan
    case 'categorical': {
      const { categories, suppressedFraction } = learnCategories(ctx)
      return { kind: 'categorical', categories, suppressedFraction }
    }
    case 'numeric':
      return numericShape(ctx, shape)
    case 'temporal':
      return temporalShape(plan, ctx, shape)
    case 'text':
      return textShape(ctx, shape)
    case 'shaped':
      return shapedShape(plan, ctx)
  }
}

/** What every value shape states beside its distribution. */
interface ShapeFigures {
  unique: boolean
  distinctRatio: number
}

/** A number column: quantiles of its finite sampled values, its special values' shares, whether it is integral. */
function numericShape(ctx: ColumnContext, { unique }: ShapeFigures): ColumnShape {
  const { options, column } = ctx
  // Quantiles of the finite values: a single NaN made every quantile NaN (issue 14).
  const values = ctx.sample
    .filter((v) => v !== null && v !== undefined)
    .map(Number)
    .filter(Number.isFinite)
  const quantiles = quantileSketch(values, options.minCount)
  if (quantiles === null) return tooFew(options.minCount)
  const specials = specialShares(ctx)
  return {
    kind: 'numeric',
    ...(specials.length > 0 ? { specials } : {}),
    integer:
      isIntegralType(column.type) ||
      (column.scale === 0 && column.type === 'decimal') ||
      values.every(Number.isInteger),
    quantiles: quantiles.map((q) => round(q)),
    min: round(quantiles[0]!),
    max: round(quantiles.at(-1)!),
    unique,
  }
}

/** A date or time column: quantiles of its sampled values, written back in its own type and precision. */
function temporalShape(
  plan: PlannedKind & { kind: 'temporal' },
  ctx: ColumnContext,
  { unique }: ShapeFigures,
): ColumnShape {
  const { options } = ctx
  let digits = 0
  const values = ctx.sample.flatMap((v) => {
    if (v === null || v === undefined) return []
    const n = temporalToNumber(plan.type, String(v))
    if (n !== null && plan.type !== 'date') digits = Math.max(digits, fractionDigits(String(v)))
    return n === null ? [] : [n]
  })
  const quantiles = quantileSketch(values, options.minCount)
  if (quantiles === null) return tooFew(options.minCount)
  const text = quantiles.map((q) => numberToTemporal(plan.type, q, digits))
  const specials = specialShares(ctx)
  return {
    kind: 'temporal',
    type: plan.type,
    fractionDigits: digits,
    ...(specials.length > 0 ? { specials } : {}),
    quantiles: text,
    min: text[0]!,
    max: text.at(-1)!,
    unique,
  }
}

/** Free text: its categories when few values repeat enough, its lengths, profile and text model. */
function textShape(ctx: ColumnContext, { unique, distinctRatio }: ShapeFigures): ColumnShape {
  const { options, column, table } = ctx
  const id = tableName(table)
  const { categories, suppressedFraction } = textCategorical(table, column, ctx, options)
    ? learnCategories(ctx)
    : { categories: null, suppressedFraction: 0 }
  const noisyLengths = ctx.lengthCounts.map((b) => ({
    value: b.value,
    count: options.budget.count(b.count, 1, id, column.name, 'length', b.value),
  }))
  const sample = ctx.sample.filter((v): v is string => typeof v === 'string')
  return {
    kind: 'text',
    categories,
    suppressedFraction,
    ...textProfile(sample, noisyLengths, options.minCount, distinctRatio, unique, (count, key) =>
      options.budget.count(count, 1, id, column.name, key),
    ),
    ...textModelChoice(sample, {
      minCount: options.minCount,
      release: (count, sensitivity, key) => options.budget.count(count, sensitivity, id, column.name, key),
      bounded: options.budget.epsilon !== null,
    }),
  }
}

/** JSON, binary, geometry and arrays: by their lengths, file types and (JSON) path tree. */
function shapedShape(plan: PlannedKind & { kind: 'shaped' }, ctx: ColumnContext): ColumnShape {
  const { options, column, table } = ctx
  const id = tableName(table)
  const lengths = new Map<number, number>()
  let arrays = 0
  for (const v of ctx.sample) {
    if (v === null || v === undefined) continue
    if (Array.isArray(v) || (typeof v === 'string' && v.trimStart().startsWith('['))) arrays++
    const length =
      typeof v === 'string' ? v.length : v instanceof Uint8Array ? v.length : JSON.stringify(v).length
    lengths.set(length, (lengths.get(length) ?? 0) + 1)
  }
  // Binary sizes and file types are released like text lengths: noised under --epsilon, sizes seen fewer than
  // minCount times merged into their neighbours, types seen fewer than minCount times not written.
  const binary = plan.format === 'binary'
  const release = (count: number, ...key: (string | number)[]) =>
    binary ? options.budget.count(count, 1, id, column.name, ...key) : count
  const profile = textProfile(
    [],
    [...lengths].map(([value, count]) => ({ value, count: release(count, 'length', value) })),
    options.minCount,
    0,
    false,
  )
  const types = binary
    ? fileTypes(ctx.sample, (count, type) => release(count, 'file-type', type), options.minCount)
    : []
  // Released like a length: not at all when fewer than minCount values were arrays.
  const sampled = ctx.sample.filter((v) => v !== null && v !== undefined).length
  const share = plan.format === 'json' && arrays >= options.minCount ? round(arrays / sampled) : 0
  const document = plan.format === 'json' ? learnDocument(ctx) : null
  return {
    kind: 'shaped',
    format: plan.format,
    ...(share > 0 ? { arrays: share } : {}),
    ...(types.length > 0 ? { types } : {}),
    ...(document === null ? {} : { document }),
    lengths: profile.lengths,
  }
}

/** A JSON column's path tree from its sampled documents (see learnJsonPaths); values that do not parse are left out. */
function learnDocument(ctx: ColumnContext): JsonNode | null {
  const id = tableName(ctx.table)
  const budget = ctx.options.budget
  const documents = ctx.sample.flatMap((v) => {
    if (v === null || v === undefined) return []
    const parsed = parseJsonValue(v)
    return parsed.ok ? [parsed.value] : []
  })
  return learnJsonPaths(documents, {
    minCount: ctx.options.minCount,
    capped: budget.epsilon !== null,
    release: (count, key) => budget.count(count, JSON_SENSITIVITY, id, ctx.column.name, 'json', key),
  })
}

/**
 * The shares of the file types dbtwin can write (PNG, JPEG, PDF, by their first bytes) among a binary column's
 * sampled values; a type seen fewer than minCount times (after noise) is not released.
 */
function fileTypes(
  sample: readonly unknown[],
  release: (count: number, type: FileType) => number,
  minCount: number,
): { type: FileType; frequency: number }[] {
  const values = sample.filter((v): v is Uint8Array => v instanceof Uint8Array)
  const counts = new Map<FileType, number>()
  for (const v of values) {
    const type = fileTypeOf(v)
    if (type !== null) counts.set(type, (counts.get(type) ?? 0) + 1)
  }
  return FILE_TYPES.flatMap((type) => {
    const count = release(counts.get(type) ?? 0, type)
    return count < minCount || count <= 0
      ? []
      : [{ type, frequency: round(Math.min(1, count / Math.max(1, values.length))) }]
  })
}

/**
 * The shares of NaN and ±Infinity among the column's values, counted in the whole table and released like category
 * counts: noised under --epsilon, and never written when seen fewer than minCount times.
 */
function specialShares(ctx: ColumnContext): SpecialShare[] {
  const id = tableName(ctx.table)
  return ctx.specials.flatMap((s) => {
    const count = ctx.options.budget.count(s.count, 1, id, ctx.column.name, 'special', s.value)
    return count < ctx.options.minCount || count <= 0
      ? []
      : [{ value: s.value, frequency: round(Math.min(1, count / Math.max(1, ctx.releasedNonNull))) }]
  })
}

function tooFew(minCount: number): ColumnShape {
  return {
    kind: 'unmodeled',
    reason: `fewer than ${minCount} values: too few to describe without describing a row`,
  }
}

function learnCategories(ctx: ColumnContext): { categories: Category[]; suppressedFraction: number } {
  const id = tableName(ctx.table)
  const normalized = ctx.valueCounts.map((c) => ({
    value: categoryValue(ctx.column, c.value),
    count: ctx.options.budget.count(c.count, 1, id, ctx.column.name, 'category', categoryKey(c.value)),
  }))
  // A note seen word for word in many rows (`Called daughter Hugo.`) still names a person: never released.
  const prose = isProse(ctx.sample.filter((v): v is string => typeof v === 'string'))
  return categoryFrequencies(
    normalized,
    Math.max(1, ctx.rows),
    ctx.options.minCount,
    (value) => prose && typeof value === 'string' && namesPerson(value),
  )
}

/** A category as the model writes it: booleans as booleans (MySQL's 1/0 too), numbers as numbers, else text. */
function categoryValue(column: Column, raw: unknown): Category['value'] {
  if (column.type === 'boolean') return categoryKey(raw) === '1' || raw === 't'
  return typeof raw === 'number' ? raw : String(raw)
}

/**
 * The Gaussian copula: correlation of normal scores between every pair of dependence columns in the sample, a
 * derived column scored by what `derived` gives for it (see copulaScores).
 */
function fitCopula(
  columns: ColumnModel[],
  sampleOf: (name: string) => unknown[],
  derived: ReadonlyMap<string, (number | null)[]>,
): TableModel['copula'] {
  const chosen = columns.filter(isDependenceColumn)
  const paths = jsonPathScores(columns, sampleOf)
  if (chosen.length + paths.length < 2) return null
  const scores = [
    ...chosen.map((c) => normalScores(derived.get(c.name) ?? sampleOf(c.name).map(valueEncoder(c)))),
    ...paths.map((p) => p.scores),
  ]
  return {
    columns: [...chosen.map((c) => c.name), ...paths.map((p) => p.entry)],
    correlation: scores.map((a, i) => scores.map((b, j) => (i === j ? 1 : round(correlation(a, b), 4)))),
  }
}

/**
 * The numeric paths of the table's JSON columns as copula entries (issue 17.4: a pulse that rises with a visit's
 * charge keeps doing so), each with the normal scores of its values in the sampled documents (null where a
 * document holds none, as for a NULL). Only paths the tree released, so the model names no rare key.
 */
function jsonPathScores(
  columns: readonly ColumnModel[],
  sampleOf: (name: string) => unknown[],
): { entry: string; scores: (number | null)[] }[] {
  return columns.flatMap((c) => {
    if (c.kind !== 'shaped' || c.format !== 'json' || c.document === undefined) return []
    const paths = numericKeyPaths(c.document)
    if (paths.length === 0) return []
    const documents = sampleOf(c.name).map((v) => {
      if (v === null || v === undefined) return null
      const parsed = parseJsonValue(v)
      return parsed.ok ? parsed.value : null
    })
    return paths.map((p) => ({
      entry: copulaPathEntry(c.name, p.path),
      scores: normalScores(documents.map((d) => numberAt(d, p.keys))),
    }))
  })
}

/** A column's sample as numbers: times in seconds (dates too, so a date compares with a timestamp), numbers as they are. */
function secondsOf(
  columns: readonly ColumnModel[],
  sampleOf: (name: string) => unknown[],
): (name: string) => (number | null)[] {
  // Once per column, shared read only: inequalities, differences and the copula each ask again (issue 21's
  // profile: reading times back into numbers was learn's costliest function).
  const known = new Map<string, (number | null)[]>()
  return (name) => {
    const found = known.get(name)
    if (found !== undefined) return found
    const c = columns.find((column) => column.name === name)!
    const encode = valueEncoder(c)
    const scale = c.kind === 'temporal' && c.type === 'date' ? DAY_SECONDS : 1
    const seconds = sampleOf(c.name).map((v) => {
      const n = encode(v)
      return n === null ? null : n * scale
    })
    known.set(name, seconds)
    return seconds
  }
}

function inequalitiesOf(
  columns: ColumnModel[],
  asSeconds: (name: string) => (number | null)[],
  minCount: number,
) {
  const ordered = columns.filter(
    (c) => (c.kind === 'numeric' && !c.unique) || (c.kind === 'temporal' && c.type !== 'time' && !c.unique),
  )
  const numeric = ordered
    .filter((c) => c.kind === 'numeric')
    .map((c) => ({ name: c.name, values: asSeconds(c.name) }))
  const temporal = ordered
    .filter((c) => c.kind === 'temporal')
    .map((c) => ({ name: c.name, values: asSeconds(c.name) }))
  const minRows = Math.max(20, minCount)
  return [...findInequalities(numeric, minRows), ...findInequalities(temporal, minRows)]
}
