import { escapeHtml } from './escape.js'

/**
 * Small builders for inline SVG. Charts are static markup, so they render without scripts and print as they
 * look; every coordinate is rounded to a tenth of a pixel to keep the file small.
 */

/** The chart kinds tests and readers can find by `svg.chart[data-chart=…]`. */
export type ChartKind = 'histogram' | 'heatmap' | 'cardinality' | 'bars'

/** The two sides compared on every chart, in the same colours everywhere. */
export const SIDE_COLORS = { real: '#4e79a7', twin: '#f28e2b' } as const

/** Font size of chart labels, and the width one character takes at that size (a sans-serif average). */
export const LABEL_FONT = 10
export const CHAR_WIDTH = 5.6

/** @example px(1 / 3) // '0.3' */
export function px(value: number): string {
  return String(Math.round(value * 10) / 10)
}

/** An `<svg class="chart">` of a fixed size, labelled for screen readers. */
export function svgChart(
  kind: ChartKind,
  width: number,
  height: number,
  label: string,
  body: string,
): string {
  const size = `width="${px(width)}" height="${px(height)}" viewBox="0 0 ${px(width)} ${px(height)}"`
  return `<svg class="chart" data-chart="${kind}" ${size} role="img" aria-label="${escapeHtml(label)}">${body}</svg>`
}

export interface RectSpec {
  x: number
  y: number
  width: number
  height: number
  fill: string
  /** Shown as a tooltip on hover. */
  tooltip?: string
}

export function rect(spec: RectSpec): string {
  const box = `x="${px(spec.x)}" y="${px(spec.y)}" width="${px(spec.width)}" height="${px(spec.height)}"`
  const attrs = `${box} fill="${spec.fill}"`
  return spec.tooltip === undefined
    ? `<rect ${attrs}/>`
    : `<rect ${attrs}><title>${escapeHtml(spec.tooltip)}</title></rect>`
}

export interface TextSpec {
  x: number
  y: number
  anchor?: 'start' | 'middle' | 'end'
  /** Degrees, about the text's own anchor point. */
  rotate?: number
  size?: number
  fill?: string
  /** The full text when `text` was shortened. */
  tooltip?: string
}

export function text(content: string, spec: TextSpec): string {
  const transform = spec.rotate ? ` transform="rotate(${spec.rotate} ${px(spec.x)} ${px(spec.y)})"` : ''
  const attrs =
    `x="${px(spec.x)}" y="${px(spec.y)}" text-anchor="${spec.anchor ?? 'start'}"` +
    ` font-size="${spec.size ?? LABEL_FONT}" fill="${spec.fill ?? '#444'}"${transform}`
  const title = spec.tooltip === undefined ? '' : `<title>${escapeHtml(spec.tooltip)}</title>`
  return `<text ${attrs}>${title}${escapeHtml(content)}</text>`
}

/** A straight line as a path, for axes and grid lines. */
export function line(x1: number, y1: number, x2: number, y2: number, stroke = '#bbb'): string {
  return `<path d="M${px(x1)} ${px(y1)}L${px(x2)} ${px(y2)}" stroke="${stroke}" fill="none"/>`
}

/** A two-entry legend (real, twin) starting at (x, y). */
export function sideLegend(x: number, y: number): string {
  return (['real', 'twin'] as const)
    .map((side, i) => {
      const left = x + i * 52
      return (
        rect({ x: left, y: y - 8, width: 10, height: 10, fill: SIDE_COLORS[side] }) +
        text(side, { x: left + 14, y })
      )
    })
    .join('')
}
