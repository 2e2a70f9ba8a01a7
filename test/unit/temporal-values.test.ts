import { describe, expect, it } from 'vitest'
import { fractionDigits, numberToTemporal, temporalToNumber } from '../../src/model/temporal-values.js'

describe('temporal values as numbers and back', () => {
  it('keeps microseconds, which Date alone cuts to milliseconds', () => {
    const n = temporalToNumber('timestamptz', '2022-09-10 16:46:03.905795+00')!
    expect(numberToTemporal('timestamptz', n, 6)).toBe('2022-09-10 16:46:03.905795+00')
    expect(numberToTemporal('timestamp', temporalToNumber('timestamp', '1969-12-31 23:59:59.5')!, 1)).toBe(
      '1969-12-31 23:59:59.5',
    )
    expect(numberToTemporal('time', temporalToNumber('time', '08:15:00.125')!, 3)).toBe('08:15:00.125')
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

  it('counts the digits of a second a value is printed with, trailing zeros aside', () => {
    expect(fractionDigits('2022-09-10 16:46:03.905795+00')).toBe(6)
    expect(fractionDigits('2022-09-10 16:46:03.250000')).toBe(2)
    expect(fractionDigits('2022-09-10 16:46:03')).toBe(0)
    expect(fractionDigits('16:46:03.1')).toBe(1)
  })
})
