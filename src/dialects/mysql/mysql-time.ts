import type { CellValue } from '../../schema/cell-value.js'

/**
 * An instant written with a UTC offset as the same instant in UTC, without one: the form in which dbtwin writes
 * every instant into MySQL (generated ones are UTC too). `+00` is only cut off, keeping every fraction digit.
 */
export function utcText(value: CellValue): CellValue {
  if (typeof value !== 'string') return value
  const offset = /([+-])(\d\d)(?::?(\d\d))?$/.exec(value)
  if (offset === null) return value
  const local = value.slice(0, offset.index).trim()
  const minutes = (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3] ?? 0))
  if (minutes === 0) return local
  // Whole seconds move by the offset; the fraction, which Date would cut to milliseconds, stays as it was.
  const fraction = /\.\d+$/.exec(local)?.[0] ?? ''
  const ms =
    Date.parse(`${local.slice(0, local.length - fraction.length).replace(' ', 'T')}Z`) - minutes * 60_000
  if (Number.isNaN(ms)) return value
  const iso = new Date(ms).toISOString()
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction}`
}
