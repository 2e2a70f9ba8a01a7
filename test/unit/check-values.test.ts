import { describe, expect, it } from 'vitest'
import { allowedValues } from '../../src/generate/check-values.js'

const table = (...expressions: string[]) => ({
  checks: expressions.map((expression, i) => ({ name: `c${i}`, expression })),
})

describe('the values a CHECK lists for a column', () => {
  it("reads PostgreSQL's deparsed = ANY (ARRAY[…]) over varchar and text", () => {
    // musicbrainz.editor_collection_type, as pg_get_constraintdef prints it.
    const musicbrainz = table(
      "((entity_type)::text = ANY ((ARRAY['area'::character varying, 'o''clock'::character varying])::text[]))",
    )
    expect(allowedValues(musicbrainz, 'entity_type')).toEqual(['area', "o'clock"])
    expect(allowedValues(table("(kind = ANY (ARRAY['a'::text, 'b'::text]))"), 'kind')).toEqual(['a', 'b'])
  })

  it("reads MySQL's IN list with charset introducers", () => {
    expect(allowedValues(table("(`kind` in (_utf8mb4'a',_utf8mb4'b'))"), 'kind')).toEqual(['a', 'b'])
  })

  it('finds nothing in checks on other columns or that do more than list values', () => {
    expect(allowedValues(table("(kind = ANY (ARRAY['a'::text]))"), 'other')).toBeNull()
    expect(allowedValues(table("((kind = ANY (ARRAY['a'::text])) OR (n > 0))"), 'kind')).toBeNull()
    expect(allowedValues(table('(price > (0)::numeric)'), 'price')).toBeNull()
  })
})
