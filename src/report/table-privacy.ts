import { closestDistances, rowEncoding, type MixedRow } from './metrics/row-distance.js'
import { exactMatchRate, membershipAuc } from './metrics/privacy.js'
import type { ComparedColumn } from './table-samples.js'
import { round } from './table-quality.js'

/** Rows compared by distance, per side: enough for stable figures, few enough for brute-force nearest rows. */
const TWIN_ROWS = 1000
const TRAIN_ROWS = 2000
const HOLDOUT_ROWS = 500
const EXACT_COLUMNS = 3
const MIN_HOLDOUT = 20

export interface TablePrivacy {
  exactMatchRate: number | null
  /**
   * The same rate for real rows held out against the other real rows: how often the source repeats itself. A
   * table of few distinct rows (a drug, its price and a usual quantity) matches itself as often as a twin matches
   * it, so its exact matches are chance, not copying (see exactMatchByChance).
   */
  realExactMatchRate: number | null
  /** Share of twin rows nearer a real row than a typical real holdout row is (0.5 ≈ as near as real data). */
  dcrShare: number | null
  membershipAuc: number | null
}

/**
 * Distance-based privacy of one table. The real sample is split, every fifth row to a holdout: a twin row is
 * "too close" when it is nearer its closest training row than the holdout rows typically are (their median
 * distance to the training rows) — a twin that copies rows scores near 1, one that generalizes near 0.5 or
 * below. Membership: an attacker ranks real rows by nearness to the twin; the AUC of training against holdout
 * rows is 0.5 when the twin singles out no real row.
 *
 * @param exactRows all non-key columns of each row, as normalized text (for the exact-match rate)
 */
export function tablePrivacy(
  columns: readonly ComparedColumn[],
  exactRows: { real: readonly (readonly string[])[]; twin: readonly (readonly string[])[] },
): TablePrivacy {
  // With fewer non-key columns than this, equal rows are expected by chance (a flag and a code), not copying.
  const usable = exactRows.twin.length > 0 && (exactRows.real[0]?.length ?? 0) >= EXACT_COLUMNS
  const exact = usable ? round(exactMatchRate(exactRows.real, exactRows.twin)) : null
  const heldOut = exactRows.real.filter((_, i) => i % 5 === 4)
  const realExact =
    usable && heldOut.length >= MIN_HOLDOUT
      ? round(
          exactMatchRate(
            exactRows.real.filter((_, i) => i % 5 !== 4),
            heldOut,
          ),
        )
      : null
  const exactRates = { exactMatchRate: exact, realExactMatchRate: realExact }
  if (columns.length < 2) return { ...exactRates, dcrShare: null, membershipAuc: null }
  const rows = (side: 'real' | 'twin'): MixedRow[] => {
    const n = columns[0]![side].length
    return Array.from({ length: n }, (_, i) => columns.map((c) => c[side][i] ?? null))
  }
  const real = rows('real')
  const train = real.filter((_, i) => i % 5 !== 4).slice(0, TRAIN_ROWS)
  const holdout = real.filter((_, i) => i % 5 === 4).slice(0, HOLDOUT_ROWS)
  const twin = rows('twin').slice(0, TWIN_ROWS)
  // Below this many holdout rows the median and the AUC are noise, not evidence.
  if (holdout.length < MIN_HOLDOUT || twin.length === 0) {
    return { ...exactRates, dcrShare: null, membershipAuc: null }
  }
  const encoding = rowEncoding(real)
  const baseline = median(closestDistances(holdout, train, encoding))
  const toTrain = closestDistances(twin, train, encoding)
  const share = toTrain.reduce((s, d) => s + (d < baseline ? 1 : d === baseline ? 0.5 : 0), 0) / twin.length
  const auc = membershipAuc(twin, train.slice(0, holdout.length), holdout, encoding)
  return { ...exactRates, dcrShare: round(share), membershipAuc: auc === null ? null : round(auc) }
}

/**
 * Whether a twin's exact matches are what the source's own repetition explains: real rows held out match the
 * other real rows at least half as often as twin rows match the real ones. Drawing a drug's price from the drug
 * (issue 17.5) made 96% of the sample clinic's prescriptions equal some real one, as 90% of its real rows are.
 */
export function exactMatchByChance(
  privacy: Pick<TablePrivacy, 'exactMatchRate' | 'realExactMatchRate'>,
): boolean {
  const { exactMatchRate: twin, realExactMatchRate: real } = privacy
  return twin !== null && real !== null && twin > 0 && real >= twin / 2
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
