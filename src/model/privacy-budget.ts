import { seededRandom } from '../random/seeded-random.js'
import { noisyCount } from './laplace-noise.js'
import type { PrivacyStatement } from './model.js'

/**
 * Counting queries one table can release: its row count and, per column, up to nine histograms (a text column's
 * non-null count, categories, lengths, shapes, prefixes, its cells given another column — a conditional's, a
 * functional dependency's or an ancestor's category's (issue 18.5), never two — and its word model's vocabulary, word pairs and token counts; a number
 * column's non-null count and its NaN and infinity counts).
 */
const QUERIES_PER_COLUMN = 9
/** Per foreign key: the children-per-parent histogram, the null count and, for a self-reference, the depths. */
const QUERIES_PER_FOREIGN_KEY = 3

/** Per candidate rule across tables (see invariantCandidates): the rows it applies to and the rows that agree. */
const QUERIES_PER_INVARIANT = 2

/**
 * The differential-privacy budget of one `learn` run. The budget is split evenly over a count of queries fixed by
 * the schema alone (not by the data, which would leak), and each released count gets Laplace noise of scale
 * sensitivity / (epsilon / queries): by sequential composition the whole model is epsilon-DP for those counts.
 * Without epsilon, counts pass through unchanged.
 */
export class PrivacyBudget {
  readonly queries: number

  constructor(
    readonly epsilon: number | null,
    private readonly seed: number,
    shape: {
      tables: number
      columns: number
      foreignKeys: number
      invariants?: number
      /** Declared `combinations:` rules: one histogram each. */
      combinations?: number
    },
  ) {
    this.queries =
      shape.tables +
      QUERIES_PER_COLUMN * shape.columns +
      QUERIES_PER_FOREIGN_KEY * shape.foreignKeys +
      QUERIES_PER_INVARIANT * (shape.invariants ?? 0) +
      (shape.combinations ?? 0)
  }

  /** A released count: noisy when a budget is set. `keys` name the query, so each gets its own noise. */
  count(value: number, sensitivity: number, ...keys: (string | number)[]): number {
    if (this.epsilon === null) return value
    return noisyCount(
      value,
      sensitivity,
      this.epsilon / this.queries,
      seededRandom(this.seed, 'privacy', ...keys),
    )
  }

  statement(minCount: number): PrivacyStatement {
    return {
      minCount,
      differentialPrivacy:
        this.epsilon === null
          ? null
          : {
              epsilon: this.epsilon,
              mechanism: 'laplace',
              queries: this.queries,
              epsilonPerQuery: this.epsilon / this.queries,
              covers: [
                'row counts',
                'null counts',
                'NaN and infinity counts of number columns',
                'category frequencies',
                'text length, shape and prefix histograms',
                'text vocabularies, word pairs and token counts (at most 20 distinct tokens and pairs per row)',
                'cells of category columns given another column of the row or of an ancestor up to three keys away, and the pairs of functional dependencies',
                'size and file type histograms of binary columns',
                'children-per-parent histograms and foreign-key null counts',
                'rows and agreeing rows of each rule across tables (paths that meet, time orders, sequences), and the parents per state and number of children of each children-by-state rule',
                'JSON path, type, array length and string counts (one document counts at most 32 paths)',
                'the row count of each combination a `combinations:` rule fixes',
              ],
              notCovered: [
                'quantile sketches (each end is a mean of minCount values, but not noised), time-order gaps included',
                'whether a parent has two rows or more, which decides if a sequence is asked about',
                'quantile sketches of numbers within each value of a category, and of differences between ordered columns',
                'correlations and inequalities, computed from a sample',
                'which category columns are learned given which, which columns determine which, and which numbers are learned given a category or as differences (chosen from a sample)',
                'which category labels of free-text columns appear (only those seen at least minCount times)',
                'whether a text column is written from words or shapes, and its check digit (chosen from a sample)',
                'quantiles of JSON number paths, and the text lengths of JSON documents',
                'quantile sketches of numbers within each value of a category up to three keys away, its η², and which ancestor column is chosen (from a sample)',
                'which ancestor column a category column is drawn given (from a sample)',
              ],
            },
    }
  }
}
