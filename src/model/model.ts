import type { FileType } from './binary-content.js'
/**
 * The model file: statistics of a source database, never its records. `learn` writes it next to production;
 * `generate` reads it anywhere. It embeds the schema, so it is the only input generation needs.
 */
import type { PiiKind } from './pii-kinds.js'
import type { SpecialNumber } from '../schema/cell-value.js'
import type { DialectName, Schema } from '../schema/schema.js'

export const MODEL_FORMAT_VERSION = 1

export interface Model {
  formatVersion: typeof MODEL_FORMAT_VERSION
  madeBy: Provenance
  privacy: PrivacyStatement
  /** Columns that looked like PII when learned: the kind only, for `pii:` rules and the report's coverage. */
  pii: PiiColumnKind[]
  schema: Schema
  tables: TableModel[]
  /**
   * Business rules across tables that held in (nearly) every source row (see Invariant); absent in model files from
   * before they were learned.
   */
  invariants?: Invariant[]
}

/**
 * A rule across tables learned from the source (issue 18), kept when at least INVARIANT_STRENGTH of the rows it
 * speaks of agree. Privacy: `rows` and `strength` come from two counts (rows where the rule applies, rows that agree),
 * each released only when at least minCount rows apply and, under --epsilon, with Laplace noise of sensitivity 1 from
 * the model's budget; a time order's gap quantiles are a quantile sketch (each end a mean of minCount gaps), not
 * noised, like every quantile sketch.
 *
 * A path is a list of foreign-key names walked from `table`: `[]` is the row itself, `['claims_encounter_fk',
 * 'encounters_patient_fk']` the claim's encounter's patient.
 */
export type Invariant =
  /** Both paths from a row reach the same row of `ancestor` (a claim's policy is its encounter's patient's). */
  | {
      kind: 'paths-meet'
      table: string
      first: string[]
      second: string[]
      ancestor: string
      rows: number
      strength: number
    }
  /** `column` is never earlier than `ancestorColumn` of the row `path` reaches; gaps in seconds at QUANTILE_LEVELS. */
  | {
      kind: 'time-order'
      table: string
      column: string
      path: string[]
      ancestor: string
      ancestorColumn: string
      rows: number
      strength: number
      gaps: number[] | null
    }
  /** `column` numbers the rows of each parent through `foreignKey` 1..n without gaps (prescription line numbers). */
  | { kind: 'sequence'; table: string; column: string; foreignKey: string; rows: number; strength: number }
  /**
   * Whether and how many rows of `table` hang off a parent through `foreignKey` depends on the parent's category
   * `parentColumn` (payments only for paid claims): per released value, the children-per-parent histogram, and the
   * values whose parents have no children (`childless`). `rows` counts the children whose parent has a released
   * value, `strength` the share of them under a value that is not childless. Privacy: each (value, children) count
   * is noised (sensitivity 2, like a relation's histogram) and a value is written only with at least minCount
   * parents and among the column's released categories; bins of fewer than minCount parents are merged.
   */
  | {
      kind: 'children-by-state'
      table: string
      foreignKey: string
      parent: string
      parentColumn: string
      states: StateChildren[]
      childless: Category['value'][]
      rows: number
      strength: number
    }
  /**
   * `parentColumn` of the parent through `foreignKey` equals the sum of `column` over its rows (a claim's amount is
   * its payments'), in the parents that have rows and a value or sum other than 0. Kept exactly in the twin: set
   * from the children after the load (see sumUpdate).
   */
  | {
      kind: 'sum'
      table: string
      column: string
      foreignKey: string
      parent: string
      parentColumn: string
      rows: number
      strength: number
    }
  /**
   * A number column drawn within the cell of a category column up to three keys away (a claim's amount by the
   * department of its encounter's provider, issue 18.5): the ancestor column that explains it best (η² at least
   * EXPLAINED, and more than any column of the row), with the number's quantiles per released value as in
   * NumericCells. `rows` are the sampled rows with both set, `strength` is η². Privacy: as NumericCells — a cell only
   * for a value the ancestor column releases with at least minCount sampled numbers, its quantiles a quantile
   * sketch; η² and the choice of the ancestor are statistics of the sample, not noised.
   */
  | {
      kind: 'ancestor-cells'
      table: string
      column: string
      path: string[]
      ancestor: string
      ancestorColumn: string
      cells: NumericCells['cells']
      rows: number
      strength: number
    }

  /**
   * A category column drawn from its frequencies given a category column one to three keys away (a policy's coverage
   * by its patient's age band, issue 18.5): per value of the ancestor's column, the column's frequencies among the
   * rows under it, as a Conditional's cells. `rows` are the rows with both set, `strength` is Cramér's V of the two
   * (bias-corrected) over them, computed from the released counts. Privacy: as a Conditional's cells — each (ancestor
   * value, value) count noised under --epsilon (sensitivity 1, the column's one "cells given another column" query:
   * a column is drawn given an ancestor only when nothing of its own row conditions it), a cell written only for a
   * value the ancestor's column releases, counted at least minCount times, and only the values counted at least
   * minCount times in it; which ancestor column is chosen comes from a sample, not noised.
   */
  | {
      kind: 'ancestor-categories'
      table: string
      column: string
      path: string[]
      ancestor: string
      ancestorColumn: string
      cells: Conditional['cells']
      rows: number
      strength: number
    }

