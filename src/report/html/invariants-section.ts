import type { InvariantsSection } from '../report.js'
import { percent } from './format.js'
import { code, figure, htmlTable } from './html-table.js'

/**
 * The rules the twin keeps beyond its keys (`#invariants`): each learned rule across tables with the source's
 * strength and the twin's violations, and each source CHECK evaluated on the twin's rows.
 *
 * @example invariantsSection(report.invariants)
 */
export function invariantsSection(invariants: InvariantsSection): string {
  const rules = invariants.rules.map((r) => [
    code(r.table),
    r.kind,
    r.rule,
    // A rule given an ancestor holds by a strength (η², Cramér's V), not a share of rows: both sides are shown.
    figure(
      r.twinStrength === undefined
        ? `${percent(r.strength)} of ${r.sourceRows}`
        : `${r.strength} over ${r.sourceRows} (twin ${r.twinStrength})`,
    ),
    r.rows ?? '—',
    r.violations ?? '—',
  ])
  const checks = invariants.checks.map((c) => [
    code(c.table),
    code(c.check),
    c.inTwin ? 'yes' : 'no, dropped',
    c.rows,
    c.violations,
  ])
  const declared = (invariants.declared ?? []).map((d) => [
    code(d.table),
    d.kind,
    code(d.rule),
    code(d.source),
    d.rows ?? '—',
    d.violations ?? '—',
  ])
  const from =
    invariants.learnedFrom === 'none'
      ? 'No model or source was given: no rules across tables to check.'
      : `Rules learned from the ${invariants.learnedFrom === 'model' ? 'model file' : 'source'}, counted in the whole twin by SQL.`
  return `<section id="invariants">
<h2>Invariants <span class="muted">${percent(invariants.score)} · beside the verdicts, not in them</span></h2>
<p class="muted">${from}</p>
<h3>Rules across tables</h3>
${htmlTable(['table', 'kind', 'rule', 'in the source', 'twin rows', 'violating rows'], rules, 'No rules across tables were learned.')}
${
  declared.length === 0
    ? ''
    : `<h3>Declared rules</h3>
${htmlTable(['table', 'kind', 'rule', 'declared at', 'twin rows', 'violating rows'], declared, '')}
`
}<h3>Source CHECKs on the twin's rows</h3>
${htmlTable(['table', 'check', 'held by the twin', 'rows read', 'violating rows'], checks, 'The source has no CHECKs.')}
</section>`
}
