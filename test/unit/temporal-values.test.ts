import { describe, expect, it } from 'vitest'
import {
  DAY_SECONDS,
  daysFromCivil,
  fractionDigits,
  isoToNumber,
  numberToTemporal,
  temporalToNumber,
  type TemporalType,
} from '../../src/model/temporal-values.js'

describe('temporal values as numbers and back', () => {
  it('keeps microseconds, which Date alone cuts to milliseconds', () => {
    const n = temporalToNumber('timestamptz', '2022-09-10 16:46:03.905795+00')!
    expect(numberToTemporal('timestamptz', n, 6)).toBe('2022-09-10 16:46:03.905795+00')
    expect(numberToTemporal('timestamp', temporalToNumber('timestamp', '1969-12-31 23:59:59.5')!, 1)).toBe(
      '1969-12-31 23:59:59.5',
    )
    expect(numberToTemporal('time', temporalToNumber('time', '08:15:00.125')!, 3)).toBe('08:15:00.125')
  })

  // Issue 21: the usual forms are read by arithmetic; what it does not read takes Date.parse, as before.
  it('reads the printed forms as Date.parse reads them', () => {
    const day = 86_400
    expect(temporalToNumber('date', '2024-03-01')).toBe(Date.UTC(2024, 2, 1) / 1000 / day)
    expect(temporalToNumber('date', '2024-03-01 23:00:00')).toBe(Date.UTC(2024, 2, 1) / 1000 / day)
    expect(temporalToNumber('timestamp', '2024-02-29 12:30:05.25')).toBe(
      Date.UTC(2024, 1, 29, 12, 30, 5) / 1000 + 0.25,
    )
    expect(temporalToNumber('timestamp', '2024-02-29 12:30:05+05')).toBe(
      Date.UTC(2024, 1, 29, 12, 30, 5) / 1000,
    )
    expect(temporalToNumber('timestamptz', '2024-02-29 12:30:05-03:30')).toBe(
      Date.UTC(2024, 1, 29, 16, 0, 5) / 1000,
    )
    expect(temporalToNumber('timestamptz', '2024-02-29T12:30:05Z')).toBe(
      Date.UTC(2024, 1, 29, 12, 30, 5) / 1000,
    )
    // 2023 has no Feb 29 and a day has no hour 24: Date.parse refuses both.
    expect(temporalToNumber('date', '2023-02-29')).toBe(
      Date.parse('2023-02-29T00:00:00Z') / 1000 / day || null,
    )
    expect(temporalToNumber('timestamp', '2023-03-01 24:00:00')).toBe(
      Date.parse('2023-03-01T24:00:00Z') / 1000 || null,
    )
  })

  it('reads an offset as the instant it names, fraction and all', () => {
    const utc = temporalToNumber('timestamptz', '2022-09-10 11:16:03.25+00')!
    expect(temporalToNumber('timestamptz', '2022-09-10 16:46:03.25+05:30')).toBeCloseTo(utc, 6)
  })

  it('rounds to the digits asked for, carrying into the next second and day', () => {
    const n = temporalToNumber('timestamp', '2020-12-31 23:59:59.9996')!
    expect(numberToTemporal('timestamp', n, 3)).toBe('2021-01-01 00:00:00.000')
    expect(numberToTemporal('timestamp', n, 0)).toBe('2021-01-01 00:00:00')
  })

  // Issue 15: '0044-03-15 BC' was read as 44 AD, and years before 1 were written as '0-43-…'.
  it('reads and writes years BC as PostgreSQL prints them', () => {
    const ad = temporalToNumber('date', '0044-03-15')!
    const bc = temporalToNumber('date', '0044-03-15 BC')!
    // 87 years and 22 leap days: Feb 29 of 41 BC … 1 BC (year 0) … 44 AD, every fourth year.
    expect(ad - bc).toBe(87 * 365 + 22)
    for (const [type, text] of [
      ['date', '0044-03-15 BC'],
      ['date', '0001-12-31 BC'],
      ['timestamp', '0044-03-15 12:00:00 BC'],
      ['timestamp', '0001-12-31 23:59:59.5 BC'],
      ['timestamptz', '4713-11-24 00:00:00+00 BC'],
    ] as const) {
      expect(numberToTemporal(type, temporalToNumber(type, text)!, text.includes('.') ? 1 : 0)).toBe(text)
    }
    expect(temporalToNumber('date', '0001-12-31 BC')! + 1).toBe(temporalToNumber('date', '0001-01-01'))
    const shifted = temporalToNumber('timestamptz', '0001-01-01 00:00:00+02 BC')!
    expect(numberToTemporal('timestamptz', shifted)).toBe('0002-12-31 22:00:00+00 BC')
  })

  it('counts the digits of a second a value is printed with, trailing zeros aside', () => {
    expect(fractionDigits('2022-09-10 16:46:03.905795+00')).toBe(6)
    expect(fractionDigits('2022-09-10 16:46:03.250000')).toBe(2)
    expect(fractionDigits('2022-09-10 16:46:03')).toBe(0)
    expect(fractionDigits('16:46:03.1')).toBe(1)
  })
})

describe('isoToNumber', () => {
  /** The regular expression it replaced, kept as the reference it must agree with on every text. */
  const ISO = /^(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d):(\d\d)(\.\d+)?)?(Z|[+-]\d\d(?::\d\d)?)?$/
  function reference(type: TemporalType, text: string): number | null {
    const m = ISO.exec(text)
    if (m === null) return null
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
    if (month < 1 || month > 12 || day < 1) return null
    const days = daysFromCivil(year, month, day)
    const next = month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1)
    if (days >= next) return null
    if (type === 'date') return days
    if (m[4] === undefined) return null
    const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6])]
    if (hour > 23 || minute > 59 || second > 59) return null
    const zone = m[8]
    const offset =
      type !== 'timestamptz' || zone === undefined || zone === 'Z'
        ? 0
        : (zone.startsWith('-') ? -1 : 1) *
          (Number(zone.slice(1, 3)) * 3600 + Number(zone.slice(4, 6) || 0) * 60)
    return days * DAY_SECONDS + hour * 3600 + minute * 60 + second - offset + Number(m[7] ?? 0)
  }

  it('reads every text as the regular expression did, to the last bit', () => {
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!
    const two = () => String(Math.floor(random() * 100)).padStart(2, '0')
    const parts = () =>
      [
        String(Math.floor(random() * 10_000)).padStart(4, '0'),
        '-',
        pick(['01', '02', '12', '13', '00', two()]),
        '-',
        pick(['01', '28', '29', '30', '31', '00', two()]),
        pick(['', ' ', 'T', 'x']),
        pick(['', `${two()}:${two()}:${two()}`, '23:59:59', '24:00:00', '1:2:3']),
        pick(['', '.', '.5', '.000001', `.${'9'.repeat(17)}`, `.${String(Math.floor(random() * 1e9))}`]),
        pick(['', 'Z', '+01', '-05:30', '+1', '+05:3', ' BC', '+02:00:00']),
      ].join('')
    const texts = [...Array.from({ length: 50_000 }, parts), '2024-03-01', '2024-02-29 12:30:05.25+01', '']
    for (const text of texts)
      for (const type of ['date', 'timestamp', 'timestamptz'] as const)
        expect([type, text, isoToNumber(type, text)]).toEqual([type, text, reference(type, text)])
  })
})
