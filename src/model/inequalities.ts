import type { Inequality } from './model.js'

/**
 * Orderings between two columns that hold in every row where both are set (`discharged_at >= admitted_at`), found
 * in a sample. Kept only when at least `minRows` rows support them and the columns' ranges overlap, so that an
 * ordering the ranges already imply (ids below amounts, say) is not mistaken for a rule.
 */
export function findInequalities(
  columns: readonly { name: string; values: readonly (number | null)[] }[],
  minRows: number,
): Inequality[] {
  const found: Inequality[] = []
  for (let i = 0; i < columns.length; i++) {
    for (let j = 0; j < columns.length; j++) {
      if (i === j) continue
      const left = columns[i]!
      const right = columns[j]!
      let rows = 0
      let strict = true
      let holds = true
      let leftMax = -Infinity
      let rightMin = Infinity
      for (let r = 0; r < left.values.length && holds; r++) {
        const a = left.values[r]
        const b = right.values[r]
        if (a == null || b == null) continue
        rows++
        if (a > b) holds = false
        if (a === b) strict = false
        leftMax = Math.max(leftMax, a)
        rightMin = Math.min(rightMin, b)
      }
      // Equal columns would give a <= b both ways; keep the direction with the first name only.
      if (!holds || rows < minRows || leftMax < rightMin) continue
      if (!strict && found.some((f) => f.left === right.name && f.right === left.name)) continue
      found.push({ left: left.name, op: strict ? '<' : '<=', right: right.name })
    }
  }
  return found
}
