import { describe, expect, it } from 'vitest'
import { temporalRange } from '../../src/generate/temporal-range.js'
import { QUANTILE_LEVELS, type ColumnModel } from '../../src/model/model.js'
import { numberToTemporal, temporalToNumber } from '../../src/model/temporal-values.js'
import { column } from '../fixtures/columns.js'

type Temporal = Extract<ColumnModel, { kind: 'temporal' }>

function learned(type: Temporal['type'], fractionDigits = 0): Temporal {
  return {
    name: 'at',
    nullFraction: 0,
    kind: 'temporal',
    type,
    fractionDigits,
    quantiles: QUANTILE_LEVELS.map(() => '2000-01-01'),
    min: '2000-01-01',
    max: '2000-01-01',
    distinctRatio: 1,
    unique: false,
  }
}

/** `text` moved `later` units (days for dates, else seconds) on, kept by the range, as the column prints it. */
function written(
  model: Temporal,
  nativeType: string,
  family: 'postgres' | 'mysql',
  text: string,
  later: number,
): string {
  const range = temporalRange(model, column('at', model.type, { nativeType }), family)!
  return numberToTemporal(
    model.type,
    range(temporalToNumber(model.type, text)! + later),
    model.fractionDigits,
  )
}

describe('temporalRange', () => {
  it("stops MariaDB's DATE and DATETIME at 9999-12-31, at the column's digits of a second", () => {
    expect(written(learned('date'), 'date', 'mysql', '9999-01-01', 700)).toBe('9999-12-31')
    expect(written(learned('timestamp'), 'datetime', 'mysql', '9999-01-01 00:00:00', 1e8)).toBe(
      '9999-12-31 23:59:59',
    )
    expect(written(learned('timestamp', 3), 'datetime(3)', 'mysql', '9999-01-01 00:00:00', 1e8)).toBe(
      '9999-12-31 23:59:59.999',
    )
  })

  it("stops MariaDB's TIMESTAMP at its 32-bit end in 2038, and keeps values inside the range as they are", () => {
    expect(written(learned('timestamptz'), 'timestamp', 'mysql', '2037-01-01 00:00:00+00', 1e8)).toBe(
      '2038-01-19 03:14:07+00',
    )
    expect(written(learned('date'), 'date', 'mysql', '9999-01-01', 364)).toBe('9999-12-31')
  })

  it("keeps PostgreSQL's later dates, which its types hold, and infinities on every engine", () => {
    expect(written(learned('date'), 'date', 'postgres', '9999-01-01', 700)).toBe('10000-12-01')
    const range = temporalRange(learned('date'), column('at', 'date'), 'mysql')!
    expect(range(Infinity)).toBe(Infinity)
    expect(temporalRange(learned('time'), column('at', 'time'), 'mysql')).toBeNull()
  })
})
