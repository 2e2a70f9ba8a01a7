import { truncate } from './escape.js'
import { percent } from './format.js'
import {
  CHAR_WIDTH,
  LABEL_FONT,
  SIDE_COLORS,
  line,
  rect,
  sideLegend,
  svgChart,
  text,
  type ChartKind,
} from './svg.js'

/** Shares per category on each side: histogram bins, or numbers of children per parent. */
export interface GroupedBarsData {
  labels: string[]
  real: number[]
  twin: number[]
}

const WIDTH = 340
const PLOT_HEIGHT = 110
const MARGIN = { top: 24, right: 8, left: 40 } as const
/** Longest label kept once labels have to be slanted; the full text stays in the tooltip. */
const SLANTED_CHARS = 12
const SLANT = -40
/** Past this many categories an axis labels only every k-th one. */
const DENSE = 12

/**
 * Real and twin shares side by side per category, two colours and a legend: the shape of a column, or of a
 * foreign key's children-per-parent distribution, compared at a glance.
 *
 * @example groupedBarsChart('histogram', 'age', { labels: ['0–10', '10–20'], real: [0.4, 0.6], twin: [0.5, 0.5] })
 */
export function groupedBarsChart(kind: ChartKind, title: string, data: GroupedBarsData): string {
  const n = data.labels.length
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right
  const slot = n === 0 ? plotWidth : plotWidth / n
  const axis = xAxis(data.labels, slot)
  const height = MARGIN.top + PLOT_HEIGHT + axis.height
  const baseline = MARGIN.top + PLOT_HEIGHT
  const top = niceMax(Math.max(0, ...data.real, ...data.twin))
  const y = (share: number): number => baseline - (PLOT_HEIGHT * Math.min(share, top)) / top

  // Without values only the baseline is drawn, so the grid does not run through the "no values" note.
  const grid = (n === 0 ? [0] : [0, top / 2, top])
    .map((tick) => {
      const label = text(percent(tick, 0), { x: MARGIN.left - 4, y: y(tick) + 3, anchor: 'end' })
      return (
        line(MARGIN.left, y(tick), WIDTH - MARGIN.right, y(tick), tick === 0 ? '#888' : '#e3e3e3') + label
      )
    })
    .join('')
  const barWidth = Math.max(1, (slot * 0.8) / 2)
  const bars = data.labels
    .map((label, i) => {
      const x0 = MARGIN.left + i * slot + slot * 0.1
      return (['real', 'twin'] as const)
        .map((side, s) => {
          const share = data[side][i] ?? 0
          const tooltip = `${label} — ${side}: ${percent(share)}`
          const box = { x: x0 + s * barWidth, y: y(share), width: barWidth, height: baseline - y(share) }
          return rect({ ...box, fill: SIDE_COLORS[side], tooltip })
        })
        .join('')
    })
    .join('')
  const empty =
    n === 0
      ? text('no values', { x: MARGIN.left + plotWidth / 2, y: baseline - PLOT_HEIGHT / 2, anchor: 'middle' })
      : ''
  const body = grid + bars + empty + axis.render(baseline) + sideLegend(MARGIN.left, 12)
  return svgChart(kind, WIDTH, height, `${title}: real and twin shares`, body)
}

interface XAxis {
  height: number
  render: (baseline: number) => string
}

/**
 * Horizontal labels when every label fits its slot, or when a dense axis of short labels (children per parent)
 * can show every k-th one flat; otherwise slanted and shortened, every k-th one on a dense axis. The full label
 * stays in the bar tooltips.
 */
function xAxis(labels: string[], slot: number): XAxis {
  const n = labels.length
  const longest = Math.max(1, ...labels.map((l) => [...l].length))
  const flatStep = Math.ceil(((longest + 1) * CHAR_WIDTH) / slot)
  if (flatStep === 1 || (n > DENSE && flatStep <= Math.ceil(n / 8))) {
    const render = (baseline: number): string =>
      labels
        .map((l, i) =>
          i % flatStep === 0
            ? text(l, { x: MARGIN.left + (i + 0.5) * slot, y: baseline + LABEL_FONT + 3, anchor: 'middle' })
            : '',
        )
        .join('')
    return { height: LABEL_FONT + 8, render }
  }
  const shown = labels.map((l) => truncate(l, SLANTED_CHARS))
  // Slanted text needs about 1.6 font heights between anchors not to touch its neighbour.
  const step = Math.max(Math.ceil((LABEL_FONT * 1.6) / slot), n > DENSE ? Math.ceil(n / 10) : 1)
  const widest = Math.max(...shown.map((l) => [...l].length))
  const height = widest * CHAR_WIDTH * Math.sin((-SLANT * Math.PI) / 180) + LABEL_FONT + 10
  const render = (baseline: number): string =>
    shown
      .map((l, i) => {
        if (i % step !== 0) return ''
        const full = labels[i] ?? l
        const spec = {
          x: MARGIN.left + (i + 0.5) * slot + 3,
          y: baseline + LABEL_FONT + 2,
          anchor: 'end' as const,
        }
        return text(l, { ...spec, rotate: SLANT, tooltip: full === l ? undefined : full })
      })
      .join('')
  return { height, render }
}

/** A round top for the share axis: the next tenth above 10 %, the next hundredth below. */
function niceMax(max: number): number {
  if (max <= 0) return 0.1
  if (max > 0.1) return Math.min(1, Math.ceil(max * 10 - 1e-9) / 10)
  return Math.ceil(max * 100 - 1e-9) / 100
}
