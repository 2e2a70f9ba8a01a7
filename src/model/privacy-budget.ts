import { seededRandom } from '../random/seeded-random.js'
import { noisyCount } from './laplace-noise.js'
import type { PrivacyStatement } from './model.js'

/**
 * Counting queries one table can release: its row count and, per column, up to six histograms (a text column's
 * non-null count, categories, lengths, shapes, prefixes, and its cells given another column; a number column's
 * non-null count and its NaN and infinity counts).
 */
const QUERIES_PER_COLUMN = 6
/** Per foreign key: the children-per-parent histogram, the null count and, for a self-reference, the depths. */
const QUERIES_PER_FOREIGN_KEY = 3

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
    shape: { tables: number; columns: number; foreignKeys: number },
  ) {
    this.queries =
      shape.tables + QUERIES_PER_COLUMN * shape.columns + QUERIES_PER_FOREIGN_KEY * shape.foreignKeys
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
                'cells of category columns given another column',
                'children-per-parent histograms and foreign-key null counts',
                'JSON path, type, array length and string counts (one document counts at most 32 paths)',
              ],
              notCovered: [
                'quantile sketches (each end is a mean of minCount values, but not noised)',
                'correlations and inequalities, computed from a sample',
                'which category columns are learned given which (chosen from a sample)',
                'which category labels of free-text columns appear (only those seen at least minCount times)',
                'quantiles of JSON number paths, and the text lengths of JSON documents',
              ],
            },
    }
  }
}
