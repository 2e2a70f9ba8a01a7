import { describe, expect, it } from 'vitest'
import { columnSampler } from '../../src/generate/column-sampler.js'
import {
  JSON_SENSITIVITY,
  jsonPathSet,
  learnJsonPaths,
  numberAt,
  numericKeyPaths,
  pathRowShares,
} from '../../src/model/json-paths.js'
import { PrivacyBudget } from '../../src/model/privacy-budget.js'
import type { ColumnModel, JsonNode } from '../../src/model/model.js'
import { seededRandom } from '../../src/random/seeded-random.js'
import type { Column } from '../../src/schema/schema.js'

/** Vitals-like documents: 60 with a tag list, a third without a pulse, and one with a rare personal key. */
function vitals(): unknown[] {
  const docs: unknown[] = Array.from({ length: 90 }, (_, i) => ({
    bp: { sys: 100 + (i % 40), dia: 60 + (i % 25) },
    ...(i % 3 === 0 ? {} : { pulse: 55 + (i % 50) }),
    ...(i < 60 ? { tags: ['a', 'b', 'c'].slice(0, 1 + (i % 3)) } : {}),
    position: i % 2 === 0 ? 'sitting' : 'standing',
    fasting: i % 4 === 0,
  }))
  docs.push({ bp: { sys: 120, dia: 80 }, 'john.smith@example.org': 'allergic' })
  return docs
}

const column: Column = {
  name: 'vitals',
  type: 'json',
  nativeType: 'jsonb',
  nullable: true,
  default: null,
  generated: null,
  length: null,
  precision: null,
  scale: null,
  enumValues: null,
} as unknown as Column

describe('learnJsonPaths', () => {
  const tree = learnJsonPaths(vitals(), { minCount: 5 })!

  it('keeps the paths seen in at least minCount rows and never the rare key', () => {
    expect(jsonPathSet(tree)).toEqual([
      '$',
      '$.bp',
      '$.bp.dia',
      '$.bp.sys',
      '$.fasting',
      '$.position',
      '$.pulse',
      '$.tags',
      '$.tags[]',
    ])
    expect(JSON.stringify(tree)).not.toContain('john.smith')
  })

  it('learns presence given the parent, array lengths, numbers and categories', () => {
    const key = (name: string) => tree.keys!.find((k) => k.key === name)!.node
    expect(key('pulse').presence).toBeCloseTo(60 / 91, 3)
    expect(key('tags').lengths).toEqual([
      { length: 1, frequency: 0.333333 },
      { length: 2, frequency: 0.333333 },
      { length: 3, frequency: 0.333333 },
    ])
    const sys = key('bp').keys!.find((k) => k.key === 'sys')!.node
    expect(sys.numbers!.integer).toBe(true)
    expect(sys.numbers!.quantiles[0]).toBeGreaterThanOrEqual(100)
    expect(key('position').strings!.categories!.map((c) => c.value)).toEqual(['sitting', 'standing'])
    expect(key('fasting').trueShare).toBeCloseTo(23 / 90, 3)
  })

  it('drops a whole tree seen in fewer than minCount rows', () => {
    expect(learnJsonPaths([{ a: 1 }, { a: 2 }], { minCount: 5 })).toBeNull()
  })

  it('noises every count under --epsilon, and still never writes the rare key', () => {
    const learned = (epsilon: number) => {
      const budget = new PrivacyBudget(epsilon, 3, { tables: 1, columns: 1, foreignKeys: 0 })
      return learnJsonPaths(vitals(), {
        minCount: 5,
        capped: true,
        release: (count, key) => budget.count(count, JSON_SENSITIVITY, 't', 'vitals', 'json', key),
      })
    }
    // A generous budget keeps the structure, with presences moved by the noise.
    const loose = learned(10_000)!
    expect(jsonPathSet(loose)).toEqual(jsonPathSet(tree))
    const pulse = (t: JsonNode) => t.keys!.find((k) => k.key === 'pulse')!.node.presence
    expect(pulse(loose)).not.toBe(pulse(tree))
    expect(Math.abs(pulse(loose) - pulse(tree))).toBeLessThan(0.05)
    // A strict one leaves little or nothing, and never the rare key.
    expect(JSON.stringify(learned(1) ?? {})).not.toContain('john')
  })

  it('caps what one document counts under --epsilon, so its sensitivity holds', () => {
    const wide = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i]))
    const capped = learnJsonPaths(Array(10).fill(wide), { minCount: 5, capped: true })!
    expect(capped.keys!.length).toBeLessThan(32)
  })
})

describe('JSON documents drawn from a learned tree', () => {
  const tree = learnJsonPaths(vitals(), { minCount: 5 })!
  const model: ColumnModel = {
    name: 'vitals',
    nullFraction: 0,
    kind: 'shaped',
    format: 'json',
    document: tree as JsonNode,
    lengths: [],
  }
  const sampler = columnSampler(model, column, { family: 'postgres' })!
  const drawn = Array.from({ length: 2000 }, (_, row) =>
    String(sampler.draw(0.5, seededRandom(1, 'vitals', row))),
  )

  it('writes valid JSON with the learned path set and presence near the source', () => {
    const real = pathRowShares(vitals())
    const twin = pathRowShares(drawn)
    expect([...twin.keys()].sort()).toEqual(jsonPathSet(tree).sort())
    for (const [path, share] of twin) expect(Math.abs(share - (real.get(path) ?? 0))).toBeLessThan(0.05)
  })

  it('keeps numbers within the learned range', () => {
    const sys = drawn.map((d) => (JSON.parse(d) as { bp: { sys: number } }).bp.sys)
    expect(Math.min(...sys)).toBeGreaterThanOrEqual(100)
    expect(Math.max(...sys)).toBeLessThanOrEqual(139)
    expect(sys.every(Number.isInteger)).toBe(true)
  })
})

describe('JSON numbers in the copula and their decimals (issue 17.4)', () => {
  it('lists numeric paths reached through object keys only, and reads a document at them', () => {
    const tree = learnJsonPaths(vitals(), { minCount: 5 })!
    expect(numericKeyPaths(tree).map((p) => p.path)).toEqual(['$.bp.dia', '$.bp.sys', '$.pulse'])
    expect(numberAt({ bp: { sys: 120 } }, ['bp', 'sys'])).toBe(120)
    expect(numberAt({ bp: 'n/a' }, ['bp', 'sys'])).toBeNull()
    expect(numberAt({ pulse: [70] }, ['pulse'])).toBeNull()
  })

  it('learns the decimals non-integers are written with, and draws numbers with them', () => {
    const docs = Array.from({ length: 50 }, (_, i) => ({
      temp: 36 + (i % 30) / 10,
      dose: i % 2 === 0 ? 0.25 : 0.5,
    }))
    const tree = learnJsonPaths(docs, { minCount: 5 })!
    const node = (key: string) => tree.keys!.find((k) => k.key === key)!.node
    expect(node('temp').numbers).toMatchObject({ integer: false, digits: 1 })
    expect(node('dose').numbers).toMatchObject({ integer: false, digits: 2 })
  })
})