/** The children-per-parent histogram of the parents holding one value of a category column. */
export interface StateChildren {
  value: Category['value']
  /** Share of the parents with a released value that hold this one. */
  share: number
  childrenPerParent: { children: number; frequency: number }[]
}

/** The least share of rows that must agree for a rule to be kept: 99%, so that a few bad source rows (31 encounters
 * before birth among 600,000) do not hide a rule, while a coincidence of most rows is not taken for one. */
export const INVARIANT_STRENGTH = 0.99

export interface PiiColumnKind {
  /** `schema.table.column` */
  column: string
  kind: PiiKind
  confidence: number
}

export interface Provenance {
  tool: 'dbtwin'
  version: string
  /** ISO time of learning; SOURCE_DATE_EPOCH fixes it, so a rerun can reproduce a file byte for byte. */
  learnedAt: string
  /**
   * `fingerprint`: a one-way hash of where the source's URL points (see databaseFingerprint); `identity`: one of who
   * the source is on its server (see databaseIdentity; absent in models from before it). Either refuses a target that
   * is the source.
   */
  source: { dialect: DialectName; database: string; fingerprint: string; identity?: string }
  parameters: LearnParameters
}

export interface LearnParameters {
  /** Rows sampled per table for quantiles, shapes, correlations and inequalities. */
  sampleRows: number
  /** Categories, shapes and histogram bins seen fewer times than this are not written. */
  minCount: number
  /** Differential-privacy budget, or null when no noise was added. */
  epsilon: number | null
  seed: number
  /** Columns a rule rewrites: learned by type only, never from their values. */
  ruledColumns: string[]
}

/** What the model promises about privacy, in words a privacy officer can quote, with the figures behind them. */
export interface PrivacyStatement {
  minCount: number
  differentialPrivacy: {
    epsilon: number
    mechanism: 'laplace'
    /** Counting queries released; each spends epsilon / queries (sequential composition). */
    queries: number
    epsilonPerQuery: number
    covers: string[]
    notCovered: string[]
  } | null
  /**
   * Tables released row for row, as they are: reference tables (see referenceTables), which hold no personal data,
   * so minCount and noise do not apply to them. Under --epsilon only those a rules file marks `public: true`.
   * Absent in model files from before reference tables, and when there are none.
   */
  verbatimTables?: string[]
}

