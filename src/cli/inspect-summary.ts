import { planLoad, type Cycle, type LoadPlan } from '../graph/load-plan.js'
import type { ForeignKey, Schema, SkippedObject, Table } from '../schema/schema.js'
import { displayIdentifier, tableName } from '../schema/table-name.js'
import { referenceTables } from '../model/reference-tables.js'
import { detectByName } from '../rules/pii-detect.js'

/**
 * The readable summary `dbtwin inspect` prints: tables in load order with row estimates, foreign keys, cycles and
 * how they are broken, self-references, and what was skipped.
 */
export function inspectSummary(schema: Schema, plan: LoadPlan): string {
  const byName = new Map(schema.tables.map((t) => [tableName(t), t]))
  const fkCount = schema.tables.reduce((n, t) => n + t.foreignKeys.length, 0)
  const lines: string[] = [
    `${schema.dialect} database ${schema.database}: ${count(schema.schemas.length, 'schema')} (${schema.schemas.join(', ')}), ` +
      `${count(schema.tables.length, 'table')}, ${count(fkCount, 'foreign key')}, ${count(schema.enums.length, 'enum type')}`,
    '',
    'Tables, in load order (level: tables of one level can be written together)',
  ]
  const levelOf = new Map(plan.levels.flatMap((level, i) => level.map((id) => [id, i] as const)))
  const width = Math.max(...plan.order.map((id) => id.length), 5)
  lines.push(
    `  ${'#'.padStart(3)}  level  ${'table'.padEnd(width)}  ${'~rows'.padStart(10)}  cols  primary key`,
  )
  plan.order.forEach((id, i) => {
    const table = byName.get(id)
    if (table === undefined) return
    lines.push(
      `  ${String(i + 1).padStart(3)}  ${String(levelOf.get(id) ?? '?').padStart(5)}  ${id.padEnd(width)}  ` +
        `${table.estimatedRows.toLocaleString('en-US').padStart(10)}  ${String(table.columns.length).padStart(4)}  ` +
        `${table.primaryKey === null ? '(none)' : columnList(table.primaryKey.columns)}`,
    )
  })

  lines.push('', 'Foreign keys')
  for (const table of schema.tables) {
    for (const fk of table.foreignKeys) lines.push(`  ${describeForeignKey(table, fk)}`)
  }
  if (fkCount === 0) lines.push('  (none)')

  lines.push('', 'Cycles')
  const afterLoad = planLoad(schema, { constraintsAfterLoad: true })
  if (plan.cycles.length === 0) lines.push('  (none)')
  for (const cycle of plan.cycles) {
    if (!cycle.breakable) {
      lines.push(`  ${cycle.tables.join(' ↔ ')}: CANNOT be broken. Fix: ${cycle.fix ?? ''}`)
      // dbtwin's own writers add foreign keys after the rows, so they may still get through.
      const own = afterLoad.cycles.find((c) => c.tables.join() === cycle.tables.join())
      if (own?.breakable === true)
        lines.push(`    dbtwin generate and subset load it all the same: ${breaksOf(own).join('; ')}`)
      continue
    }
    lines.push(`  ${cycle.tables.join(' ↔ ')}: broken at ${breaksOf(cycle).join('; ')}`)
  }
  if (plan.selfReferences.length > 0) {
    lines.push('', 'Self-references (rows written parents first)')
    for (const s of plan.selfReferences) {
      lines.push(`  ${s.table}.${columnList(s.columns)} (${s.foreignKey}${s.nullable ? '' : ', NOT NULL'})`)
    }
  }
  lines.push(...referenceLines(schema))
  if (plan.external.length > 0) {
    lines.push('', 'Foreign keys to tables outside the inspected schemas (not followed)')
    for (const e of plan.external) lines.push(`  ${e.table} → ${e.references} (${e.foreignKey})`)
  }
  lines.push('', "Schema objects (twins of the source's engine recreate them)")
  lines.push(...objectCounts(schema))
  lines.push('', 'Skipped (not copied)')
  if (schema.skipped.length === 0) lines.push('  (nothing)')
  const byKind = new Map<string, SkippedObject[]>()
  for (const s of schema.skipped) byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), s])
  for (const [kind, objects] of byKind) {
    const names = objects.map((s) => `${displayIdentifier(s.schema)}.${s.name}`)
    lines.push(`  ${count(objects.length, kind)} (${objects[0]?.reason ?? ''}): ${names.join(', ')}`)
  }
  return lines.join('\n')
}

