import { describe, expect, it } from 'vitest'
import { renderHtml } from '../../src/report/render-html.js'
import { renderSummary } from '../../src/report/render-terminal.js'
import { divergingColor } from '../../src/report/html/heatmap-chart.js'
import { childrenShares } from '../../src/report/html/table-section.js'
import { sampleReport } from '../fixtures/sample-report.js'

const HOSTILE = '<script>alert(1)</script>'

/** The sample report with a hostile table and column name everywhere a name is shown. */
function hostileReport(): ReturnType<typeof sampleReport> {
  const report = sampleReport()
  const table = report.quality.tables[0]
  if (table === undefined) throw new Error('the sample report has no table')
  table.table = HOSTILE
  const column = table.columns[0]
  if (column !== undefined) column.column = `"><img src=x onerror=alert(2)>`
  report.privacy.pii.push({ column: HOSTILE, kind: 'email', covered: false })
  report.privacy.tables[1]!.rareLeakedColumns = [HOSTILE]
  report.consistency.orphans.push({ table: HOSTILE, foreignKey: `fk'&"`, count: 1 })
  report.twin.database = HOSTILE
  return report
}

describe('renderHtml', () => {
  const html = renderHtml(sampleReport())

  it('references no network resource', () => {
    expect(html).not.toMatch(/\b(?:src|href|action|poster|xlink:href)\s*=\s*["']?\s*(?:https?:)?\/\//i)
    expect(html).not.toMatch(/url\(\s*["']?\s*(?:https?:)?\/\//i)
    expect(html).not.toMatch(/@import/i)
    expect(html).not.toMatch(/<(?:script|link|iframe|img)\b/i)
  })

  it('escapes hostile table and column names', () => {
    const hostile = renderHtml(hostileReport())
    expect(hostile).not.toContain(HOSTILE)
    expect(hostile).not.toMatch(/<script/i)
    expect(hostile).not.toMatch(/<img/i)
    expect(hostile).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(hostile).toContain('fk&#39;&amp;&quot;')
  })

  it('names the columns where rare values leaked, never the values', () => {
    expect(html).toMatch(/<td[^>]*>3 \(kind\)<\/td>/)
  })

  it('keeps accents and quotes of names, escaped', () => {
    expect(html).toContain('clinic.&quot;lab results&quot;')
    expect(html).toContain('résultat')
  })

  it('has the summary card with the three verdicts and their badges', () => {
    const summary = /<section id="summary"[\s\S]*?<\/section>/.exec(html)?.[0] ?? ''
    expect(summary).toContain('data-verdict="quality"')
    expect(summary).toContain('data-verdict="privacy"')
    expect(summary).toContain('data-verdict="consistency"')
    expect(summary).toContain('84.2%')
    expect(summary).toMatch(/badge pass">PASS<\/span> <span class="muted">threshold 80\.0%/)
    expect(summary).toMatch(/badge fail">FAIL<\/span> <span class="muted">threshold 95\.0%/)
    expect(summary).toContain('class="badge none"')
    expect(summary).toContain('data-chart="bars"')
  })

  it('draws one histogram per column, a heatmap pair per correlation matrix, a plot per foreign key', () => {
    const report = sampleReport()
    const columns = report.quality.tables.reduce((n, t) => n + t.columns.length, 0)
    const keys = report.quality.tables.reduce((n, t) => n + t.cardinality.length, 0)
    const matrices = report.quality.tables.filter((t) => t.correlation !== null).length
    expect(html.match(/<svg class="chart" data-chart="histogram"/g)).toHaveLength(columns)
    expect(html.match(/<svg class="chart" data-chart="cardinality"/g)).toHaveLength(keys)
    expect(html.match(/<svg class="chart" data-chart="heatmap"/g)).toHaveLength(2 * matrices)
  })

  it('greys the correlation a side could not measure and says so in the tooltip', () => {
    expect(html).toContain('résultat × reference max: not measured')
    expect(divergingColor(null)).toBe('#cccccc')
    expect(divergingColor(0)).toBe('#f7f7f7')
    expect(divergingColor(1)).toBe('#b2182b')
    expect(divergingColor(-2)).toBe('#2166ac')
  })

  it('opens the first six tables and collapses the rest', () => {
    const report = sampleReport()
    const first = report.quality.tables[0]
    if (first === undefined) throw new Error('the sample report has no table')
    report.quality.tables = Array.from({ length: 8 }, (_, i) => ({ ...first, table: `t${i}` }))
    const many = renderHtml(report)
    expect(many.match(/<details class="table" open>/g)).toHaveLength(6)
    expect(many.match(/<details class="table">/g)).toHaveLength(2)
  })

  it('puts both sides of a cardinality plot on one axis, the largest count reading n+', () => {
    const shares = childrenShares({
      foreignKey: 'fk',
      parent: 'p',
      score: 1,
      real: [
        { children: 0, share: 0.5 },
        { children: 2, share: 0.5 },
      ],
      twin: [
        { children: 1, share: 0.4 },
        { children: 3, share: 0.6 },
      ],
    })
    expect(shares).toEqual({ labels: ['0', '1', '2', '3+'], real: [0.5, 0, 0.5, 0], twin: [0, 0.4, 0, 0.6] })
  })
})

describe('invariants in the HTML report', () => {
  it('has an invariants section listing each rule and each source CHECK with its violations', () => {
    const html = renderHtml(sampleReport())
    const section = /<section id="invariants">[\s\S]*?<\/section>/.exec(html)?.[0] ?? ''
    expect(section).toContain('visited_at ≥ clinic.patients.birth_date')
    expect(section).toContain(
      '<code>résultat_positive</code></td><td>no, dropped</td><td class="num">10,000</td><td class="num">200</td>',
    )
  })
})

describe('renderSummary', () => {
  const summary = renderSummary(sampleReport(), 'report.html')

  it('gives the three verdicts with PASS and FAIL where a threshold was set', () => {
    const lines = summary.split('\n')
    expect(lines).toContain('quality       84.2%  PASS (threshold 80.0%)')
    expect(lines).toContain('privacy       91.0%  FAIL (threshold 95.0%)')
    expect(lines).toContain('consistency   97.5%')
  })

  it('names the worst columns, the privacy headline, the consistency counts and the report path', () => {
    expect(summary).toContain(
      'worst columns: clinic."lab results".résultat 62.0%, clinic.visits.reason 74.0%',
    )
    expect(summary).toContain('membership AUC 0.54')
    expect(summary).toContain('3/40 rare values leaked (k=5)')
    expect(summary).toContain(
      'orphans 2 · unique violations 0 · check violations 1 · row counts off by >3% 1/4 tables',
    )
    expect(summary).toContain('full report: report.html')
    expect(summary.split('\n').length).toBeLessThanOrEqual(20)
  })

  it('lists the invariants beside the verdicts, with the source CHECK the twin dropped and broke', () => {
    expect(summary).toContain(
      'invariants 98.0% (beside the verdicts): rules across tables kept 1/1 (from the model) · source CHECKs kept 0/1',
    )
    expect(summary).toContain(
      'broken: clinic."lab results": CHECK résultat_positive (dropped by the twin) (200 of 10,000 rows read)',
    )
  })

  it('has no colour codes unless asked for', () => {
    expect(summary).not.toContain('\u001b[')
    expect(renderSummary(sampleReport(), undefined, { color: true })).toContain('\u001b[32mPASS\u001b[0m')
  })
})
