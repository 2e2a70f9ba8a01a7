import type { Table } from '../schema/schema.js'
import type { ColumnSampler } from './column-sampler.js'

/**
 * The values a table's CHECK allows a column, when it lists them: PostgreSQL's `((kind)::text = ANY
 * ((ARRAY['a'::character varying, …])::text[]))` or `(kind = ANY (ARRAY['a'::text, …]))`, MySQL's
 * `kind in ('a', …)`. Null when no check lists them. A value learned too rarely to keep (fewer than minCount rows)
 * is drawn from its shape instead, and the twin's rows then broke the check: musicbrainz's
 * editor_collection_type.entity_type holds 12 values, each in 1 to 3 rows (issue 16).
 *
 * @example allowedValues(table, 'entity_type') // ['area', 'artist', …]
 */
export function allowedValues(table: Pick<Table, 'checks'>, column: string): string[] | null {
  const name = String.raw`(?:"${escape(column.replaceAll('"', '""'))}"|\`${escape(column)}\`|${escape(column)})`
  const subject = String.raw`\(*${name}\)*(?:::[\w ]+)?\)*`
  const any = new RegExp(String.raw`^\(*${subject} = ANY \(+ARRAY\[(.*?)\]\)*(?:::[\w ]+\[\])?\)*$`, 's')
  const list = new RegExp(String.raw`^\(*${subject} in \((.*?)\)\)*$`, 'is')
  for (const check of table.checks) {
    const items = any.exec(check.expression)?.[1] ?? list.exec(check.expression)?.[1]
    if (items === undefined) continue
    const values = literals(items)
    if (values !== null && values.length > 0) return values
  }
  return null
}

/** `'a'::text, 'b'::character varying` or `_utf8mb4'a',_utf8mb4'b'` as the strings; null if anything else. */
function literals(items: string): string[] | null {
  const item = /\s*(?:_\w+)?'((?:[^']|'')*)'(?:::[\w ]+)?\s*(,|$)/y
  const values: string[] = []
  for (let match = item.exec(items); match !== null; match = item.exec(items)) {
    values.push(match[1]!.replaceAll("''", "'"))
    if (match[2] === '') return item.lastIndex === items.length ? values : null
  }
  return null
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * A sampler whose values stay inside a check's list: a drawn value the list lacks is replaced by the listed value
 * at the same quantile, so the copula's dependence survives as far as it can.
 */
export function withinAllowed(sampler: ColumnSampler, allowed: readonly string[] | null): ColumnSampler {
  if (allowed === null) return sampler
  const listed = new Set(allowed)
  return {
    ...sampler,
    draw(u, random) {
      const value = sampler.draw(u, random)
      if (value === null || listed.has(String(sampler.format(value)))) return value
      return allowed[Math.min(allowed.length - 1, Math.floor(u * allowed.length))]!
    },
  }
}
