import { describe, expect, it } from 'vitest'
import { distinctRewriter, valueRewriter } from '../../src/rules/value-rewriter.js'
import { column } from '../fixtures/columns.js'
import { distinctFakes } from '../support/distinct-fakes.js'

/**
 * The million-value properties of rewriting, 20–30 s each on this 2-core machine: `npm run test:slow` (and CI)
 * runs them; `npm test` runs the same properties on 20,000 values (test/unit/value-rewriter.test.ts).
 */
const text = column('c', 'varchar', { length: 120 })

describe('format-preserving hash', () => {
  const hash = valueRewriter({ kind: 'hash', format: 'auto' }, text, 's3cret')
  it('keeps 1,000,000 distinct digit strings distinct (a permutation, no memory)', async () => {
    const seen = await distinctFakes(1_000_000, (i) => hash(String(i).padStart(9, '0')))
    expect(seen.size).toBe(1_000_000)
  }, 300_000)
})

describe('unique columns stay unique', () => {
  it('faker names for 1,000,000 distinct values stay distinct through the distinct wrapper', async () => {
    const email = distinctRewriter(
      valueRewriter(
        {
          kind: 'template',
          template: '{{person.firstName}}.{{person.lastName}}@example.org',
          locale: null,
        },
        text,
        's3cret',
      ),
      text,
    )
    const seen = await distinctFakes(1_000_000, (i) => email(`user${i}@real.example`))
    expect(seen.size).toBe(1_000_000)
    for (const value of [...seen].slice(0, 1000)) expect(value).toMatch(/^[^@]+@example\.org$/)
  }, 300_000)
})
