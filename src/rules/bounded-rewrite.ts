import { cellText } from '../schema/cell-value.js'
import { seededRandom } from '../random/seeded-random.js'
import type { ColumnBounds } from '../schema/check-bounds.js'
import { checkRegex, compareValues } from '../schema/check-evaluation.js'
import { textFromPattern } from '../schema/pattern-text.js'
import type { Rewrite } from './value-rewriter.js'

/**
 * A rewrite whose results the column's CHECKs accept: a result outside an IN list becomes one of the list's, one
 * that misses a pattern becomes a text drawn from the pattern, one outside a numeric range its nearest end. Each
 * replacement is drawn from the result itself (and the secret), so equal values still rewrite equally and joins
 * on rewritten columns still join.
 *
 * @example withinBounds(rewrite, tableChecks(table, 'postgres').columns.get('ssn') ?? null, secret)
 */
export function withinBounds(rewrite: Rewrite, bounds: ColumnBounds | null, secret: string): Rewrite {
  if (bounds === null) return rewrite
  const patterns = bounds.patterns.flatMap((p) => {
    const regex = checkRegex(p.pattern, p.caseInsensitive)
    return regex === null ? [] : [{ ...p, regex }]
  })
  const allowed = bounds.values
  return (value, entity) => {
    const result = rewrite(value, entity)
    if (result === null || typeof result === 'object') return result
    const text = cellText(result)
    const random = () => seededRandom(secret, 'within-bounds', text)
    if (allowed !== null && allowed.length > 0) {
      if (allowed.some((a) => compareValues(a, result) === 0)) return result
      return allowed[random().int(0, allowed.length - 1)]!
    }
    if (typeof result === 'number') {
      if (bounds.low !== null && compareValues(result, bounds.low.value) < 0) return bounds.low.value
      if (bounds.high !== null && compareValues(result, bounds.high.value) > 0) return bounds.high.value
      return result
    }
    for (const p of patterns) {
      if (!p.regex.test(text)) return textFromPattern(p.pattern, random(), p.caseInsensitive) ?? result
    }
    return result
  }
}
