import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateTwin } from '../../src/generate/generate-twin.js'
import { learn } from '../../src/learn/learn.js'
import type { Model } from '../../src/model/model.js'
import { rulesForModel } from '../../src/rules/rules-for-model.js'
import type { CellValue } from '../../src/schema/cell-value.js'
import { tableName } from '../../src/schema/table-name.js'
import { createSampleSource } from '../support/sample-source.js'
import { testDialects, type TestDatabase } from '../support/test-database.js'

const RULES = new URL('../../rules/clinic/', import.meta.url).pathname
const ADDED = 'added_score'

/** Every table's rows as generated in memory, each cell as text, by table. */
async function twinRows(model: Model, seed: number): Promise<Map<string, string[][]>> {
  const rules = await rulesForModel(model, RULES)
  const out = new Map<string, string[][]>()
  await generateTwin(
    model,
    { scale: 1, rows: {}, seed, family: 'postgres', rules },
    {
      table(table) {
        const rows: string[][] = []
        out.set(tableName(table), rows)
        return Promise.resolve((batch: CellValue[][]) => {
          for (const row of batch) rows.push(row.map((v) => JSON.stringify(v)))
          return Promise.resolve()
        })
      },
      update: () => Promise.resolve(),
      tableDone: () => Promise.resolve(),
    },
  )
  return out
}

/**
 * The model with a number column appended to a table that has a copula: a copy of one of its copula columns,
 * correlated with it at 0.5, as `ALTER TABLE … ADD COLUMN` appends a column a later learn would find.
 */
function withAddedColumn(model: Model): { grown: Model; table: string; position: number } {
  const grown = structuredClone(model)
  const tableModel = grown.tables.find(
    (t) =>
      t.copula !== null &&
      t.copula.columns.some((c) => t.columns.find((m) => m.name === c)?.kind === 'numeric'),
  )!
  const copula = tableModel.copula!
  const j = copula.columns.findIndex((c) => tableModel.columns.find((m) => m.name === c)?.kind === 'numeric')
  const copied = tableModel.columns.find((m) => m.name === copula.columns[j])!
  const table = grown.schema.tables.find((t) => tableName(t) === tableModel.table)!
  const column = table.columns.find((c) => c.name === copied.name)!
  table.columns.push({
    ...column,
    name: ADDED,
    nullable: true,
    default: null,
    identity: null,
    generated: null,
  })
  tableModel.columns.push({ ...copied, name: ADDED })
  const row = copula.correlation[j]!.map((v) => 0.5 * v)
  copula.correlation.forEach((r, i) => r.push(row[i]!))
  copula.correlation.push([...row, 1])
  copula.columns.push(ADDED)
  return { grown, table: tableModel.table, position: table.columns.length - 1 }
}

const dialect = testDialects().find((d) => d.available)

describe.skipIf(dialect === undefined)('random streams keyed by (seed, table, column)', () => {
  let source: TestDatabase
  let model: Model

  beforeAll(async () => {
    source = await createSampleSource(dialect!.name, 120)
    model = await learn(source.url, { rules: RULES, seed: 5 })
  }, 120_000)
  afterAll(() => source?.drop())

  it('a column appended to a table, even one correlated with others, changes no other value of the twin', async () => {
    const { grown, table, position } = withAddedColumn(model)
    const before = await twinRows(model, 11)
    const after = await twinRows(grown, 11)

    expect([...after.keys()]).toEqual([...before.keys()])
    for (const [name, rows] of before) {
      const grownRows = after.get(name)!
      expect(grownRows.length, name).toBe(rows.length)
      const kept = name === table ? grownRows.map((r) => r.filter((_, i) => i !== position)) : grownRows
      expect(kept, name).toEqual(rows)
    }
    // The added column is drawn, not left empty.
    const added = after.get(table)!.map((r) => r[position])
    expect(new Set(added).size).toBeGreaterThan(5)
  })

  it('the same model and seed give the same twin, and another seed another one', async () => {
    const first = await twinRows(model, 11)
    expect(await twinRows(model, 11)).toEqual(first)
    expect(await twinRows(model, 12)).not.toEqual(first)
  })
})