/**
 * The tables `learn` would copy whole (issue 17.1), judged here from the engine's row estimates and column names
 * alone: `learn` decides with exact counts and the content scan, and says so again.
 */
function referenceLines(schema: Schema): string[] {
  const personal = schema.tables.flatMap((t) => {
    const keys = new Set([...(t.primaryKey?.columns ?? []), ...t.foreignKeys.flatMap((fk) => fk.columns)])
    return t.columns
      .filter((c) => detectByName({ name: c.name, type: c.type, key: keys.has(c.name) }, t.name) !== null)
      .map((c) => `${tableName(t)}.${c.name}`)
  })
  const byName = new Map(schema.tables.map((t) => [tableName(t), t]))
  const decisions = [
    ...referenceTables(schema, {
      rows: (id) => byName.get(id)?.estimatedRows ?? 0,
      personalColumns: personal,
    }).values(),
  ]
  const lines = [
    '',
    'Reference tables (copied whole by learn and clone; from estimates and names, learn confirms)',
  ]
  const references = decisions.filter((d) => d.reference)
  if (references.length === 0) lines.push('  (none)')
  for (const d of references) lines.push(`  ${d.table}: ${d.reason}`)
  return lines
}

/**
 * One line per kind with how many the source has, e.g. `32 indexes, 15 triggers`; `column` changes are split into
 * what they set. Counted from the schema, so the numbers are the source's, before any is left out on a target.
 */
function objectCounts(schema: Schema): string[] {
  if (schema.objects.length === 0) return ['  (none)']
  const counts = new Map<string, number>()
  const add = (label: string) => counts.set(label, (counts.get(label) ?? 0) + 1)
  for (const o of schema.objects) {
    if (o.kind === 'column')
      add(
        / MODIFY COLUMN /.test(o.statement)
          ? 'table column definitions'
          : / SET DEFAULT /.test(o.statement)
            ? 'column default'
            : / TYPE /.test(o.statement)
              ? 'domain column'
              : 'identity ALWAYS',
      )
    else if (o.kind === 'sequence' && / OWNED BY /.test(o.statement)) continue
    else if (o.kind === 'text search' && /^ALTER /.test(o.statement)) continue
    else add(o.kind)
  }
  const checks = schema.tables.reduce(
    (n, t) => n + t.checks.filter((c) => (c.requires ?? []).length > 0).length,
    0,
  )
  if (checks > 0) counts.set('CHECK calling functions', checks)
  const partitioned = schema.tables.filter((t) => t.partitionBy !== undefined).length
  if (partitioned > 0) counts.set('partitioned table', partitioned)
  // Owners and grants are written only when asked: the count says so.
  const asked = (label: string) => (label === 'owner' || label === 'grant' ? ' (with --keep-grants)' : '')
  return [...counts].map(
    ([label, n]) => `  ${count(n, label).replace(/xs$/, 'xes').replace(/ys$/, 'ies')}${asked(label)}`,
  )
}

function describeForeignKey(table: Table, fk: ForeignKey): string {
  const actions = [
    fk.onDelete === 'no action' ? '' : `on delete ${fk.onDelete}`,
    fk.onUpdate === 'no action' ? '' : `on update ${fk.onUpdate}`,
    fk.deferrable ? (fk.initiallyDeferred ? 'deferrable initially deferred' : 'deferrable') : '',
    fk.validated ? '' : 'not valid',
  ].filter((a) => a !== '')
  return (
    `${tableName(table)}.${columnList(fk.columns)} → ${tableName(fk.references)}.${columnList(fk.references.columns)}` +
    (actions.length > 0 ? `  ${actions.join(', ')}` : '')
  )
}

function columnList(columns: readonly string[]): string {
  const names = columns.map(displayIdentifier)
  return names.length === 1 ? (names[0] ?? '') : `(${names.join(', ')})`
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

/** How a cycle's deferred foreign keys are written, one phrase each. */
function breaksOf(cycle: Cycle): string[] {
  const how = {
    'null-then-update': 'written NULL, filled in afterwards',
    'placeholder-then-update': 'written as a placeholder, filled in before the foreign key is added',
    'deferred-constraint': 'constraint deferred to commit',
  } as const
  return cycle.brokenAt.map(
    (d) => `${d.table}.${columnList(d.columns)} → ${d.references} (${d.foreignKey}; ${how[d.how]})`,
  )
}
