import type { Report } from './report.js'
import { acrossEnginesSection } from './html/across-engines-section.js'
import { consistencySection } from './html/consistency-section.js'
import { escapeHtml } from './html/escape.js'
import { invariantsSection } from './html/invariants-section.js'
import { privacySection } from './html/privacy-section.js'
import { STYLES } from './html/styles.js'
import { headerSection, summarySection } from './html/summary-section.js'
import { tableSection } from './html/table-section.js'

/**
 * The policy that makes the file self-contained by construction: a browser refuses any fetch, so a renderer bug
 * cannot leak the report's figures or names to a server by loading an image or a font.
 */
const CONTENT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

/**
 * The report as one self-contained HTML page: inline CSS and static inline SVG charts, no script and no
 * network request, so it opens offline, prints, and can be attached to a ticket as it is.
 *
 * @example
 * import { writeFileSync } from 'node:fs'
 * writeFileSync('report.html', renderHtml(report))
 */
export function renderHtml(report: Report): string {
  const title = `dbtwin report — ${report.twin.database}`
  const tables = report.quality.tables.map((t, i) => tableSection(t, i)).join('\n')
  const quality = `<section id="quality">
<h2>Quality per table</h2>
${tables === '' ? '<p class="empty">No tables compared.</p>' : tables}
</section>`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_POLICY}">
<title>${escapeHtml(title)}</title>
<style>${STYLES}</style>
</head>
<body>
<main>
${headerSection(report)}
${summarySection(report)}
${quality}
${privacySection(report.privacy)}
${consistencySection(report.consistency)}
${invariantsSection(report.invariants)}
${acrossEnginesSection(report.acrossEngines)}
</main>
</body>
</html>
`
}
