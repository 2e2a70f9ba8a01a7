import type { Database } from '../dialects/dialect.js'
import { DbtwinError } from '../errors.js'
import type { ForeignKey, Schema, Table } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'
import { didYouMean } from '../rules/nearest-name.js'
import type { RootSelection, SubsetOptions } from './subset-options.js'
import { readColumnKeys, readKeysWhere, readRootKeys, reorderKeys, sameColumns } from './subset-queries.js'

/** A foreign key as the subset follows it, declared or virtual. */
export interface Edge {
  name: string
  child: Table
  parent: Table
  columns: string[]
  parentColumns: string[]
  /** Every column nullable: the row can exist without its parent. */
  nullable: boolean
  virtual: boolean
}

/** The rows chosen in one table, by key, and why each came in (counts per reason). */
export interface TableSelection {
  table: Table
  keys: Set<string>
  reasons: Map<string, number>
}

export interface Selection {
  /** Tables in the subset (keyed ones with their keys; keyless ones are filled from their parents when written). */
  tables: Map<string, TableSelection>
  /** Tables left out, with why. */
  excluded: Map<string, string>
  edges: Edge[]
  /** Rounds of closure until nothing changed, and queries sent. */
  rounds: number
  queries: number
}

/**
 * Keys per query, sent as one parameter (Database.keySet): a closure round is one query per edge unless a table's
 * new keys outnumber this, which bounds the parameter (a few MB, under MySQL's default max_allowed_packet) and the
 * rows one answer holds. Each query may scan a child table whose foreign key has no index, so the batch is large:
 * at 5,000 keys per IN list the 2M-row clinic's 5% subset ran for more than 10 minutes (issue 21).
 */
const BATCH = 100_000

/**
 * Chooses the rows of a subset, in the source, by sets of keys: each round sends one query per foreign key
 * followed, with the keys it starts from as one parameter (see BATCH). Roots give the first rows; every selected row
 * pulls in the rows it references (upward, transitively, through every foreign key, composite and virtual ones
 * too), and rows chosen as roots or as children pull in their children as the policy allows (downward), whose
 * parents are closed upward in turn, until a round adds nothing. Rows that came in only as parents do not pull in
 * their own children: that is what keeps a subset small. Memory holds the chosen keys, never the source.
 */
export async function selectRows(
  source: Database,
  schema: Schema,
  options: SubsetOptions,
  signal?: AbortSignal,
): Promise<Selection> {
  const plan = planSelection(schema, options)
  const closure = new Closure(schema, plan.excluded)
  for (const { root, table } of plan.roots) {
    const keys = await rootKeys(source, table, root, options.seed ?? 1)
    closure.queries++
    for (const key of keys) closure.add(table, key, `root ${describeRoot(root)}`, true)
  }
  for (const { table, reason } of plan.whole) {
    if (table.primaryKey === null) continue
    closure.queries++
    for (const key of await readRootKeys(source, table, table.primaryKey.columns, { kind: 'all' }))
      closure.add(table, key, reason, false)
  }
  let rounds = 0
  for (let changed = true; changed; rounds++) {
    changed = false
    for (const s of closure.state.values()) {
      // Choosing rows only reads the source: an interruption has nothing to undo.
      signal?.throwIfAborted()
      if (s.table.primaryKey === null) continue
      if (s.up.length > 0 || s.down.length > 0) changed = true
      await closeUpward(source, plan, closure, s)
      await followDown(source, plan, closure, s)
    }
  }
  const tables = new Map<string, TableSelection>()
  for (const [id, s] of closure.state) tables.set(id, { table: s.table, keys: s.keys, reasons: s.reasons })
  return { tables, excluded: plan.excluded, edges: plan.edges, rounds, queries: closure.queries }
}

