import { describe, expect, it } from 'vitest'
import { digitPermuter, shapeHash } from '../../src/rules/format-preserving.js'

/**
 * Known answers of dbtwin's own digit permutation (a Feistel network in FF1's style, not FF1: see
 * format-preserving.ts). A change to these values changes every hashed value users have pinned in their twins,
 * so it must be deliberate.
 */
const key = Buffer.from('dbtwin known answers')

describe('digitPermuter known answers', () => {
  const permute = digitPermuter(key)

  it.each([
    ['7', '8'],
    ['42', '66'],
    ['12345', '98635'],
    ['0000000000', '1205597029'],
    ['4111111111111111', '6473834567884565'],
    ['1234567890123456789012345678901234567890', '4209302216914225929443660165100597916872'],
  ])('%s → %s', (digits, expected) => {
    expect(permute(digits)).toBe(expected)
  })

  it('is a bijection on every length it is asked (all 3-digit strings)', () => {
    const all = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'))
    const out = new Set(all.map(permute))
    expect(out.size).toBe(1000)
    expect([...out].every((d) => /^\d{3}$/.test(d))).toBe(true)
  })

  it('depends on the key', () => {
    expect(digitPermuter(Buffer.from('another key'))('12345')).not.toBe('98635')
  })
})

describe('shapeHash known answer', () => {
  it('keeps each character class and leaves punctuation', () => {
    expect(shapeHash('AB-1234 x@y', key)).toBe('DM-0456 p@s')
  })
})
