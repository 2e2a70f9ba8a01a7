/**
 * The model file: statistics of a source database, never its records. `learn` writes it next to production;
 * `generate` reads it anywhere. It embeds the schema, so it is the only input generation needs.
 */
import type { PiiKind } from '../rules/pii-kinds.js'
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
}

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
  /** One per foreign key of this table: how its rows hang off their parents. */
  relations: RelationModel[]
}

export interface Conditional {
  column: string
  given: string
  /** Per value of `given` seen at least minCount times: `column`'s frequencies among its rows (kept cells only). */
  cells: { value: Category['value']; categories: Category[] }[]
  /** The same where `given` is NULL (a state left empty outside the countries that have states). */
  whenNull: Category[]
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
  numbers?: { integer: boolean; quantiles: number[] }
  /** Share of booleans that are true (0 or 1 when the rarer value was seen fewer than minCount times). */
  trueShare?: number
  /** Strings: categories among rows when there are few values, else suppressed; and the text profile of all. */
  strings?: { categories: Category[] | null; suppressedFraction: number } & TextProfile
}

/** The values a PostgreSQL float or numeric can hold besides finite numbers, spelled as PostgreSQL prints them. */
export const SPECIAL_NUMBERS = ['NaN', 'Infinity', '-Infinity'] as const
export type SpecialNumber = (typeof SPECIAL_NUMBERS)[number]

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
  /** Distinct values / non-null values. */
  distinctRatio: number
  unique: boolean
}

export interface TextProfile {
  lengths: { length: number; frequency: number }[]
  /** Character-class patterns: `A` upper, `a` lower, `9` digit, other characters literal; `{n}` repeats. */
  shapes: { pattern: string; frequency: number }[]
  prefixes: { prefix: string; frequency: number }[]
  distinctRatio: number
  unique: boolean
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