/** What a selection follows, decided from the schema and the options before the source is read. */
export interface SelectionPlan {
  /** Every foreign key, declared or virtual, whose tables are both in the schema. */
  edges: Edge[]
  /** Tables left out, with why. */
  excluded: Map<string, string>
  /** The roots, each with its table (which is kept and has a primary key). */
  roots: { root: RootSelection; table: Table }[]
  /** Tables whose every row is chosen: passthrough and reference tables. */
  whole: { table: Table; reason: string }[]
  /** How many children of one parent row a child table gives (null: all). */
  limitFor: (child: Table) => number | null
  /** Whether a chosen row pulls in its parent through this edge. */
  followUp: (edge: Edge) => boolean
}

/**
 * The plan of a selection: its edges, the tables left out, its roots and whole tables, the children policy. Every
 * name in the options is checked here, so a misspelt table fails before the first query.
 */
export function planSelection(schema: Schema, options: SubsetOptions): SelectionPlan {
  const find = tableFinder(schema)
  const edges = [
    ...schema.tables.flatMap((table) => table.foreignKeys.flatMap((fk) => edgeOf(schema, table, fk))),
    ...(options.virtualForeignKeys ?? []).map((v, i) => virtualEdge(find, v, i)),
  ]
  const excluded = excludedTables(
    edges,
    (options.exclude ?? []).map((name) => find(name, '--exclude')),
  )
  const passthrough = (options.passthrough ?? []).map((name) => find(name, '--passthrough'))
  const roots = options.roots.map((root) => ({ root, table: find(root.table, 'root') }))
  for (const { root, table } of roots) {
    const why = excluded.get(tableName(table))
    if (why !== undefined)
      throw failure(`root ${root.table} is left out (${why})`, 'drop the root or the --exclude')
    if (table.primaryKey === null)
      throw failure(
        `root ${root.table} has no primary key to select rows by`,
        'start from a table with a primary key',
      )
  }
  const limitFor = childLimits(find, options)
  const whole = [
    ...passthrough.map((table) => ({ table, reason: 'passthrough' })),
    // Reference tables come by tableName, which quotes mixed case (`"Chinook"."Genre"`), not as a user spells them.
    ...(options.reference ?? []).map((id) => ({
      table: schema.tables.find((t) => tableName(t) === id) ?? find(id, 'reference table'),
      reason: 'reference table',
    })),
  ]
  const followUp = (e: Edge) =>
    !excluded.has(tableName(e.parent)) && !(e.nullable && options.optionalParents === 'null')
  return { edges, excluded, roots, whole, limitFor, followUp }
}

interface TableState {
  table: Table
  keys: Set<string>
  expanded: Set<string>
  /** Rows whose parents are still to be closed, with the foreign key they came down by (already satisfied). */
  up: { key: string; via: Edge | null }[]
  down: string[]
  reasons: Map<string, number>
}

/** The keys chosen so far per kept table, with the rows still to close upward and to follow downward. */
class Closure {
  readonly state = new Map<string, TableState>()
  queries = 0

  constructor(schema: Schema, excluded: ReadonlyMap<string, string>) {
    for (const table of schema.tables) {
      if (excluded.has(tableName(table))) continue
      this.state.set(tableName(table), {
        table,
        keys: new Set(),
        expanded: new Set(),
        up: [],
        down: [],
        reasons: new Map(),
      })
    }
  }

  /** Chooses a row (counted under `reason` if new); `down` queues its children too, once. */
  add(table: Table, key: string, reason: string, down: boolean, via: Edge | null = null): void {
    const s = this.state.get(tableName(table))!
    if (!s.keys.has(key)) {
      s.keys.add(key)
      s.up.push({ key, via })
      s.reasons.set(reason, (s.reasons.get(reason) ?? 0) + 1)
    }
    if (down && !s.expanded.has(key)) {
      s.expanded.add(key)
      s.down.push(key)
    }
  }
}

