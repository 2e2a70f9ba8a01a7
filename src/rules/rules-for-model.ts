import type { Model } from '../model/model.js'
import { packageFile } from '../package-file.js'
import { tableName } from '../schema/table-name.js'
import { columnId, resolveRules, type ResolvedRules } from './resolve-rules.js'
import { loadRules, rewrites, type RulesSource } from './rule-file.js'

/**
 * The rules of a directory or file, resolved against a model's schema and the PII kinds it recorded, so `pii:`
 * rules match in `generate` as they did in `learn`. Broken rules fail here, before any target is opened.
 *
 * A column a rule rewrote when the model was learned holds nothing in the model: where the rules given here (or
 * none) leave it alone, the default PII pack decides it, so it is written as fake data rather than empty.
 */
export async function rulesForModel(model: Model, path: RulesSource | undefined): Promise<ResolvedRules> {
  const pii = new Map(model.pii.map((p) => [p.column, p.kind]))
  const rules = path === undefined ? new Map() : resolveRules(model.schema, await loadRules(path), pii)
  const tables = new Map(model.schema.tables.map((t) => [tableName(t), t]))
  const unruled = model.tables.flatMap((t) =>
    t.columns
      .filter((c) => c.kind === 'ruled')
      .map((c) => columnId(tables.get(t.table)!, c.name))
      .filter((id) => {
        const rule = rules.get(id)
        return rule === undefined || !rewrites(rule.action)
      }),
  )
  if (unruled.length === 0) return rules
  const pack = resolveRules(model.schema, await loadRules(packageFile('rules/pii-pack.yaml')), pii)
  for (const id of unruled) {
    const rule = pack.get(id)
    if (rule !== undefined && rewrites(rule.action)) rules.set(id, rule)
  }
  return rules
}
