import { QUANTILE_LEVELS, type ColumnModel, type Model } from '../model/model.js'
import { seededRandom, type Random } from '../random/seeded-random.js'
import type { Table } from '../schema/schema.js'
import { randomStreamName, tableName } from '../schema/table-name.js'

/**
 * The reference side of a report without a source: rows drawn from the model's marginals (each column on its
 * own, so pairs are compared with the model's copula instead of these rows). Pure.
 */

export function modelRowCount(model: Model, table: Table): number {
  return model.tables.find((t) => t.table === tableName(table))?.rows ?? 0
}

/** Up to `limit` rows whose columns follow the learned marginals: quantiles, categories, null shares. */
export function modelSampleRows(
  model: Model,
  table: Table,
  limit: number,
  seed: number,
): Record<string, unknown>[] {
  const learned = model.tables.find((t) => t.table === tableName(table))
  if (learned === undefined) return []
  const n = Math.min(limit, learned.rows)
  const draws = learned.columns.map((c) => ({
    name: c.name,
    draw: drawFrom(c, seededRandom(seed, 'report', randomStreamName(model.schema, table), c.name)),
  }))
  return Array.from({ length: n }, () => Object.fromEntries(draws.map((d) => [d.name, d.draw()])))
}

function drawFrom(column: ColumnModel, random: Random): () => unknown {
  const orNull = (draw: () => unknown) => () => (random.next() < column.nullFraction ? null : draw())
  switch (column.kind) {
    case 'numeric':
      return orNull(() => interpolate(column.quantiles, random.next()))
    case 'temporal': {
      // Quantiles of times are text; a value at a level is the nearer quantile, enough for shapes and histograms.
      const q = column.quantiles
      return orNull(() => q[Math.min(q.length - 1, Math.round(random.next() * (q.length - 1)))])
    }
    case 'categorical':
    case 'text': {
      const categories = column.kind === 'text' ? (column.categories ?? []) : column.categories
      if (categories.length === 0) return () => null
      const weights = categories.map((c) => c.frequency)
      return orNull(() => categories[random.weighted(weights)]!.value)
    }
    default:
      return () => null
  }
}

/** The value at a uniform level, linear between the two learned quantiles around it. */
function interpolate(quantiles: readonly number[], u: number): number {
  let i = 1
  while (i < QUANTILE_LEVELS.length - 1 && QUANTILE_LEVELS[i]! < u) i++
  const [l0, l1] = [QUANTILE_LEVELS[i - 1]!, QUANTILE_LEVELS[i]!]
  const [q0, q1] = [quantiles[i - 1]!, quantiles[i]!]
  return l1 === l0 ? q0 : q0 + ((q1 - q0) * (u - l0)) / (l1 - l0)
}
