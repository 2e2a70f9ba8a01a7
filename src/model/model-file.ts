import { MAX_JSON_DIGITS } from './json-paths.js'
import { FILE_TYPES } from './binary-content.js'
import { stringify } from 'yaml'
import { z } from 'zod'
import { PII_KINDS } from './pii-kinds.js'
import { DbtwinError } from '../errors.js'
import { identifier, schemaShape } from '../schema/schema-file.js'
import type { Table } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'
import {
  MODEL_FORMAT_VERSION,
  QUANTILE_LEVELS,
  type Invariant,
  type JsonNode,
  type Model,
  type TableModel,
  type WordModel,
} from './model.js'
import { SPECIAL_NUMBERS } from '../schema/cell-value.js'
import { parseYaml, throwFileProblems, yamlValue, zodProblems } from '../yaml-file.js'

const fraction = z.number().min(0).max(1)
const category = z.object({ value: z.union([z.string(), z.number(), z.boolean()]), frequency: fraction })
const distribution = <T extends z.ZodTypeAny>(value: T) => ({
  quantiles: z.array(value).length(QUANTILE_LEVELS.length),
  min: value,
  max: value,
  distinctRatio: fraction.optional(),
  unique: z.boolean(),
})
/** A cell's or a difference's quantiles: finite and never decreasing, or interpolating between them draws nonsense. */
const derivedQuantiles = z
  .array(z.number().finite())
  .length(QUANTILE_LEVELS.length)
  .refine((q) => q.every((v, i) => i === 0 || v >= q[i - 1]!), 'quantiles must never decrease')
const lengths = z.array(z.object({ length: z.number().int().nonnegative(), frequency: fraction }))

const textProfile = {
  lengths,
  shapes: z.array(z.object({ pattern: z.string(), frequency: fraction })),
  prefixes: z.array(z.object({ prefix: z.string(), frequency: fraction })),
  distinctRatio: fraction,
  unique: z.boolean(),
}

/** A JSON column's path tree (see JsonNode): recursive, so declared by hand for zod's lazy. */
const jsonNode: z.ZodType<JsonNode> = z.lazy(() =>
  z.object({
    presence: fraction,
    types: z.array(
      z.object({
        type: z.enum(['object', 'array', 'string', 'number', 'boolean', 'null']),
        frequency: fraction,
      }),
    ),
    keys: z.array(z.object({ key: z.string(), node: jsonNode })).optional(),
    items: jsonNode.optional(),
    lengths: lengths.optional(),
    numbers: z
      .object({
        integer: z.boolean(),
        digits: z.number().int().min(0).max(MAX_JSON_DIGITS).optional(),
        quantiles: z.array(z.number()).length(QUANTILE_LEVELS.length),
      })
      .optional(),
    trueShare: fraction.optional(),
    strings: z
      .object({ categories: z.array(category).nullable(), suppressedFraction: fraction, ...textProfile })
      .optional(),
  }),
)

const columnShape = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('key'), role: z.enum(['primary-key', 'foreign-key']) }),
  z.object({ kind: z.literal('generated') }),
  z.object({ kind: z.literal('ruled') }),
  z.object({ kind: z.literal('categorical'), categories: z.array(category), suppressedFraction: fraction }),
  z.object({
    kind: z.literal('numeric'),
    integer: z.boolean(),
    // Model files from before NaN and infinities were learned have none.
    specials: z.array(z.object({ value: z.enum(SPECIAL_NUMBERS), frequency: fraction })).optional(),
    ...distribution(z.number()),
  }),
  z.object({
    kind: z.literal('temporal'),
    type: z.enum(['date', 'time', 'timestamp', 'timestamptz']),
    // Model files from before fractions of a second were learned hold whole seconds.
    fractionDigits: z.number().int().min(0).max(6).default(0),
    specials: z.array(z.object({ value: z.enum(['Infinity', '-Infinity']), frequency: fraction })).optional(),
    ...distribution(z.string()),
  }),
  z.object({
    kind: z.literal('text'),
    categories: z.array(category).nullable(),
    suppressedFraction: fraction,
    ...textProfile,
    // Model files from before words were learned have none: their text is written from shapes.
    words: z
      .object({
        vocabulary: z.array(z.object({ token: z.string().min(1), frequency: fraction })),
        pairs: z.array(z.object({ after: z.string(), token: z.string(), frequency: fraction })),
        lengths: z.array(z.object({ tokens: z.number().int().nonnegative(), frequency: fraction })),
      })
      .optional(),
    shapesBecause: z.string().optional(),
    checkDigit: z.enum(['luhn', 'npi']).optional(),
  }),
  z.object({
    kind: z.literal('shaped'),
    format: z.enum(['uuid', 'json', 'binary']),
    arrays: fraction.optional(),
    types: z.array(z.object({ type: z.enum(FILE_TYPES), frequency: fraction })).optional(),
    // Model files from before JSON structure was learned (issue 17.4) have none.
    document: jsonNode.optional(),
    lengths,
  }),
  z.object({ kind: z.literal('unmodeled'), reason: z.string() }),
])