/** Chooses the parents of a table's rows still to close, batch by batch. */
async function closeUpward(source: Database, plan: SelectionPlan, closure: Closure, s: TableState) {
  const key = s.table.primaryKey!.columns
  while (s.up.length > 0) {
    const entries = s.up.splice(0, BATCH)
    // A row that came down a foreign key has that parent already; only its other foreign keys are read.
    const upward = plan.edges.filter(
      (e) => e.child === s.table && plan.followUp(e) && entries.some((entry) => entry.via !== e),
    )
    if (upward.length === 0) continue
    const batch = entries.map((entry) => entry.key)
    const values = await readColumnKeys(
      source,
      s.table,
      key,
      batch,
      upward.map((e) => e.columns),
    )
    closure.queries++
    for (const [i, edge] of upward.entries()) {
      const parentKeys = await keysOfParents(source, edge, [...new Set(values[i]!.filter((v) => v !== null))])
      closure.queries += parentKeys.queries
      for (const k of parentKeys.keys) closure.add(edge.parent, k, `parent via ${edge.name}`, false)
    }
  }
}

/** Chooses the children (as the policy allows) of a table's rows still to follow, batch by batch. */
async function followDown(source: Database, plan: SelectionPlan, closure: Closure, s: TableState) {
  const key = s.table.primaryKey!.columns
  while (s.down.length > 0) {
    const batch = s.down.splice(0, BATCH)
    for (const edge of plan.edges.filter(
      (e) => e.parent === s.table && closure.state.has(tableName(e.child)),
    )) {
      const limit = plan.limitFor(edge.child)
      if (limit === 0 || edge.child.primaryKey === null) continue
      const refValues = sameColumns(edge.parentColumns, key)
        ? reorderKeys(batch, key, edge.parentColumns)
        : (await readColumnKeys(source, s.table, key, batch, [edge.parentColumns]))[0]!.filter(
            (v) => v !== null,
          )
      if (refValues.length === 0) continue
      const childKeys = await readKeysWhere(
        source,
        edge.child,
        edge.child.primaryKey.columns,
        edge.columns,
        refValues,
        limit,
      )
      closure.queries++
      for (const k of childKeys) closure.add(edge.child, k, `child via ${edge.name}`, true, edge)
    }
  }
}

async function rootKeys(
  source: Database,
  table: Table,
  root: RootSelection,
  seed: number,
): Promise<string[]> {
  const key = table.primaryKey!.columns
  try {
    return await readRootKeys(source, table, key, root.kind === 'percent' ? { ...root, seed } : root)
  } catch (error) {
    throw failure(
      `root "${describeRoot(root)}" failed in the source: ${error instanceof Error ? error.message : String(error)}`,
      'correct the SQL condition; it runs as `select … from <table> where <condition>`',
    )
  }
}

/** The parent keys a batch of foreign-key values point at: the values themselves when they are the parent's key. */
async function keysOfParents(
  source: Database,
  edge: Edge,
  values: string[],
): Promise<{ keys: string[]; queries: number }> {
  const key = edge.parent.primaryKey?.columns
  if (values.length === 0 || key === undefined) return { keys: [], queries: 0 }
  if (sameColumns(edge.parentColumns, key))
    return { keys: reorderKeys(values, edge.parentColumns, key), queries: 0 }
  const keys: string[] = []
  for (let i = 0; i < values.length; i += BATCH)
    keys.push(
      ...(await readKeysWhere(
        source,
        edge.parent,
        key,
        edge.parentColumns,
        values.slice(i, i + BATCH),
        null,
      )),
    )
  return { keys, queries: Math.ceil(values.length / BATCH) }
}

function edgeOf(schema: Schema, child: Table, fk: ForeignKey): Edge[] {
  const parent = schema.tables.find((t) => t.schema === fk.references.schema && t.name === fk.references.name)
  if (parent === undefined) return []
  const nullable = fk.columns.every((c) => child.columns.find((col) => col.name === c)?.nullable === true)
  return [
    {
      name: fk.name,
      child,
      parent,
      columns: fk.columns,
      parentColumns: fk.references.columns,
      nullable,
      virtual: false,
    },
  ]
}

