import { describe, expect, it } from 'vitest'
import { combinations } from '../../src/rules/quasi-identifiers.js'
import { parseRuleFile } from '../../src/rules/rule-file.js'
import { valueRewriter } from '../../src/rules/value-rewriter.js'
import type { PortableType } from '../../src/schema/schema.js'
import { column } from '../fixtures/columns.js'

const rewrite = (yaml: string, type: PortableType) => {
  const [rule] = parseRuleFile(`rules:\n  - { column: c, generalize: ${yaml} }\n`, 'test.yaml')
  return valueRewriter(rule!.action, column('c', type), 'secret')
}

describe('generalize', () => {
  it('coarsens a date to the first day of its year or month, and keeps a timestamp a timestamp', () => {
    expect(rewrite('year', 'date')('1984-07-23')).toBe('1984-01-01')
    expect(rewrite('month', 'date')('1984-07-23')).toBe('1984-07-01')
    expect(rewrite('year', 'timestamp')('1984-07-23 14:05:09.123')).toBe('1984-01-01 00:00:00')
    expect(rewrite('month', 'timestamptz')('1984-07-23T14:05:09+02:00')).toBe('1984-07-01T00:00:00+02:00')
    expect(rewrite('year', 'date')(null)).toBeNull()
  })

  it('keeps the first N digits of a code and zeroes the rest, in the form it came in', () => {
    expect(rewrite('{ digits: 3 }', 'varchar')('02139-4301')).toBe('02100-0000')
    expect(rewrite('{ digits: 3 }', 'integer')(90210)).toBe(90200)
  })

  it('puts a number in its bucket', () => {
    expect(rewrite('{ bucket: 10 }', 'integer')(37)).toBe(30)
    expect(rewrite('{ bucket: 10 }', 'decimal')('37.5')).toBe('30')
    expect(rewrite('{ bucket: 0.1 }', 'double')(0.37)).toBe(0.3)
  })

  it('refuses a form it does not know, naming the forms it takes', () => {
    expect(() => parseRuleFile('rules:\n  - { column: c, generalize: decade }\n', 'test.yaml')).toThrow(
      /test\.yaml:2:\d+: generalize: expected `year` or `month` \(dates\), `\{ digits: N \}`/,
    )
  })
})

describe('quasi-identifier combinations', () => {
  it('are the whole set, then triples, then pairs', () => {
    expect(combinations(['a'])).toEqual([])
    expect(combinations(['a', 'b', 'c'])).toEqual([
      ['a', 'b', 'c'],
      ['a', 'b'],
      ['a', 'c'],
      ['b', 'c'],
    ])
    expect(combinations(['a', 'b', 'c', 'd', 'e'])).toHaveLength(11)
  })
})