const path = z.array(z.string()).max(2)
const invariantCounts = { rows: z.number().int().nonnegative(), strength: fraction }
const invariant = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('paths-meet'),
    table: z.string(),
    first: path,
    second: path,
    ancestor: z.string(),
    ...invariantCounts,
  }),
  z.object({
    kind: z.literal('time-order'),
    table: z.string(),
    column: z.string(),
    path: path.min(1),
    ancestor: z.string(),
    ancestorColumn: z.string(),
    ...invariantCounts,
    gaps: z.array(z.number().nonnegative()).length(QUANTILE_LEVELS.length).nullable(),
  }),
  z.object({
    kind: z.literal('sequence'),
    table: z.string(),
    column: z.string(),
    foreignKey: z.string(),
    ...invariantCounts,
  }),
  z.object({
    kind: z.literal('children-by-state'),
    table: z.string(),
    foreignKey: z.string(),
    parent: z.string(),
    parentColumn: z.string(),
    states: z.array(
      z.object({
        value: category.shape.value,
        share: fraction,
        childrenPerParent: z.array(
          z.object({ children: z.number().int().nonnegative(), frequency: fraction }),
        ),
      }),
    ),
    childless: z.array(category.shape.value),
    ...invariantCounts,
  }),
  z.object({
    kind: z.literal('ancestor-cells'),
    table: z.string(),
    column: z.string(),
    path: z.array(z.string()).min(1).max(3),
    ancestor: z.string(),
    ancestorColumn: z.string(),
    cells: z.array(
      z.object({
        value: category.shape.value,
        quantiles: z.array(z.number()).length(QUANTILE_LEVELS.length),
      }),
    ),
    ...invariantCounts,
  }),
  z.object({
    kind: z.literal('ancestor-categories'),
    table: z.string(),
    column: z.string(),
    path: z.array(z.string()).min(1).max(3),
    ancestor: z.string(),
    ancestorColumn: z.string(),
    cells: z.array(z.object({ value: category.shape.value, categories: z.array(category).min(1) })),
    ...invariantCounts,
  }),
  z.object({
    kind: z.literal('sum'),
    table: z.string(),
    column: z.string(),
    foreignKey: z.string(),
    parent: z.string(),
    parentColumn: z.string(),
    ...invariantCounts,
  }),
])

