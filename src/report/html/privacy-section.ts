import type { PrivacySection } from '../report.js'
import { escapeHtml } from './escape.js'
import { count, decimal, percent } from './format.js'
import { code, figure, htmlTable } from './html-table.js'

/**
 * The privacy figures: headline measures over the whole twin, the same per table, and the PII columns with
 * whether a rule covers each.
 *
 * @example privacySection(report.privacy)
 */
export function privacySection(privacy: PrivacySection): string {
  const { rareValues, dcr } = privacy
  const headline = [
    tile('exact-match rate', percent(privacy.exactMatchRate), 'twin rows identical to a real row'),
    tile('DCR share', dcr === null ? '—' : percent(dcr.share), `score ${percent(dcr?.score)}`),
    tile('membership AUC', decimal(privacy.membershipAuc), '0.50 means the attack learns nothing'),
    tile(
      'rare-value leakage',
      percent(rareValues.share),
      `${count(rareValues.leaked)} of ${count(rareValues.rare)} values seen < ${rareValues.k} times`,
    ),
  ].join('\n')
  const tableRows = privacy.tables.map((t) => [
    code(t.table),
    figure(
      t.exactMatchUnavoidable && t.exactMatchRate !== null
        ? `${percent(t.exactMatchRate)} (unavoidable, not scored)`
        : percent(t.exactMatchRate),
    ),
    figure(percent(t.dcrShare)),
    figure(decimal(t.membershipAuc)),
    t.rareLeaked === 0 ? 0 : `${t.rareLeaked} (${t.rareLeakedColumns.join(', ')})`,
  ])
  const piiRows = privacy.pii.map((p) => [
    code(p.column),
    p.kind,
    { html: p.covered ? '<span class="yes">yes</span>' : '<span class="no">no</span>' },
  ])
  const ruledRows = privacy.ruledColumns.map((c) => [
    code(c.column),
    figure(count(c.rows)),
    figure(count(c.unchanged)),
  ])
  const ruled =
    privacy.scope === 'ruled-columns'
      ? `<h3>Ruled columns</h3>\n${htmlTable(['column', 'copied values read', 'unchanged from the source'], ruledRows, 'No ruled columns.')}`
      : ''
  return `<section id="privacy" data-scope="${privacy.scope}">
<h2>Privacy <span class="muted">${percent(privacy.score)}</span></h2>
<p class="muted">${escapeHtml(privacy.note.charAt(0).toUpperCase() + privacy.note.slice(1))}.</p>
<div class="headline">
${headline}
</div>
${ruled}
<h3>Per table</h3>
${htmlTable(['table', 'exact matches', 'DCR share', 'membership AUC', 'rare values leaked'], tableRows, 'No tables measured.')}
<h3>PII columns</h3>
${htmlTable(['column', 'kind', 'covered by a rule'], piiRows, 'No PII columns detected.')}
</section>`
}

function tile(name: string, value: string, note: string): string {
  return `<div><span class="muted">${escapeHtml(name)}</span><b>${escapeHtml(value)}</b><span class="muted">${escapeHtml(note)}</span></div>`
}
