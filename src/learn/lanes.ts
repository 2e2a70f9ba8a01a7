/**
 * Runs `work` on every item, each lane taking the next item as soon as it is free, and returns the results in the
 * items' order, whichever lane ran them and whenever they finished. A lane is a connection in a shared snapshot
 * (see Database.readSnapshots): while one waits on the server, another's rows are worked on. `inTurn` resolves once
 * every earlier item is done, for work whose reading may overlap but whose effects must follow the items' order.
 * After a failure no lane starts another item, and the first error is thrown once every lane has stopped, so no
 * connection is handed back with a query still running on it.
 */
export async function inLanes<Lane, Item, Result>(
  lanes: readonly Lane[],
  items: readonly Item[],
  work: (item: Item, lane: Lane, inTurn: () => Promise<void>) => Promise<Result>,
): Promise<Result[]> {
  const results: Result[] = new Array<Result>(items.length)
  const done = items.map(() => {
    let resolve = () => {}
    const promise = new Promise<void>((r) => (resolve = r))
    return { promise, resolve }
  })
  let next = 0
  const failures: unknown[] = []
  const run = async (lane: Lane) => {
    while (failures.length === 0 && next < items.length) {
      const index = next++
      try {
        results[index] = await work(items[index]!, lane, () => done[index - 1]?.promise ?? Promise.resolve())
      } catch (error) {
        failures.push(error)
      } finally {
        done[index]!.resolve()
      }
    }
  }
  await Promise.all(lanes.map(run))
  if (failures.length > 0) throw failures[0]
  return results
}
