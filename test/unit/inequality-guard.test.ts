import { describe, expect, it } from 'vitest'
import { inequalityGuard } from '../../src/generate/inequality-guard.js'

const DAY = 86_400
const date = { unit: DAY, digits: 0 }
const seconds = { unit: 1, digits: 0 }

describe('inequalities kept as the columns are written', () => {
  it('swaps a timestamp and a date on one scale of seconds, each in its own unit', () => {
    // ts < d, drawn as ts = day 100.5 (in seconds) and d = day 100 (in days).
    const row: unknown[] = [100.5 * DAY, 100]
    inequalityGuard(0, 1, true, seconds, date)(row)
    expect(row).toEqual([100 * DAY, 101])
  })

  it('leaves a pair that holds as it is', () => {
    const row: unknown[] = [99.5 * DAY, 100]
    inequalityGuard(0, 1, true, seconds, date)(row)
    expect(row).toEqual([99.5 * DAY, 100])
  })

  it('compares integers and decimals as they are rounded when written', () => {
    // An integer drawn 5.6 is written 6, above a decimal(…, 2) of 5.5.
    const row: unknown[] = [5.6, 5.5]
    inequalityGuard(0, 1, false, { unit: 1, digits: 0 }, { unit: 1, digits: 2 })(row)
    expect(row).toEqual([5, 6])
    // Two integers drawn 5.4 and 5.45 are both written 5: a strict order moves the right one on.
    const ints: unknown[] = [5.4, 5.45]
    inequalityGuard(0, 1, true, { unit: 1, digits: 0 }, { unit: 1, digits: 0 })(ints)
    expect(ints).toEqual([5, 6])
  })
})
