/**
 * Temporal values travel as the engines print them (drivers are told not to parse them) and become numbers for
 * statistics: days for dates, seconds for times and timestamps. Naive timestamps are read as UTC, so nothing
 * depends on the machine's time zone.
 */
export type TemporalType = 'date' | 'time' | 'timestamp' | 'timestamptz'

export const DAY_SECONDS = 86_400

export function temporalToNumber(type: TemporalType, text: string): number | null {
  if (type === 'time') {
    const m = /^(-?\d+):(\d\d)(?::(\d\d(?:\.\d+)?))?/.exec(text)
    return m === null ? null : Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0)
  }
  const fast = isoToNumber(type, text)
  if (fast !== null) return fast
  if (text.endsWith(' BC')) return beforeChrist(type, text)
  const iso = text.trim().replace(' ', 'T')
  // Date.parse keeps milliseconds only: the fraction of a second is cut off and added back whole.
  const fraction = type === 'date' ? null : /(\d\d:\d\d:\d\d)(\.\d+)/.exec(iso)
  const whole = fraction === null ? iso : iso.replace(fraction[0], fraction[1]!)
  const withZone =
    type === 'timestamptz'
      ? whole.replace(/([+-]\d\d)$/, '$1:00')
      : whole.replace(/(Z|[+-]\d\d(:?\d\d)?)$/, '')
  const ms = Date.parse(
    type === 'date'
      ? `${iso.slice(0, 10)}T00:00:00Z`
      : /Z|[+-]\d\d:\d\d$/.test(withZone)
        ? withZone
        : `${withZone}Z`,
  )
  if (Number.isNaN(ms)) return null
  return type === 'date' ? Math.round(ms / 1000 / DAY_SECONDS) : ms / 1000 + Number(fraction?.[2] ?? 0)
}

/**
 * A date or timestamp as the engines print it (`2024-03-01 12:30:05.25+01`, the form
 * `YYYY-MM-DD[( |T)hh:mm:ss[.f…]][Z|±hh[:mm]]`), read character by character: Date.parse and the rewrites around it
 * were a tenth of learn's time on the wide clinic, and a regular expression's match arrays still a twentieth
 * (issue 21). Null for anything else — a day past the month's end, an hour past 23, ' BC', seconds in the offset, a
 * timestamp without its time — which takes the general path above.
 */
export function isoToNumber(type: TemporalType, text: string): number | null {
  const end = text.length
  if (end < 10 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return null
  const [year, month, day] = [digitsAt(text, 0, 4), digitsAt(text, 5, 2), digitsAt(text, 8, 2)]
  if (year < 0 || month < 1 || month > 12 || day < 1) return null
  let at = 10
  let clock: [number, number, number] | null = null
  let fraction = 0
  const separator = text.charCodeAt(at)
  if (
    (separator === SPACE || separator === T) &&
    text.charCodeAt(at + 3) === COLON &&
    text.charCodeAt(at + 6) === COLON
  ) {
    clock = [digitsAt(text, at + 1, 2), digitsAt(text, at + 4, 2), digitsAt(text, at + 7, 2)]
    if (clock[0] < 0 || clock[1] < 0 || clock[2] < 0) return null
    at += 9
    if (text.charCodeAt(at) === DOT) {
      const first = at + 1
      at = first
      while (at < end && isDigit(text.charCodeAt(at))) at++
      if (at === first) return null
      // The digits over a power of ten: one correctly rounded division, the same number Number('.25') gives.
      fraction =
        at - first <= 15
          ? digitsAt(text, first, at - first) / 10 ** (at - first)
          : Number(text.slice(first - 1, at))
    }
  }
  let offset = 0
  const zone = text.charCodeAt(at)
  if (zone === Z) at++
  else if (zone === PLUS || zone === DASH) {
    const hours = digitsAt(text, at + 1, 2)
    if (hours < 0) return null
    at += 3
    let minutes = 0
    if (text.charCodeAt(at) === COLON) {
      minutes = digitsAt(text, at + 1, 2)
      if (minutes < 0) return null
      at += 3
    }
    offset = (zone === DASH ? -1 : 1) * (hours * 3600 + minutes * 60)
  }
  if (at !== end) return null
  const days = daysFromCivil(year, month, day)
  const next = month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1)
  if (days >= next) return null
  if (type === 'date') return days
  if (clock === null) return null
  const [hour, minute, second] = clock
  if (hour > 23 || minute > 59 || second > 59) return null
  return (
    days * DAY_SECONDS + hour * 3600 + minute * 60 + second - (type === 'timestamptz' ? offset : 0) + fraction
  )
}

const [DASH, SPACE, T, COLON, DOT, Z, PLUS] = ['-', ' ', 'T', ':', '.', 'Z', '+'].map((c) =>
  c.charCodeAt(0),
) as [number, number, number, number, number, number, number]

