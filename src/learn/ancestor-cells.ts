import { round } from '../model/categories.js'
import type { Category, Invariant, TableModel } from '../model/model.js'
import { EXPLAINED, numericGivenCategory } from '../model/numeric-cells.js'
import { tableName } from '../schema/table-name.js'
import type { AncestorCandidate, AncestorSample } from './invariant-candidates.js'

/** What ancestor cells read of one candidate's sample: the table's number columns, the ancestor's categories. */
export interface AncestorCellsColumns {
  numbers: string[]
  categories: { name: string; released: readonly Category[] }[]
}

/** The columns a candidate is asked about for ancestor cells, or null when it has none to ask. */
export function ancestorCellsColumns(
  candidate: AncestorCandidate,
  model: TableModel,
  ancestor: TableModel,
): AncestorCellsColumns | null {
  const numbers = model.columns.filter((c) => c.kind === 'numeric').map((c) => c.name)
  const categories = candidate.categories.flatMap((c) => {
    const learned = ancestor.columns.find((l) => l.name === c.name)
    const released =
      learned?.kind === 'categorical' || learned?.kind === 'text' ? (learned.categories ?? []) : []
    return released.length < 2 ? [] : [{ name: c.name, released }]
  })
  return numbers.length === 0 || categories.length === 0 ? null : { numbers, categories }
}

/**
 * Numbers explained by a category column one to three keys away (issue 18.5: a claim's amount by the department of
 * its encounter's provider): per number column the ancestor column with the highest η² on the table's sample, kept
 * in `best` when it is at least EXPLAINED and above what any category of the row explains (numericCells) and any
 * other path found so far, with the number's cells as numericGivenCategory makes them.
 */
export function chooseAncestorCells(
  candidate: AncestorCandidate,
  model: TableModel,
  columns: AncestorCellsColumns,
  sample: AncestorSample,
  minCount: number,
  best: Map<string, Invariant & { kind: 'ancestor-cells' }>,
): void {
  const id = tableName(candidate.table)
  const numbers = new Map(columns.numbers.map((name) => [name, sample.own(name).map(finite)]))
  const found = numericGivenCategory(
    columns.numbers.map((name) => ({ name, values: numbers.get(name)! })),
    columns.categories.map((c) => ({
      name: c.name,
      values: sample.ancestor(c.name).map(label),
      released: releasedByKey(c.released),
    })),
    minCount,
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
      rows: numbers.get(cells.column)!.filter((v) => v !== null).length,
      strength: round(cells.eta2, 4),
    })
  }
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
