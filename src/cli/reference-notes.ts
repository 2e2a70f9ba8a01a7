import type { ReferenceDecision } from '../model/reference-tables.js'

/**
 * What `learn` and `clone` say of reference tables (issue 17.1): one line per table copied whole and why, one per
 * table a rule made synthesized, and one naming those --epsilon synthesized because no rule calls them public.
 */
export function referenceNotes(
  decisions: readonly ReferenceDecision[],
  notPublic: readonly string[],
): string[] {
  const held = new Set(notPublic)
  const lines = decisions.flatMap((d) => {
    if (d.reference && !held.has(d.table))
      return [`${d.table} is a reference table, copied whole: ${d.reason}`]
    if (!d.reference && d.reason.startsWith('synthesized by the rule')) return [`${d.table} is ${d.reason}`]
    return []
  })
  if (notPublic.length > 0)
    lines.push(
      `${notPublic.join(', ')}: reference ${notPublic.length === 1 ? 'table' : 'tables'} synthesized under --epsilon; ` +
        'mark one `public: true` in a rules file (tables:) to copy it whole',
    )
  return lines
}