export interface TableModel {
  /** The table's name as `tableName()` prints it. */
  table: string
  rows: number
  /** Rows the sample-based statistics were computed from. */
  sampledRows: number
  columns: ColumnModel[]
  /** Gaussian copula: correlation of normal scores between modeled columns, or null with fewer than two. */
  copula: { columns: string[]; correlation: number[][] } | null
  /** `left op right` held in every sampled row where both were set, and is not implied by their ranges. */
  inequalities: Inequality[]
  /**
   * Category columns that depend on another category column of the row (a state on its country), which a copula of
   * ranks cannot carry: the column's frequencies within each value of the other.
   */
  conditionals: Conditional[]
  /**
   * Number columns a category column of the row explains (a lab value given its test code): the number's quantiles
   * within each category value (issue 17.5). Absent in model files from before they were learned.
   */
  numericCells?: NumericCells[]
  /**
   * Category columns another one determines exactly (test code → unit, zip → city): the twin sets them from it
   * (issue 17.5). Absent in model files from before they were learned.
   */
  functionalDependencies?: FunctionalDependency[]
  /**
   * Ordered pairs (admitted ≤ discharged) whose later column is generated as the earlier plus a difference drawn
   * from these quantiles (issue 17.6). Absent in model files from before they were learned.
   */
  differences?: Difference[]
  /**
   * Columns a rule file fixes to the combinations the source holds (`combinations:`, issue 18.7): generation keeps
   * only these. Privacy: each combination's row count is noised under --epsilon (one query per declared rule, a
   * histogram of disjoint cells) and a combination is written only when counted at least minCount times. Absent
   * without such a rule.
   */
  combinations?: FixedCombinations[]
  /** One per foreign key of this table: how its rows hang off their parents. */
  relations: RelationModel[]
  /**
   * A reference table's rows, copied whole (issue 17.1): written as they are by generate, keys included, so that
   * children point at real parents. Privacy: released verbatim because the table holds no personal data (see
   * referenceTables); listed in the privacy statement's verbatimTables. Absent for every other table.
   */
  reference?: ReferenceRows
}

export interface ReferenceRows {
  /** Why it is a reference table (see ReferenceDecision). */
  reason: string
  /** The columns the rows hold, in order: the table's columns but generated ones. */
  columns: string[]
  /** Values in the form writers take (see cellValue): numbers, booleans, and text for everything else. */
  rows: (string | number | boolean | null)[][]
}

export interface Conditional {
  column: string
  given: string
  /** Per value of `given` seen at least minCount times: `column`'s frequencies among its rows (kept cells only). */
  cells: { value: Category['value']; categories: Category[] }[]
  /** The same where `given` is NULL (a state left empty outside the countries that have states). */
  whenNull: Category[]
}

/**
 * A number column drawn from the distribution of its row's category (see numericGivenCategory). Privacy: a cell
 * exists only for a category value the given column releases (seen at least minCount times, counted with noise
 * under --epsilon) with at least minCount sampled numbers, and its quantiles are a quantile sketch (each a mean of
 * minCount values), like every number column's; `eta2` is a statistic of the sample, like a copula correlation.
 * Rows whose category has no cell draw from the column's own quantiles.
 */
export interface NumericCells {
  column: string
  given: string
  /** The correlation ratio η² of the number on the category in the sample: the share of variance it explains. */
  eta2: number
  cells: { value: Category['value']; quantiles: number[] }[]
}

/**
 * `determinant` → `dependent`: every value of the determinant seen at least minCount times was seen with one value
 * of the dependent alone. Privacy: a pair is written only when both values are categories their columns release
 * (seen at least minCount times) and the pair itself was counted at least minCount times (noised under
 * --epsilon); a determinant value without a pair leaves the dependent as drawn.
 */
export interface FunctionalDependency {
  determinant: string
  dependent: string
  pairs: { value: Category['value']; determined: Category['value'] }[]
}

/**
 * `to` = `from` + a difference, for a learned inequality `from <= to` (or `<`). The quantiles are of `to − from`
 * over the sampled rows where both are set, in seconds for temporal columns and the column's units for numbers.
 * Privacy: a quantile sketch like any column's (each quantile, the ends included, a mean of minCount
 * differences), not noised under --epsilon. The copula holds the difference's normal scores for `to`, so the
 * length of a stay moves with the rest of the row, not with the admission time.
 */
