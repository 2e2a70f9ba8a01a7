import type { CellValue } from '../schema/cell-value.js'
import type { Column } from '../schema/schema.js'
import { NUMBER_TYPES } from '../schema/type-groups.js'

/**
 * Keeps a unique key of drawn columns unique: a row whose key repeats an earlier one has its last non-NULL column
 * moved on (a number by its row number, a text suffixed with it) until the key is new. A key with a NULL in it is
 * not compared, as the engines do not. A MySQL key unique on column prefixes (`UNIQUE KEY (title(10))`) is
 * compared on those prefixes, and a text is moved on inside its prefix, where the target looks (issue 16.5).
 */
export function uniqueKeyGuard(
  key: readonly string[],
  columns: Column[],
  prefixes: readonly (number | null)[] | undefined,
): (out: CellValue[], row: number) => void {
  const indices = key.map((name) => columns.findIndex((c) => c.name === name))
  const seen = new Set<string>()
  // MySQL counts a text prefix in characters (code points), as the spread below does.
  const cut = (value: CellValue, k: number) => {
    const prefix = prefixes?.[k]
    return prefix == null || typeof value !== 'string'
      ? String(value)
      : Array.from(value).slice(0, prefix).join('')
  }
  const text = (out: CellValue[]) => indices.map((i, k) => cut(out[i] ?? null, k)).join('\u0000')
  const lastPrefix = prefixes?.at(-1) ?? null
  return (out, row) => {
    if (indices.some((i) => i < 0 || out[i] === null)) return
    const index = indices.at(-1)!
    const value = out[index]!
    // Decimals are written as text (see columnSampler): still numbers to move on.
    const number = typeof value === 'number' || NUMBER_TYPES.has(columns[index]!.type)
    // A NaN moved on stays NaN: it starts from 0 instead.
    const start = Number.isFinite(Number(value)) ? Number(value) : 0
    // A date or timestamp already written as text moves on by days: a suffix would make it no date at all.
    const dated = !number && typeof value === 'string' ? DATED.exec(value) : null
    for (let step = 1; seen.has(text(out)); step++) {
      out[index] = number
        ? start + row + step
        : dated !== null
          ? daysLater(dated, row + step)
          : lastPrefix !== null
            ? taggedInPrefix(String(value), step, lastPrefix)
            : suffixed(
                String(value),
                step === 1 ? `${row + 1}` : `${row + 1}-${step}`,
                columns[index]!.length,
              )
    }
    seen.add(text(out))
  }
}

const DATED = /^(\d{4})-(\d{2})-(\d{2})(.*)$/s

/** `2024-09-09 10:00` moved on by `days`, the rest of the text (a time of day) kept. */
function daysLater(dated: RegExpExecArray, days: number): string {
  const moved = new Date(Date.UTC(Number(dated[1]), Number(dated[2]) - 1, Number(dated[3]) + days))
  return moved.toISOString().slice(0, 10) + dated[4]!
}

/**
 * `value` with the end of its first `prefix` characters replaced by `step` in base 36 (`title-7` → `tit7…` for a
 * prefix of 3), the rest kept: the n-th try gives the n-th tag, so the tries cover every tag of each width in turn.
 * The value keeps its length, and a short one grows only up to the prefix.
 */
function taggedInPrefix(value: string, step: number, prefix: number): string {
  const chars = Array.from(value)
  const tag = step.toString(36)
  const head = chars.slice(0, Math.max(0, Math.min(chars.length + tag.length, prefix) - tag.length))
  return head.join('') + tag + chars.slice(prefix).join('')
}

function suffixed(value: string, tag: string, length: number | null): string {
  const suffix = `-${tag}`
  return length === null ? value + suffix : value.slice(0, Math.max(0, length - suffix.length)) + suffix
}
