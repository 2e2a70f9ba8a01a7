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
    expect(error.message).toMatch(/^schema\.yaml:\d+:\d+: /)
  })

  it('names the path of an invalid field inside the file', () => {
    const broken = structuredClone(schema) as unknown as { tables: { columns: { type: string }[] }[] }
    broken.tables[0]!.columns[0]!.type = 'decimalish'
    const error = parseError(formatSchemaFile(broken as unknown as Schema, 'yaml'))
    expect(error.message).toMatch(/^schema\.yaml: at tables\.0\.columns\.0\.type: /)
    expect(error.fix).toMatch(/dbtwin inspect --yaml/)
  })
})
