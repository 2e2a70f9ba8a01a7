import { describe, expect, it } from 'vitest'
import { DbtwinError } from '../../src/errors.js'
import { formatSchemaFile, parseSchemaFile } from '../../src/schema/schema-file.js'
import type { Schema } from '../../src/schema/schema.js'

const schema: Schema = {
  formatVersion: 1,
  dialect: 'postgres',
  database: 'shop',
  schemas: ['public'],
  tables: [
    {
      schema: 'public',
      name: 'order "lines"',
      columns: [
        {
          name: 'größe',
          nativeType: 'numeric(10,2)',
          type: 'decimal',
          elementType: null,
          nullable: true,
          default: null,
          identity: null,
          generated: null,
          length: null,
          precision: 10,
          scale: 2,
          enumValues: null,
          enumType: null,
          comment: 'size: "quoted"',
        },
      ],
      primaryKey: null,
      uniques: [],
      foreignKeys: [],
      checks: [{ name: 'size_positive', expression: '("größe" > (0)::numeric)' }],
      estimatedRows: 12,
      comment: null,
      partitions: [],
    },
  ],
  enums: [],
  objects: [],
  skipped: [{ kind: 'view', schema: 'public', name: 'v', reason: 'views hold no rows' }],
}

function parseError(text: string): DbtwinError {
  try {
    parseSchemaFile(text, 'schema.yaml')
  } catch (error) {
    if (error instanceof DbtwinError) return error as DbtwinError
    throw error
  }
  throw new Error('parsed without error')
}

describe('schema files', () => {
  for (const format of ['json', 'yaml'] as const) {
    it(`round-trips through ${format} unchanged, odd identifiers included`, () => {
      expect(parseSchemaFile(formatSchemaFile(schema, format), `schema.${format}`)).toEqual(schema)
    })
  }

  it('names the line and column of a YAML syntax error', () => {
    const error = parseError('formatVersion: 1\ntables: [\n  {name: x\n')
    expect(error.code).toBe('FILE_INVALID')
    // The parser reports more than one error here: each is listed at its place.
    expect(error.message).toMatch(/^schema\.yaml: \d+ problems\n {2}schema\.yaml:\d+:\d+: /)
  })

  it('names the path of an invalid field inside the file', () => {
    const broken = structuredClone(schema) as unknown as { tables: { columns: { type: string }[] }[] }
    broken.tables[0]!.columns[0]!.type = 'decimalish'
    const error = parseError(formatSchemaFile(broken as unknown as Schema, 'yaml'))
    expect(error.message).toMatch(/^schema\.yaml:\d+:\d+: tables\.0\.columns\.0\.type: /)
    expect(error.fix).toMatch(/dbtwin inspect --yaml/)
  })

  it('names every problem together, each at its line and column', () => {
    const text = formatSchemaFile(schema, 'yaml')
      .replace('type: decimal', 'type: decimalish')
      .replace('estimatedRows: 12', 'estimatedRows: many')
    const lines = text.split('\n')
    const place = (needle: string) => {
      const line = lines.findIndex((l) => l.includes(needle))
      return `schema.yaml:${line + 1}:${lines[line]!.indexOf(needle) + 1}`
    }
    const error = parseError(text)
    expect(error.message.split('\n')[0]).toBe('schema.yaml: 2 problems')
    expect(error.message).toContain(`\n  ${place('decimalish')}: tables.0.columns.0.type: `)
    expect(error.message).toContain(`\n  ${place('many')}: tables.0.estimatedRows: `)
    expect(error.data).toMatchObject({ file: 'schema.yaml' })
  })
})
