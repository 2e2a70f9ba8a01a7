import type { CheckDigit } from './model.js'

/**
 * Whether a digit string passes the Luhn checksum that payment card numbers carry.
 *
 * @example
 * luhnValid('4111111111111111') // true
 */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2
    sum += d
  }
  return sum % 10 === 0
}

/** The digits a check covers: a US NPI's Luhn check is computed with the prefix 80840 in front, as CMS specifies. */
function checked(digits: string, check: CheckDigit): string {
  return check === 'npi' ? `80840${digits}` : digits
}

/** Shortest digit string a check digit is learned for: shorter codes pass Luhn by chance too often to tell. */
const MIN_CHECKED_DIGITS = 8
/** Share of a column's codes that must pass a check for it to be kept: random digits pass one in ten. */
const CHECKED_SHARE = 0.9

/**
 * The check digit a column's codes carry, from the sample: the check at least 90% of the values pass, when every
 * value has at least 8 digits; null when none does. An NPI check is preferred to a plain Luhn check only when
 * plain Luhn does not hold (an NPI never passes both).
 *
 * @example checkDigitOf(['4111111111111111', '4012888888881881'], 2) // 'luhn'
 */
export function checkDigitOf(values: readonly string[], minCount: number): CheckDigit | null {
  const digits = values.map((v) => v.replace(/\D/g, ''))
  if (digits.length < minCount || digits.some((d) => d.length < MIN_CHECKED_DIGITS)) return null
  for (const check of ['luhn', 'npi'] as const) {
    const passing = digits.filter((d) => luhnValid(checked(d, check))).length
    if (passing >= CHECKED_SHARE * digits.length) return check
  }
  return null
}

/**
 * `code` with its last digit replaced so that its digits pass `check`; unchanged when it has fewer than two digits.
 *
 * @example withCheckDigit('4111-1111-1111-1112', 'luhn') // '4111-1111-1111-1111'
 */
export function withCheckDigit(code: string, check: CheckDigit): string {
  const digits = code.replace(/\D/g, '')
  if (digits.length < 2) return code
  const body = digits.slice(0, -1)
  const last = [...'0123456789'].find((d) => luhnValid(checked(body + d, check)))!
  const at = code.search(/\d\D*$/)
  return code.slice(0, at) + last + code.slice(at + 1)
}
