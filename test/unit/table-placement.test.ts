import { describe, expect, it } from 'vitest'
import { mysqlName, tablePlacement } from '../../src/schema/table-placement.js'

const mysql = { schemas: false, database: 'twin' }
const tables = [
  { schema: 'cover_art_archive', name: 'art_type' },
  { schema: 'event_art_archive', name: 'art_type' },
]

describe('tablePlacement', () => {
  it('prefixes the schema when the tables span more than one (musicbrainz: two art_type tables)', () => {
    const refOf = tablePlacement(tables, 'postgres', mysql)
    expect(tables.map(refOf)).toEqual([
      { schema: 'twin', name: 'cover_art_archive__art_type' },
      { schema: 'twin', name: 'event_art_archive__art_type' },
    ])
  })

  it('keeps bare names for a one-schema source, and prefixes them when asked', () => {
    const one = [{ schema: 'public', name: 'film' }]
    expect(tablePlacement(one, 'postgres', mysql)(one[0]!)).toEqual({ schema: 'twin', name: 'film' })
    expect(tablePlacement(one, 'postgres', mysql, 'prefix')(one[0]!)).toEqual({
      schema: 'twin',
      name: 'public__film',
    })
  })

  it('refuses merge when two tables would land on one name, with the fix', () => {
    expect(() => tablePlacement(tables, 'postgres', mysql, 'merge')).toThrow(
      'cover_art_archive.art_type and event_art_archive.art_type would both become twin.art_type',
    )
  })

  it("keeps PostgreSQL schemas on PostgreSQL, and puts a MySQL source's tables in public", () => {
    const pg = { schemas: true, database: 'twin' }
    expect(tablePlacement(tables, 'postgres', pg)(tables[1]!)).toEqual(tables[1])
    expect(
      tablePlacement([{ schema: 'shop', name: 't' }], 'mysql', pg)({ schema: 'shop', name: 't' }),
    ).toEqual({
      schema: 'public',
      name: 't',
    })
  })

  it('shortens names over 64 characters the same way every time, keeping long names apart', () => {
    const long = 'a'.repeat(70)
    expect(mysqlName(long)).toHaveLength(64)
    expect(mysqlName(long)).toBe(mysqlName(long))
    expect(mysqlName(long)).not.toBe(mysqlName(`${long}b`))
    expect(mysqlName('short')).toBe('short')
  })
})
