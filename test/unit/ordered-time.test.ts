import { describe, expect, it } from 'vitest'
import {
  learnedLatest,
  orderedTime,
  writtenSeconds,
  type OrderedColumn,
  type TimeOrder,
} from '../../src/generate/invariant-plan.js'
import { QUANTILE_LEVELS, type ColumnModel } from '../../src/model/model.js'

const DAY = 86_400

function temporal(type: 'date' | 'timestamp', fractionDigits = 0, latest = '2026-01-01'): ColumnModel {
  return {
    name: 'at',
    nullFraction: 0,
    kind: 'temporal',
    type,
    fractionDigits,
    quantiles: QUANTILE_LEVELS.map((l) => (l === 1 ? latest : '2026-01-01')),
    min: '2026-01-01',
    max: '2026-01-01',
    distinctRatio: 1,
    unique: false,
  }
}

/** An order after a fixed instant, with gaps spread evenly between two bounds (seconds). */
const after = (at: number, gaps: [number, number] | null): TimeOrder => ({
  ancestor: () => at,
  gaps: gaps === null ? null : QUANTILE_LEVELS.map((l) => gaps[0] + l * (gaps[1] - gaps[0])),
})

/** No type range to keep inside. */
const unbounded = (v: number) => v

/** A column ordered after `orders`, with no learned latest instant unless given. */
const column = (
  learned: ColumnModel,
  orders: TimeOrder[],
  bound = unbounded,
  ceiling = Infinity,
): OrderedColumn => ({ learned, orders, bound, ceiling })

describe('orderedTime', () => {
  const none = new Int32Array(0)

  it('puts a time at the latest ancestor plus a gap drawn from that order', () => {
    const timestamp = temporal('timestamp')
    const value = orderedTime(
      0,
      column(timestamp, [after(1_000, [10, 20]), after(5_000, [100, 200])]),
      none,
      0.5,
      false,
    )
    expect(value).toBe(5_150)
  })

  it('rounds a date up to the day on or after its ancestor instant, never down before it', () => {
    const date = temporal('date')
    // The ancestor at noon of day 100: the child date is day 101, whose midnight is not earlier.
    const days = orderedTime(0, column(date, [after(100 * DAY + DAY / 2, [0, 0])]), none, 0.3, false)
    expect(days).toBe(101)
    expect(writtenSeconds(date, days)).toBeGreaterThanOrEqual(100 * DAY + DAY / 2)
  })

  it('leaves a value that keeps its order when settling, and clamps one that does not', () => {
    const timestamp = temporal('timestamp')
    expect(orderedTime(9_000, column(timestamp, [after(5_000, [100, 200])]), none, 0.9, true)).toBe(9_000)
    expect(orderedTime(4_000, column(timestamp, [after(5_000, [100, 200])]), none, 0.9, true)).toBe(5_000)
    // Without gaps (fewer than min-count of them) the drawn value only moves when it is too early.
    expect(orderedTime(7_000, column(timestamp, [after(5_000, null)]), none, 0.9, false)).toBe(7_000)
  })

  it('keeps a value with no ancestor (a NULL parent) as drawn', () => {
    expect(orderedTime(42, column(temporal('timestamp'), [after(NaN, [1, 2])]), none, 0.5, false)).toBe(42)
  })
  it('cuts the gap at the last value the type holds, and bounds a value no ancestor moves (issue 16)', () => {
    const date = temporal('date')
    const last = 2_932_896 // 9999-12-31 in days
    const bound = (v: number) => Math.min(last, v)
    // 9999-01-01 plus a gap of 400 days would be year 10000: the date stops at 9999-12-31, not before its ancestor.
    const ancestor = 2_932_896 - 364
    const days = orderedTime(
      0,
      column(date, [after(ancestor * DAY, [400 * DAY, 400 * DAY])], bound),
      none,
      0.5,
      false,
    )
    expect(days).toBe(last)
    expect(writtenSeconds(date, days)).toBeGreaterThanOrEqual(ancestor * DAY)
    // A value its leader's shift moved past the end, with no ancestor (a NULL parent), and one already in order.
    expect(orderedTime(last + 30, column(date, [after(NaN, [1, 2])], bound), none, 0.5, true)).toBe(last)
    expect(orderedTime(last + 30, column(date, [after(ancestor * DAY, null)], bound), none, 0.5, true)).toBe(
      last,
    )
  })

  it("draws the gap from the part that keeps the time at or before the column's latest instant", () => {
    const date = temporal('date')
    // Gaps of 0 to 100 days after day 1,000; the column's latest instant is day 1,040: 40% of the gaps fit.
    const cut = column(date, [after(1_000 * DAY, [0, 100 * DAY])], unbounded, 1_040 * DAY)
    const drawn = [0.1, 0.5, 0.9, 1].map((u) => orderedTime(0, cut, none, u, false))
    expect(drawn).toEqual([1_004, 1_020, 1_036, 1_040])
    // An ancestor already past it leaves no room: the time is the ancestor's, and the order still holds.
    expect(
      orderedTime(
        0,
        column(date, [after(1_100 * DAY, [0, 100 * DAY])], unbounded, 1_040 * DAY),
        none,
        0.5,
        false,
      ),
    ).toBe(1_100)
    expect(learnedLatest(temporal('date', 0, '2026-01-02'))).toBe(20_455 * DAY)
  })
})
