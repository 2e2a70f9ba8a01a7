/** How many names a summary line lists before it says how many more there are. */
const SHOWN = 3

/**
 * One line per reason for the columns a model leaves unmodeled, instead of a line per column: learning musicbrainz
 * printed 688 such lines, most of them empty tables' "fewer than 5 values" (issue 15). Every column and its
 * reason stays in the model file (`kind: unmodeled`).
 */
export function unmodeledNotes(
  columns: readonly { table: string; column: string; reason: string }[],
): string[] {
  const byReason = new Map<string, string[]>()
  for (const c of columns)
    byReason.set(c.reason, [...(byReason.get(c.reason) ?? []), `${c.table}.${c.column}`])
  return [...byReason].map(([reason, names]) => {
    const listed = names.slice(0, SHOWN).join(', ')
    const more = names.length > SHOWN ? ` and ${names.length - SHOWN} more (listed in the model file)` : ''
    return names.length === 1
      ? `${listed} is not modeled: ${reason}`
      : `${names.length} columns are not modeled: ${reason}: ${listed}${more}`
  })
}
