import type { CellValue } from '../schema/cell-value.js'
import { assertLoadable, planLoad } from '../graph/load-plan.js'
import type { Invariant, Model } from '../model/model.js'
import { seededRandom } from '../random/seeded-random.js'
import type { ResolvedRules } from '../rules/resolve-rules.js'
import { rewrites, type Rule } from '../rules/rule-file.js'
import { type Column, type ForeignKey, type Table, writtenColumns, dialectFamily } from '../schema/schema.js'
import { randomStreamName, tableName } from '../schema/table-name.js'
import { checkRootRows } from './root-rows.js'
import { tableChecks } from '../schema/check-bounds.js'
import { drivingForeignKey } from './driving-key.js'
import { invariantKeeps, meetingParents } from './invariant-plan.js'
import { lookupTables, scaledRows } from './twin-rows.js'
import { generateTable, type KeptState } from './generate-table.js'
import { holdsUniqueKey, keyResolver, type GeneratedTable } from './generated-table.js'
import { writeReferenceTable } from './reference-table.js'

export interface GenerateTwinOptions {
  /**
   * Every table's rows = learned rows × scale (see scaledRows): lookup tables keep theirs, and children are spread
   * over their parents by the learned children-per-parent distribution.
   */
  scale: number
  /** Explicit row counts for parentless tables, by `schema.table` or table name; their children follow them. */
  rows: Record<string, number>
  seed: number
  family: 'postgres' | 'mysql'
  /** The rule deciding each column (see resolveRules); columns whose rule rewrites them are filled by it. */
  rules: ResolvedRules
  /** Write only part `index` of `count` (rows whose number in their table ≡ index mod count); see shardedSink. */
  shard?: Shard
}

/** One of `count` disjoint parts of a twin, numbered from 0. */
export interface Shard {
  index: number
  count: number
}

/** Where generated rows go: one writer per table, opened in load order. */
export interface TwinSink {
  table(table: Table, columns: Column[]): Promise<(rows: CellValue[][]) => Promise<void>>
  /** A deferred foreign key filled in once its parent exists: set `values` on the row whose key is `key`. */
  update(
    table: Table,
    key: Record<string, CellValue>,
    values: Record<string, CellValue>,
    row: number,
  ): Promise<void>
  /** Called once a table's rows are all handed over; resolves when they are written. */
  tableDone(table: Table, rows: number): Promise<void>
}

/**
 * Generates a whole twin from a model alone, in load order, into a sink. Deterministic: the same model, seed and
 * options give the same rows, whatever the sink writes to.
 */
export async function generateTwin(
  model: Model,
  options: GenerateTwinOptions,
  target: TwinSink,
): Promise<Map<string, number>> {
  const sink = options.shard === undefined ? target : shardedSink(target, options.shard)
  const schema = model.schema
  checkRootRows(schema, options.rows)
  const plan = planLoad(schema, { constraintsAfterLoad: true })
  assertLoadable(plan)
  const byId = new Map(schema.tables.map((t) => [tableName(t), t]))
  const models = new Map(model.tables.map((t) => [t.table, t]))
  const kept = keptState(schema.tables, model, plan.deferred)
  const states = new Map<string, GeneratedTable>()
  const counts = new Map<string, number>()
  const lookups = lookupTables(schema, (id) => models.get(id)?.rows ?? 0, [
    ...model.pii.map((p) => p.column),
    ...model.madeBy.parameters.ruledColumns,
  ])
  const factors = new Map<string, number>()
  for (const id of plan.order) {
    const table = byId.get(id)!
    const rules = columnRules(table, options.rules)
    const tableModel = models.get(id)!
    const explicit = options.rows[id] ?? options.rows[table.name]
    const driving = drivingForeignKey(
      table,
      tableModel,
      (parent) => states.get(parent)?.rows,
      new Set(plan.deferred.filter((d) => d.table === id).map((d) => d.foreignKey)),
    )
    const factor = rowFactor(explicit, tableModel.rows, driving, options.scale, factors)
    factors.set(id, factor)
    // A reference table is written as the source has it (issue 17.1), unless --rows asks for another size.
    const reference = explicit === undefined ? tableModel.reference : undefined
    const state =
      reference !== undefined
        ? await writeReferenceTable(
            table,
            reference,
            { source: dialectFamily(schema.dialect), target: options.family },
            await sink.table(table, writtenColumns(table)),
          )
        : await generateTable({
            table,
            model: tableModel,
            states,
            driving,
            rows: explicit ?? scaledRows(tableModel.rows, factor, driving === undefined && lookups.has(id)),
            seed: options.seed,
            stream: randomStreamName(schema, table),
            family: options.family,
            rules,
            checks: tableChecks(table, schema.dialect),
            deferred: plan.deferred,
            invariants: model.invariants ?? [],
            kept: kept.get(id) ?? null,
            sink: await sink.table(table, writtenColumns(table)),
          })
    states.set(id, state)
    const written = options.shard === undefined ? state.rows : rowsInShard(state.rows, options.shard)
    counts.set(id, written)
    await sink.tableDone(table, written)
  }
  await fillDeferred(
    plan.deferred,
    byId,
    states,
    options.seed,
    (ref) => randomStreamName(schema, ref),
    sink,
    model.invariants ?? [],
  )
  return counts
}

/** The rules that rewrite the table's columns, by column name. */
function columnRules(table: Table, rules: GenerateTwinOptions['rules']): Map<string, Rule> {
  return new Map(
    table.columns.flatMap((c) => {
      const rule = rules.get(`${table.schema}.${table.name}.${c.name}`)
      return rule === undefined || !rewrites(rule.action) ? [] : [[c.name, rule] as const]
    }),
  )
}