const modelShape = z.object({
  formatVersion: z.literal(MODEL_FORMAT_VERSION),
  madeBy: z.object({
    tool: z.literal('dbtwin'),
    version: z.string(),
    learnedAt: z.string(),
    source: z.object({
      dialect: z.enum(['postgres', 'mysql', 'pglite']),
      database: z.string(),
      fingerprint: z.string(),
      identity: z.string().optional(),
    }),
    parameters: z.object({
      sampleRows: z.number().int().positive(),
      minCount: z.number().int().positive(),
      epsilon: z.number().positive().nullable(),
      seed: z.number().int(),
      ruledColumns: z.array(z.string()),
    }),
  }),
  privacy: z.object({
    minCount: z.number().int().positive(),
    differentialPrivacy: z
      .object({
        epsilon: z.number().positive(),
        mechanism: z.literal('laplace'),
        queries: z.number().int().positive(),
        epsilonPerQuery: z.number().positive(),
        covers: z.array(z.string()),
        notCovered: z.array(z.string()),
      })
      .nullable(),
    verbatimTables: z.array(z.string()).optional(),
  }),
  pii: z
    .array(z.object({ column: z.string(), kind: z.enum(PII_KINDS), confidence: z.number().min(0).max(1) }))
    .default([]),
  schema: schemaShape,
  tables: z.array(
    z.object({
      table: identifier,
      rows: z.number().int().nonnegative(),
      sampledRows: z.number().int().nonnegative(),
      columns: z.array(z.intersection(z.object({ name: identifier, nullFraction: fraction }), columnShape)),
      copula: z
        .object({ columns: z.array(z.string()), correlation: z.array(z.array(z.number().min(-1).max(1))) })
        .nullable(),
      inequalities: z.array(z.object({ left: z.string(), op: z.enum(['<', '<=']), right: z.string() })),
      // Model files from before conditionals were learned have none.
      conditionals: z
        .array(
          z.object({
            column: z.string(),
            given: z.string(),
            cells: z.array(z.object({ value: category.shape.value, categories: z.array(category) })),
            whenNull: z.array(category).default([]),
          }),
        )
        .default([]),
      combinations: z
        .array(
          z.object({
            columns: z.array(z.string()).min(2),
            combinations: z.array(z.object({ values: z.array(category.shape.value), frequency: fraction })),
          }),
        )
        .optional(),
      // Model files from before issue 17.5 and 17.6 have none of these three.
      numericCells: z
        .array(
          z.object({
            column: z.string(),
            given: z.string(),
            eta2: z.number().min(0).max(1),
            cells: z.array(z.object({ value: category.shape.value, quantiles: derivedQuantiles })),
          }),
        )
        .optional(),
      functionalDependencies: z
        .array(
          z.object({
            determinant: z.string(),
            dependent: z.string(),
            pairs: z.array(z.object({ value: category.shape.value, determined: category.shape.value })),
          }),
        )
        .optional(),
      differences: z
        .array(
          z.object({
            from: z.string(),
            to: z.string(),
            quantiles: derivedQuantiles,
            given: z
              .object({
                given: z.string(),
                eta2: z.number().min(0).max(1),
                cells: z.array(z.object({ value: category.shape.value, quantiles: derivedQuantiles })),
              })
              .optional(),
            fixed: z.object({ value: z.number(), share: z.number().min(0).max(1) }).optional(),
          }),
        )
        .optional(),
      relations: z.array(
        z.object({
          foreignKey: z.string(),
          columns: z.array(z.string()),
          parent: z.string(),
          nullFraction: fraction,
          childrenPerParent: z.array(
            z.object({ children: z.number().int().nonnegative(), frequency: fraction }),
          ),
          countDependence: z.array(
            z.object({ parentColumn: z.string(), correlation: z.number().min(-1).max(1) }),
          ),
          columnDependence: z.array(
            z.object({
              parentColumn: z.string(),
              childColumn: z.string(),
              correlation: z.number().min(-1).max(1),
            }),
          ),
          depths: z
            .array(z.object({ depth: z.number().int().nonnegative(), frequency: fraction }))
            .nullable()
            .default(null),
        }),
      ),
      // Model files from before reference tables have none.
      reference: z
        .object({
          reason: z.string(),
          columns: z.array(identifier),
          rows: z.array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))),
        })
        .optional(),
    }),
  ),
  // Model files from before invariants were learned have none.
  invariants: z.array(invariant).optional(),
})

/** Serializes a model as YAML. Key order and number formatting are fixed, so equal models give equal bytes. */
export function formatModelFile(model: Model): string {
  return stringify(model, { lineWidth: 0, aliasDuplicateObjects: false })
}

/**
 * Reads a model file, validating every field and then the model's consistency with its own schema. Every field
 * that is wrong is reported, each at its line and column and with its path inside the file.
 *
 * @example const model = parseModelFile(await readFile('model.yaml', 'utf8'), 'model.yaml')
 */
export function parseModelFile(text: string, fileName: string): Model {
  const yaml = parseYaml(text, fileName)
  throwFileProblems(yaml.problems, `fix the YAML syntax, or ${LEARN_AGAIN}`, fileName, { file: fileName })
  const data = yamlValue(yaml, LEARN_AGAIN) as { formatVersion?: unknown } | null
  if (typeof data?.formatVersion === 'number' && data.formatVersion > MODEL_FORMAT_VERSION) {
    throw new DbtwinError(
      'FILE_INVALID',
      `${yaml.at(['formatVersion'])}: formatVersion: the model is format ${data.formatVersion}, newer than this dbtwin reads (${MODEL_FORMAT_VERSION})`,
      'upgrade dbtwin, or learn the model again with this version',
      { data: { file: fileName } },
    )
  }
  const parsed = modelShape.safeParse(data)
  if (!parsed.success)
    throwFileProblems(zodProblems(yaml.at, parsed.error), LEARN_AGAIN, fileName, { file: fileName })
  const model = parsed.data as Model
  const problem = inconsistency(model)
  if (problem !== null) {
    const path = problem.path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part))
    throwFileProblems(
      [{ at: yaml.at(path), message: `${problem.path}: ${problem.message}` }],
      LEARN_AGAIN,
      fileName,
      {
        file: fileName,
      },
    )
  }
  return model
}

