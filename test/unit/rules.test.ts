import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DbtwinError } from '../../src/errors.js'
import { resolveRules } from '../../src/rules/resolve-rules.js'
import { loadRules, parseRuleFile } from '../../src/rules/rule-file.js'
import type { Column, Schema, Table } from '../../src/schema/schema.js'
import { column } from '../fixtures/columns.js'

const table = (name: string, columns: Column[], extra: Partial<Table> = {}): Table => ({
  schema: 'app',
  name,
  columns,
  primaryKey: { name: `${name}_pkey`, columns: ['id'] },
  uniques: [],
  foreignKeys: [],
  checks: [],
  estimatedRows: 0,
  comment: null,
  partitions: [],
  ...extra,
})

/** A small schema: people (email is a unique key that orders reference) and their orders. */
export const SCHEMA: Schema = {
  formatVersion: 1,
  dialect: 'postgres',
  database: 'shop',
  schemas: ['app'],
  enums: [],
  objects: [],
  skipped: [],
  tables: [
    table(
      'people',
      [
        column('id', 'integer', { nullable: false }),
        column('email', 'varchar', { nullable: false }),
        column('first_name', 'varchar'),
        column('last_name', 'varchar'),
        column('birth_date', 'date', { nullable: false }),
        column('ssn', 'varchar', { length: 11 }),
      ],
      { uniques: [{ name: 'people_email_key', columns: ['email'] }] },
    ),
    table(
      'orders',
      [
        column('id', 'integer', { nullable: false }),
        column('person_email', 'varchar', { nullable: false }),
        column('card', 'varchar'),
        column('placed_at', 'timestamp'),
      ],
      {
        foreignKeys: [
          {
            name: 'orders_person_fk',
            columns: ['person_email'],
            references: { schema: 'app', name: 'people', columns: ['email'] },
            onDelete: 'no action',
            onUpdate: 'no action',
            deferrable: false,
            initiallyDeferred: false,
            validated: true,
          },
        ],
      },
    ),
  ],
}

/** Parses and resolves a rule file against SCHEMA; returns the error message, or null when it is accepted. */
function problemWith(text: string): string | null {
  try {
    resolveRules(SCHEMA, parseRuleFile(text, 'r.yaml'))
    return null
  } catch (error) {
    if (!(error instanceof DbtwinError)) throw error
    return error.message
  }
}

