import { QUALITY_PARTS, type Report, type Verdict } from './report.js'
import { count, decimal, percent } from './html/format.js'

export interface SummaryOptions {
  /** Colour PASS green and FAIL red with ANSI codes (for a terminal that supports them). */
  color?: boolean
}

const WORST_COLUMNS = 3
const VERDICT_NAMES = ['quality', 'privacy', 'consistency'] as const

/**
 * The report in a dozen plain lines for the terminal: the three verdicts, the quality parts, the worst columns,
 * the privacy headline and the consistency counts, then where the full report is.
 *
 * @example
 * console.log(renderSummary(report, 'report.html'))
 * // quality      84.2%  PASS (threshold 80.0%)
 * // privacy      91.0%  FAIL (threshold 95.0%)
 * // consistency  97.5%
 */
export function renderSummary(report: Report, reportPath?: string, options: SummaryOptions = {}): string {
  const real = report.real === null ? 'a model file' : `${report.real.database} (${report.real.dialect})`
  const lines = [`dbtwin report: twin ${report.twin.database} (${report.twin.dialect}) vs ${real}`]
  if (report.sampling.sampledTables.length > 0)
    lines.push(
      `sampled to ${count(report.sampling.maxRowsPerTable)} rows: ${report.sampling.sampledTables.join(', ')}`,
    )
  for (const name of VERDICT_NAMES)
    lines.push(verdictLine(name, report.verdicts[name], options.color === true))
  for (const part of QUALITY_PARTS) {
    const verdict = report.verdicts[`quality.${part}`]
    if (verdict !== undefined) lines.push(verdictLine(`  ${part}`, verdict, options.color === true))
  }
  if (report.verdicts.detection !== undefined)
    lines.push(verdictLine('  detection', report.verdicts.detection, options.color === true))
  if (report.verdicts.invariants !== undefined)
    lines.push(verdictLine('  invariants', report.verdicts.invariants, options.color === true))
  lines.push(
    ...qualityLines(report),
    ...privacyLines(report),
    consistencyLine(report),
    ...invariantLines(report),
    ...acrossEnginesLines(report),
  )
  if (reportPath !== undefined) lines.push(`full report: ${reportPath}`)
  return `${lines.join('\n')}\n`
}

function acrossEnginesLines(report: Report): string[] {
  const objects = report.acrossEngines?.objects
  if (objects === undefined || objects.length === 0) return []
  const leftOut = objects.filter((o) => o.fate === 'left out').length
  return [
    `across engines: ${leftOut} of the source's schema objects left out, ${objects.length - leftOut} translated (listed in the full report)`,
  ]
}

function verdictLine(name: string, verdict: Verdict, color: boolean): string {
  const head = `${name.padEnd(12)} ${percent(verdict.score).padStart(6)}`
  if (verdict.threshold === null) return head
  const threshold = ` (threshold ${percent(verdict.threshold)})`
  if (verdict.passed === null) return `${head}  —${threshold}`
  const word = verdict.passed ? 'PASS' : 'FAIL'
  const painted = color ? `\u001b[${verdict.passed ? 32 : 31}m${word}\u001b[0m` : word
  return `${head}  ${painted}${threshold}`
}

function qualityLines(report: Report): string[] {
  const { parts, extras } = report.quality
  const partsLine =
    `  quality (SDMetrics properties): shapes ${percent(parts.columnShapes)} · pairs ${percent(parts.columnPairs)}` +
    ` · cardinality ${percent(parts.cardinality)} · inter-table ${percent(parts.interTable)}` +
    `\n  beside it, not in it: null rates ${percent(extras.nullRates)} · text lengths ${percent(extras.textLengths)}` +
    (extras.jsonStructure === null ? '' : ` · JSON paths ${percent(extras.jsonStructure)}`) +
    ` · detection ${percent(extras.detection)} · text tokens in source vocabulary ${percent(extras.textTokens)}` +
    ` · category values in source ${percent(extras.categoryValues)}`
  const worst = report.quality.tables
    .flatMap((t) => t.columns.map((c) => ({ name: `${t.table}.${c.column}`, shape: c.shape })))
    .filter((c): c is { name: string; shape: number } => c.shape !== null)
    .sort((a, b) => a.shape - b.shape)
    .slice(0, WORST_COLUMNS)
  if (worst.length === 0) return [partsLine]
  return [partsLine, `  worst columns: ${worst.map((c) => `${c.name} ${percent(c.shape)}`).join(', ')}`]
}