const LEARN_AGAIN = 'learn the model again with dbtwin learn <source-url> -o model.yaml'

type Problem = { path: string; message: string } | null

/** The first place where the model contradicts its embedded schema or itself, or null. */
function inconsistency(model: Model): Problem {
  const schemaTables = new Map(model.schema.tables.map((t) => [tableName(t), t]))
  if (model.tables.length !== schemaTables.size) {
    return {
      path: 'tables',
      message: `${model.tables.length} table models for ${schemaTables.size} tables in the schema`,
    }
  }
  for (const [i, table] of model.tables.entries()) {
    const schemaTable = schemaTables.get(table.table)
    if (schemaTable === undefined)
      return { path: `tables.${i}.table`, message: `"${table.table}" is not a table of the schema` }
    const problem = tableInconsistency(table, schemaTable)
    if (problem !== null) return { ...problem, path: `tables.${i}.${problem.path}` }
  }
  for (const [i, invariant] of (model.invariants ?? []).entries()) {
    const problem = invariantProblem(model, invariant)
    if (problem !== null) return { path: `invariants.${i}`, message: problem }
  }
  return null
}

/** The first place where a table's model contradicts its table in the schema or itself (a path within it), or null. */
function tableInconsistency(table: TableModel, schemaTable: Table): Problem {
  const names = schemaTable.columns.map((c) => c.name)
  if (table.columns.map((c) => c.name).join('\u0000') !== names.join('\u0000'))
    return { path: 'columns', message: `the columns differ from the schema's (${names.join(', ')})` }
  for (const [j, column] of table.columns.entries()) {
    const pair = column.kind === 'text' ? unreleasedPair(column.words) : null
    if (pair !== null)
      return {
        path: `columns.${j}.words.pairs.${pair.at}`,
        message: `"${pair.token}" is not a token of the vocabulary`,
      }
  }
  const notColumn = (path: string, columns: readonly string[]): Problem => {
    const bad = columns.find((c) => !names.includes(c))
    return bad === undefined ? null : { path, message: `"${bad}" is not a column of ${table.table}` }
  }
  const named = [
    ...table.conditionals.map((c, j) => notColumn(`conditionals.${j}`, [c.column, c.given])),
    ...derivedColumnLists(table).map((d) => notColumn(d.path, d.columns)),
  ]
  const first = named.find((p) => p !== null)
  if (first !== undefined) return first
  return (
    copulaProblem(table, names) ??
    table.inequalities
      .map((q, j) => notColumn(`inequalities.${j}`, [q.left, q.right]))
      .find((p) => p !== null) ??
    referenceProblem(table, names) ??
    relationProblem(table, schemaTable)
  )
}

/** The columns each learned cell rule, dependency and difference names, with its path in the table's model. */
function derivedColumnLists(table: TableModel): { path: string; columns: string[] }[] {
  return [
    ...(table.numericCells ?? []).map((n, j) => ({
      path: `numericCells.${j}`,
      columns: [n.column, n.given],
    })),
    ...(table.functionalDependencies ?? []).map((f, j) => ({
      path: `functionalDependencies.${j}`,
      columns: [f.determinant, f.dependent],
    })),
    ...(table.differences ?? []).map((d, j) => ({
      path: `differences.${j}`,
      columns: [d.from, d.to, ...(d.given === undefined ? [] : [d.given.given])],
    })),
  ]
}

function copulaProblem(table: TableModel, names: readonly string[]): Problem {
  if (table.copula === null) return null
  const n = table.copula.columns.length
  // A numeric JSON path joins the copula as `column$.path` (issue 17.4).
  const json = table.columns.filter((c) => c.kind === 'shaped' && c.format === 'json').map((c) => c.name)
  const bad = table.copula.columns.find((c) => !names.includes(c) && !json.some((j) => c.startsWith(`${j}$`)))
  if (bad !== undefined)
    return { path: 'copula.columns', message: `"${bad}" is not a column of ${table.table}` }
  if (table.copula.correlation.length !== n || table.copula.correlation.some((row) => row.length !== n))
    return { path: 'copula.correlation', message: `must be ${n}×${n}, one row and column per copula column` }
  return null
}