export interface Difference {
  from: string
  to: string
  quantiles: number[]
  /**
   * A category column of the row that explains the difference (a stay's length by the encounter's kind, η² at
   * least 0.3), with the difference's quantiles per released value as in NumericCells; rows of other values draw
   * from `quantiles`. Absent when no category explains it.
   */
  given?: Pick<NumericCells, 'given' | 'eta2' | 'cells'>
  /**
   * A value the later column holds in `share` of the rows (at least 10% of them and minCount rows), such as
   * employee's `to_date` 9999-01-01 for "still current" (73% of dept_emp): written as it is in that share of
   * rows, the rows with the largest differences by the copula, since no difference from the earlier column makes
   * it. The quantiles and cells are of the other rows. Released as a category value is (seen in minCount rows),
   * its share not noised under --epsilon, as the quantiles are not. Absent when no value is that common.
   */
  fixed?: { value: number; share: number }
}

export interface FixedCombinations {
  columns: string[]
  /** Each combination seen, its values in the order of `columns`, and its share of the rows holding one. */
  combinations: { values: Category['value'][]; frequency: number }[]
}

export interface Inequality {
  left: string
  op: '<' | '<='
  right: string
}

export type ColumnModel = { name: string; nullFraction: number } & ColumnShape

export type ColumnShape =
  /** Written by the generator from keys, not from learned values. */
  | { kind: 'key'; role: 'primary-key' | 'foreign-key' }
  | { kind: 'generated' }
  /** A rule rewrites it: nothing learned from its values. */
  | { kind: 'ruled' }
  | { kind: 'categorical'; categories: Category[]; suppressedFraction: number }
  | ({
      kind: 'numeric'
      integer: boolean
      /**
       * Shares of the non-null values that are NaN, Infinity or -Infinity (PostgreSQL floats and numerics), each
       * counted and kept like a category; absent when there are none, as in model files from before they were
       * learned. The distribution is of the finite values.
       */
      specials?: SpecialShare[]
    } & Distribution<number>)
  | ({
      kind: 'temporal'
      type: 'date' | 'time' | 'timestamp' | 'timestamptz'
      /** Digits of a second the source's values carry (0 to 6), so a twin writes times as finely as they were. */
      fractionDigits: number
      /** PostgreSQL's 'infinity' and '-infinity', by their shares; absent when there are none (issue 15). */
      specials?: SpecialShare[]
    } & Distribution<string>)
  | ({ kind: 'text'; categories: Category[] | null; suppressedFraction: number } & TextProfile)
  | ({
      kind: 'shaped'
      format: 'uuid' | 'json' | 'binary'
      /** JSON: the share of values that are arrays at the top level ('[…]', not '{…}'); absent when none. */
      arrays?: number
      /**
       * Binary: the shares of the values that are PNG, JPEG or PDF files (by their first bytes), each released only
       * when seen at least minCount times and noised under --epsilon; the rest are other bytes. Absent when none, as
       * in model files from before types were learned. Sizes are in `lengths`, merged like text lengths.
       */
      types?: { type: FileType; frequency: number }[]
      /**
       * JSON: the documents' structure as a tree of paths (see JsonNode), learned from the sample; absent in model
       * files from before it was learned (issue 17.4), and when fewer than minCount rows held a document.
       */
      document?: JsonNode
    } & Pick<TextProfile, 'lengths'>)
  /** A type the learner cannot model: generation falls back to NULL where allowed, else the type's zero value. */
  | { kind: 'unmodeled'; reason: string }

export type JsonType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null'

/**
 * One path of a JSON column's documents (the root, an object key, or `[]`, the elements of an array), learned from
 * the sampled documents. Privacy: a path seen in fewer than minCount distinct rows is not written, nor anything
 * beneath it, so a rare key (which can be personal data) never reaches the model; a type, string category, text
 * shape or prefix seen in fewer than minCount rows is dropped; array lengths are binned like a histogram
 * (mergeSmallBins); number quantiles are means of minCount values, like a number column's. Under --epsilon every
 * count is Laplace-noised with the sensitivity of one document's capped contribution (JSON_SENSITIVITY).
 */
