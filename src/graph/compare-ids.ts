/**
 * Orders table ids and FK names by UTF-16 code unit. `localeCompare` is not used because its order depends on the
 * ICU data and locale of the machine, and a load plan must be identical wherever it is computed.
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
