import { pathRowShares } from '../../model/json-paths.js'

/** Paths shown in a JSON column's histogram; the score counts every compared path. */
const SHOWN_PATHS = 20

/**
 * How well a twin's JSON documents keep the source's structure: for every path seen in at least `k` documents on
 * either side (the root `$`, `.key`, `[]` for array elements), the share of non-null documents holding it on each
 * side; the score is the mean of 1 − |real − twin| over those paths. 1 means the same path set at the same
 * presence; a path only one side holds counts its share there as the miss. Paths seen in fewer than `k`
 * documents are left out on both sides: a key can be personal data, and a report is shared.
 *
 * @example jsonStructure([{ a: 1 }, {}], [{ a: 2 }, { a: 3 }], 1).score // 0.75: $ matches, $.a is 0.5 against 1
 */
export function jsonStructure(
  real: readonly unknown[],
  twin: readonly unknown[],
  k: number,
): { score: number | null; histogram: { bins: string[]; real: number[]; twin: number[] } } {
  const frequent = (values: readonly unknown[]) => {
    const documents = values.filter((v) => v !== null && v !== undefined).length
    return new Map([...pathRowShares(values)].filter(([, share]) => share * documents >= k - 1e-9))
  }
  const r = frequent(real)
  const t = frequent(twin)
  const paths = [...new Set([...r.keys(), ...t.keys()])].sort()
  const diffs = paths.map((p) => 1 - Math.abs((r.get(p) ?? 0) - (t.get(p) ?? 0)))
  const shown = paths.slice(0, SHOWN_PATHS)
  return {
    score: paths.length === 0 ? null : diffs.reduce((a, b) => a + b, 0) / paths.length,
    histogram: {
      bins: shown,
      real: shown.map((p) => r.get(p) ?? 0),
      twin: shown.map((p) => t.get(p) ?? 0),
    },
  }
}
