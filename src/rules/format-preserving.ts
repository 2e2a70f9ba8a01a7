import { createCipheriv, createHmac } from 'node:crypto'

/**
 * Keyed rewrites that keep a value's format. `digitPermuter` gives a bijection on digit strings of one length, so
 * distinct numbers stay distinct (unique columns stay unique); `shapeHash` keeps each character's class.
 */

const ROUNDS = 8

/**
 * A keyed permutation of the n-digit strings, for every n: an 8-round Feistel network over the two halves read as
 * numbers, adding a round value modulo 10^half. Every Feistel network is a bijection whatever its round function,
 * so distinct inputs stay distinct. It is in the style of NIST's FF1 but is not FF1 and has no test vectors from
 * NIST: no tweak (the same digits give the same output in every column under one key), 8 rounds rather than 10,
 * and its round function is one AES-128 block over (round, length, half) rather than FF1's CBC-MAC PRF. Its own
 * known answers are pinned in test/unit/format-preserving.test.ts. It is a consistent pseudonymizer, not an
 * encryption standard. The round function is AES-128 under a key derived from `key`, one block per round, which
 * keeps a million values to about a second.
 */
export function digitPermuter(key: Buffer): (digits: string) => string {
  const aesKey = createHmac('sha256', key).update('digits').digest().subarray(0, 16)
  const cipher = createCipheriv('aes-128-ecb', aesKey, null).setAutoPadding(false)
  const block = Buffer.alloc(16)
  const shuffled = singleDigitShuffle(key)
  const round = (r: number, n: number, half: number): number => {
    block.fill(0)
    block[0] = r
    block[1] = n
    block.writeDoubleLE(half, 8)
    return cipher.update(block).readUIntLE(0, 6)
  }
  return (digits) => {
    const n = digits.length
    if (n <= 1) return n === 0 ? digits : String(shuffled[Number(digits)])
    if (n > 30) return bigPermute(digits, key)
    const u = Math.floor(n / 2)
    const v = n - u
    const mu = 10 ** u
    const mv = 10 ** v
    let a = Number(digits.slice(0, u))
    let b = Number(digits.slice(u))
    for (let r = 0; r < ROUNDS; r++) {
      if (r % 2 === 0) a = (a + (round(r, n, b) % mu)) % mu
      else b = (b + (round(r, n, a) % mv)) % mv
    }
    return String(a).padStart(u, '0') + String(b).padStart(v, '0')
  }
}

/** The same construction for digit strings too long for exact float arithmetic (over 30 digits). */
function bigPermute(digits: string, key: Buffer): string {
  const n = digits.length
  const u = Math.floor(n / 2)
  const v = n - u
  let a = BigInt(digits.slice(0, u))
  let b = BigInt(digits.slice(u))
  for (let r = 0; r < ROUNDS; r++) {
    const modulus = 10n ** BigInt(r % 2 === 0 ? u : v)
    const mac = createHmac('sha256', key)
      .update(`${r}:${n}:${r % 2 === 0 ? b : a}`)
      .digest()
    const f = BigInt(`0x${mac.toString('hex', 0, 16)}`)
    if (r % 2 === 0) a = (a + f) % modulus
    else b = (b + f) % modulus
  }
  return a.toString().padStart(u, '0') + b.toString().padStart(v, '0')
}

function singleDigitShuffle(key: Buffer): number[] {
  const digits = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
  const stream = createHmac('sha256', key).update('single digit').digest()
  for (let i = digits.length - 1; i > 0; i--) {
    const j = stream[i]! % (i + 1)
    ;[digits[i], digits[j]] = [digits[j]!, digits[i]!]
  }
  return digits
}

const LOWER = 'abcdefghijklmnopqrstuvwxyz'
const UPPER = LOWER.toUpperCase()

/**
 * Replaces every letter by a letter of the same case and every digit by a digit, from a keystream seeded by the
 * whole value; anything else (`-`, `.`, `@`, spaces) stays, so `AB-1234` becomes another `AA-9999`-shaped code.
 */
export function shapeHash(text: string, key: Buffer): string {
  const chars = [...text]
  const stream: number[] = []
  for (let block = 0; stream.length < chars.length; block++) {
    stream.push(...createHmac('sha256', key).update(`${block}:${text}`).digest())
  }
  return chars
    .map((c, i) => {
      const r = stream[i]!
      if (/\d/.test(c)) return String(r % 10)
      if (/\p{Lu}/u.test(c)) return UPPER[r % 26]
      if (/\p{L}/u.test(c)) return LOWER[r % 26]
      return c
    })
    .join('')
}
