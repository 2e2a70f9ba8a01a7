import type { Database } from '../dialects/dialect.js'
import { round } from '../model/categories.js'
import type { Category, Invariant, TableModel } from '../model/model.js'
import { EXPLAINED, numericGivenCategory } from '../model/numeric-cells.js'
import { tableName } from '../schema/table-name.js'
import type { AncestorCandidate } from './invariant-candidates.js'
import { readAncestorSample } from '../dialects/queries/invariant-queries.js'

/**
 * Numbers explained by a category column one to three keys away (issue 18.5: a claim's amount by the department of
 * its encounter's provider): per number column the ancestor column with the highest η² on the table's sample, kept
 * when it is at least EXPLAINED and above what any category of the row explains (numericCells), with the number's
 * cells as numericGivenCategory makes them. One sample read per table and path.
 */
export async function learnAncestorCells(
  source: Database,
  candidates: readonly AncestorCandidate[],
  modelOf: (table: string) => TableModel | undefined,
  options: { sampleRows: number; minCount: number; seed: number },
): Promise<Invariant[]> {
  const best = new Map<string, Invariant & { kind: 'ancestor-cells' }>()
  for (const candidate of candidates) {
    const id = tableName(candidate.table)
    const model = modelOf(id)
    const ancestor = modelOf(tableName(candidate.path.end))
    if (model === undefined || ancestor === undefined || model.rows === 0 || model.reference !== undefined)
      continue
    const numbers = model.columns.filter((c) => c.kind === 'numeric').map((c) => c.name)
    const categories = candidate.categories.flatMap((c) => {
      const learned = ancestor.columns.find((l) => l.name === c.name)
      const released =
        learned?.kind === 'categorical' || learned?.kind === 'text' ? (learned.categories ?? []) : []
      return released.length < 2 ? [] : [{ name: c.name, released }]
    })
    if (numbers.length === 0 || categories.length === 0) continue
    const rows = await readAncestorSample(
      source,
      candidate.table,
      candidate.path.steps,
      numbers,
      categories.map((c) => c.name),
      {
        tableRows: model.rows,
        limit: options.sampleRows,
        seed: options.seed,
        key: candidate.table.primaryKey?.columns ?? candidate.path.steps[0]!.columns,
      },
    )
    const found = numericGivenCategory(
      numbers.map((name, i) => ({ name, values: rows.map((r) => finite(r[`n${i}`])) })),
      categories.map((c, i) => ({
        name: c.name,
        values: rows.map((r) => label(r[`c${i}`])),
        released: releasedByKey(c.released),
      })),
      options.minCount,
    )
    for (const cells of found) {
      const inRow = model.numericCells?.find((n) => n.column === cells.column)?.eta2 ?? 0
      const key = `${id}/${cells.column}`
      const sofar = best.get(key)?.strength ?? 0
      if (cells.eta2 < EXPLAINED || cells.eta2 <= inRow || cells.eta2 <= sofar) continue
      best.set(key, {
        kind: 'ancestor-cells',
        table: id,
        column: cells.column,
        path: candidate.path.steps.map((s) => s.name),
        ancestor: tableName(candidate.path.end),
        ancestorColumn: cells.given,
        cells: cells.cells,
        rows: rows.filter((r) => finite(r[`n${numbers.indexOf(cells.column)}`]) !== null).length,
        strength: round(cells.eta2, 4),
      })
    }
  }
  return [...best.values()]
}

function finite(value: unknown): number | null {
  if (value === null || value === undefined) return null
  const n = Number(value)
  return Number.isFinite(n) ? n : null
}

function label(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value)
  return JSON.stringify(value)
}

function releasedByKey(categories: readonly Category[]): Map<string, Category['value']> {
  return new Map(categories.map((c) => [String(c.value), c.value]))
}
