import type { CardinalityQuality, ColumnQuality, TableQuality } from '../report.js'
import { escapeHtml } from './escape.js'
import { count, decimal, percent } from './format.js'
import { groupedBarsChart } from './grouped-bars-chart.js'
import { heatmapChart } from './heatmap-chart.js'
import { code, figure, htmlTable } from './html-table.js'
import { mean } from '../metrics/scores.js'

/** Tables past this many start collapsed, so a large schema does not open as one endless page. */
export const OPEN_TABLES = 6
/** Column pairs listed per table, worst first; the heatmaps show the rest of the correlations. */
const PAIRS_LISTED = 10

/**
 * One table's quality: a histogram pair per column, the correlation heatmaps, the children-per-parent plots
 * per foreign key, and the inter-table trends.
 *
 * @example tableSection(report.quality.tables[0], 0)
 */
export function tableSection(table: TableQuality, index: number): string {
  const shapes = mean(table.columns.filter((c) => c.kind !== 'text').map((c) => c.shape))
  const sampled =
    table.sampled.real < table.rows.real || table.sampled.twin < table.rows.twin
      ? ` · sampled ${count(table.sampled.real)} real / ${count(table.sampled.twin)} twin`
      : ''
  const rows = `${count(table.rows.real)} real rows · ${count(table.rows.twin)} twin rows${sampled}`
  const detection =
    table.detection === null
      ? ''
      : ` · detection ${percent(table.detection.score)} (AUC ${decimal(table.detection.auc)}` +
        `${table.detection.foreignKey === null ? '' : `, joined by ${escapeHtml(table.detection.foreignKey)}`})`
  const summary = `<code>${escapeHtml(table.table)}</code><span class="muted">${rows} · column shapes ${percent(shapes)}${detection}</span>`
  const parts = [
    `<h3>Columns</h3><div class="columns">${table.columns.map(columnCard).join('\n')}</div>`,
    pairsPart(table),
    correlationPart(table),
    cardinalityPart(table.cardinality),
    interTablePart(table),
  ]
  const open = index < OPEN_TABLES ? ' open' : ''
  return `<details class="table"${open}><summary>${summary}</summary>\n${parts.join('\n')}\n</details>`
}

function columnCard(column: ColumnQuality): string {
  const nulls = `null ${percent(column.nullRate.real)} real / ${percent(column.nullRate.twin)} twin`
  const chart = groupedBarsChart('histogram', column.column, {
    labels: column.histogram.bins,
    real: column.histogram.real,
    twin: column.histogram.twin,
  })
  return `<div class="column">
<header><code>${escapeHtml(column.column)}</code><span>shape <b>${percent(column.shape)}</b></span></header>
<div class="muted">${column.kind} · ${nulls}${realism(column)}</div>
${chart}
</div>`
}

/** Text realism, for the columns that have it. */
function realism(column: ColumnQuality): string {
  if (column.realism === null) return ''
  const what = column.kind === 'text' ? 'tokens in source vocabulary' : 'values in source'
  return ` · ${what} ${percent(column.realism)}`
}

function pairsPart(table: TableQuality): string {
  const worst = [...table.pairs].sort((a, b) => a.score - b.score).slice(0, PAIRS_LISTED)
  const rows = worst.map((p) => [
    { html: `<code>${escapeHtml(p.a)}</code> × <code>${escapeHtml(p.b)}</code>` },
    p.metric,
    figure(decimal(p.real)),
    figure(decimal(p.twin)),
    figure(percent(p.score)),
  ])
  const title = table.pairs.length > PAIRS_LISTED ? `Column pairs (${PAIRS_LISTED} worst)` : 'Column pairs'
  return (
    `<h3>${title}</h3>` + htmlTable(['pair', 'metric', 'real', 'twin', 'score'], rows, 'No column pairs.')
  )
}

function correlationPart(table: TableQuality): string {
  const { correlation } = table
  if (correlation === null || correlation.columns.length < 2) return ''
  const side = (name: 'real' | 'twin'): string =>
    `<figure><figcaption>${name}</figcaption>${heatmapChart(name, correlation.columns, correlation[name])}</figure>`
  return `<h3>Correlations</h3><div class="heatmaps">${side('real')}${side('twin')}</div>`
}

function cardinalityPart(keys: CardinalityQuality[]): string {
  if (keys.length === 0) return ''
  const figures = keys.map((key) => {
    const caption = `<code>${escapeHtml(key.foreignKey)}</code> → <code>${escapeHtml(key.parent)}</code>: children per parent, score ${percent(key.score)}`
    return `<figure><figcaption>${caption}</figcaption>${groupedBarsChart('cardinality', key.foreignKey, childrenShares(key))}</figure>`
  })
  return `<h3>Cardinality</h3><div class="cardinalities">${figures.join('\n')}</div>`
}

/** Both sides on one axis of child counts; the largest count gathers the tail, so it reads "n+". */
export function childrenShares(key: CardinalityQuality): {
  labels: string[]
  real: number[]
  twin: number[]
} {
  const counts = [...new Set([...key.real, ...key.twin].map((e) => e.children))].sort((a, b) => a - b)
  const shareOf = (entries: CardinalityQuality['real'], n: number): number =>
    entries.find((e) => e.children === n)?.share ?? 0
  const last = counts.length - 1
  return {
    labels: counts.map((n, i) => (i === last && i > 0 ? `${n}+` : String(n))),
    real: counts.map((n) => shareOf(key.real, n)),
    twin: counts.map((n) => shareOf(key.twin, n)),
  }
}

function interTablePart(table: TableQuality): string {
  if (table.interTable.length === 0) return ''
  const worst = [...table.interTable].sort((a, b) => a.score - b.score).slice(0, PAIRS_LISTED)
  const rows = worst.map((t) => [
    code(t.foreignKey),
    { html: `<code>${escapeHtml(t.parentColumn)}</code> ↔ <code>${escapeHtml(t.childColumn)}</code>` },
    t.metric,
    figure(decimal(t.real)),
    figure(decimal(t.twin)),
    figure(percent(t.score)),
  ])
  const title =
    table.interTable.length > PAIRS_LISTED
      ? `Inter-table trends (${PAIRS_LISTED} worst)`
      : 'Inter-table trends'
  return (
    `<h3>${title}</h3>` + htmlTable(['foreign key', 'columns', 'metric', 'real', 'twin', 'score'], rows, '')
  )
}
