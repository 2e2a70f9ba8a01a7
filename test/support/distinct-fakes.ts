/**
 * Rewrites `count` values into a set, giving the event loop a turn every 50,000: a million rewrites run for tens of
 * seconds on a busy machine, and a test worker that never yields misses vitest's 60 s RPC deadline.
 */
export async function distinctFakes(count: number, fake: (i: number) => unknown): Promise<Set<string>> {
  const seen = new Set<string>()
  for (let i = 0; i < count; i++) {
    seen.add(String(fake(i)))
    if (i % 50_000 === 0) await new Promise((resolve) => setImmediate(resolve))
  }
  return seen
}