const isDigit = (code: number) => code >= 48 && code <= 57

/** The number `length` decimal digits from `start` spell, or -1 where one is not a digit (or the text ends). */
function digitsAt(text: string, start: number, length: number): number {
  let n = 0
  for (let i = start; i < start + length; i++) {
    const code = text.charCodeAt(i)
    if (!isDigit(code)) return -1
    n = n * 10 + code - 48
  }
  return n
}

/**
 * A date or timestamp PostgreSQL prints with ' BC' (`0044-03-15 12:00:00+00 BC`): year Y BC is year 1 - Y of the
 * proleptic Gregorian calendar, which Date.parse does not read. Issue 15: such dates were read as the year Y AD.
 */
function beforeChrist(type: TemporalType, text: string): number | null {
  const m = /^(\d{4,})-(\d\d)-(\d\d)(?: (\d\d):(\d\d):(\d\d)(\.\d+)?)?(?:([+-]\d\d)(?::?(\d\d))?)? BC$/.exec(
    text.trim(),
  )
  if (m === null) return null
  const days = daysFromCivil(1 - Number(m[1]), Number(m[2]), Number(m[3]))
  if (type === 'date') return days
  const offset =
    m[8] === undefined ? 0 : Number(m[8]) * 3600 + Math.sign(Number(`${m[8]}1`)) * Number(m[9] ?? 0) * 60
  const clock = Number(m[4] ?? 0) * 3600 + Number(m[5] ?? 0) * 60 + Number(m[6] ?? 0) + Number(m[7] ?? 0)
  return days * DAY_SECONDS + clock - (type === 'timestamptz' ? offset : 0)
}

/** Days since 1970-01-01 of a proleptic Gregorian date, any year (Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146_097 + doe - 719_468
}

/** How many digits of a second a time or timestamp is printed with (0 to 6), trailing zeros aside. */
export function fractionDigits(text: string): number {
  const m = /\d\d:\d\d:\d\d\.(\d+)/.exec(text)
  return m === null ? 0 : Math.min(6, m[1]!.replace(/0+$/, '').length)
}

/** A temporal number as text, times and timestamps with `digits` digits of a second (0 to 6). */
export function numberToTemporal(type: TemporalType, value: number, digits = 0): string {
  const text = numberToTemporalText(type, value, digits)
  // Year 0 and before are PostgreSQL's years BC, the suffix ending the text: '0044-03-15 12:00:00+00 BC'.
  return text.startsWith('-') ? beforeChristText(text) : text
}

function beforeChristText(text: string): string {
  const m = /^-(\d+)(-.*)$/.exec(text)!
  return `${String(1 + Number(m[1])).padStart(4, '0')}${m[2]} BC`
}

function numberToTemporalText(type: TemporalType, value: number, digits: number): string {
  if (type === 'date') return civilDate(Math.round(value))
  let seconds = Math.round(value)
  let fraction = ''
  if (digits > 0) {
    const unit = 10 ** digits
    const scaled = Math.round(value * unit)
    seconds = Math.floor(scaled / unit)
    fraction = `.${String(scaled - seconds * unit).padStart(digits, '0')}`
  }
  if (type === 'time') {
    return `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}${fraction}`
  }
  const days = Math.floor(seconds / DAY_SECONDS)
  const text = `${civilDate(days)} ${timeOfDay(seconds - days * DAY_SECONDS)}${fraction}`
  return type === 'timestamptz' ? `${text}+00` : text
}

/** HH:MM:SS of a second of the day, each made once: generation formats a time for every timestamp it writes. */
function timeOfDay(second: number): string {
  return (TIMES_OF_DAY[second] ??=
    `${pad2(Math.floor(second / 3600))}:${pad2(Math.floor(second / 60) % 60)}:${pad2(second % 60)}`)
}

const TIMES_OF_DAY: (string | undefined)[] = new Array<string | undefined>(DAY_SECONDS)

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

/**
 * Days since 1970-01-01 as YYYY-MM-DD. Generation calls this for every date and timestamp it writes, and a column
 * spans a few thousand days at most: each day's text is made once and kept (up to a bound).
 */
function civilDate(days: number): string {
  let text = CIVIL_DATES.get(days)
  if (text === undefined) {
    text = civilDateText(days)
    if (CIVIL_DATES.size < 100_000) CIVIL_DATES.set(days, text)
  }
  return text
}

const CIVIL_DATES = new Map<number, string>()

/** Days since 1970-01-01 as YYYY-MM-DD, without a Date object (Hinnant's civil_from_days). */
function civilDateText(days: number): string {
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  // Year 0 and before signed ('-0043' is 44 BC), for numberToTemporal to spell as PostgreSQL does.
  const y = year > 0 ? String(year).padStart(4, '0') : `-${String(-year).padStart(4, '0')}`
  return `${y}-${pad2(month)}-${pad2(day)}`
}
