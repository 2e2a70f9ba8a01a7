import { describe, expect, it } from 'vitest'
import type { RuleAction } from '../../src/rules/rule-file.js'
import { distinctRewriter, valueRewriter } from '../../src/rules/value-rewriter.js'
import type { Column } from '../../src/schema/schema.js'
import { column } from '../fixtures/columns.js'
import { distinctFakes } from '../support/distinct-fakes.js'

const text = column('c', 'varchar', { length: 120 })
const rewrite = (action: RuleAction, c: Column = text, secret = 's3cret') => valueRewriter(action, c, secret)

describe('consistent rewriting', () => {
  const actions: RuleAction[] = [
    { kind: 'faker', method: 'person.lastName', args: [], locale: null },
    { kind: 'template', template: '{{person.firstName}}.{{person.lastName}}@example.org', locale: null },
    { kind: 'hash', format: 'auto' },
    { kind: 'pick', values: ['a', 'b', 'c'] },
  ]
  it.each(actions.map((a) => [a.kind, a] as const))(
    '%s: one real value, one fake value, in every column and run',
    (_kind, action) => {
      const inPatients = rewrite(action)
      const inClaims = rewrite(action, column('c', 'text'))
      for (const real of ['Smith', 'ada@mail.example', '123-45-6789']) {
        expect(inPatients(real)).toBe(inClaims(real))
        expect(rewrite(action)(real)).toBe(inPatients(real))
      }
    },
  )

  it('a different secret gives different values', () => {
    const action: RuleAction = { kind: 'hash', format: 'auto' }
    expect(rewrite(action, text, 'one')('123-45-6789')).not.toBe(rewrite(action, text, 'two')('123-45-6789'))
  })

  it('never returns the real value, and keeps null null', () => {
    const r = rewrite({ kind: 'faker', method: 'person.lastName', args: [], locale: null })
    expect(r(null)).toBeNull()
    const reals = Array.from({ length: 200 }, (_, i) => `Realname${i}`)
    expect(reals.filter((v) => r(v) === v)).toEqual([])
  })
})

describe('format-preserving hash', () => {
  const hash = rewrite({ kind: 'hash', format: 'auto' })
  it('keeps separators and character classes', () => {
    expect(hash('123-45-6789')).toMatch(/^\d{3}-\d{2}-\d{4}$/)
    expect(hash('AB-1234')).toMatch(/^[A-Z]{2}-\d{4}$/)
    expect(hash('POL-000123')).toMatch(/^[A-Z]{3}-\d{6}$/)
    expect(hash('ada.lovelace@mail.example')).toMatch(/^[a-z]{3}\.[a-z]{8}@[a-z]{4}\.example$/)
  })

  it('maps one domain to one fake domain', () => {
    const domain = (email: string) => String(hash(email)).split('@')[1]
    expect(domain('a@mail.example')).toBe(domain('bob@mail.example'))
  })

  it('keeps 20,000 distinct digit strings distinct (a permutation; a million in test/slow)', async () => {
    const seen = await distinctFakes(20_000, (i) => hash(String(i).padStart(9, '0')))
    expect(seen.size).toBe(20_000)
  })

  it('keeps integers distinct, of the same digit count and within the column type', () => {
    const int = rewrite({ kind: 'hash', format: 'auto' }, column('c', 'integer'))
    const seen = new Set<number>()
    for (let i = 1; i <= 20_000; i++) {
      const fake = int(i) as number
      expect(String(fake).length).toBe(String(i).length)
      seen.add(fake)
    }
    expect(seen.size).toBe(20_000)
    expect(int(2_147_483_000)).toBeLessThanOrEqual(2_147_483_647)
  })
})

describe('unique columns stay unique', () => {
  it('faker names for 20,000 distinct values stay distinct through the distinct wrapper (a million in test/slow)', async () => {
    const email = distinctRewriter(
      rewrite({
        kind: 'template',
        template: '{{person.firstName}}.{{person.lastName}}@example.org',
        locale: null,
      }),
      text,
    )
    const seen = await distinctFakes(20_000, (i) => email(`user${i}@real.example`))
    expect(seen.size).toBe(20_000)
  })

  it('the wrapper gives a repeated real value its first fake value again, so foreign keys still join', () => {
    const r = distinctRewriter(
      rewrite({ kind: 'faker', method: 'person.lastName', args: [], locale: null }),
      text,
    )
    const first = r('K-1')
    r('K-2')
    expect(r('K-1')).toBe(first)
  })
})

describe('mask, shift-date, constant, type and length', () => {
  it('mask keeps the chosen characters and the separators', () => {
    const mask = rewrite({ kind: 'mask', keepFirst: 0, keepLast: 4, char: '*' })
    expect(mask('4111 1111 1111 1234')).toBe('**** **** **** 1234')
    expect(rewrite({ kind: 'mask', keepFirst: 1, keepLast: 0, char: 'x' })('Smith')).toBe('Sxxxx')
  })

  it('shift-date moves every row of one entity by the same offset, within ±days', () => {
    const shift = rewrite({ kind: 'shift-date', days: 30, entity: 'patient_id' }, column('c', 'date'))
    const offset = (before: string, after: string) => (Date.parse(after) - Date.parse(before)) / 86_400_000
    const a = offset('2020-01-10', String(shift('2020-01-10', 7)))
    const b = offset('2021-06-01', String(shift('2021-06-01', 7)))
    expect(a).toBe(b)
    expect(Math.abs(a)).toBeLessThanOrEqual(30)
    expect(a).not.toBe(0)
    const stamp = rewrite({ kind: 'shift-date', days: 5, entity: null }, column('c', 'timestamp'))
    expect(stamp('2020-02-28 13:45:00')).toMatch(/^2020-0[23]-\d\d 13:45:00$/)
  })

  it('cuts text to the column length', () => {
    const short = rewrite(
      { kind: 'faker', method: 'lorem.paragraph', args: [], locale: null },
      column('c', 'varchar', { length: 10 }),
    )
    expect(String(short('anything')).length).toBeLessThanOrEqual(10)
  })

  it('uses the locale asked for', () => {
    const german = rewrite({ kind: 'faker', method: 'location.streetAddress', args: [], locale: 'de' })
    const values = Array.from({ length: 30 }, (_, i) => String(german(`street ${i}`)))
    expect(values.some((v) => /(straße|weg|gasse|platz|allee|ring)/i.test(v))).toBe(true)
  })
})
