import { readFile } from 'node:fs/promises'
import { parse } from 'yaml'
import { PII_KINDS, type PiiKind } from '../../src/model/pii-kinds.js'
import type { PiiColumn } from '../../src/rules/scan-database.js'
import type { Schema } from '../../src/schema/schema.js'

/**
 * Scores `scan` against hand-written labels (test/pii-labels/*.yaml). A labels file maps every table, by `table`
 * or `schema.table`, to `none` or to its PII columns and their kinds; columns not listed hold none. Names compare
 * in lower case without underscores, so one file serves `first_name` on PostgreSQL and `FirstName` on MySQL.
 */

/** Kinds that identify a person on their own: a miss of one of these copies someone's identity. */
export const DIRECT_KINDS: ReadonlySet<PiiKind> = new Set(
  PII_KINDS.filter((k) => k !== 'free-text' && k !== 'postcode'),
)

export type Labels = Map<string, Map<string, PiiKind> | 'none'>

const normal = (name: string) => name.toLowerCase().replace(/_/g, '')

/** Reads a labels file; throws naming the entry that is not a table of `none` or of `column: kind`. */
export async function readLabels(file: string): Promise<Labels> {
  const data = parse(await readFile(file, 'utf8')) as { tables?: Record<string, unknown> }
  const labels: Labels = new Map()
  for (const [table, value] of Object.entries(data.tables ?? {})) {
    if (value === 'none') {
      labels.set(normal(table), 'none')
      continue
    }
    if (value === null || typeof value !== 'object')
      throw new Error(`${file}: ${table} is neither none nor columns`)
    const columns = new Map<string, PiiKind>()
    for (const [column, kind] of Object.entries(value)) {
      if (!PII_KINDS.includes(kind as PiiKind))
        throw new Error(`${file}: ${table}.${column}: unknown kind ${kind}`)
      columns.set(normal(column), kind as PiiKind)
    }
    labels.set(normal(table), columns)
  }
  return labels
}

/** One column the scan and the labels disagree on, with the scan's reasons. */
export interface Disagreement {
  column: string
  labeled: PiiKind | 'none'
  found: PiiKind | 'none'
  evidence: string[]
}

export interface KindScore {
  /** Columns labeled this kind, and how many of them the scan flagged (as any kind: they are rewritten). */
  labeled: number
  caught: number
  /** …of those, how many it flagged as this very kind. */
  sameKind: number
  /** Columns the scan flagged as this kind, and how many of them are labeled PII. */
  flagged: number
  right: number
}

export interface LabelScore {
  kinds: Map<PiiKind, KindScore>
  misses: Disagreement[]
  falseAlarms: Disagreement[]
  /** Labeled PII found as another kind: still rewritten, by a rule meant for another kind. */
  otherKind: Disagreement[]
  /** Tables of the schema with no entry in the labels: not reviewed, so not scored. */
  unlabeledTables: string[]
  /** Labeled columns the table does not have (a typo in the labels, or a column of another engine's copy). */
  unknownColumns: string[]
}

export function scoreScan(schema: Schema, findings: readonly PiiColumn[], labels: Labels): LabelScore {
  const byColumn = new Map(findings.map((f) => [f.column, f]))
  const score: LabelScore = {
    kinds: new Map(PII_KINDS.map((k) => [k, { labeled: 0, caught: 0, sameKind: 0, flagged: 0, right: 0 }])),
    misses: [],
    falseAlarms: [],
    otherKind: [],
    unlabeledTables: [],
    unknownColumns: [],
  }
  for (const table of schema.tables) {
    const name = `${table.schema}.${table.name}`
    const entry = labels.get(normal(name)) ?? labels.get(normal(table.name))
    if (entry === undefined) {
      score.unlabeledTables.push(name)
      continue
    }
    const columns = new Set(table.columns.map((c) => normal(c.name)))
    if (entry !== 'none')
      for (const column of entry.keys())
        if (!columns.has(column)) score.unknownColumns.push(`${name}.${column}`)
    for (const column of table.columns) {
      const id = `${name}.${column.name}`
      const labeled = entry === 'none' ? undefined : entry.get(normal(column.name))
      const found = byColumn.get(id)
      const disagreement = (): Disagreement => ({
        column: id,
        labeled: labeled ?? 'none',
        found: found?.kind ?? 'none',
        evidence: found?.evidence ?? [],
      })
      if (labeled !== undefined) {
        const k = score.kinds.get(labeled)!
        k.labeled++
        if (found !== undefined) k.caught++
        if (found?.kind === labeled) k.sameKind++
        if (found === undefined) score.misses.push(disagreement())
        else if (found.kind !== labeled) score.otherKind.push(disagreement())
      }
      if (found !== undefined) {
        const k = score.kinds.get(found.kind)!
        k.flagged++
        if (labeled !== undefined) k.right++
        else score.falseAlarms.push(disagreement())
      }
    }
  }
  return score
}

/** Sums scores, e.g. over every corpus database. */
export function totalScore(scores: readonly LabelScore[]): KindScore & { byKind: Map<PiiKind, KindScore> } {
  const byKind = new Map(
    PII_KINDS.map((k) => [k, { labeled: 0, caught: 0, sameKind: 0, flagged: 0, right: 0 }]),
  )
  for (const s of scores)
    for (const [kind, k] of s.kinds) {
      const t = byKind.get(kind)!
      for (const key of ['labeled', 'caught', 'sameKind', 'flagged', 'right'] as const) t[key] += k[key]
    }
  const all = { labeled: 0, caught: 0, sameKind: 0, flagged: 0, right: 0 }
  for (const k of byKind.values())
    for (const key of Object.keys(all) as (keyof typeof all)[]) all[key] += k[key]
  return { ...all, byKind }
}

/** Recall and precision as fractions; 1 when there is nothing to find or nothing was flagged. */
export const recall = (k: KindScore) => (k.labeled === 0 ? 1 : k.caught / k.labeled)
export const precision = (k: KindScore) => (k.flagged === 0 ? 1 : k.right / k.flagged)

/** The per-kind table both the bench and the test print. */
export function scoreTable(total: ReturnType<typeof totalScore>): string {
  const pct = (x: number) => x.toFixed(3)
  const rows = [['kind', 'labeled', 'caught', 'same kind', 'recall', 'flagged', 'right', 'precision']]
  for (const [kind, k] of total.byKind) {
    if (k.labeled === 0 && k.flagged === 0) continue
    rows.push(
      [kind, k.labeled, k.caught, k.sameKind, pct(recall(k)), k.flagged, k.right, pct(precision(k))].map(
        String,
      ),
    )
  }
  rows.push(
    [
      'overall',
      total.labeled,
      total.caught,
      total.sameKind,
      pct(recall(total)),
      total.flagged,
      total.right,
      pct(precision(total)),
    ].map(String),
  )
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  return rows
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '))
    .join('\n')
}
