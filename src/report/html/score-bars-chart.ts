import { percent } from './format.js'
import { rect, svgChart, text } from './svg.js'

export interface ScoreBar {
  label: string
  /** 0..1, or null when not measured (drawn as an empty track). */
  value: number | null
}

const LABEL_WIDTH = 96
const TRACK = 150
const ROW = 18

/**
 * One horizontal bar per score on a 0–100 % track: the parts of the quality score.
 *
 * @example scoreBarsChart('quality parts', [{ label: 'column shapes', value: 0.9 }])
 */
export function scoreBarsChart(title: string, bars: ScoreBar[]): string {
  const width = LABEL_WIDTH + TRACK + 48
  const body = bars
    .map((bar, i) => {
      const y = i * ROW + 4
      const track = rect({ x: LABEL_WIDTH, y, width: TRACK, height: 11, fill: '#ececec' })
      const fill =
        bar.value === null
          ? ''
          : rect({
              x: LABEL_WIDTH,
              y,
              width: TRACK * Math.max(0, Math.min(1, bar.value)),
              height: 11,
              fill: scoreColor(bar.value),
              tooltip: `${bar.label}: ${percent(bar.value)}`,
            })
      const label = text(bar.label, { x: LABEL_WIDTH - 6, y: y + 9, anchor: 'end' })
      const value = text(percent(bar.value), { x: LABEL_WIDTH + TRACK + 6, y: y + 9 })
      return track + fill + label + value
    })
    .join('')
  return svgChart('bars', width, bars.length * ROW + 6, title, body)
}

/** Green from 80 %, amber from 60 %, red below: a reading aid, not a verdict (verdicts use thresholds). */
export function scoreColor(score: number): string {
  if (score >= 0.8) return '#59a14f'
  if (score >= 0.6) return '#e0a526'
  return '#e15759'
}