describe('rule files: every bad rule gets its precise error', () => {
  const cases: [string, string, string][] = [
    [
      'invalid YAML',
      'rules:\n  - column: "*.email\n',
      'r.yaml:3:1: Missing closing "quote, in "- column: "*.email"',
    ],
    ['a YAML syntax error names the offending text', 'rules:\n  - column: x\n   faker: [a\n', 'r.yaml:'],
    [
      'unknown faker method',
      'rules:\n  - column: "*.last_name"\n    faker: person.lastNme\n',
      'r.yaml:3:12: faker has no method "person.lastNme" (did you mean "person.lastName"?)',
    ],
    [
      'misspelled action',
      'rules:\n  - column: "*.email"\n    fakr: internet.email\n',
      'r.yaml:3:11: unknown key "fakr" (did you mean "faker"?)',
    ],
    [
      'two actions',
      'rules:\n  - column: "*.email"\n    hash: true\n    null: true\n',
      'r.yaml:2:5: give exactly one action of faker, template, mask, hash, shift-date, generalize, null, constant, pick, keep, model, words; found hash, null',
    ],
    [
      'unknown PII kind',
      'rules:\n  - pii: emial\n    hash: true\n',
      'r.yaml:2:10: unknown PII kind "emial" (did you mean "email"?)',
    ],
    [
      'unknown template method',
      'rules:\n  - column: "*.email"\n    template: "{{person.frstName}}@example.org"\n',
      'r.yaml:3:15: faker has no method "person.frstName" (did you mean "person.firstName"?)',
    ],
    [
      'unknown locale',
      'rules:\n  - column: "*.first_name"\n    locale: deu\n    faker: person.firstName\n',
      'r.yaml:3:13: unknown locale "deu" (did you mean "de"?)',
    ],
    [
      'unknown mask option',
      'rules:\n  - column: "*.card"\n    mask: { keep_last: 4 }\n',
      'r.yaml:3:11: mask: unknown option "keep_last"; expected',
    ],
    [
      'a table that does not exist',
      'rules:\n  - column: "*.peeple.email"\n    hash: true\n',
      'r.yaml:2:5: column "*.peeple.email": no table "*.peeple" (did you mean "people"?)',
    ],
    [
      'a column that does not exist',
      'rules:\n  - column: "people.emial"\n    hash: true\n',
      'r.yaml:2:5: table "people" has no column "emial" (did you mean "email"?)',
    ],
    [
      'an action that does not fit the type',
      'rules:\n  - column: "*.people.ssn"\n    shift-date: 30\n',
      'shift-date works on dates and timestamps, not on the varchar column app.people.ssn',
    ],
    [
      'faker giving numbers for text is fine, dates for an integer is not',
      'rules:\n  - column: "*.orders.id"\n    faker: date.past\n',
      'faker date.past gives a dates, which do not fit the integer column app.orders.id',
    ],
    [
      'null for a NOT NULL column',
      'rules:\n  - column: "*.birth_date"\n    null: true\n',
      'app.people.birth_date is NOT NULL, so it cannot be set to null',
    ],
    [
      'mask on a unique column',
      'rules:\n  - column: "*.people.email"\n    mask: true\n',
      'mask repeats values, so app.people.email (a key) would not stay unique; use hash',
    ],
    [
      'a rewritten FK that disagrees with its parent',
      'rules:\n  - column: "*.people.email"\n    hash: true\n  - column: "*.person_email"\n    faker: internet.email\n',
      'r.yaml:4:5: app.orders.person_email references app.people.email, which r.yaml:2:5 rewrites',
    ],
    [
      'a shift-date entity that is not a column',
      'rules:\n  - column: "*.placed_at"\n    shift-date: { days: 9, entity: person }\n',
      'shift-date entity "person" is not a column of app.orders (did you mean "person_email"?)',
    ],
  ]
  it.each(cases)('%s', (_name, text, expected) => {
    expect(problemWith(text)).toContain(expected)
  })

  it('reports every problem of a file together', () => {
    const message = problemWith('rules:\n  - column: a\n    fakr: x\n  - pii: emial\n    hash: true\n')
    expect(message).toMatch(/^the rules: 2 problems\n/)
    expect(message).toContain('r.yaml:3:11')
    expect(message).toContain('r.yaml:4:10')
  })

  it('accepts every action in its documented forms', () => {
    const text = `
locale: de
rules:
  - { column: "*.first_name", faker: person.firstName }
  - { column: "*.last_name", faker: { method: person.lastName, args: [] }, locale: fr }
  - { column: "*.people.email", template: "{{person.firstName}}@example.org" }
  - { column: "*.card", mask: { keep-last: 4, char: "#" } }
  - { column: "*.ssn", hash: digits }
  - { column: "*.birth_date", shift-date: { days: 30, entity: id } }
  - { column: "*.placed_at", null: true }
  - { pii: free-text, constant: "redacted" }
  - { pii: postcode, pick: ["10001", "94105"] }
  - { column: "*.orders.id", keep: "a surrogate key" }
  - { column: "*.people.id", model: true }
`
    expect(problemWith(text)).toBeNull()
    const resolved = resolveRules(SCHEMA, parseRuleFile(text, 'r.yaml'))
    expect(resolved.get('app.people.first_name')?.action).toEqual({
      kind: 'faker',
      method: 'person.firstName',
      args: [],
      locale: 'de',
    })
    expect(resolved.get('app.people.last_name')?.action).toMatchObject({ locale: 'fr' })
  })
})

