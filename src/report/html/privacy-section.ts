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
    figure(percent(t.exactMatchRate)),
    figure(percent(t.dcrShare)),
    figure(decimal(t.membershipAuc)),
    t.rareLeaked === 0 ? 0 : `${t.rareLeaked} (${t.rareLeakedColumns.join(', ')})`,
  ])
  const piiRows = privacy.pii.map((p) => [
    code(p.column),
    p.kind,
    { html: p.covered ? '<span class="yes">yes</span>' : '<span class="no">no</span>' },
  ])
  return `<section id="privacy">
<h2>Privacy <span class="muted">${percent(privacy.score)}</span></h2>
<div class="headline">
${headline}
</div>
<h3>Per table</h3>
${htmlTable(['table', 'exact matches', 'DCR share', 'membership AUC', 'rare values leaked'], tableRows, 'No tables measured.')}
<h3>PII columns</h3>
${htmlTable(['column', 'kind', 'covered by a rule'], piiRows, 'No PII columns detected.')}
</section>`
}

function tile(name: string, value: string, note: string): string {
  return `<div><span class="muted">${escapeHtml(name)}</span><b>${escapeHtml(value)}</b><span class="muted">${escapeHtml(note)}</span></div>`
}
