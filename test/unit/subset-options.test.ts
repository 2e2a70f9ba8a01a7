import { describe, expect, it } from 'vitest'
import {
  parseChildren,
  parseRoot,
  parseSubsetConfig,
  parseVirtualForeignKey,
} from '../../src/subset/subset-options.js'

describe('subset options', () => {
  it('reads the four forms of a root', () => {
    expect(parseRoot("clinic.patients where zip = '10001'")).toEqual({
      table: 'clinic.patients',
      kind: 'where',
      condition: "zip = '10001'",
    })
    expect(parseRoot('billing.claims 2.5%')).toEqual({
      table: 'billing.claims',
      kind: 'percent',
      percent: 2.5,
    })
    expect(parseRoot('clinic.patients limit 50')).toEqual({
      table: 'clinic.patients',
      kind: 'limit',
      rows: 50,
    })
    expect(parseRoot('"lab results"')).toEqual({ table: 'lab results', kind: 'all' })
  })

  it.each([
    ['billing.claims 0%', /0% is outside \(0, 100\]/],
    ['billing.claims 101%', /101% is outside \(0, 100\]/],
    ['billing.claims sometimes', /after the table comes `where <condition>`, `N%` or `limit N`/],
  ])('refuses the root %s', (root, message) => {
    expect(() => parseRoot(root)).toThrow(message)
  })

  it('reads children policies and virtual foreign keys', () => {
    expect(parseChildren(['none', 'billing.payments=2'])).toEqual({
      default: 'none',
      perTable: { 'billing.payments': 2 },
    })
    expect(() => parseChildren(['payments=many'])).toThrow(/give all, none, or table=N/)
    expect(parseVirtualForeignKey('app.orders(customer_ref, region) -> app.customers(ref, region)')).toEqual({
      from: { table: 'app.orders', columns: ['customer_ref', 'region'] },
      to: { table: 'app.customers', columns: ['ref', 'region'] },
    })
    expect(() => parseVirtualForeignKey('orders(a, b) -> customers(id)')).toThrow(/2 columns reference 1/)
  })

  it('reads a config file and names the key that is wrong', () => {
    const options = parseSubsetConfig(
      'rules: rules/\nroots: ["clinic.patients limit 5"]\nchildren: none\noptionalParents: "null"\n',
      'subset.yaml',
    )
    expect(options).toMatchObject({ rules: 'rules/', children: { default: 'none' }, optionalParents: 'null' })
    expect(() => parseSubsetConfig('roots: ["a limit 1"]\nchilren: none\n', 'subset.yaml')).toThrow(
      /^subset\.yaml:2:1: unknown key "chilren"$/,
    )
    expect(() => parseSubsetConfig('roots: []\n', 'subset.yaml')).toThrow(/subset\.yaml:1:8: roots: /)
  })

  it('names every problem of a config file together, each at its line and column', () => {
    const text = 'roots:\n  - clinic.patients 200%\n  - clinic.visits\nchildren: [many]\nseed: x\n'
    expect(() => parseSubsetConfig(text, 'subset.yaml')).toThrow(
      'subset.yaml:5:7: seed: Invalid input: expected number, received string',
    )
    expect(() => parseSubsetConfig(text.replace('seed: x\n', ''), 'subset.yaml')).toThrow(
      'subset.yaml: 2 problems\n  subset.yaml:2:5: roots.0: root "clinic.patients 200%": 200% is outside (0, 100]\n' +
        '  subset.yaml:4:11: children: --children "many": give all, none, or table=N',
    )
  })
})