describe('which rule decides a column', () => {
  const winner = (text: string, id: string, pii: [string, string][] = []) =>
    resolveRules(SCHEMA, parseRuleFile(text, 'r.yaml'), new Map(pii) as never).get(id)?.action.kind

  it('prefers the more specific pattern, whatever the order', () => {
    const text =
      'rules:\n  - { column: "app.people.email", keep: true }\n  - { column: "*.email", hash: true }\n'
    expect(winner(text, 'app.people.email')).toBe('keep')
  })

  it('takes the later of two equally specific rules', () => {
    const text = 'rules:\n  - { column: "*.ssn", hash: true }\n  - { column: "*.ssn", null: true }\n'
    expect(winner(text, 'app.people.ssn')).toBe('null')
  })

  it('matches by detected PII kind, below any rule that names the column', () => {
    const text = 'rules:\n  - { pii: national-id, hash: digits }\n  - { column: last_name, keep: true }\n'
    const pii: [string, string][] = [
      ['app.people.ssn', 'national-id'],
      ['app.people.last_name', 'national-id'],
    ]
    expect(winner(text, 'app.people.ssn', pii)).toBe('hash')
    expect(winner(text, 'app.people.last_name', pii)).toBe('keep')
    expect(winner(text, 'app.people.first_name', pii)).toBeUndefined()
  })

  it('gives a foreign key the rule of the key it references', () => {
    const resolved = resolveRules(
      SCHEMA,
      parseRuleFile('rules:\n  - { column: "people.email", hash: true }\n', 'r.yaml'),
    )
    expect(resolved.get('app.orders.person_email')).toBe(resolved.get('app.people.email'))
  })

  it('follows includes once, relative to the including file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dbtwin-rules-'))
    await writeFile(join(dir, 'base.yaml'), 'rules:\n  - { column: "*.ssn", hash: true }\n')
    await writeFile(
      join(dir, 'app.yaml'),
      'include: base.yaml\nrules:\n  - { column: "*.card", mask: true }\n',
    )
    const rules = await loadRules(dir)
    expect(rules.map((r) => r.column)).toEqual(['*.ssn', '*.card'])
  })

  it('follows an include given as an absolute path as it is', async () => {
    const shared = await mkdtemp(join(tmpdir(), 'dbtwin-rules-shared-'))
    const dir = await mkdtemp(join(tmpdir(), 'dbtwin-rules-'))
    await writeFile(join(shared, 'base.yaml'), 'rules:\n  - { column: "*.ssn", hash: true }\n')
    await writeFile(
      join(dir, 'app.yaml'),
      `include: ${JSON.stringify(join(shared, 'base.yaml'))}\nrules: []\n`,
    )
    const rules = await loadRules(dir)
    expect(rules.map((r) => r.column)).toEqual(['*.ssn'])
  })

  it('reads no file but YAML, and quotes no key that is not a name: an include must not print another file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dbtwin-rules-'))
    await writeFile(join(dir, 'secrets.txt'), 'rules: []\n')
    await writeFile(join(dir, 'stolen.yaml'), 'admin:$6$salt$hash:20228:0:99999:7::\n')
    await writeFile(join(dir, 'app.yaml'), 'include: [secrets.txt, stolen.yaml]\nrules: []\n')
    const failure = loadRules(join(dir, 'app.yaml'))
    await expect(failure).rejects.toThrow(
      /app\.yaml:1:11: a rule file ends in \.yaml or \.yml, not .*secrets\.txt/,
    )
    await expect(failure).rejects.toThrow(/stolen\.yaml:1:\d+: unknown key \(not a key name\)/)
    await expect(failure).rejects.not.toThrow(/\$6\$/)
  })

  it('names the include that cannot be read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dbtwin-rules-'))
    await writeFile(join(dir, 'app.yaml'), 'include: [missing.yaml]\nrules: []\n')
    await expect(loadRules(dir)).rejects.toThrow(/app\.yaml:1:11: cannot read rule file .*missing\.yaml/)
  })

  it('loads the shipped rules against the sample schema without a problem', async () => {
    const rules = await loadRules('rules/clinic/')
    expect(rules.filter((r) => r.pii !== null).length).toBeGreaterThan(10)
  })

  it('keeps rules/ itself to the PII pack, which fits any schema', async () => {
    const rules = await loadRules('rules/')
    expect(new Set(rules.map((r) => r.source.split(':')[0]))).toEqual(new Set(['rules/pii-pack.yaml']))
    expect(() => resolveRules(SCHEMA, rules)).not.toThrow()
  })
})
