/**
 * Temporal values travel as the engines print them (drivers are told not to parse them) and become numbers for
 * statistics: days for dates, seconds for times and timestamps. Naive timestamps are read as UTC, so nothing
 * depends on the machine's time zone.
 */
export type TemporalType = 'date' | 'time' | 'timestamp' | 'timestamptz'

const DAY_SECONDS = 86_400

export function temporalToNumber(type: TemporalType, text: string): number | null {
  if (type === 'time') {
    const m = /^(-?\d+):(\d\d)(?::(\d\d(?:\.\d+)?))?/.exec(text)
    return m === null ? null : Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0)
  }
  const iso = text.trim().replace(' ', 'T')
  const withZone =
    type === 'timestamptz' ? iso.replace(/([+-]\d\d)$/, '$1:00') : iso.replace(/(Z|[+-]\d\d(:?\d\d)?)$/, '')
  const ms = Date.parse(
    type === 'date'
      ? `${iso.slice(0, 10)}T00:00:00Z`
      : /Z|[+-]\d\d:\d\d$/.test(withZone)
        ? withZone
        : `${withZone}Z`,
  )
  if (Number.isNaN(ms)) return null
  return type === 'date' ? Math.round(ms / 1000 / DAY_SECONDS) : ms / 1000
}

export function numberToTemporal(type: TemporalType, value: number): string {
  if (type === 'time') {
    const s = Math.round(value)
    const pad = (n: number) => String(n).padStart(2, '0')
    return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`
  }
  if (type === 'date') return new Date(Math.round(value) * DAY_SECONDS * 1000).toISOString().slice(0, 10)
  const text = new Date(Math.round(value) * 1000).toISOString().slice(0, 19).replace('T', ' ')
  return type === 'timestamptz' ? `${text}+00` : text
}
