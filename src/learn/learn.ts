import { databaseFingerprint } from '../dialects/connection-url.js'
import { databaseIdentity } from '../dialects/database-identity.js'
import type { Connection } from '../dialects/connection.js'
import type { Database } from '../dialects/dialect.js'
import { openDatabase } from '../dialects/open-database.js'
import {
  MODEL_FORMAT_VERSION,
  type Category,
  type Invariant,
  type Model,
  type TableModel,
} from '../model/model.js'
import { PrivacyBudget } from '../model/privacy-budget.js'
import { columnId, type ResolvedRules } from '../rules/resolve-rules.js'
import { valueRewriter } from '../rules/value-rewriter.js'
import type { Schema, Table } from '../schema/schema.js'
import { loadRuleSet, type RulesSource } from '../rules/rule-file.js'
import { resolveTableRules } from '../rules/table-rules.js'
import { referenceTables, type ReferenceDecision } from '../model/reference-tables.js'
import { readReferenceRows } from './reference-rows.js'
import { scanDatabase, type PiiColumn } from '../rules/scan-database.js'
import { tableName } from '../schema/table-name.js'
import { VERSION } from '../version.js'
import { ancestorCandidates } from './invariant-candidates.js'
import { learnAncestorRules } from './ancestor-rules.js'
import { learnCombinations } from './fixed-combinations.js'
import { LEARN_DEFAULTS } from './learn-defaults.js'
import { learnInvariants } from './learn-invariants.js'
import { planLearn, type LearnPlan } from './learn-plan.js'
import { learnRelation } from './learn-relations.js'
import { inLanes } from './lanes.js'
import { learnTable, type LearnTableOptions } from './learn-table.js'

export interface LearnOptions {
  /** A rules directory or file: the columns its rules rewrite are never learned from their values. */
  rules?: RulesSource
  /** Rows sampled per table for quantiles, shapes, correlations and inequalities (default 50,000). */
  sampleRows?: number
  /** Values, shapes and bins seen fewer times are not written (default 5). */
  minCount?: number
  /** Differential-privacy budget for counts and histograms; none by default. */
  epsilon?: number
  seed?: number
  /** Aborting it stops learning before the next table (it only reads, so there is nothing to undo). */
  signal?: AbortSignal
  /**
   * Called with the source's schema before any row is read, so a caller can refuse now rather than after minutes
   * of learning (clone checks its target here).
   */
  beforeReading?: (schema: Schema, identity: string) => Promise<void>
}

/** Reported as learning goes, for progress bars. */
export type LearnEvent =
  | { step: 'table'; table: string; index: number; total: number; rows: number }
  | { step: 'relations'; table: string; index: number; total: number }
  | { step: 'unmodeled'; table: string; column: string; reason: string }
  /** Every table's reference decision (see referenceTables), and those synthesized only because of --epsilon. */
  | { step: 'reference'; decisions: ReferenceDecision[]; notPublic: string[] }

export { LEARN_DEFAULTS }

/**
 * Connections learn reads its source over at once, in one snapshot (where the engine can share one): two keep the
 * server and the learning process both busy on a machine of two cores, each working while the other waits.
 */
const LANES = 2

/**
 * Learns a model of the database a URL names, reading it over a read-only connection and pushing every aggregate
 * and sample into the database. The model holds statistics, never records.
 *
 * @example
 * const model = await learn('postgres://postgres@127.0.0.1:5432/clinic', { rules: 'rules/', seed: 7 })
 * await writeFile('model.yaml', formatModelFile(model))
 */
export async function learn(
  url: Connection,
  options: LearnOptions = {},
  onEvent: (e: LearnEvent) => void = () => {},
): Promise<Model> {
  const settings = {
    sampleRows: options.sampleRows ?? LEARN_DEFAULTS.sampleRows,
    minCount: options.minCount ?? LEARN_DEFAULTS.minCount,
    seed: options.seed ?? LEARN_DEFAULTS.seed,
  }
  // Rules are read (and refused if broken) before the source is touched.
  const ruleSet =
    options.rules === undefined
      ? { rules: [], tables: [], constraints: [] }
      : await loadRuleSet(options.rules)
  const database = await openDatabase(url, { readOnly: true })
  try {
    // One snapshot for every read: row counts, samples and relations describe the same data.
    const identity = await databaseIdentity(database)
    return await database.readSnapshots(LANES, async (lanes) => {
      const source = lanes[0]!
      const schema = await source.introspect()
      await options.beforeReading?.(schema, identity)
      // PII is detected first so that `pii:` rules can match, and so the model can say which columns looked like PII.
      const pii = await scanDatabase(source, schema, { seed: settings.seed })
      const plan = planLearn(schema, ruleSet, pii)
      const run: LearnRun = {
        source,
        lanes,
        schema,
        byName: new Map(schema.tables.map((t) => [tableName(t), t])),
        plan,
        settings,
        budget: new PrivacyBudget(options.epsilon ?? null, settings.seed, plan.budgetShape),
        tables: new Map(),
        signal: options.signal,
        onEvent,
      }
      await learnTables(run)
      await learnTableRelations(run)
      await learnFixedCombinations(run)
      const invariants = await learnAllInvariants(run)
      const tableRules = resolveTableRules(schema, ruleSet.tables)
      await copyReferenceTables(run, tableRules, pii, options.epsilon)
      return modelOf(run, { url, identity, epsilon: options.epsilon ?? null }, pii, invariants)
    })
  } finally {
    await database.close()
  }
}

