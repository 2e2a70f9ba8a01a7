import { columnSampler } from '../generate/column-sampler.js'
import type { ColumnModel, Model } from '../model/model.js'
import { seededRandom, type Random } from '../random/seeded-random.js'
import type { Column, Table } from '../schema/schema.js'
import { randomStreamName, tableName } from '../schema/table-name.js'
import { quantitativeKind, type ComparedColumn } from './table-samples.js'

/**
 * The reference side of a report without a source: rows drawn from the model's marginals (each column on its
 * own, so pairs are compared with the model's copula instead of these rows). Pure.
 */

export function modelRowCount(model: Model, table: Table): number {
  return model.tables.find((t) => t.table === tableName(table))?.rows ?? 0
}

/**
 * Up to `limit` rows whose columns follow the learned marginals — quantiles, categories, text lengths, shapes and
 * prefixes, null shares — drawn by the generator's own samplers, so the reference is what the model says a row is;
 * a reference table's own rows, which the model holds.
 */
export function modelSampleRows(
  model: Model,
  table: Table,
  limit: number,
  seed: number,
): Record<string, unknown>[] {
  const learned = model.tables.find((t) => t.table === tableName(table))
  if (learned === undefined) return []
  // A reference table's rows are in the model as they are: the model says the table is those rows.
  const reference = learned.reference
  if (reference !== undefined)
    return reference.rows
      .slice(0, limit)
      .map((row) => Object.fromEntries(reference.columns.map((c, i) => [c, row[i] ?? null])))
  const n = Math.min(limit, learned.rows)
  const family = model.schema.dialect === 'mysql' ? 'mysql' : 'postgres'
  const draws = learned.columns.map((c) => ({
    name: c.name,
    draw: drawFrom(
      c,
      table.columns.find((column) => column.name === c.name),
      family,
      seededRandom(seed, 'report', randomStreamName(model.schema, table), c.name),
    ),
  }))
  return Array.from({ length: n }, () => Object.fromEntries(draws.map((d) => [d.name, d.draw()])))
}

/**
 * How each column of a table is compared when the reference is the model: by what the model learned, not by what
 * a drawn sample happens to hold (a free-text column draws no repeated values, and would look like anything).
 * Null leaves a column out: keys, generated and ruled columns (the twin sets them on purpose), `shaped` ones
 * (UUIDs, JSON, binary: random or constant by design, as with a source) and `unmodeled` ones (nothing learned).
 */
export function modelColumnKinds(
  model: Model,
  table: Table,
): (column: Column) => ComparedColumn['kind'] | null {
  const learned = model.tables.find((t) => t.table === tableName(table))
  return (column) => {
    const c = learned?.columns.find((x) => x.name === column.name)
    switch (c?.kind) {
      case 'numeric':
      case 'temporal':
        // The type decides, as against a source: times of day are left out there too.
        return quantitativeKind(column)
      case 'categorical':
        return 'category'
      case 'text':
        // Categories exist only for text with few values; otherwise the model holds lengths and shapes, not values.
        return (c.categories?.length ?? 0) > 0 ? 'category' : 'text'
      default:
        return null
    }
  }
}

function drawFrom(
  learned: ColumnModel,
  column: Column | undefined,
  family: 'postgres' | 'mysql',
  random: Random,
): () => unknown {
  const sampler = column === undefined ? null : columnSampler(learned, column, { family })
  if (sampler === null) return () => null
  return () => {
    if (random.next() < learned.nullFraction) return null
    const value = sampler.draw(random.next(), random)
    return value === null ? null : sampler.format(value)
  }
}

/** The label that stands, on both sides, for the values a model does not name. */
export const UNNAMED_VALUES = '(rare values)'

/**
 * Category columns with every value the model does not name gathered under one label, on both sides. A model
 * keeps only the share of a column's rare values (`suppressedFraction`), never the values: the reference draws
 * new text for them, as the twin does, and two sets of new text never meet, so compared one by one they would cost
 * the column that share however faithful the twin is (customer.country in Chinook: 46%).
 */
export function gatherUnnamed(model: Model, table: Table, columns: ComparedColumn[]): ComparedColumn[] {
  const learned = model.tables.find((t) => t.table === tableName(table))
  return columns.map((c) => {
    const m = learned?.columns.find((x) => x.name === c.name)
    if (c.kind !== 'category' || (m?.kind !== 'categorical' && m?.kind !== 'text')) return c
    const named = new Set((m.categories ?? []).map((category) => String(category.value)))
    const gather = (values: ComparedColumn['real']) =>
      values.map((v) => (v === null || named.has(String(v)) ? v : UNNAMED_VALUES))
    return { ...c, real: gather(c.real), twin: gather(c.twin) }
  })
}
