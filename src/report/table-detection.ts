import { detectionAuc, detectionScore } from './metrics/detection.js'
import { detectionFeatures } from './detection-features.js'
import type { TableDetection } from './report.js'
import { round } from './table-quality.js'
import type { ComparedColumn } from './table-samples.js'

/**
 * Rows per side a classifier reads: five fits of 200 steps over 2,000 rows take about a quarter of a second per view at 40 features, so a
 * schema of hundreds of tables is not held up by its detection score.
 */
const DETECTION_ROWS = 1000

/** One way of seeing a table's rows: its own columns, or its rows joined to one parent (`foreignKey`). */
export interface DetectionView {
  foreignKey: string | null
  columns: readonly ComparedColumn[]
}

/**
 * The detection score of one table: a classifier two-sample test (see detectionAuc) on each view of its rows, the
 * table's own and each joined to a parent, so a child whose parents do not fit it (a broken cross-table rule) is
 * caught though each table alone looks right. The table scores its worst view. Null when no view has columns and
 * enough rows on both sides.
 */
export function tableDetection(
  table: string,
  views: readonly DetectionView[],
  k: number,
  seed: number,
): TableDetection | null {
  let worst: TableDetection | null = null
  for (const view of views) {
    if (view.columns.length === 0) continue
    const columns = view.columns.map((c) => ({ ...c, real: thin(c.real), twin: thin(c.twin) }))
    const { real, twin } = detectionFeatures(columns, k)
    const auc = detectionAuc(real, twin, `${seed}\u0000${table}\u0000${view.foreignKey ?? ''}`)
    if (auc === null) continue
    if (worst === null || auc > worst.auc)
      worst = {
        auc: round(auc),
        score: round(detectionScore(auc)),
        foreignKey: view.foreignKey,
        rows: { real: real.length, twin: twin.length },
      }
  }
  return worst
}

/** At most DETECTION_ROWS values, evenly spaced (the samples are already in random order or key order). */
function thin<T>(values: readonly T[]): T[] {
  if (values.length <= DETECTION_ROWS) return [...values]
  const stride = values.length / DETECTION_ROWS
  return Array.from({ length: DETECTION_ROWS }, (_, i) => values[Math.floor(i * stride)]!)
}
