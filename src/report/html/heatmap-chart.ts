import { truncateMiddle } from './escape.js'
import { decimal } from './format.js'
import { CHAR_WIDTH, LABEL_FONT, rect, svgChart, text } from './svg.js'

/** Longest column name kept on the axes; the full name stays in the cell tooltips. */
const LABEL_CHARS = 14
const NULL_FILL = '#cccccc'
const LEGEND_STEPS = 11

/**
 * One correlation matrix as a grid of cells on a diverging scale from −1 (blue) through 0 (near white) to +1
 * (red); a cell that could not be measured is grey. Each cell carries its pair and value as a tooltip.
 *
 * @example heatmapChart('real', ['a', 'b'], [[1, 0.3], [0.3, 1]])
 */
export function heatmapChart(title: string, columns: string[], matrix: (number | null)[][]): string {
  const n = columns.length
  const cell = Math.max(16, Math.min(40, Math.floor(240 / Math.max(1, n))))
  const shown = columns.map((c) => truncateMiddle(c, LABEL_CHARS))
  const labelWidth = Math.max(...shown.map((l) => [...l].length), 1) * (CHAR_WIDTH + 0.6) + 10
  const left = labelWidth
  const top = 8
  const grid = n * cell
  // Column labels hang below the grid at 45°, so they take about 0.7 of their length downwards.
  const legendY = top + grid + labelWidth * 0.72 + 10
  const width = Math.max(left + grid, left + LEGEND_STEPS * 14 + 40) + 8
  const height = legendY + 26

  const cells = columns
    .map((rowName, r) =>
      columns
        .map((colName, c) => {
          const value = matrix[r]?.[c] ?? null
          const x = left + c * cell
          const y = top + r * cell
          const tooltip = `${rowName} × ${colName}: ${value === null ? 'not measured' : decimal(value)}`
          const box = rect({ x, y, width: cell - 1, height: cell - 1, fill: divergingColor(value), tooltip })
          const label =
            cell >= 28 && value !== null
              ? text(decimal(value, 1), {
                  x: x + cell / 2,
                  y: y + cell / 2 + 3,
                  anchor: 'middle',
                  size: 9,
                  fill: Math.abs(value) > 0.6 ? '#fff' : '#222',
                })
              : ''
          return box + label
        })
        .join(''),
    )
    .join('')
  const rowLabels = shown
    .map((l, r) =>
      text(l, { x: left - 4, y: top + r * cell + cell / 2 + 3, anchor: 'end', tooltip: columns[r] }),
    )
    .join('')
  const colLabels = shown
    .map((l, c) => {
      const x = left + c * cell + cell / 2 + 3
      return text(l, { x, y: top + grid + LABEL_FONT, anchor: 'end', rotate: -45, tooltip: columns[c] })
    })
    .join('')
  const body = cells + rowLabels + colLabels + legend(left, legendY)
  return svgChart('heatmap', width, height, `${title} correlations`, body)
}

/** The scale from −1 to +1 as a strip of steps, with its ends and middle labelled. */
function legend(x: number, y: number): string {
  const step = 14
  const strip = Array.from({ length: LEGEND_STEPS }, (_, i) => {
    const value = -1 + (2 * i) / (LEGEND_STEPS - 1)
    return rect({
      x: x + i * step,
      y,
      width: step,
      height: 8,
      fill: divergingColor(value),
      tooltip: decimal(value, 1),
    })
  }).join('')
  const end = x + LEGEND_STEPS * step
  const labels =
    text('−1', { x, y: y + 19, size: 9 }) +
    text('0', { x: (x + end) / 2, y: y + 19, anchor: 'middle', size: 9 }) +
    text('+1', { x: end, y: y + 19, anchor: 'end', size: 9 }) +
    text('n/a', { x: end + 24, y: y + 19, anchor: 'middle', size: 9 })
  return (
    strip + rect({ x: end + 16, y, width: 16, height: 8, fill: NULL_FILL, tooltip: 'not measured' }) + labels
  )
}

const NEGATIVE: Rgb = [33, 102, 172]
const ZERO: Rgb = [247, 247, 247]
const POSITIVE: Rgb = [178, 24, 43]
type Rgb = [number, number, number]

/**
 * Colour of a correlation on the blue–white–red scale (ColorBrewer RdBu ends), clamped to −1..1.
 *
 * @example divergingColor(0) // '#f7f7f7'
 */
export function divergingColor(value: number | null): string {
  if (value === null || Number.isNaN(value)) return NULL_FILL
  const t = Math.max(-1, Math.min(1, value))
  const end = t < 0 ? NEGATIVE : POSITIVE
  const mix = ZERO.map((z, i) => Math.round(z + ((end[i] ?? z) - z) * Math.abs(t)))
  return `#${mix.map((c) => c.toString(16).padStart(2, '0')).join('')}`
}
