/**
 * Derivations (a column set from another) in an order they can be applied in, row by row: one whose input another
 * sets comes after it. Those caught in a cycle are left out.
 *
 * @example applyOrder([{ from: 'b', to: 'c' }, { from: 'a', to: 'b' }], (d) => d.from, (d) => d.to) // a→b, b→c
 */
export function applyOrder<T>(
  items: readonly T[],
  input: (item: T) => string,
  output: (item: T) => string,
): T[] {
  const ordered: T[] = []
  let rest = [...items]
  while (rest.length > 0) {
    const ready = rest.filter((d) => !rest.some((e) => e !== d && output(e) === input(d)))
    if (ready.length === 0) break
    ordered.push(...ready)
    rest = rest.filter((d) => !ready.includes(d))
  }
  return ordered
}
