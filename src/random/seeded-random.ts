/**
 * Deterministic randomness. Every draw in dbtwin comes from a generator seeded by a path of keys — (seed, table,
 * column, row…) — never from Math.random, so the same inputs give the same output on any machine.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number
  /** Standard normal (Box–Muller). */
  normal(): number
  pick<T>(items: readonly T[]): T
  /** An index drawn with probability proportional to its weight. */
  weighted(weights: readonly number[]): number
}

/**
 * A generator for a key path. Keys are hashed (FNV-1a, then mixed) into the 128-bit state of xoshiro128**.
 *
 * @example seededRandom(42, 'clinic.patients', 'birth_date').next()
 */
export function seededRandom(...keys: readonly (string | number)[]): Random {
  const text = keys.map(String).join('\u0000')
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  const state = new Uint32Array(4)
  for (let i = 0; i < 4; i++) {
    // splitmix32 spreads one hash over four words, so nearby keys start far apart.
    h = (h + 0x9e3779b9) | 0
    let z = h
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    state[i] = (z ^ (z >>> 16)) >>> 0
  }
  const next = (): number => {
    const s = state
    const result = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0
    const t = s[1]! << 9
    s[2]! ^= s[0]!
    s[3]! ^= s[1]!
    s[1]! ^= s[2]!
    s[0]! ^= s[3]!
    s[2]! ^= t
    s[3] = rotl(s[3]!, 11)
    return result / 4294967296
  }
  let spare: number | null = null
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    normal() {
      if (spare !== null) {
        const value = spare
        spare = null
        return value
      }
      const u = 1 - next()
      const v = next()
      const radius = Math.sqrt(-2 * Math.log(u))
      spare = radius * Math.sin(2 * Math.PI * v)
      return radius * Math.cos(2 * Math.PI * v)
    },
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list')
      return items[Math.floor(next() * items.length)]!
    },
    weighted(weights) {
      const total = weights.reduce((a, b) => a + b, 0)
      let target = next() * total
      for (let i = 0; i < weights.length; i++) {
        target -= weights[i]!
        if (target < 0) return i
      }
      return weights.length - 1
    },
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0
}
