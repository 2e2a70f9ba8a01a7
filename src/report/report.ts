/**
 * The report: how faithful, private and consistent a twin is, as plain data. `report` computes it; the JSON file
 * is this object, and the HTML and terminal renderers read nothing else.
 */

import type { Invariant } from '../model/model.js'

export const REPORT_FORMAT_VERSION = 2

export interface Report {
  formatVersion: typeof REPORT_FORMAT_VERSION
  /** ISO time the report was made. */
  createdAt: string
  /** The source, or null when the twin was compared with a model file alone. */
  real: DatabaseLabel | null
  twin: DatabaseLabel
  /** How much was read: large tables are sampled, and the report says so. */
  sampling: { maxRowsPerTable: number; sampledTables: string[] }
  /**
   * The three verdicts, and one per quality property or extra given a `--fail-under` threshold
   * (`quality.columnPairs`, `detection`).
   */
  verdicts: Record<'quality' | 'privacy' | 'consistency', Verdict> & Partial<Record<ExtraGate, Verdict>>
  quality: QualitySection
  privacy: PrivacySection
  consistency: ConsistencySection
  /** Business rules across tables and the source's CHECKs, in the twin; beside the verdicts, like detection. */
  invariants: InvariantsSection
  /**
   * A twin in the other engine family than its source (PostgreSQL/PGlite ↔ MySQL/MariaDB): each of the source's
   * schema objects it does not hold as the source does (left out or translated), and why, as the write said
   * (see crossEngineDetails). Absent for a twin of the source's engine.
   */
  acrossEngines?: AcrossEnginesSection
}