function privacyLines(report: Report): string[] {
  const p = report.privacy
  const dcr = p.dcr === null ? '—' : `${percent(p.dcr.share)} (score ${percent(p.dcr.score)})`
  const rare = `${count(p.rareValues.leaked)}/${count(p.rareValues.rare)} rare values leaked (k=${p.rareValues.k})`
  const uncovered = p.pii.filter((c) => !c.covered).length
  const pii = `PII columns ${p.pii.length}, ${uncovered} without a rule`
  if (p.scope === 'ruled-columns') {
    const rows = p.ruledColumns.reduce((s, c) => s + c.rows, 0)
    const unchanged = p.ruledColumns.reduce((s, c) => s + c.unchanged, 0)
    return [
      `  privacy covers ruled columns only (${p.note})`,
      `  ruled columns ${p.ruledColumns.length}: ${count(unchanged)} of ${count(rows)} copied values unchanged · ${pii}`,
    ]
  }
  const unavoidable = p.tables.filter((t) => t.exactMatchUnavoidable && (t.exactMatchRate ?? 0) > 0)
  return [
    `  privacy: exact matches ${percent(p.exactMatchRate)} · DCR share ${dcr} · membership AUC ${decimal(p.membershipAuc)}`,
    ...(unavoidable.length === 0
      ? []
      : [
          `  unavoidable exact matches (rows the source repeats as often, not scored): ` +
            unavoidable.map((t) => `${t.table} ${percent(t.exactMatchRate)}`).join(', '),
        ]),
    `  ${rare} · ${pii}`,
  ]
}

function consistencyLine(report: Report): string {
  const c = report.consistency
  const sum = (rows: { count: number }[]): string => count(rows.reduce((total, r) => total + r.count, 0))
  // Generation aims every table at the source's rows × scale and keeps within 3% of it (issue 15).
  const off = c.rowCounts.filter(
    (r) => Math.abs(r.actual - r.expected) > 0.03 * Math.max(r.expected, 1),
  ).length
  return (
    `  consistency: orphans ${sum(c.orphans)} · unique violations ${sum(c.uniqueViolations)}` +
    ` · check violations ${sum(c.checkViolations)} · ` +
    (c.rowCountsScored
      ? `row counts off by >3% ${off}/${c.rowCounts.length} tables${c.scale === 1 ? '' : ` (scale ${c.scale})`}`
      : 'row counts not scored (a subset)')
  )
}

/** The invariants beside the verdicts: how many rules and CHECKs hold, and the ones the twin breaks. */
function invariantLines(report: Report): string[] {
  const { rules, checks, score, learnedFrom } = report.invariants
  const declared = report.invariants.declared ?? []
  const broken = [
    ...declared
      .filter((d) => (d.violations ?? 0) > 0)
      .map(
        (d) =>
          `${d.table}: declared ${d.kind} ${d.rule} (${count(d.violations ?? 0)} of ${count(d.rows ?? 0)} rows)`,
      ),
    ...rules
      .filter((r) => (r.violations ?? 0) > 0)
      .map((r) => `${r.table}: ${r.rule} (${count(r.violations ?? 0)} of ${count(r.rows ?? 0)} rows)`),
    ...checks
      .filter((c) => c.violations > 0)
      .map(
        (c) =>
          `${c.table}: CHECK ${c.check}${c.inTwin ? '' : ' (dropped by the twin)'} (${count(c.violations)} of ${count(c.rows)} rows read)`,
      ),
  ]
  const kept = rules.filter((r) => r.violations === 0).length
  const checksKept = checks.filter((c) => c.violations === 0).length
  const from = learnedFrom === 'none' ? 'no model or source' : `from the ${learnedFrom}`
  return [
    `  invariants ${percent(score)} (beside the verdicts): rules across tables kept ${kept}/${rules.length} (${from})` +
      ` · source CHECKs kept ${checksKept}/${checks.length}` +
      (declared.length === 0
        ? ''
        : ` · declared rules kept ${declared.filter((d) => d.violations === 0).length}/${declared.length}`),
    ...broken.slice(0, WORST_COLUMNS).map((b) => `    broken: ${b}`),
    ...(broken.length > WORST_COLUMNS
      ? [`    … and ${broken.length - WORST_COLUMNS} more (see the full report)`]
      : []),
  ]
}
