/**
 * Escaping for text and attribute values alike: table and column names come from the source database and may
 * hold any character, so nothing reaches the page unescaped.
 *
 * @example escapeHtml('a<b & "c"') // 'a&lt;b &amp; &quot;c&quot;'
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/**
 * Shortens a label to `max` characters with an ellipsis, so chart axes stay legible; the full label goes in a
 * tooltip.
 *
 * @example truncate('1985-01-01 – 1990-01-01', 10) // '1985-01-0…'
 */
export function truncate(label: string, max: number): string {
  const chars = [...label]
  return chars.length <= max ? label : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`
}

/**
 * Shortens a name by its middle, keeping both ends: column names often share a prefix and differ at the end.
 *
 * @example truncateMiddle('a_rather_long_column_name_11', 14) // 'a_rathe…ame_11'
 */
export function truncateMiddle(label: string, max: number): string {
  const chars = [...label]
  if (chars.length <= max) return label
  const head = Math.ceil((max - 1) / 2)
  const tail = max - 1 - head
  return `${chars.slice(0, head).join('')}…${tail > 0 ? chars.slice(-tail).join('') : ''}`
}