/** One learn as it runs: the source, its plan and settings, the budget noise is drawn from, and the tables so far. */
interface LearnRun {
  source: Database
  /** Connections in the source's one snapshot, `source` first: tables and relations are learned on them side by side. */
  lanes: readonly Database[]
  schema: Schema
  byName: Map<string, Table>
  plan: LearnPlan
  settings: { sampleRows: number; minCount: number; seed: number }
  budget: PrivacyBudget
  /** Each table's model, by `schema.table`, filled in load order. */
  tables: Map<string, TableModel>
  signal: AbortSignal | undefined
  onEvent: (e: LearnEvent) => void
}

/** Every table's own model (its columns, counts and shapes), learned side by side, kept in load order. */
async function learnTables({ lanes, byName, plan, settings, budget, tables, signal, onEvent }: LearnRun) {
  let done = 0
  const models = await inLanes(lanes, plan.order, async (id, source) => {
    signal?.throwIfAborted()
    const table = byName.get(id)!
    const shifted = shiftedColumns(table, plan.resolved, settings.seed)
    const { ruled, wordsOnly } = plan
    const model = await learnTable(source, table, { ...settings, ruled, shifted, wordsOnly, budget })
    onEvent({ step: 'table', table: id, index: done++, total: plan.order.length, rows: model.rows })
    for (const c of model.columns)
      if (c.kind === 'unmodeled') onEvent({ step: 'unmodeled', table: id, column: c.name, reason: c.reason })
    return model
  })
  for (const [index, id] of plan.order.entries()) tables.set(id, models[index]!)
}

/** Each foreign key's relation, learned once both its tables are, side by side; a table's in its keys' order. */
async function learnTableRelations({
  lanes,
  byName,
  plan,
  settings,
  budget,
  tables,
  signal,
  onEvent,
}: LearnRun) {
  const keys = plan.order.flatMap((id) =>
    byName
      .get(id)!
      .foreignKeys.filter((fk) => tables.has(tableName(fk.references)))
      .map((fk) => ({ id, fk })),
  )
  const left = new Map(plan.order.map((id) => [id, keys.filter((k) => k.id === id).length]))
  let done = 0
  const tableDone = (id: string) => {
    onEvent({ step: 'relations', table: id, index: done++, total: plan.order.length })
  }
  for (const [id, count] of left) if (count === 0) tableDone(id)
  const relations = await inLanes(lanes, keys, async ({ id, fk }, source) => {
    signal?.throwIfAborted()
    const parent = tables.get(tableName(fk.references))!
    const relation = await learnRelation(
      source,
      byName.get(id)!,
      tables.get(id)!,
      fk,
      byName.get(parent.table)!,
      parent,
      { ...settings, budget },
    )
    left.set(id, left.get(id)! - 1)
    if (left.get(id) === 0) tableDone(id)
    return relation
  })
  for (const [index, { id }] of keys.entries()) tables.get(id)!.relations.push(relations[index]!)
}

/** The combinations the rule file declares fixed, each added to its table's model when any is released. */
async function learnFixedCombinations({ source, plan, settings, budget, tables }: LearnRun) {
  for (const c of plan.combinations) {
    const fixed = await learnCombinations(source, c.resolved, c.columns, {
      minCount: settings.minCount,
      budget,
    })
    const model = tables.get(tableName(c.resolved))!
    if (fixed !== null) model.combinations = [...(model.combinations ?? []), fixed]
  }
}

