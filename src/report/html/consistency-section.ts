import type { ConsistencySection } from '../report.js'
import { percent } from './format.js'
import { code, figure, htmlTable } from './html-table.js'

/**
 * What the twin's own constraints say about it: orphan rows, unique and check violations, and row counts
 * against what was expected.
 *
 * @example consistencySection(report.consistency)
 */
export function consistencySection(consistency: ConsistencySection): string {
  const orphans = consistency.orphans.map((o) => [code(o.table), code(o.foreignKey), o.count])
  const unique = consistency.uniqueViolations.map((u) => [code(u.table), code(u.key), u.count])
  const checks = consistency.checkViolations.map((c) => [code(c.table), code(c.check), c.count])
  const rowCounts = consistency.rowCounts.map((r) => [
    code(r.table),
    r.expected,
    r.actual,
    figure(r.expected === 0 ? '—' : signedPercent(r.actual / r.expected - 1)),
  ])
  return `<section id="consistency">
<h2>Consistency <span class="muted">${percent(consistency.score)}</span></h2>
<h3>Orphans</h3>
${htmlTable(['table', 'foreign key', 'orphan rows'], orphans, 'No orphan rows.')}
<h3>Unique violations</h3>
${htmlTable(['table', 'key', 'duplicate rows'], unique, 'No unique violations.')}
<h3>Check violations</h3>
${htmlTable(['table', 'check', 'violating rows'], checks, 'No check violations.')}
<h3>Row counts</h3>
${htmlTable(['table', 'expected', 'actual', 'difference'], rowCounts, 'No row counts recorded.')}
</section>`
}

/** @example signedPercent(0.05) // '+5.0%' */
function signedPercent(value: number): string {
  return value > 0 ? `+${percent(value)}` : percent(value)
}
