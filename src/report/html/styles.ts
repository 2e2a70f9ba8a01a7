/**
 * The page's only stylesheet, inlined: the report is one file that opens offline, so no font or sheet is
 * fetched (system fonts only).
 */
export const STYLES = `
:root { --real: #4e79a7; --twin: #f28e2b; --pass: #2e7d32; --fail: #c62828; --none: #757575; --line: #e0e0e0; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #222; background: #f6f7f9; }
main { max-width: 1180px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 12px; }
h3 { font-size: 15px; margin: 20px 0 8px; }
code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.muted { color: #666; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px; margin: 12px 0; }
#summary .verdicts { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px; }
.verdict { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
.verdict .name { text-transform: uppercase; font-size: 12px; letter-spacing: .05em; color: #555; }
.verdict .score { font-size: 28px; font-weight: 600; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600;
  color: #fff; vertical-align: middle; }
.badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); } .badge.none { background: var(--none); }
.parts { margin-top: 14px; }
details.table { background: #fff; border: 1px solid var(--line); border-radius: 8px; margin: 12px 0; padding: 0 16px; }
details.table > summary { cursor: pointer; padding: 12px 0; font-weight: 600; }
details.table > summary .muted { font-weight: 400; margin-left: 8px; }
.columns { display: grid; grid-template-columns: repeat(auto-fill, minmax(356px, 1fr)); gap: 12px; }
.column { border: 1px solid var(--line); border-radius: 6px; padding: 8px; min-width: 0; }
.column header { display: flex; justify-content: space-between; gap: 8px; align-items: baseline; margin-bottom: 4px; }
.column header code { font-weight: 600; }
.heatmaps, .cardinalities { display: flex; flex-wrap: wrap; gap: 20px; }
figure { margin: 0; }
figcaption { font-size: 12px; color: #555; margin-bottom: 4px; overflow-wrap: anywhere; }
svg.chart { display: block; max-width: 100%; height: auto; font-family: inherit; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; background: #fff; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; color: #555; font-weight: 600; background: #fafafa; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
.yes { color: var(--pass); font-weight: 600; } .no { color: var(--fail); font-weight: 600; }
.empty { color: #666; font-style: italic; margin: 6px 0 12px; }
.headline { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 10px; }
.headline div { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; background: #fff; }
.headline b { display: block; font-size: 20px; }
@media print { details.table { break-inside: avoid; } }
`
