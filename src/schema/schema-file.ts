import { stringify } from 'yaml'
import { z } from 'zod'
import type { Schema } from './schema.js'
import { loadYaml } from '../yaml-file.js'

const portableType = z.enum([
  'boolean',
  'smallint',
  'integer',
  'bigint',
  'decimal',
  'real',
  'double',
  'char',
  'varchar',
  'text',
  'enum',
  'set',
  'date',
  'time',
  'timestamp',
  'timestamptz',
  'interval',
  'year',
  'uuid',
  'json',
  'binary',
  'bit',
  'inet',
  'geometry',
  'array',
  'unknown',
])
const action = z.enum(['no action', 'restrict', 'cascade', 'set null', 'set default'])
/**
 * A schema, table, column or key name. Schema and model files are shared between machines, so untrusted: a name
 * with a control character or NUL is refused before anything prints it or makes a file name of it (issue 14).
 */
export const identifier = z
  .string()
  .regex(/^\P{Cc}*$/u, 'a name may not hold control characters or NUL (a model file is untrusted input)')
const key = z.object({ name: identifier, columns: z.array(identifier).min(1) })
const tableRef = z.object({ schema: identifier, name: identifier })

/** The zod shape of a schema, shared with the model file, which embeds one. */
export const schemaShape: z.ZodType<Schema> = z.object({
  formatVersion: z.literal(1),
  dialect: z.enum(['postgres', 'mysql', 'pglite']),
  database: z.string(),
  schemas: z.array(identifier),
  tables: z.array(
    tableRef.extend({
      columns: z.array(
        z.object({
          name: identifier,
          nativeType: z.string(),
          type: portableType,
          elementType: portableType.nullable(),
          nullable: z.boolean(),
          default: z.string().nullable(),
          identity: z.enum(['always', 'by-default', 'auto-increment']).nullable(),
          generated: z.string().nullable(),
          length: z.number().int().nullable(),
          precision: z.number().int().nullable(),
          scale: z.number().int().nullable(),
          enumValues: z.array(z.string()).nullable(),
          enumType: z.string().nullable(),
          comment: z.string().nullable(),
          domainChecks: z.array(z.object({ name: z.string(), expression: z.string() })).optional(),
        }),
      ),
      primaryKey: key.nullable(),
      uniques: z.array(
        key.extend({
          index: z.literal(true).optional(),
          deferrable: z.enum(['immediate', 'deferred']).optional(),
          nullsNotDistinct: z.literal(true).optional(),
          prefixes: z.array(z.number().int().positive().nullable()).optional(),
        }),
      ),
      foreignKeys: z.array(
        key.extend({
          references: tableRef.extend({ columns: z.array(identifier).min(1) }),
          onDelete: action,
          onUpdate: action,
          deferrable: z.boolean(),
          initiallyDeferred: z.boolean(),
          validated: z.boolean().default(true),
          declaredOn: z.array(tableRef.extend({ constraint: identifier })).optional(),
        }),
      ),
      checks: z.array(
        z.object({ name: z.string(), expression: z.string(), requires: z.array(z.string()).optional() }),
      ),
      estimatedRows: z.number().nonnegative(),
      comment: z.string().nullable(),
      partitions: z.array(tableRef),
      partitionBy: z.string().optional(),
      inherits: z.object({ parents: z.array(tableRef).min(1), columns: z.array(identifier) }).optional(),
      inheritanceParent: z.literal(true).optional(),
    }),
  ),
  enums: z.array(tableRef.extend({ values: z.array(z.string()) })),
  searchPath: z.array(identifier).optional(),
  // Files from before schema objects were read have none.
  objects: z
    .array(
      tableRef.extend({
        kind: z.enum([
          'extension',
          'schema',
          'collation',
          'text search',
          'enum',
          'domain',
          'type',
          'function',
          'procedure',
          'aggregate',
          'sequence',
          'partition',
          'table',
          'column',
          'check',
          'index',
          'constraint',
          'trigger',
          'rule',
          'view',
          'materialized view',
          'policy',
          'comment',
          'event',
          'owner',
          'grant',
        ]),
        statement: z.string(),
        phase: z.enum(['before-tables', 'after-tables', 'after-load']),
        requires: z.array(z.string()),
        sqlMode: z.string().optional(),
      }),
    )
    .default([]),
  skipped: z.array(
    tableRef.extend({
      kind: z.enum([
        'view',
        'materialized view',
        'foreign table',
        'partition',
        'trigger',
        'function',
        'procedure',
        'sequence',
        'extension table',
        'aggregate',
        'event',
      ]),
      reason: z.string(),
    }),
  ),
})

export type SchemaFormat = 'json' | 'yaml'

/** Serializes a schema as a schema file. JSON and YAML hold the same data. */
export function formatSchemaFile(schema: Schema, format: SchemaFormat): string {
  return format === 'json' ? `${JSON.stringify(schema, null, 2)}\n` : stringify(schema, { lineWidth: 0 })
}

/**
 * Reads a schema file (JSON is YAML too), validating every field. A bad file fails with every problem in it, each
 * at its line and column.
 *
 * @example parseSchemaFile(readFileSync('schema.yaml', 'utf8'), 'schema.yaml').tables.length
 */
export function parseSchemaFile(text: string, fileName: string): Schema {
  return loadYaml(text, fileName, schemaShape, 'write the file again with dbtwin inspect --yaml --out <file>')
    .data
}
