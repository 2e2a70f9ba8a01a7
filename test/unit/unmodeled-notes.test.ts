import { describe, expect, it } from 'vitest'
import { unmodeledNotes } from '../../src/cli/unmodeled-notes.js'

describe('unmodeledNotes', () => {
  it('says one line per reason, naming three columns and counting the rest', () => {
    const few = 'fewer than 5 values: too few to describe without describing a row'
    const columns = [
      ...['a', 'b', 'c', 'd', 'e'].map((t) => ({ table: `mb.${t}`, column: 'x', reason: few })),
      { table: 'mb.f', column: 'tsv', reason: 'type tsvector (unknown) is not modeled' },
    ]
    expect(unmodeledNotes(columns)).toEqual([
      `5 columns are not modeled: ${few}: mb.a.x, mb.b.x, mb.c.x and 2 more (listed in the model file)`,
      'mb.f.tsv is not modeled: type tsvector (unknown) is not modeled',
    ])
    expect(unmodeledNotes([])).toEqual([])
  })
})
