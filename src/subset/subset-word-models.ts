import type { Database } from '../dialects/dialect.js'
import { LEARN_DEFAULTS } from '../learn/learn.js'
import { readSample } from '../dialects/queries/source-queries.js'
import type { WordModel } from '../model/model.js'
import { textModelChoice } from '../model/text-model-choice.js'
import { columnId, type ResolvedRules } from '../rules/resolve-rules.js'
import type { Schema } from '../schema/schema.js'

/**
 * The word model of every column a `words` rule names, by column id, learned from a sample of the source as
 * `learn` learns it (LEARN_DEFAULTS: tokens and pairs of at least 5 rows), so a subset's notes are written from the
 * same released words a twin's are. Null where words are declined (too few, or none, seen in 5 rows).
 */
export async function subsetWordModels(
  source: Database,
  schema: Schema,
  rules: ResolvedRules,
  seed: number,
): Promise<Map<string, WordModel | null>> {
  const models = new Map<string, WordModel | null>()
  for (const table of schema.tables) {
    for (const column of table.columns) {
      const id = columnId(table, column.name)
      if (rules.get(id)?.action.kind !== 'words') continue
      const rows = await readSample(source, table, [column], table.primaryKey?.columns ?? [column.name], {
        tableRows: table.estimatedRows,
        limit: LEARN_DEFAULTS.sampleRows,
        seed,
      })
      const values = rows.flatMap((r) => (typeof r['c0'] === 'string' ? [r['c0']] : []))
      models.set(id, textModelChoice(values, { minCount: LEARN_DEFAULTS.minCount }).words ?? null)
    }
  }
  return models
}
