import { describe, expect, it } from 'vitest'
import { mysqlSpatialType, mysqlTypeFor } from '../../src/dialects/mysql/mysql-types.js'
import { zeroValue } from '../../src/generate/column-sampler.js'
import { detectPii } from '../../src/rules/pii-detect.js'
import { resolveRules } from '../../src/rules/resolve-rules.js'
import { parseRuleFile } from '../../src/rules/rule-file.js'
import { valueRewriter } from '../../src/rules/value-rewriter.js'
import { ewkbToWkb, postgisShape, smallestGeometry } from '../../src/schema/postgis-type.js'
import type { Schema } from '../../src/schema/schema.js'
import { column } from '../fixtures/columns.js'

const geometry = (nativeType: string) => column('g', 'geometry', { nativeType, nullable: false })

describe('PostGIS column types on targets without PostGIS', () => {
  it('takes a PostGIS type apart, and leaves PostgreSQL and MySQL geometric types alone', () => {
    expect(postgisShape('geometry(Polygon,4326)')).toEqual({
      family: 'geometry',
      kind: 'POLYGON',
      dimensions: '',
      srid: 4326,
    })
    expect(postgisShape('geography(PointZ,4326)')).toMatchObject({ kind: 'POINT', dimensions: 'Z' })
    expect(postgisShape('geography')).toMatchObject({ kind: 'GEOMETRY', srid: 4326 })
    expect(postgisShape('point')).toBeNull()
    expect(postgisShape('text')).toBeNull()
  })

  it('gives a NOT NULL geometry the smallest value of its kind, with its SRID, where nothing was learned', () => {
    expect(zeroValue(geometry('geometry(Polygon,4326)'), 'postgres')).toBe(
      'SRID=4326;POLYGON((0 0,1 0,1 1,0 0))',
    )
    expect(zeroValue(geometry('geometry(LineStringZ)'), 'mysql')).toBe('LINESTRING Z (0 0 0,0 1 0)')
    expect(zeroValue(geometry('point'), 'postgres')).toBe('(0,0)')
    expect(zeroValue(geometry('point'), 'mysql')).toBe('POINT(0 0)')
    expect(smallestGeometry({ ...geometry('geometry'), nullable: true }, 'postgres')).toBe('POINT(0 0)')
    expect(zeroValue({ ...geometry('geometry(Point,4326)'), nullable: true }, 'postgres')).toBeNull()
    expect(zeroValue(column('c', 'unknown', { nativeType: 'cube', nullable: false }), 'postgres')).toBe('(0)')
    expect(zeroValue(column('ip', 'inet', { nullable: false }), 'postgres')).toBe('0.0.0.0')
  })

  it('maps 2D PostGIS types to MySQL spatial types, and the rest to text', () => {
    expect(mysqlTypeFor(geometry('geometry(MultiPolygon,4326)'), false)).toBe('multipolygon')
    expect(mysqlTypeFor(geometry('geography(Point,4326)'), false)).toBe('point')
    expect(mysqlSpatialType(geometry('geometry(PointZ,4326)'))).toBeNull()
    expect(mysqlTypeFor(geometry('geometry(PointZ,4326)'), false)).toBe('longtext')
    expect(mysqlTypeFor(geometry('circle'), false)).toBe('longtext')
  })

  it('reads hex EWKB as WKB and its SRID, refusing Z and M coordinates', () => {
    // POINT(1 2) with SRID 4326, as PostgreSQL prints it.
    const converted = ewkbToWkb('0101000020E6100000000000000000F03F0000000000000040')
    expect(converted?.srid).toBe(4326)
    expect(converted?.wkb.toString('hex')).toBe('0101000000000000000000f03f0000000000000040')
    expect(ewkbToWkb('0101000000000000000000F03F0000000000000040')?.srid).toBe(0)
    // POINT Z (1 2 3)
    expect(ewkbToWkb('01010000A0E6100000000000000000F03F00000000000000400000000000000840')).toBeNull()
    expect(ewkbToWkb('POINT(1 2)')).toBeNull()
  })
})

describe('the PII pack fits the columns it rewrites', () => {
  const schema: Schema = {
    formatVersion: 1,
    dialect: 'postgres',
    database: 'd',
    schemas: ['app'],
    enums: [],
    skipped: [],
    objects: [],
    tables: [
      {
        schema: 'app',
        name: 'visits',
        columns: [
          column('id', 'integer', { nullable: false }),
          column('user_ip', 'inet', { nativeType: 'inet' }),
          column('net', 'inet', { nativeType: 'cidr' }),
          column('ip_num', 'bigint'),
          column('ip_bytes', 'binary', { nativeType: 'varbinary(16)' }),
          column('ip_text', 'varchar'),
        ],
        primaryKey: { name: 'visits_pkey', columns: ['id'] },
        uniques: [],
        foreignKeys: [],
        checks: [],
        estimatedRows: 0,
        comment: null,
        partitions: [],
      },
    ],
  }
  const rules = parseRuleFile(
    'rules:\n  - { column: "app.visits.*ip*", faker: internet.ipv4 }\n  - { column: app.visits.net, faker: internet.ipv4 }\n',
    'r.yaml',
  )

  it('accepts an ipv4 rule on inet, cidr, bigint, varbinary and varchar columns', () => {
    expect(() => resolveRules(schema, rules)).not.toThrow()
  })

  it('writes the fake address in each column’s own form', () => {
    const columns = schema.tables[0]!.columns
    const fake = (name: string) =>
      valueRewriter(
        { kind: 'faker', method: 'internet.ipv4', args: [], locale: null },
        columns.find((c) => c.name === name)!,
        's',
      )('10.1.2.3')
    const text = fake('user_ip') as string
    expect(text).toMatch(/^\d+\.\d+\.\d+\.\d+$/)
    const number = fake('ip_num')
    expect(typeof number).toBe('number')
    expect(text.split('.').reduce((n, b) => n * 256 + Number(b), 0)).toBe(number)
    expect([...(fake('ip_bytes') as Uint8Array)]).toEqual(text.split('.').map(Number))
    expect(fake('ip_text')).toBe(text)
  })
})

describe('scan does not take keys for PII by their names', () => {
  it('leaves primary and foreign keys named like phones and cards alone', () => {
    expect(
      detectPii({ name: 'phonenumbertypeid', type: 'integer', key: true }, 'personphone', null),
    ).toBeNull()
    expect(
      detectPii({ name: 'creditcardid', type: 'integer', key: true }, 'personcreditcard', null),
    ).toBeNull()
    expect(detectPii({ name: 'phone', type: 'varchar', key: true }, 'contacts', null)).toBeNull()
  })

  it('leaves an integer whose one-word name ends in id alone, key or not', () => {
    expect(detectPii({ name: 'creditcardid', type: 'integer' }, 'salesorderheader', null)).toBeNull()
    expect(detectPii({ name: 'phonenumbertypeid', type: 'bigint' }, 'personphone', null)).toBeNull()
  })

  it('still finds PII in a key by its values, and in a column that is no key by its name', () => {
    const emails = Array.from({ length: 20 }, (_, i) => `person${i}@example.org`)
    expect(detectPii({ name: 'login', type: 'varchar', key: true }, 'accounts', emails)?.kind).toBe('email')
    expect(detectPii({ name: 'phone', type: 'varchar' }, 'contacts', null)?.kind).toBe('phone')
    expect(detectPii({ name: 'card_number', type: 'varchar' }, 'payments', null)?.kind).toBe('payment-card')
  })
})
