import type { Column } from '../schema/schema.js'

/**
 * The value a twin writes for a category the model suppressed as rare (issue 17.3), where the schema declares no
 * domain to draw from: plainly not data, so no reader takes it for a real country, and no string with a real
 * prefix. A CHECK IN list still wins over it (see boundedSampler).
 */
export const OTHER_MARKER = '(other)'

/** OTHER_MARKER where the column holds it, else `~` repeated to the column's length (a char(2) state: `~~`). */
export function otherValue(column: Pick<Column, 'length'>): string {
  const length = column.length
  return length === null || length >= OTHER_MARKER.length ? OTHER_MARKER : '~'.repeat(Math.max(1, length))
}
