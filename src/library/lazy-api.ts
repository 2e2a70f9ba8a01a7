import type { Connection } from '../dialects/connection.js'
import type { Database, OpenOptions } from '../dialects/dialect.js'
import type { LoadPlan } from '../graph/load-plan.js'
import type { LearnEvent, LearnOptions } from '../learn/learn.js'
import type { Model } from '../model/model.js'
import type { Report } from '../report/report.js'
import type { ReportEvent, ReportOptions } from '../report/report-twin.js'
import type { RulesSource } from '../rules/rule-file.js'
import type { CheckResult, ScanResult } from '../rules/scan.js'
import type { ScanOptions } from '../rules/scan-database.js'
import type { RootSelection, SubsetOptions } from '../subset/subset-options.js'
import type { SubsetEvent, SubsetPlan, SubsetResult } from '../subset/subset.js'
import type { Schema } from '../schema/schema.js'
import type { CloneOptions } from '../write/clone.js'
import type { GenerateEvent, GenerateOptions, GenerateResult } from '../write/generate-into-target.js'

// The package root loads no driver, no kysely, zod, yaml or faker: each entry point imports its stage when it is
// first called (issue 21: `import('dbtwin')` took 1.1 s, 0.2 s of it kysely and 0.4 s faker's locales).

/** Every entry point reports progress through `onEvent`, and stops (rolling back any write) once `signal` aborts. */
export interface Progress<E> {
  onEvent?: (event: E) => void
  signal?: AbortSignal
}

/**
 * The portable schema of a database and the plan for writing it: load order, cycles and the foreign keys that
 * break them. Read over a read-only connection.
 *
 * @example
 * const { schema, plan } = await inspect('postgres://reader@replica:5432/clinic')
 * console.log(schema.tables.length, plan.order)
 */
export async function inspect(database: Connection): Promise<{ schema: Schema; plan: LoadPlan }> {
  const schema = await introspect(database)
  return { schema, plan: (await import('../graph/load-plan.js')).planLoad(schema) }
}

/**
 * The portable schema of a database alone.
 *
 * @example
 * const schema = await introspect(myKysely)
 */
export async function introspect(database: Connection): Promise<Schema> {
  return (await import('../dialects/introspect.js')).introspect(database)
}

/**
 * Opens a URL, or wraps a caller's connection, as dbtwin's Database; `close` leaves a caller's connection open.
 *
 * @example
 * const source = await openDatabase(pool, { readOnly: true })
 * try { console.log((await source.introspect()).tables.length) } finally { await source.close() }
 */
export async function openDatabase(database: Connection, options: OpenOptions = {}): Promise<Database> {
  return (await import('../dialects/open-database.js')).openDatabase(database, options)
}

/**
 * The columns of a database that hold personal data, with a confidence and evidence (never the values sampled).
 *
 * @example
 * const { columns } = await scan(pool)
 * for (const c of columns) console.log(c.column, c.kind)
 */
export async function scan(database: Connection, options: ScanOptions = {}): Promise<ScanResult> {
  return (await import('../rules/scan.js')).scan(database, options)
}

/**
 * Scans a database and checks that a rule covers every PII column found (`uncovered` lists those none does).
 *
 * @example
 * const { uncovered } = await check(pool, { rules: 'rules/' })
 */
export async function check(
  database: Connection,
  options: ScanOptions & { rules: RulesSource },
): Promise<CheckResult> {
  const { rules, ...scanOptions } = options
  return (await import('../rules/scan.js')).check(database, rules, scanOptions)
}

/**
 * Learns a model of a database (statistics, never records) over a read-only connection.
 *
 * @example
 * const model = await learn(db, { rules: 'rules/', seed: 7, onEvent: (e) => console.error(e.step) })
 */
export async function learn(
  database: Connection,
  options: LearnOptions & Progress<LearnEvent> = {},
): Promise<Model> {
  const { onEvent, ...learnOptions } = options
  return (await import('../learn/learn.js')).learn(database, learnOptions, onEvent)
}

/**
 * Writes a twin generated from a model into a database; on any failure, or once `signal` aborts, the write is
 * rolled back.
 *
 * @example
 * await generate(model, 'pglite://.dbtwin/twin', { scale: 0.5, seed: 7 })
 */
export async function generate(
  model: Model,
  target: Connection,
  options: GenerateOptions & Progress<GenerateEvent> = {},
): Promise<GenerateResult> {
  const { onEvent, ...generateOptions } = options
  return (await import('../write/generate-into-target.js')).generate(model, target, generateOptions, onEvent)
}

/**
 * learn then generate in one go, the model kept in memory.
 *
 * @example
 * const { result } = await clone(source, 'pglite://.dbtwin/twin', { rules: 'rules/', scale: 0.1 })
 */
export async function clone(
  source: Connection,
  target: Connection,
  options: CloneOptions & Progress<LearnEvent | GenerateEvent> = {},
): Promise<{ model: Model; result: GenerateResult }> {
  const { onEvent, ...cloneOptions } = options
  return (await import('../write/clone.js')).clone(source, target, cloneOptions, onEvent)
}

/** Subset options as the library takes them: roots as `schema.table where …` text or as parsed selections. */
export type SubsetRequest = Omit<SubsetOptions, 'roots'> & {
  roots: readonly (string | RootSelection)[]
} & Progress<SubsetEvent>

/**
 * Copies a referentially complete slice of a source into a target, PII rewritten by the rules.
 *
 * @example
 * await subset(source, target, { rules: 'rules/', roots: ["clinic.patients where zip = '10001'"] })
 */
export async function subset(
  source: Connection,
  target: Connection,
  options: SubsetRequest,
): Promise<SubsetResult> {
  const { onEvent, ...rest } = options
  const subsetting = await import('../subset/subset.js')
  return subsetting.subset(source, target, await withParsedRoots(rest), onEvent)
}

/**
 * What a subset would copy, per table and why, without writing anything.
 *
 * @example
 * const plan = await planSubset(source, { roots: ['clinic.patients limit 10'] })
 */
export async function planSubset(source: Connection, options: SubsetRequest): Promise<SubsetPlan> {
  const { onEvent, ...rest } = options
  const subsetting = await import('../subset/subset.js')
  return (
    await subsetting.subset(source, null, { ...(await withParsedRoots(rest)), planOnly: true }, onEvent)
  ).plan
}

async function withParsedRoots<T extends { roots: readonly (string | RootSelection)[] }>(
  options: T,
): Promise<Omit<T, 'roots'> & { roots: RootSelection[] }> {
  const { parseRoot } = await import('../subset/subset-options.js')
  return { ...options, roots: options.roots.map((r) => (typeof r === 'string' ? parseRoot(r) : r)) }
}

/**
 * Compares a twin with its source (`real`), or with the model it came from, and scores how faithful, private and
 * consistent it is.
 *
 * @example
 * const r = await report(twin, { real: source, model, failUnder: { quality: 0.85 } })
 * console.log(r.verdicts.quality.score)
 */
export async function report(
  twin: Connection,
  options: ReportOptions & Progress<ReportEvent> & { real?: Connection },
): Promise<Report> {
  const { onEvent, real, ...reportOptions } = options
  return (await import('../report/report-twin.js')).report(real ?? null, twin, reportOptions, onEvent)
}
