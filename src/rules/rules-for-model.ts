import type { Model } from '../model/model.js'
import { resolveRules, type ResolvedRules } from './resolve-rules.js'
import { loadRules } from './rule-file.js'

/**
 * The rules of a directory or file, resolved against a model's schema and the PII kinds it recorded, so `pii:`
 * rules match in `generate` as they did in `learn`. Broken rules fail here, before any target is opened.
 */
export async function rulesForModel(model: Model, path: string | undefined): Promise<ResolvedRules> {
  if (path === undefined) return new Map()
  return resolveRules(model.schema, await loadRules(path), new Map(model.pii.map((p) => [p.column, p.kind])))
}