/**
 * Rows of the table per source row. A child takes its driving parent's, so that `--rows` on a table carries down
 * to its children and a lookup kept whole does not keep its children whole.
 */
function rowFactor(
  explicit: number | undefined,
  modelRows: number,
  driving: ForeignKey | undefined,
  scale: number,
  factors: ReadonlyMap<string, number>,
): number {
  if (explicit !== undefined) return explicit / Math.max(1, modelRows)
  return driving === undefined ? scale : factors.get(tableName(driving.references))!
}

/**
 * A sink that passes on only one shard's rows. Every shard generates the whole twin — generation is deterministic
 * and keeps parents' keys to draw children from — and writes the rows numbered index, index + count, … of each
 * table, and their deferred foreign keys: the shards are disjoint and their union is the single run's output.
 * Generating is cheap next to writing, which is what the shards share out.
 */
function shardedSink(sink: TwinSink, shard: Shard): TwinSink {
  const mine = (row: number) => row % shard.count === shard.index
  return {
    async table(table, columns) {
      const write = await sink.table(table, columns)
      let row = 0
      return async (rows) => {
        const kept = rows.filter(() => mine(row++))
        if (kept.length > 0) await write(kept)
      }
    },
    update: async (table, key, values, row) => {
      if (mine(row)) await sink.update(table, key, values, row)
    },
    tableDone: (table, rows) => sink.tableDone(table, rows),
  }
}

function rowsInShard(rows: number, shard: Shard): number {
  return rows > shard.index ? Math.floor((rows - shard.index - 1) / shard.count) + 1 : 0
}

/** Fills the foreign keys that broke cycles, now that every parent row exists. */
async function fillDeferred(
  deferred: ReturnType<typeof planLoad>['deferred'],
  byId: Map<string, Table>,
  states: Map<string, GeneratedTable>,
  seed: number,
  streamOf: (table: Table) => string,
  sink: TwinSink,
  invariants: readonly Invariant[],
): Promise<void> {
  for (const d of deferred) {
    const table = byId.get(d.table)!
    const fk = table.foreignKeys.find((f) => f.name === d.foreignKey)!
    const child = states.get(d.table)!
    const parent = states.get(d.references)!
    const pk = table.primaryKey?.columns ?? []
    // A reference table was written with its own foreign keys, which point at the rows they did in the source.
    if (pk.length === 0 || parent.rows === 0 || child.cells !== undefined) continue
    const random = seededRandom(seed, streamOf(table), d.foreignKey, 'deferred')
    const keyOf = pk.map((c) => [c, keyResolver(states, child, c)] as const)
    const valueOf = fk.columns.map(
      (c, i) => [c, keyResolver(states, parent, fk.references.columns[i]!)] as const,
    )
    // A unique foreign key (a one-to-one, like a store's manager) gives row i parent row i: each parent once, and
    // the value the row's placeholder already holds (both are numbered from 1), so no update meets a row not yet
    // filled in with the value it takes.
    const oneToOne = holdsUniqueKey(table, fk.columns)
    // A row whose key must lead back to itself (a department's head works in that department): its parent is one
    // of the parents whose own key points at the row.
    const meet = invariants.find(
      (i) =>
        i.kind === 'paths-meet' && i.table === d.table && i.first.length === 0 && i.second[0] === fk.name,
    )
    const meeting = meet?.kind === 'paths-meet' ? meetingParents(fk, meet.second.slice(1), states) : null
    for (let row = 0; row < child.rows; row++) {
      const candidates = oneToOne ? undefined : meeting?.get(row)
      const parentRow =
        candidates !== undefined && candidates.length > 0
          ? candidates[random.int(0, candidates.length - 1)]!
          : oneToOne
            ? row % parent.rows
            : random.int(0, parent.rows - 1)
      const key = Object.fromEntries(keyOf.map(([c, resolve]) => [c, resolve(row)]))
      const values = Object.fromEntries(valueOf.map(([c, resolve]) => [c, resolve(parentRow)]))
      await sink.update(table, key, values, row)
    }
  }
}

/**
 * What each table must keep once generated, because a later step reads it: the key columns other tables' foreign
 * keys point at (and the primary key of a table whose deferred FK is filled in later), and the columns whose
 * scores children are conditioned on. Everything else is streamed and forgotten.
 */
function keptState(
  tables: readonly Table[],
  model: Model,
  deferred: ReturnType<typeof planLoad>['deferred'],
): Map<string, KeptState> {
  const kept = new Map<
    string,
    { keys: Set<string>; scores: Set<string>; indexes: Set<string>; values: Set<string>; labels: Set<string> }
  >()
  const of = (id: string) => {
    let entry = kept.get(id)
    if (entry === undefined)
      kept.set(
        id,
        (entry = {
          keys: new Set(),
          scores: new Set(),
          indexes: new Set(),
          values: new Set(),
          labels: new Set(),
        }),
      )
    return entry
  }
  for (const [id, keeps] of invariantKeeps(model)) {
    for (const name of keeps.indexes) of(id).indexes.add(name)
    for (const name of keeps.values) of(id).values.add(name)
    for (const name of keeps.labels) of(id).labels.add(name)
  }
  for (const table of tables) {
    for (const fk of table.foreignKeys)
      for (const c of fk.references.columns) of(tableName(fk.references)).keys.add(c)
  }
  for (const d of deferred)
    for (const c of tables.find((t) => tableName(t) === d.table)?.primaryKey?.columns ?? [])
      of(d.table).keys.add(c)
  for (const t of model.tables) {
    for (const r of t.relations) {
      const used = [...r.countDependence, ...r.columnDependence].filter(
        (d) => Math.abs(d.correlation) >= 0.05,
      )
      for (const d of used) of(r.parent).scores.add(d.parentColumn)
    }
  }
  return kept
}
