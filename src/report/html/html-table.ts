import { escapeHtml } from './escape.js'
import { count } from './format.js'

/**
 * A cell: plain text (escaped here), a count (formatted here), or markup already built from escaped parts;
 * `numeric` markup is right-aligned like counts.
 */
export type Cell = string | number | { html: string; numeric?: boolean }

/**
 * A plain `<table>`; counts and figures are right-aligned, and so is their header (judged on the first row).
 * An empty table becomes one line saying so, which reads better than a header with nothing under it.
 *
 * @example htmlTable(['table', 'count'], [['clinic.visits', 3]], 'no orphans')
 */
export function htmlTable(headers: string[], rows: Cell[][], emptyText: string): string {
  if (rows.length === 0) return `<p class="empty">${escapeHtml(emptyText)}</p>`
  const first = rows[0] ?? []
  const head = headers
    .map((h, i) => `<th${isNumeric(first[i]) ? ' class="num"' : ''}>${escapeHtml(h)}</th>`)
    .join('')
  const body = rows.map((row) => `<tr>${row.map(cell).join('')}</tr>`).join('\n')
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`
}

function isNumeric(value: Cell | undefined): boolean {
  return typeof value === 'number' || (typeof value === 'object' && value.numeric === true)
}

function cell(value: Cell): string {
  if (typeof value === 'number') return `<td class="num">${count(value)}</td>`
  if (typeof value === 'string') return `<td>${escapeHtml(value)}</td>`
  return `<td${value.numeric === true ? ' class="num"' : ''}>${value.html}</td>`
}

/** A figure that is already formatted (a percentage, a dash), right-aligned. */
export function figure(text: string): Cell {
  return { html: escapeHtml(text), numeric: true }
}

/** A name shown in monospace, as table, column and key names are. */
export function code(name: string): Cell {
  return { html: `<code>${escapeHtml(name)}</code>` }
}
