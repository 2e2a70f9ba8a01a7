import { parseDocument, stringify } from 'yaml'
import { z } from 'zod'
import { PII_KINDS } from '../rules/pii-kinds.js'
import { DbtwinError } from '../errors.js'
import { identifier, schemaShape } from '../schema/schema-file.js'
import { tableName } from '../schema/table-name.js'
import { MODEL_FORMAT_VERSION, QUANTILE_LEVELS, SPECIAL_NUMBERS, type JsonNode, type Model } from './model.js'
import { yamlValue } from '../yaml-value.js'

const fraction = z.number().min(0).max(1)
const category = z.object({ value: z.union([z.string(), z.number(), z.boolean()]), frequency: fraction })
const distribution = <T extends z.ZodTypeAny>(value: T) => ({
  quantiles: z.array(value).length(QUANTILE_LEVELS.length),
  min: value,
  max: value,
  distinctRatio: fraction,
  unique: z.boolean(),
})
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
      .object({ integer: z.boolean(), quantiles: z.array(z.number()).length(QUANTILE_LEVELS.length) })
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
  }),
  z.object({
    kind: z.literal('shaped'),
    format: z.enum(['uuid', 'json', 'binary']),
    arrays: fraction.optional(),
    // Model files from before JSON structure was learned (issue 17.4) have none.
    document: jsonNode.optional(),
    lengths,
  }),
  z.object({ kind: z.literal('unmodeled'), reason: z.string() }),
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
    }),
  ),
})

/** Serializes a model as YAML. Key order and number formatting are fixed, so equal models give equal bytes. */
export function formatModelFile(model: Model): string {
  return stringify(model, { lineWidth: 0, aliasDuplicateObjects: false })
}

/**
 * Reads a model file, validating every field and then the model's consistency with its own schema. Any problem is
 * reported with the path inside the file.
 *
 * @example const model = parseModelFile(await readFile('model.yaml', 'utf8'), 'model.yaml')
 */
export function parseModelFile(text: string, fileName: string): Model {
  const document = parseDocument(text)
  const yamlError = document.errors[0]
  if (yamlError !== undefined) {
    const at = yamlError.linePos?.[0]
    throw invalid(
      `${fileName}${at === undefined ? '' : `:${at.line}:${at.col}`}: ${yamlError.message.split('\n')[0]}`,
    )
  }
  const data = yamlValue(document, fileName, 'learn the model again with dbtwin learn') as {
    formatVersion?: unknown
  }
  if (typeof data?.formatVersion === 'number' && data.formatVersion > MODEL_FORMAT_VERSION) {
    throw new DbtwinError(
      'FILE_INVALID',
      `${fileName}: at formatVersion: the model is format ${data.formatVersion}, newer than this dbtwin reads (${MODEL_FORMAT_VERSION})`,
      'upgrade dbtwin, or learn the model again with this version',
    )
  }
  const parsed = modelShape.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw invalid(
      `${fileName}: at ${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'invalid model file'}`,
    )
  }
  const model = parsed.data as Model
  const problem = inconsistency(model)
  if (problem !== null) throw invalid(`${fileName}: at ${problem.path}: ${problem.message}`)
  return model
}

function invalid(message: string): DbtwinError {
  return new DbtwinError(
    'FILE_INVALID',
    message,
    'learn the model again with dbtwin learn <source-url> -o model.yaml',
  )
}

/** The first place where the model contradicts its embedded schema or itself, or null. */
function inconsistency(model: Model): { path: string; message: string } | null {
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
    const names = schemaTable.columns.map((c) => c.name)
    if (table.columns.map((c) => c.name).join('\u0000') !== names.join('\u0000')) {
      return {
        path: `tables.${i}.columns`,
        message: `the columns differ from the schema's (${names.join(', ')})`,
      }
    }
    for (const [j, conditional] of table.conditionals.entries()) {
      const bad = [conditional.column, conditional.given].find((c) => !names.includes(c))
      if (bad !== undefined)
        return {
          path: `tables.${i}.conditionals.${j}`,
          message: `"${bad}" is not a column of ${table.table}`,
        }
    }
    if (table.copula !== null) {
      const n = table.copula.columns.length
      const bad = table.copula.columns.find((c) => !names.includes(c))
      if (bad !== undefined)
        return { path: `tables.${i}.copula.columns`, message: `"${bad}" is not a column of ${table.table}` }
      if (table.copula.correlation.length !== n || table.copula.correlation.some((row) => row.length !== n)) {
        return {
          path: `tables.${i}.copula.correlation`,
          message: `must be ${n}×${n}, one row and column per copula column`,
        }
      }
    }
    for (const [j, inequality] of table.inequalities.entries()) {
      for (const side of [inequality.left, inequality.right]) {
        if (!names.includes(side))
          return {
            path: `tables.${i}.inequalities.${j}`,
            message: `"${side}" is not a column of ${table.table}`,
          }
      }
    }
    for (const [j, relation] of table.relations.entries()) {
      if (!schemaTable.foreignKeys.some((fk) => fk.name === relation.foreignKey)) {
        return {
          path: `tables.${i}.relations.${j}.foreignKey`,
          message: `"${relation.foreignKey}" is not a foreign key of ${table.table}`,
        }
      }
    }
  }
  return null
}
