/**
 * Number formats shared by the HTML and terminal renderers, so both print the same figures.
 */

/** @example percent(0.8243) // '82.4%'; percent(null) // '—' */
export function percent(value: number | null | undefined, digits = 1): string {
  return value == null || Number.isNaN(value) ? '—' : `${(value * 100).toFixed(digits)}%`
}

/** @example decimal(0.5234) // '0.52'; decimal(null) // '—' */
export function decimal(value: number | null | undefined, digits = 2): string {
  return value == null || Number.isNaN(value) ? '—' : value.toFixed(digits)
}

/** @example count(12345) // '12,345' */
export function count(value: number): string {
  return value.toLocaleString('en-US')
}
