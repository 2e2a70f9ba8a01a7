import { describe, expect, it } from 'vitest'
import { resolveConstraints } from '../../src/rules/declared-constraints.js'
import { expressionFor } from '../../src/dialects/declared-expression-sql.js'
import { declaredExpressionProblem } from '../../src/rules/declared-expression.js'
import { loadRuleSet, parseRuleFile, parseRuleSet } from '../../src/rules/rule-file.js'
import type { Schema } from '../../src/schema/schema.js'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const constraint = (line: string) => `constraints:\n  - table: clinic."lab results"\n    ${line}\n`

describe('declared constraints in a rule file', () => {
  it('refuses SQL that is more than one expression, with file:line:column', () => {
    expect(() => parseRuleFile(constraint('check: "1; drop table x"'), 'r.yaml')).toThrow(
      /^r\.yaml:3:12: check "1; drop table x" is not one plain expression over the table's columns: ";" \(character 2\)$/,
    )
    expect(() =>
      parseRuleFile(constraint('derive: { column: flag, as: "(select max(value) from x)" }'), 'r.yaml'),
    ).toThrow(/^r\.yaml:3:13: derive .*a subquery \("select"\)/)
    expect(() => parseRuleFile(constraint('check: "pg_sleep(10) is null"'), 'r.yaml')).toThrow(
      /r\.yaml:3:12: .*the function pg_sleep\(\)/,
    )
    expect(() => parseRuleFile(constraint('check: "value > 1 -- and more"'), 'r.yaml')).toThrow(
      /the comment "--"/,
    )
    expect(() => parseRuleFile(constraint('check: "other.value > 1"'), 'r.yaml')).toThrow(
      /the qualified name "other\.value": name the table's own columns alone/,
    )
  })

  it('names an unknown key and a missing or doubled kind', () => {
    expect(() => parseRuleFile(constraint('chek: "value > 0"'), 'r.yaml')).toThrow(
      /r\.yaml:3:11: unknown key "chek" \(did you mean "check"\?\)/,
    )
    expect(() => parseRuleFile(constraint('check: "a > 0"\n    combinations: [a, b]'), 'r.yaml')).toThrow(
      /r\.yaml:2:5: give exactly one of derive, check, combinations; found check, combinations/,
    )
  })

  it('reads each kind, and loadRuleSet keeps them beside the column rules', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dbtwin-declared-'))
    const file = join(dir, 'r.yaml')
    await writeFile(
      file,
      `rules:
  - { column: "*.email", hash: true }
constraints:
  - table: clinic."lab results"
    derive: { column: flag, as: "case when value > ref_high then 'H' when value < ref_low then 'L' end" }
  - table: billing.claims
    check: "amount >= 0"
  - table: clinic.encounters
    combinations: [kind, department_id]
`,
    )
    const { rules, constraints } = await loadRuleSet(file)
    expect(rules).toHaveLength(1)
    expect(constraints.map((c) => [c.kind, c.table, c.at.rule.replace(dir, '')])).toEqual([
      ['derive', 'clinic."lab results"', '/r.yaml:5:13'],
      ['check', 'billing.claims', '/r.yaml:7:12'],
      ['combinations', 'clinic.encounters', '/r.yaml:9:19'],
    ])
  })
})

const column = (name: string) => ({ name }) as Schema['tables'][number]['columns'][number]
const SCHEMA = {
  database: 'clinic',
  tables: [
    {
      schema: 'clinic',
      name: 'lab results',
      columns: ['id', 'value', 'ref_low', 'ref_high', 'flag'].map(column),
    },
  ],
} as unknown as Schema

describe('resolving declared constraints against a schema', () => {
  it('finds the table by schema.table or its name, and refuses unknown columns with the place', () => {
    const [derive] = parseRuleFileConstraints(
      constraint(`derive: { column: flag, as: "case when value > ref_high then 'H' end" }`),
    )
    expect(resolveConstraints(SCHEMA, [derive!]).problems).toEqual([])
    const [wrong] = parseRuleFileConstraints(constraint('derive: { column: flags, as: "value" }'))
    expect(resolveConstraints(SCHEMA, [wrong!]).problems).toEqual([
      {
        at: 'r.yaml:3:13',
        message:
          'no column "flags" in clinic."lab results" (did you mean "flag"?); its columns: id, value, ref_low, ref_high, flag',
      },
    ])
    const [unknown] = parseRuleFileConstraints(constraint('check: "valeu > 0"'))
    expect(resolveConstraints(SCHEMA, [unknown!]).problems[0]?.message).toMatch(
      /^check "valeu > 0": "valeu" is not a column of the table; its columns: id, value/,
    )
  })
})

describe('declaredExpressionProblem', () => {
  it('lets through casts, functions, typed literals and CASE over the columns', () => {
    const columns = ['value', 'ref_low', 'ref_high', 'taken']
    for (const ok of [
      'coalesce(value, 0)::numeric >= 0',
      'cast(value as decimal(10,2)) between ref_low and ref_high',
      "taken >= date '2020-01-01'",
      "case when value > ref_high then 'H' else null end",
    ])
      expect(declaredExpressionProblem(ok, columns), ok).toBeNull()
    expect(declaredExpressionProblem('value > (select 1)', columns)).toMatch(/subquery/)
    expect(declaredExpressionProblem('value; delete from x', columns)).toMatch(/";"/)
  })

  it("calls each engine's plain built-ins, and no function that reaches the server's files or sessions", () => {
    const columns = ['value', 'note', 'taken']
    for (const ok of ['ifnull(value, 0) > 0', 'datediff(taken, curdate()) < 30', 'lower(note) = upper(note)'])
      expect(declaredExpressionProblem(ok, columns), ok).toBeNull()
    // The denylist named these; the allowlist refuses what it never named too.
    expect(declaredExpressionProblem("concat(note, load_file('/etc/passwd'))", columns)).toMatch(/load_file/)
    expect(declaredExpressionProblem("table_to_xml('t', true, true, '') is null", columns)).toMatch(
      /a call of table_to_xml\(\)/,
    )
    expect(declaredExpressionProblem('pg_promote() or value > 0', columns)).toMatch(
      /a call of pg_promote\(\)/,
    )
  })
})

function parseRuleFileConstraints(text: string) {
  return parseRuleSet(text, 'r.yaml').constraints
}

describe('expressionFor', () => {
  it("puts quoted names in the engine's quotes and leaves literals alone", () => {
    expect(expressionFor(`"ref high" > 0 and flag <> '"x"'`, 'mysql')).toBe(
      '`ref high` > 0 and flag <> \'"x"\'',
    )
    expect(expressionFor("`a``b` = 'it''s'", 'postgres')).toBe("\"a`b\" = 'it''s'")
  })
})