function referenceProblem(table: TableModel, names: readonly string[]): Problem {
  if (table.reference === undefined) return null
  const bad = table.reference.columns.find((c) => !names.includes(c))
  if (bad !== undefined)
    return { path: 'reference.columns', message: `"${bad}" is not a column of ${table.table}` }
  const width = table.reference.columns.length
  const row = table.reference.rows.findIndex((r) => r.length !== width)
  if (row < 0) return null
  return {
    path: `reference.rows.${row}`,
    message: `holds ${table.reference.rows[row]!.length} values for ${width} columns`,
  }
}

function relationProblem(table: TableModel, schemaTable: Table): Problem {
  const j = table.relations.findIndex((r) => !schemaTable.foreignKeys.some((fk) => fk.name === r.foreignKey))
  if (j < 0) return null
  return {
    path: `relations.${j}.foreignKey`,
    message: `"${table.relations[j]!.foreignKey}" is not a foreign key of ${table.table}`,
  }
}

/**
 * The first word pair holding a token its vocabulary does not release ('' is a value's start or end), or null:
 * generation writes pairs' tokens, so a hand edit must not slip an unreleased word in through them.
 */
function unreleasedPair(words: WordModel | undefined): { at: number; token: string } | null {
  if (words === undefined) return null
  const released = new Set(words.vocabulary.map((v) => v.token))
  for (const [at, pair] of words.pairs.entries()) {
    const token = [pair.after, pair.token].find((t) => t !== '' && !released.has(t))
    if (token !== undefined) return { at, token }
  }
  return null
}

/** Why an invariant does not fit the schema (a path through keys it does not have), or null. */
function invariantProblem(model: Model, invariant: Invariant): string | null {
  const tables = new Map(model.schema.tables.map((t) => [tableName(t), t]))
  const walk = (path: readonly string[]): string => {
    let at = invariant.table
    for (const name of path) {
      const fk = tables.get(at)?.foreignKeys.find((f) => f.name === name)
      if (fk === undefined) throw new Error(`"${name}" is not a foreign key of ${at}`)
      at = tableName(fk.references)
    }
    return at
  }
  try {
    const table = tables.get(invariant.table)
    if (table === undefined) return `"${invariant.table}" is not a table of the schema`
    const has = (t: string, c: string) => tables.get(t)?.columns.some((col) => col.name === c) === true
    switch (invariant.kind) {
      case 'paths-meet':
        return walk(invariant.first) === invariant.ancestor && walk(invariant.second) === invariant.ancestor
          ? null
          : `the paths do not both reach ${invariant.ancestor}`
      case 'ancestor-categories': {
        // Generation writes the cells' values into the column as it writes the column's own categories.
        const kind = model.tables
          .find((t) => t.table === invariant.table)
          ?.columns.find((c) => c.name === invariant.column)?.kind
        if (kind !== 'categorical' && kind !== 'text')
          return `"${invariant.column}" of ${invariant.table} is not modeled as categories`
      }
      // falls through: the path and the ancestor's column are checked as for a number's cells.
      case 'time-order':
      case 'ancestor-cells':
        if (walk(invariant.path) !== invariant.ancestor)
          return `the path does not reach ${invariant.ancestor}`
        if (!has(invariant.table, invariant.column))
          return `"${invariant.column}" is not a column of ${invariant.table}`
        return has(invariant.ancestor, invariant.ancestorColumn)
          ? null
          : `"${invariant.ancestorColumn}" is not a column of ${invariant.ancestor}`
      case 'sequence':
        walk([invariant.foreignKey])
        return has(invariant.table, invariant.column)
          ? null
          : `"${invariant.column}" is not a column of ${invariant.table}`
      case 'sum':
        if (walk([invariant.foreignKey]) !== invariant.parent)
          return `"${invariant.foreignKey}" does not reach ${invariant.parent}`
        if (!has(invariant.table, invariant.column))
          return `"${invariant.column}" is not a column of ${invariant.table}`
        return has(invariant.parent, invariant.parentColumn)
          ? null
          : `"${invariant.parentColumn}" is not a column of ${invariant.parent}`
      case 'children-by-state':
        if (walk([invariant.foreignKey]) !== invariant.parent)
          return `"${invariant.foreignKey}" does not reach ${invariant.parent}`
        return has(invariant.parent, invariant.parentColumn)
          ? null
          : `"${invariant.parentColumn}" is not a column of ${invariant.parent}`
    }
  } catch (e) {
    return (e as Error).message
  }
}
