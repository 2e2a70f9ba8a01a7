import type { Database } from '../dialects/dialect.js'
import { round } from '../model/categories.js'
import type { Category, FixedCombinations } from '../model/model.js'
import type { PrivacyBudget } from '../model/privacy-budget.js'
import type { Table } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'
import { readCombinations } from '../dialects/queries/invariant-queries.js'

/**
 * The combinations of a `combinations:` rule's columns that the source holds (issue 18.7), by one grouped count:
 * each count noised (sensitivity 1: a row is in one combination) and kept when at least minCount. Null when none is.
 */
export async function learnCombinations(
  source: Database,
  table: Table,
  columns: readonly string[],
  options: { minCount: number; budget: PrivacyBudget },
): Promise<FixedCombinations | null> {
  const id = `combinations/${tableName(table)}/${columns.join('/')}`
  const counted = (await readCombinations(source, table, columns)).flatMap((c) => {
    const values = c.values.map(cellValue)
    const rows = Math.round(options.budget.count(c.rows, 1, id, values.map(String).join('\u0000')))
    return rows < options.minCount ? [] : [{ values, rows }]
  })
  const total = counted.reduce((n, c) => n + c.rows, 0)
  if (total === 0) return null
  return {
    columns: [...columns],
    combinations: counted
      .sort((a, b) => a.values.map(String).join('\u0000').localeCompare(b.values.map(String).join('\u0000')))
      .map((c) => ({ values: c.values, frequency: round(c.rows / total) })),
  }
}

/** A value as the model file holds it: numbers and booleans as they are, everything else as text. */
function cellValue(value: unknown): Category['value'] {
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value
  if (value instanceof Date) return value.toISOString()
  return String(value)
}