export interface JsonNode {
  /** Share of the parent's object occurrences that hold this key; 1 for the root and for array elements. */
  presence: number
  /** Shares of the types this path held, among its occurrences. */
  types: { type: JsonType; frequency: number }[]
  /** Object keys, sorted. */
  keys?: { key: string; node: JsonNode }[]
  /** The elements of its arrays. */
  items?: JsonNode
  /** Array lengths, binned so no bin stands for fewer than minCount arrays. */
  lengths?: { length: number; frequency: number }[]
  /**
   * `digits`: the decimals a non-integral number is written with, the most common count among the sampled
   * non-integers (37.2 keeps one); absent in model files from before it was learned (then 4).
   */
  numbers?: { integer: boolean; digits?: number; quantiles: number[] }
  /** Share of booleans that are true (0 or 1 when the rarer value was seen fewer than minCount times). */
  trueShare?: number
  /** Strings: categories among rows when there are few values, else suppressed; and the text profile of all. */
  strings?: { categories: Category[] | null; suppressedFraction: number } & TextProfile
}

export interface SpecialShare {
  value: SpecialNumber
  frequency: number
}

export interface Category {
  value: string | number | boolean
  frequency: number
}

export interface Distribution<T> {
  /** Values at the quantile levels in QUANTILE_LEVELS; the ends are means of the minCount most extreme values. */
  quantiles: T[]
  min: T
  max: T
  /**
   * Distinct values / non-null values: in model files learned before 2026-12-08 only (nothing reads it, and counting
   * a column distinct is a sort of it).
   */
  distinctRatio?: number
  unique: boolean
}

export interface TextProfile {
  lengths: { length: number; frequency: number }[]
  /** Character-class patterns: `A` upper, `a` lower, `9` digit, other characters literal; `{n}` repeats. */
  shapes: { pattern: string; frequency: number }[]
  prefixes: { prefix: string; frequency: number }[]
  distinctRatio: number
  unique: boolean
  /**
   * The words values are written from (issue 17.2, docs/text.md); absent where the shapes write them, and in model
   * files from before words were learned.
   */
  words?: WordModel
  /**
   * Why words do not write this column (codes; no word, or too few, seen in minCount rows): codes are written from
   * the shapes, the others by what the column's name says it holds (docs/text.md).
   */
  shapesBecause?: string
  /** A check digit every code of the column carries, kept by generation: Luhn, or Luhn after `80840` (a US NPI). */
  checkDigit?: CheckDigit
}

export type CheckDigit = 'luhn' | 'npi'

/**
 * A free-text column's word model, learned from the sample (see wordModel). Tokens are keys of textTokens: a word
 * or a punctuation mark, after one space when white space came before it. Privacy: a token is released only when
 * seen in at least minCount distinct sampled rows, a pair only when both its tokens are released and it is seen in
 * at least minCount distinct rows; under --epsilon both counts, and the token-count histogram, are noised through
 * the privacy budget before that threshold. Frequencies are shares of the sampled values.
 */
export interface WordModel {
  vocabulary: { token: string; frequency: number }[]
  /** `token` follows `after`; `after` '' is the start of a value, `token` '' its end. */
  pairs: { after: string; token: string; frequency: number }[]
  /** How many tokens values hold. */
  lengths: { tokens: number; frequency: number }[]
}

export interface RelationModel {
  foreignKey: string
  columns: string[]
  parent: string
  /** Share of child rows whose FK is NULL. */
  nullFraction: number
  /** Share of parents with each number of children, zero included. */
  childrenPerParent: { children: number; frequency: number }[]
  /** Correlation (normal scores) between a parent column and the parent's number of children. */
  countDependence: { parentColumn: string; correlation: number }[]
  /** Correlation (normal scores) between a parent column and a child column, over child rows. */
  columnDependence: { parentColumn: string; childColumn: string; correlation: number }[]
  /**
   * For a self-reference (a tree): the share of rows at each depth, roots at 0, so generated trees are as deep as
   * the source's. Null for other foreign keys.
   */
  depths: { depth: number; frequency: number }[] | null
}

/** Quantile levels of every Distribution: dense in the tails, where skew shows. */
export const QUANTILE_LEVELS: readonly number[] = [
  0,
  0.005,
  ...Array.from({ length: 99 }, (_, i) => (i + 1) / 100),
  0.995,
  1,
]