/** The rules across tables: the candidates' invariants, then numbers and categories an ancestor draws. */
async function learnAllInvariants({ lanes, schema, plan, settings, budget, tables, signal }: LearnRun) {
  signal?.throwIfAborted()
  const learned = await learnInvariants(lanes, plan.candidates, (t) => tables.get(t)?.rows ?? 0, {
    ...settings,
    budget,
    rewritten: plan.rewritten,
    categoriesOf: (table, column) => releasedCategories(tables.get(table), column),
  })
  signal?.throwIfAborted()
  const ancestors = ancestorCandidates(schema)
  return [
    ...learned,
    ...(await learnAncestorRules(lanes, ancestors, (t) => tables.get(t), {
      ...settings,
      budget,
      rewritten: plan.rewritten,
    })),
  ]
}

/**
 * Reference tables (issue 17.1) are kept row for row; under --epsilon only those the rules call public, the others
 * reported as synthesized.
 */
async function copyReferenceTables(
  { source, schema, byName, plan, tables, signal, onEvent }: LearnRun,
  tableRules: ReturnType<typeof resolveTableRules>,
  pii: readonly PiiColumn[],
  epsilon: number | undefined,
) {
  const decisions = referenceTables(schema, {
    rows: (id) => tables.get(id)?.rows ?? 0,
    personalColumns: [...pii.map((p) => p.column), ...plan.rewritten],
    overrides: tableRules.overrides,
  })
  const notPublic: string[] = []
  for (const decision of decisions.values()) {
    if (!decision.reference) continue
    if (epsilon !== undefined && !tableRules.public.has(decision.table)) {
      notPublic.push(decision.table)
      continue
    }
    signal?.throwIfAborted()
    const table = byName.get(decision.table)!
    tables.get(decision.table)!.reference = {
      reason: decision.reason,
      ...(await readReferenceRows(source, table)),
    }
  }
  onEvent({ step: 'reference', decisions: [...decisions.values()], notPublic })
}

/** The model file's value: how it was made, its privacy statement, and every table in schema order. */
function modelOf(
  { schema, plan, settings, budget, tables }: LearnRun,
  source: { url: Connection; identity: string; epsilon: number | null },
  pii: readonly PiiColumn[],
  invariants: Invariant[],
): Model {
  const verbatimTables = schema.tables.map(tableName).filter((id) => tables.get(id)?.reference !== undefined)
  const statement = budget.statement(settings.minCount)
  return {
    formatVersion: MODEL_FORMAT_VERSION,
    madeBy: {
      tool: 'dbtwin',
      version: VERSION,
      learnedAt: learnedAt(),
      source: {
        dialect: schema.dialect,
        database: schema.database,
        // A caller's connection has no URL to fingerprint: who the server says it is stands in.
        fingerprint: typeof source.url === 'string' ? databaseFingerprint(source.url) : source.identity,
        identity: source.identity,
      },
      parameters: {
        sampleRows: settings.sampleRows,
        minCount: settings.minCount,
        epsilon: source.epsilon,
        seed: settings.seed,
        ruledColumns: [...plan.ruled].sort(),
      },
    },
    privacy: verbatimTables.length > 0 ? { ...statement, verbatimTables } : statement,
    pii: pii.map(({ column, kind, confidence }) => ({ column, kind, confidence })),
    schema,
    // Schema order, not load order: the file reads like the schema it describes.
    tables: schema.tables.map((t) => tables.get(tableName(t))!),
    invariants,
  }
}

/**
 * The shift-date and generalize columns of a table, each with its rewrite (keyed by the seed) and, for shift-date,
 * the column keying offsets.
 */
function shiftedColumns(table: Table, resolved: ResolvedRules, seed: number): LearnTableOptions['shifted'] {
  return new Map(
    table.columns.flatMap((column) => {
      const action = resolved.get(columnId(table, column.name))?.action
      if (action?.kind !== 'shift-date' && action?.kind !== 'generalize') return []
      const entity =
        action.kind === 'generalize'
          ? null
          : (action.entity ?? (table.primaryKey?.columns.length === 1 ? table.primaryKey.columns[0]! : null))
      return [[column.name, { rewrite: valueRewriter(action, column, `learn:${seed}`), entity }] as const]
    }),
  )
}

/** Now, unless SOURCE_DATE_EPOCH (the reproducible-builds convention) pins it. */
function learnedAt(): string {
  const pinned = process.env['SOURCE_DATE_EPOCH']
  return new Date(pinned === undefined ? Date.now() : Number(pinned) * 1000).toISOString()
}

/** A column's released categories, when the model holds it as categories (see ColumnModel). */
function releasedCategories(model: TableModel | undefined, column: string): Category[] | null {
  const learned = model?.columns.find((c) => c.name === column)
  if (learned?.kind === 'categorical') return learned.categories
  return learned?.kind === 'text' ? learned.categories : null
}
