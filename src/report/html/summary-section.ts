import { QUALITY_PARTS, type DatabaseLabel, type Report, type Verdict } from '../report.js'
import { escapeHtml } from './escape.js'
import { count, percent } from './format.js'
import { scoreBarsChart } from './score-bars-chart.js'

const VERDICT_NAMES = ['quality', 'privacy', 'consistency'] as const

/**
 * The page header: which twin was compared with which database, when, and what was sampled.
 *
 * @example headerSection(report) // '<header>…<h1>dbtwin report</h1>…'
 */
export function headerSection(report: Report): string {
  const real = report.real === null ? 'a model file (no source database)' : databaseLabel(report.real)
  const { maxRowsPerTable, sampledTables } = report.sampling
  const sampling =
    sampledTables.length === 0
      ? `Every table was read in full (tables above ${count(maxRowsPerTable)} rows are sampled).`
      : `Sampled to at most ${count(maxRowsPerTable)} rows per table: ` +
        sampledTables.map((t) => `<code>${escapeHtml(t)}</code>`).join(', ') +
        '.'
  return `<header>
<h1>dbtwin report</h1>
<p>Twin ${databaseLabel(report.twin)} compared with ${real}.</p>
<p class="muted">Made <time datetime="${escapeHtml(report.createdAt)}">${escapeHtml(report.createdAt)}</time>. ${sampling}</p>
</header>`
}

function databaseLabel(label: DatabaseLabel): string {
  return `<code>${escapeHtml(label.database)}</code> <span class="muted">(${escapeHtml(label.dialect)})</span>`
}

/**
 * The summary card (`#summary`): the three verdicts with their badges, and the parts of the quality score.
 */
export function summarySection(report: Report): string {
  const verdicts = VERDICT_NAMES.map((name) => verdictTile(name, report.verdicts[name])).join('\n')
  const { parts, extras } = report.quality
  const bars = scoreBarsChart('quality parts', [
    { label: 'column shapes', value: parts.columnShapes },
    { label: 'column pairs', value: parts.columnPairs },
    { label: 'cardinality', value: parts.cardinality },
    { label: 'inter-table', value: parts.interTable },
  ])
  const beside = scoreBarsChart('beside the score', [
    { label: 'null rates', value: extras.nullRates },
    { label: 'text lengths', value: extras.textLengths },
    { label: 'JSON paths', value: extras.jsonStructure },
    { label: 'detection', value: extras.detection },
    { label: 'text tokens in source', value: extras.textTokens },
    { label: 'categories in source', value: extras.categoryValues },
  ])
  const gates = QUALITY_PARTS.flatMap((part) => {
    const verdict = report.verdicts[`quality.${part}`]
    return verdict === undefined ? [] : [verdictTile(`quality.${part}`, verdict)]
  })
  if (report.verdicts.detection !== undefined) gates.push(verdictTile('detection', report.verdicts.detection))
  if (report.verdicts.invariants !== undefined)
    gates.push(verdictTile('invariants', report.verdicts.invariants))
  return `<section id="summary" class="card">
<div class="verdicts">
${[verdicts, ...gates].join('\n')}
</div>
<div class="parts"><h3>Quality: SDMetrics' four properties, the score is their mean</h3>${bars}</div>
<div class="parts"><h3>Beside the score, not in it</h3>${beside}</div>
</section>`
}

function verdictTile(name: string, verdict: Verdict): string {
  return `<div class="verdict" data-verdict="${name}">
<div class="name">${name}</div>
<div class="score">${percent(verdict.score)}</div>
<div>${badge(verdict)}</div>
</div>`
}

/** Pass or fail, with the threshold when one was given; a dash when there is no verdict to give. */
function badge(verdict: Verdict): string {
  const threshold =
    verdict.threshold === null ? '' : ` <span class="muted">threshold ${percent(verdict.threshold)}</span>`
  if (verdict.passed === null) return `<span class="badge none" title="no verdict">—</span>${threshold}`
  const result = verdict.passed
    ? '<span class="badge pass">PASS</span>'
    : '<span class="badge fail">FAIL</span>'
  return result + threshold
}