function virtualEdge(
  find: (name: string, where: string) => Table,
  v: NonNullable<SubsetOptions['virtualForeignKeys']>[number],
  index: number,
): Edge {
  const child = find(v.from.table, 'virtual foreign key')
  const parent = find(v.to.table, 'virtual foreign key')
  for (const [table, columns] of [
    [child, v.from.columns],
    [parent, v.to.columns],
  ] as const) {
    for (const column of columns) {
      if (!table.columns.some((c) => c.name === column)) {
        throw failure(
          `virtual foreign key: ${tableName(table)} has no column "${column}"${didYouMean(
            column,
            table.columns.map((c) => c.name),
          )}`,
          'name existing columns on both sides',
        )
      }
    }
  }
  const nullable = v.from.columns.every((c) => child.columns.find((col) => col.name === c)?.nullable === true)
  return {
    name: `virtual#${index + 1}`,
    child,
    parent,
    columns: v.from.columns,
    parentColumns: v.to.columns,
    nullable,
    virtual: true,
  }
}

/**
 * The tables left out: those asked for, and then every table with a NOT NULL foreign key into a table left out
 * (its rows could not exist without the missing parent), with the reason.
 */
function excludedTables(edges: readonly Edge[], asked: readonly Table[]): Map<string, string> {
  const excluded = new Map(asked.map((t) => [tableName(t), 'excluded']))
  for (let changed = true; changed;) {
    changed = false
    for (const edge of edges) {
      const child = tableName(edge.child)
      if (edge.virtual || edge.nullable || excluded.has(child) || !excluded.has(tableName(edge.parent)))
        continue
      excluded.set(child, `its NOT NULL ${edge.name} needs ${tableName(edge.parent)}, which is left out`)
      changed = true
    }
  }
  return excluded
}

function childLimits(
  find: (name: string, where: string) => Table,
  options: SubsetOptions,
): (child: Table) => number | null {
  const policy = options.children ?? { default: 'all', perTable: {} }
  const limits = new Map(Object.entries(policy.perTable).map(([name, n]) => [find(name, '--children'), n]))
  return (child) => limits.get(child) ?? (policy.default === 'none' ? 0 : null)
}

/** Finds a table by `schema.table` or by name alone when that is unambiguous; otherwise says what is there. */
export function tableFinder(schema: Schema): (name: string, where: string) => Table {
  return (name, where) => {
    const exact = schema.tables.find((t) => `${t.schema}.${t.name}` === name)
    if (exact !== undefined) return exact
    const parts = name.split('.')
    const byName = schema.tables.filter((t) => t.name === parts.at(-1))
    // By name alone when that is unambiguous, and `clinic.patients` on MySQL, where no schema `clinic` exists
    // because the database is the namespace.
    const namedSchemaExists = parts.length > 1 && schema.tables.some((t) => t.schema === parts[0])
    if (byName.length === 1 && !namedSchemaExists) return byName[0]!
    const names = schema.tables.map((t) => `${t.schema}.${t.name}`)
    throw failure(
      `${where}: no table "${name}"${
        didYouMean(name, names) ||
        didYouMean(
          parts.at(-1)!,
          schema.tables.map((t) => t.name),
        )
      }`,
      `name a table as schema.table; the database has ${names.slice(0, 6).join(', ')}${names.length > 6 ? ', …' : ''}`,
    )
  }
}

export function describeRoot(root: RootSelection): string {
  switch (root.kind) {
    case 'where':
      return `${root.table} where ${root.condition}`
    case 'percent':
      return `${root.table} ${root.percent}%`
    case 'limit':
      return `${root.table} limit ${root.rows}`
    case 'all':
      return root.table
  }
}

function failure(message: string, fix: string): DbtwinError {
  return new DbtwinError('USAGE', message, fix)
}
