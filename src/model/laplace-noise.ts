import type { Random } from '../random/seeded-random.js'

/**
 * Adds Laplace noise of scale sensitivity / epsilon to a count, the mechanism behind `--epsilon`; the result is
 * clamped at zero, which is post-processing and costs no privacy.
 */
export function noisyCount(count: number, sensitivity: number, epsilon: number, random: Random): number {
  const u = random.next() - 0.5
  const noise = -(sensitivity / epsilon) * Math.sign(u) * Math.log(1 - 2 * Math.abs(u))
  return Math.max(0, count + noise)
}
