// The helpers that need yaml, zod or faker, loaded on first call (see lazy-api.ts): the same functions as the
// modules named, returning a promise.

/** One function of a module, imported when first called. */
function lazy<M, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
): M[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never {
  const call = async (...args: unknown[]) => {
    const fn = (await load())[name] as (...args: unknown[]) => unknown
    return fn(...args)
  }
  return call as never
}

const modelFile = () => import('../model/model-file.js')
const schemaFile = () => import('../schema/schema-file.js')
const ruleFile = () => import('../rules/rule-file.js')
const rules = () => import('../rules/resolve-rules.js')
const subsetOptions = () => import('../subset/subset-options.js')

/** @example const model = await parseModelFile(await readFile('model.yaml', 'utf8'), 'model.yaml') */
export const parseModelFile = lazy(modelFile, 'parseModelFile')
/** @example await writeFile('model.yaml', await formatModelFile(model)) */
export const formatModelFile = lazy(modelFile, 'formatModelFile')
/** @example const schema = await parseSchemaFile(await readFile('schema.yaml', 'utf8'), 'schema.yaml') */
export const parseSchemaFile = lazy(schemaFile, 'parseSchemaFile')
/** @example await writeFile('schema.yaml', await formatSchemaFile(schema, 'yaml')) */
export const formatSchemaFile = lazy(schemaFile, 'formatSchemaFile')
/** @example const rules = await loadRules('rules/') */
export const loadRules = lazy(ruleFile, 'loadRules')
/** @example const { rules, tables, constraints } = await loadRuleSet('rules/') */
export const loadRuleSet = lazy(ruleFile, 'loadRuleSet')
/** @example const rules = await parseRuleFile('rules:\n  - match: "*.email"\n    fake: email\n', 'inline.yaml') */
export const parseRuleFile = lazy(ruleFile, 'parseRuleFile')
/** @example const { rules } = await parseRuleSet(text, 'rules.yaml') */
export const parseRuleSet = lazy(ruleFile, 'parseRuleSet')
/** @example const resolved = await resolveRules(schema, rules, new Map()) */
export const resolveRules = lazy(rules, 'resolveRules')
/** @example const columns = await rewrittenColumns(resolved) */
export const rewrittenColumns = lazy(rules, 'rewrittenColumns')
/** @example const rewrite = await valueRewriter(rule.action, column, 'secret') */
export const valueRewriter = lazy(() => import('../rules/value-rewriter.js'), 'valueRewriter')
/** @example const yaml = await ruleSkeleton(database, columns, proposed) */
export const ruleSkeleton = lazy(() => import('../rules/rule-skeleton.js'), 'ruleSkeleton')
/** @example const root = await parseRoot("clinic.patients where zip = '10001'") */
export const parseRoot = lazy(subsetOptions, 'parseRoot')
/** @example const children = await parseChildren(['all', 'clinic.notes=3']) */
export const parseChildren = lazy(subsetOptions, 'parseChildren')
/** @example const fk = await parseVirtualForeignKey('clinic.notes(patient_id)->clinic.patients(id)') */
export const parseVirtualForeignKey = lazy(subsetOptions, 'parseVirtualForeignKey')
/** @example const options = await parseSubsetConfig(await readFile('subset.yaml', 'utf8'), 'subset.yaml') */
export const parseSubsetConfig = lazy(subsetOptions, 'parseSubsetConfig')
/** @example await generateFiles(model, 'out/', 'csv', { scale: 0.1, rows: {}, seed: 1, family: 'postgres' }) */
export const generateFiles = lazy(() => import('../write/file-output.js'), 'generateFiles')