export interface AcrossEnginesSection {
  /** The twin's engine family. */
  target: 'postgres' | 'mysql'
  objects: {
    fate: 'left out' | 'translated'
    kind: string
    name: string
    reason: string
  }[]
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

/** The four properties of SDMetrics' multi-table quality report, whose mean is the quality score. */
export const QUALITY_PARTS = ['columnShapes', 'columnPairs', 'cardinality', 'interTable'] as const
export type QualityPart = (typeof QUALITY_PARTS)[number]
/** A `--fail-under` gate on one quality property. */
export type QualityGate = `quality.${QualityPart}`
/** A `--fail-under` gate beside the three verdicts: a quality property, the detection score, or the invariants. */
export type ExtraGate = QualityGate | 'detection' | 'invariants'

export interface QualitySection {
  /** The mean of the parts that exist, as SDMetrics' overall quality score. */
  score: number | null
  /**
   * SDMetrics' properties, each a mean over the whole twin, 0..1 (null when not measurable, e.g. no foreign
   * keys): column shapes (number, time and category columns), column pair trends (every pair of number, time
   * and category columns in a table), cardinality (every foreign key) and inter-table trends (every parent column ×
   * child column of every key).
   */
  parts: Record<QualityPart, number | null>
  /**
   * dbtwin's own figures, shown beside the score and not in it (each null without a source, or when nothing was
   * measured):
   * - `nullRates`, `textLengths`: null rates of every column, and free text by its lengths;
   * - `jsonStructure`: JSON columns by their path sets (SDMetrics scores no JSON: it used to sit in column shapes);
   * - `detection`: the mean of the tables' detection scores (see TableQuality.detection);
   * - `textTokens`: over free-text columns, the mean share of the twin's tokens found in the source's vocabulary;
   * - `categoryValues`: over category columns, the mean share of the twin's values the source holds.
   */
  extras: {
    nullRates: number | null
    textLengths: number | null
    jsonStructure: number | null
    detection: number | null
    textTokens: number | null
    categoryValues: number | null
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
  /** Whether a classifier tells the twin's rows from the source's; null without a source or rows to read. */
  detection: TableDetection | null
}

/**
 * A classifier two-sample test: logistic regression on every compared column (the parent's joined in per foreign
 * key), cross-validated over five folds. The table's worst view is kept.
 */
export interface TableDetection {
  /** Out-of-fold AUC of telling twin rows from real ones: 0.5 = chance, 1 = every twin row recognised. */
  auc: number
  /** 1 − max(0, 2·AUC − 1), as SDMetrics' detection metrics. */
  score: number
  /** The view scored: the rows joined to the parent of this key, or null for the table's own rows. */
  foreignKey: string | null
  /** Rows the classifier read per side. */
  rows: { real: number; twin: number }
}

export interface ColumnQuality {
  column: string
  /**
   * `text`: free text, compared by its null rate and value lengths, outside the quality score. `json`: documents,
   * compared by their path sets (against a source only).
   */
  kind: 'number' | 'time' | 'category' | 'text' | 'json'
  /**
   * KS complement (number, time) or total-variation complement (category); for text the KS complement of the
   * values' lengths, a dbtwin extra (SDMetrics scores no text); for JSON the mean of 1 − |real − twin| presence
   * over the paths either side holds in at least k documents (see jsonStructure), its histogram bins being paths.
   */
  shape: number | null
  nullRate: { real: number; twin: number }
  /** 1 − |real − twin| null rate. */
  nullScore: number
  /** Bins shared by both sides (labels; lengths for text), with the share of non-null values in each. */
  histogram: { bins: string[]; real: number[]; twin: number[] }
  /**
   * Text realism: for free text, the share of the twin's tokens found in the source's vocabulary (tokens in at
   * least k sampled source rows, k as for rare values); for a category, the share of the twin's values the source
   * holds. Null for numbers and times, and without a source.
   */
  realism: number | null
}

export interface PairQuality {
  a: string
  b: string
  /** Pearson correlation similarity (two number or time columns) or contingency similarity (any other pair). */
  metric: 'correlation' | 'contingency'
  /** Pearson's r on each side (null for contingency). */
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
  /** As for column pairs, on the child rows joined to their parents. */
  metric: 'correlation' | 'contingency'
  real: number | null
  twin: number | null
  score: number
}

export interface PrivacySection {
  score: number | null
  /**
   * What the score covers. `synthetic`: every row was generated, and every measure applies. `ruled-columns`: a
   * subset copies real rows, so only what rules rewrite can be private: the score is the ruled columns' rewrite
   * rate and the PII coverage; exact matches, DCR and the attack are not computed (they would only say "copied").
   */
  scope: 'synthetic' | 'ruled-columns'
  /** One sentence on what the score covers, for the renderers. */
  note: string
  /**
   * Share of sampled twin rows identical to a real row on every non-key column, the worst table's. Tables whose
   * rows repeat by necessity (every column a category, or the source repeating itself as often) are left out
   * (see `tables`).
   */
  exactMatchRate: number | null
  /** Distance to closest record: share of twin rows closer to training rows than to a real holdout. */
  dcr: { share: number; score: number } | null
  /** AUC of a distance-based membership-inference attack: 0.5 means it learns nothing. */
  membershipAuc: number | null
  /** Values seen fewer than `k` times in the source that the twin contains. */
  rareValues: { k: number; rare: number; leaked: number; share: number }
  /** Columns detected as PII and whether a rule covers each. */
  pii: { column: string; kind: string; covered: boolean }[]
  /**
   * A subset's ruled columns: of the copied rows read (matched to the source by primary key), how many still hold
   * the source's value. Empty for a synthetic twin.
   */
  ruledColumns: { column: string; rows: number; unchanged: number }[]
  tables: {
    table: string
    exactMatchRate: number | null
    /**
     * Every compared column is a category, or the source's held-out rows repeat its other rows at least half as
     * often as the twin's do (see exactMatchByChance): the table has few possible rows, and a twin repeats real
     * ones by necessity. Its exact matches are listed, not scored.
     */
    exactMatchUnavoidable: boolean
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

/**
 * The rules the twin should keep beyond its keys: the invariants learned across tables (see Invariant: paths that
 * meet, time orders, sequences) and every CHECK of the source, evaluated on the twin's rows whether or not the twin
 * kept the constraint (a MySQL → PostgreSQL twin can lose one, issue 19.4).
 */
export interface InvariantsSection {
  /** The worst rule's share of rows that keep it (learned rules by whole tables, CHECKs on the sample); null if none. */
  score: number | null
  /** `model`: the model file's rules; `source`: learned from the source for this report; `none`: neither given. */
  learnedFrom: 'model' | 'source' | 'none'
  rules: {
    kind: Invariant['kind']
    table: string
    /** The rule in words (see describeInvariant). */
    rule: string
    /** Share of the source's rows that kept it, and how many it applied to. */
    strength: number
    sourceRows: number
    /** Rows of the twin it applies to and those that break it, counted by SQL; null when the twin lacks a table. */
    rows: number | null
    violations: number | null
    /**
     * For a rule given an ancestor, its strength in the twin as `strength` is in the source: a number's η², a
     * category's Cramér's V.
     */
    twinStrength?: number
  }[]
  /**
   * The rules the user declared in the rule file (`constraints:`, issue 18.7): each `check` and `derive` counted in
   * the whole twin by SQL; absent without a rule file.
   */
  declared?: {
    kind: 'check' | 'derive' | 'combinations'
    table: string
    /** The expression, as `flag = (case … end)` for a derived column. */
    rule: string
    /** Where the rule file declares it, `file:line:column`. */
    source: string
    /** Rows of the twin and those that break it; null when the twin lacks the table. */
    rows: number | null
    violations: number | null
    /** For a number explained by an ancestor (strength is its η² in the source): its η² in the twin. */
    twinStrength?: number
  }[]
  checks: {
    table: string
    check: string
    /** Twin rows read (the sample, as for quality) and those the CHECK is false on. */
    rows: number
    violations: number
    /** Whether the twin itself holds the constraint; false when its engine dropped it. */
    inTwin: boolean
  }[]
}
