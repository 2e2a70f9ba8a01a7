import { describe, expect, it } from 'vitest'
import { inLanes } from '../../src/learn/lanes.js'

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('inLanes', () => {
  it('runs items side by side on every lane and returns results in item order', async () => {
    const running = new Set<string>()
    let most = 0
    const results = await inLanes(['a', 'b'], [30, 5, 20, 1, 10], async (ms, lane) => {
      running.add(lane)
      most = Math.max(most, running.size)
      await pause(ms)
      running.delete(lane)
      return ms * 2
    })
    expect(results).toEqual([60, 10, 40, 2, 20])
    expect(most).toBe(2)
  })

  it('lets an item wait for the ones before it, whichever lane ran them', async () => {
    const applied: number[] = []
    await inLanes(['a', 'b'], [40, 1, 25, 2], async (ms, _lane, inTurn) => {
      await pause(ms)
      await inTurn()
      applied.push(ms)
    })
    expect(applied).toEqual([40, 1, 25, 2])
  })

  it('starts no item after a failure and throws it once every lane has stopped', async () => {
    const started: number[] = []
    let finishedLate = false
    const run = inLanes(['a', 'b'], [0, 1, 2, 3, 4], async (item) => {
      started.push(item)
      if (item === 0) {
        await pause(5)
        throw new Error('item 0 failed')
      }
      await pause(30)
      if (item === 1) finishedLate = true
    })
    await expect(run).rejects.toThrow('item 0 failed')
    expect(finishedLate).toBe(true)
    expect(started).toEqual([0, 1])
  })
})
