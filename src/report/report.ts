/**
 * The report: how faithful, private and consistent a twin is, as plain data. `report` computes it; the JSON file
 * is this object, and the HTML and terminal renderers read nothing else.
 */

export const REPORT_FORMAT_VERSION = 1

export interface Report {
  formatVersion: typeof REPORT_FORMAT_VERSION
  /** ISO time the report was made. */
  createdAt: string
  /** The source, or null when the twin was compared with a model file alone. */
  real: DatabaseLabel | null
  twin: DatabaseLabel
  /** How much was read: large tables are sampled, and the report says so. */
  sampling: { maxRowsPerTable: number; sampledTables: string[] }
  verdicts: Record<'quality' | 'privacy' | 'consistency', Verdict>
  quality: QualitySection
  privacy: PrivacySection
  consistency: ConsistencySection
}

export interface DatabaseLabel {
  /** Database name and engine, never a URL. */
  database: string
  dialect: string
}

export interface Verdict {
  /** 0..1, or null when nothing could be measured. */
  score: number | null
  /** The `--fail-under` threshold, or null when none was given. */
  threshold: number | null
  /** score ≥ threshold; null without a threshold. */
  passed: boolean | null
}

export interface QualitySection {
  score: number | null
  /** Means over the whole twin, each 0..1 (null when not measurable, e.g. no foreign keys). */
  parts: {
    columnShapes: number | null
    columnPairs: number | null
    cardinality: number | null
    interTable: number | null
    nullRates: number | null
  }
  tables: TableQuality[]
}

export interface TableQuality {
  /** `schema.table` */
  table: string
  rows: { real: number; twin: number }
  /** Rows read to compute the figures, per side (equal to rows unless the table was sampled). */
  sampled: { real: number; twin: number }
  columns: ColumnQuality[]
  pairs: PairQuality[]
  /** Correlation matrices over the numeric and time columns, for side-by-side heatmaps. */
  correlation: { columns: string[]; real: (number | null)[][]; twin: (number | null)[][] } | null
  cardinality: CardinalityQuality[]
  interTable: InterTableQuality[]
}

export interface ColumnQuality {
  column: string
  /** `text`: free text, compared with a model by its null rate and value lengths (a source leaves it out). */
  kind: 'number' | 'time' | 'category' | 'text'
  /** KS complement (number, time; the values' lengths for text) or total-variation complement (category). */
  shape: number | null
  nullRate: { real: number; twin: number }
  /** 1 − |real − twin| null rate. */
  nullScore: number
  /** Bins shared by both sides (labels; lengths for text), with the share of non-null values in each. */
  histogram: { bins: string[]; real: number[]; twin: number[] }
}

export interface PairQuality {
  a: string
  b: string
  metric: 'correlation' | 'contingency'
  /** The correlation on each side (null for contingency). */
  real: number | null
  twin: number | null
  score: number
}

export interface CardinalityQuality {
  foreignKey: string
  parent: string
  /** KS complement of the children-per-parent distributions, parents without children included. */
  score: number
  /** Share of parents with each number of children (the last entry gathers the tail). */
  real: { children: number; share: number }[]
  twin: { children: number; share: number }[]
}

export interface InterTableQuality {
  foreignKey: string
  parentColumn: string
  childColumn: string
  real: number | null
  twin: number | null
  score: number
}

export interface PrivacySection {
  score: number | null
  /** Share of sampled twin rows identical to a real row on every non-key column. */
  exactMatchRate: number | null
  /** Distance to closest record: share of twin rows closer to training rows than to a real holdout. */
  dcr: { share: number; score: number } | null
  /** AUC of a distance-based membership-inference attack: 0.5 means it learns nothing. */
  membershipAuc: number | null
  /** Values seen fewer than `k` times in the source that the twin contains. */
  rareValues: { k: number; rare: number; leaked: number; share: number }
  /** Columns detected as PII and whether a rule covers each. */
  pii: { column: string; kind: string; covered: boolean }[]
  tables: {
    table: string
    exactMatchRate: number | null
    dcrShare: number | null
    membershipAuc: number | null
    rareLeaked: number
    /** The columns holding those values (never the values themselves). */
    rareLeakedColumns: string[]
  }[]
}

export interface ConsistencySection {
  score: number | null
  orphans: { table: string; foreignKey: string; count: number }[]
  uniqueViolations: { table: string; key: string; count: number }[]
  checkViolations: { table: string; check: string; count: number }[]
  /** Rows in each twin table against the source's (or the model's) × scale; lookup tables keep their size. */
  rowCounts: { table: string; expected: number; actual: number }[]
  /** False for a subset, whose selection decides its row counts: listed, not scored. */
  rowCountsScored: boolean
  /** The scale the twin was expected at (`report --scale`, or the scale it was just generated at). */
  scale: number
}
