import { databaseFingerprint } from '../dialects/connection-url.js'
import { databaseIdentity } from '../dialects/database-identity.js'
import type { Connection } from '../dialects/connection.js'
import { openDatabase } from '../dialects/open-database.js'
import { planLoad } from '../graph/load-plan.js'
import { MODEL_FORMAT_VERSION, type Category, type Model, type TableModel } from '../model/model.js'
import { PrivacyBudget } from '../model/privacy-budget.js'
import { columnId, resolveRules, rewrittenColumns, type ResolvedRules } from '../rules/resolve-rules.js'
import { valueRewriter } from '../rules/value-rewriter.js'
import type { Schema, Table } from '../schema/schema.js'
import { learnedFromSource, learnedRewritten, loadRuleSet, type RulesSource } from '../rules/rule-file.js'
import { resolveTableRules } from '../rules/table-rules.js'
import { referenceTables, type ReferenceDecision } from '../model/reference-tables.js'
import { readReferenceRows } from './reference-rows.js'
import { scanDatabase } from '../rules/scan-database.js'
import { tableName } from '../schema/table-name.js'
import { VERSION } from '../version.js'
import { ancestorCandidates, invariantCandidates } from './invariant-candidates.js'
import { learnAncestorCategories } from './ancestor-categories.js'
import { learnAncestorCells } from './ancestor-cells.js'
import { learnCombinations } from './fixed-combinations.js'
import { resolvedOrThrow } from '../rules/load-constraints.js'
import { LEARN_DEFAULTS } from './learn-defaults.js'
import { learnInvariants } from './learn-invariants.js'
import { learnRelation } from './learn-relations.js'
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
  const sampleRows = options.sampleRows ?? LEARN_DEFAULTS.sampleRows
  const minCount = options.minCount ?? LEARN_DEFAULTS.minCount
  const seed = options.seed ?? LEARN_DEFAULTS.seed
  // Rules are read (and refused if broken) before the source is touched.
  const ruleSet =
    options.rules === undefined
      ? { rules: [], tables: [], constraints: [] }
      : await loadRuleSet(options.rules)
  const rules = ruleSet.rules
  const database = await openDatabase(url, { readOnly: true })
  try {
    // One snapshot for every read: row counts, samples and relations describe the same data.
    const identity = await databaseIdentity(database)
    return await database.readSnapshot(async (source) => {
      const schema = await source.introspect()
      await options.beforeReading?.(schema, identity)
      // PII is detected first so that `pii:` rules can match, and so the model can say which columns looked like PII.
      const pii = await scanDatabase(source, schema, { seed })
      const resolved = resolveRules(schema, rules, new Map(pii.map((p) => [p.column, p.kind])))
      // shift-date and generalize columns are learned from rewritten values (see learnTable), `words` columns from
      // their real values (only tokens of minCount rows are released); every other rewritten column not at all.
      const ruled = new Set(
        [...rewrittenColumns(resolved)].filter((id) => {
          const kind = resolved.get(id)?.action.kind
          return !learnedRewritten(kind) && !learnedFromSource(kind)
        }),
      )
      const wordsOnly = new Set(
        [...rewrittenColumns(resolved)].filter((id) => resolved.get(id)?.action.kind === 'words'),
      )
      // Fixed by the schema alone, so the budget's split says nothing of the data.
      const candidates = invariantCandidates(schema)
      const combinations = resolvedOrThrow(ruleSet.constraints, schema).flatMap((c) =>
        c.kind === 'combinations' ? [c] : [],
      )
      const budget = new PrivacyBudget(options.epsilon ?? null, seed, {
        combinations: combinations.length,
        tables: schema.tables.length,
        columns: schema.tables.reduce((n, t) => n + t.columns.length, 0),
        foreignKeys: schema.tables.reduce((n, t) => n + t.foreignKeys.length, 0),
        invariants: candidates.length,
      })
      const plan = planLoad(schema)
      const byName = new Map(schema.tables.map((t) => [tableName(t), t]))
      const tables = new Map<string, TableModel>()
      for (const [index, id] of plan.order.entries()) {
        options.signal?.throwIfAborted()
        const table = byName.get(id)!
        const shifted = shiftedColumns(table, resolved, seed)
        const model = await learnTable(source, table, {
          sampleRows,
          minCount,
          seed,
          ruled,
          shifted,
          wordsOnly,
          budget,
        })
        tables.set(id, model)
        onEvent({ step: 'table', table: id, index, total: plan.order.length, rows: model.rows })
        for (const c of model.columns)
          if (c.kind === 'unmodeled')
            onEvent({ step: 'unmodeled', table: id, column: c.name, reason: c.reason })
      }
      for (const [index, id] of plan.order.entries()) {
        options.signal?.throwIfAborted()
        const table = byName.get(id)!
        const model = tables.get(id)!
        for (const fk of table.foreignKeys) {
          const parent = tables.get(tableName(fk.references))
          if (parent !== undefined)
            model.relations.push(
              await learnRelation(source, table, model, fk, byName.get(parent.table)!, parent, {
                sampleRows,
                minCount,
                seed,
                budget,
              }),
            )
        }
        onEvent({ step: 'relations', table: id, index, total: plan.order.length })
      }
      for (const c of combinations) {
        const fixed = await learnCombinations(source, c.resolved, c.columns, { minCount, budget })
        const model = tables.get(tableName(c.resolved))!
        if (fixed !== null) model.combinations = [...(model.combinations ?? []), fixed]
      }
      options.signal?.throwIfAborted()
      const learned = await learnInvariants(source, candidates, (t) => tables.get(t)?.rows ?? 0, {
        sampleRows,
        minCount,
        seed,
        budget,
        rewritten: rewrittenColumns(resolved),
        categoriesOf: (table, column) => releasedCategories(tables.get(table), column),
      })
      options.signal?.throwIfAborted()
      const ancestors = ancestorCandidates(schema)
      const invariants = [
        ...learned,
        ...(await learnAncestorCells(source, ancestors, (t) => tables.get(t), {
          sampleRows,
          minCount,
          seed,
        })),
        ...(await learnAncestorCategories(source, ancestors, (t) => tables.get(t), {
          sampleRows,
          minCount,
          seed,
          budget,
          rewritten: rewrittenColumns(resolved),
        })),
      ]
      // Reference tables (issue 17.1) are kept row for row; under --epsilon only those the rules call public.
      const tableRules = resolveTableRules(schema, ruleSet.tables)
      const decisions = referenceTables(schema, {
        rows: (id) => tables.get(id)?.rows ?? 0,
        personalColumns: [...pii.map((p) => p.column), ...rewrittenColumns(resolved)],
        overrides: tableRules.overrides,
      })
      const notPublic: string[] = []
      for (const decision of decisions.values()) {
        if (!decision.reference) continue
        if (options.epsilon !== undefined && !tableRules.public.has(decision.table)) {
          notPublic.push(decision.table)
          continue
        }
        options.signal?.throwIfAborted()
        const table = byName.get(decision.table)!
        tables.get(decision.table)!.reference = {
          reason: decision.reason,
          ...(await readReferenceRows(source, table)),
        }
      }
      onEvent({ step: 'reference', decisions: [...decisions.values()], notPublic })
      const verbatimTables = schema.tables
        .map(tableName)
        .filter((id) => tables.get(id)?.reference !== undefined)
      const statement = budget.statement(minCount)
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
            fingerprint: typeof url === 'string' ? databaseFingerprint(url) : identity,
            identity,
          },
          parameters: {
            sampleRows,
            minCount,
            epsilon: options.epsilon ?? null,
            seed,
            ruledColumns: [...ruled].sort(),
          },
        },
        privacy: verbatimTables.length > 0 ? { ...statement, verbatimTables } : statement,
        pii: pii.map(({ column, kind, confidence }) => ({ column, kind, confidence })),
        schema,
        // Schema order, not load order: the file reads like the schema it describes.
        tables: schema.tables.map((t) => tables.get(tableName(t))!),
        invariants,
      }
    })
  } finally {
    await database.close()
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
