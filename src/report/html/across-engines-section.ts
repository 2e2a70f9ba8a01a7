import type { AcrossEnginesSection } from '../report.js'
import { code, htmlTable } from './html-table.js'

/**
 * What a twin in the other engine family holds differently from its source (`#across-engines`): each schema
 * object left out or translated, with its reason, as the write printed them with --verbose. Empty for a twin of
 * the source's engine.
 *
 * @example acrossEnginesSection(report.acrossEngines)
 */
export function acrossEnginesSection(section: AcrossEnginesSection | undefined): string {
  if (section === undefined) return ''
  const leftOut = section.objects.filter((o) => o.fate === 'left out').length
  const rows = section.objects.map((o) => [o.fate, o.kind, code(o.name), o.reason])
  const target = section.target === 'mysql' ? 'MySQL/MariaDB' : 'PostgreSQL/PGlite'
  return `<section id="across-engines">
<h2>Across engines <span class="muted">${leftOut} left out · ${section.objects.length - leftOut} translated</span></h2>
<p class="muted">The twin is on ${target}, the source on the other engine family: these of the source's schema objects it does not hold as the source does (docs/across-engines.md).</p>
${htmlTable(['fate', 'kind', 'object', 'why'], rows, "Every object of the source's schema is held as it is.")}
</section>`
}
