import { createHmac } from 'node:crypto'
import { cellText, type CellValue } from '../schema/cell-value.js'
import type { Column } from '../schema/schema.js'
import { callFaker, fakerFor } from './faker-methods.js'
import { digitPermuter, shapeHash } from './format-preserving.js'
import { ipAddressFor } from './ip-address.js'
import { fileContent, fileTypeOf } from '../model/binary-content.js'
import { seededRandom } from '../random/seeded-random.js'
import type { RuleAction } from './rule-file.js'
import type { WordModel } from '../model/model.js'
import { textFromWords } from '../model/text-from-words.js'
import { otherValue } from '../model/other-value.js'

type Generalization = Extract<RuleAction, { kind: 'generalize' }>

/**
 * Rewrites one value. `entity` is the value of the row's entity column, for `shift-date`; other actions ignore it.
 * Values arrive and leave in the text form writers take (dates as `YYYY-MM-DD`, timestamps as
 * `YYYY-MM-DD HH:MM:SS…`).
 */
export type Rewrite = (value: CellValue, entity?: CellValue) => CellValue

/**
 * The rewrite a rule's action stands for, keyed by a secret. The result depends only on the secret, the action and
 * the value — never on the table, column or row — so the same real value becomes the same fake value everywhere,
 * in every run with the same secret, and joins on rewritten columns still join. `words` writes from `words`, the
 * column's word model (subset learns it from the source's sample); without one, a value becomes NULL where the
 * column allows it, else the marked other value.
 *
 * @example
 * const rewrite = valueRewriter({ kind: 'hash', format: 'auto' }, column, process.env.DBTWIN_SECRET!)
 * rewrite('123-45-6789') // '804-17-2265', every time with this secret
 */
export function valueRewriter(
  action: RuleAction,
  column: Column,
  secret: string,
  words: WordModel | null = null,
): Rewrite {
  const key = createHmac('sha256', secret).update(JSON.stringify(action)).digest()
  const digest = (value: Exclude<CellValue, null>) =>
    createHmac('sha256', key).update(cellText(value)).digest()
  const fit = fitTo(column)
  switch (action.kind) {
    case 'faker':
    case 'template': {
      const faker = fakerFor(action.locale)
      return (value) => {
        if (value === null) return null
        faker.seed(digest(value).readUInt32LE(0))
        const fake =
          action.kind === 'faker'
            ? callFaker(faker, action.method, action.args)
            : faker.helpers.fake(action.template)
        return fit(fake)
      }
    }
    case 'mask':
      return (value) =>
        value === null ? null : fit(mask(cellText(value), action.keepFirst, action.keepLast, action.char))
    case 'hash': {
      const permute = digitPermuter(key)
      return (value) => (value === null ? null : hashValue(value, action.format, column, key, permute))
    }
    case 'shift-date':
      return (value, entity) => {
        if (value === null) return null
        const days = (digest(entity ?? value).readUInt32LE(0) % (2 * action.days + 1)) - action.days
        return shiftDate(value, days === 0 ? 1 : days)
      }
    case 'generalize':
      return (value) => (value === null ? null : generalize(value, action))
    case 'null':
      return () => null
    case 'constant':
      return (value) => (value === null || action.value === null ? null : fit(action.value))
    case 'pick':
      return (value) =>
        value === null ? null : fit(action.values[digest(value).readUInt32LE(0) % action.values.length]!)
    case 'words': {
      // A subset's real note becomes one written from released words, the same for the same note and secret.
      const write = words === null ? null : textFromWords(words, column.length ?? Infinity)
      const other = column.nullable ? null : otherValue(column)
      return (value) => {
        if (value === null) return null
        return write?.(seededRandom(digest(value).toString('hex'))) ?? other
      }
    }
    case 'keep':
    case 'model':
      return (value) => value
  }
}

/**
 * Wraps the rewrite of a key or unique column so that distinct values stay distinct: a fake value already given
 * to another real value gets a numbered suffix. The memo lives as long as the run, so a foreign key that shares the
 * wrapped rewrite gets exactly the parent's fake key. Memory grows with the distinct values rewritten.
 */
export function distinctRewriter(rewrite: Rewrite, column: Column): Rewrite {
  const given = new Map<string, CellValue>()
  const taken = new Set<string>()
  return (value, entity) => {
    if (value === null) return null
    const real = cellText(value)
    const known = given.get(real)
    if (known !== undefined) return known
    let fake = rewrite(value, entity)
    for (let n = 2; fake !== null && taken.has(cellText(fake)); n++) fake = suffixed(fake, n, column)
    if (fake !== null) taken.add(cellText(fake))
    given.set(real, fake)
    return fake
  }
}

function suffixed(value: Exclude<CellValue, null>, n: number, column: Column): CellValue {
  if (typeof value === 'number') return value + n * 1_000_003
  const text = cellText(value)
  const tail = `-${n}`
  const at = text.indexOf('@')
  // An email stays an email: the number goes before the domain.
  const [head, rest] = at > 0 ? [text.slice(0, at), text.slice(at)] : [text, '']
  const room = column.length === null ? Infinity : column.length - rest.length - tail.length
  return `${head.slice(0, Math.max(0, room))}${tail}${rest}`
}

/** A made value in the form a column takes: dates as text, text cut to the column's length. */
export function fitTo(column: Column): (value: unknown) => CellValue {
  return (value) => {
    if (value === null || value === undefined) return null
    if (value instanceof Date) {
      const iso = value.toISOString()
      return column.type === 'date' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`
    }
    if (typeof value === 'number' || typeof value === 'boolean') return value
    const text = String(value)
    if (column.type === 'bigint' || column.type === 'binary') return ipAddressFor(text, column)
    return column.length === null ? text : [...text].slice(0, column.length).join('')
  }
}

function mask(text: string, keepFirst: number, keepLast: number, char: string): string {
  const positions = [...text].flatMap((c, i) => (/[\p{L}\p{N}]/u.test(c) ? [i] : []))
  const hidden = new Set(positions.slice(keepFirst, Math.max(keepFirst, positions.length - keepLast)))
  return [...text].map((c, i) => (hidden.has(i) ? char : c)).join('')
}

type Permute = (digits: string) => string

function hashValue(
  value: Exclude<CellValue, null>,
  format: string,
  column: Column,
  key: Buffer,
  permute: Permute,
): CellValue {
  if (typeof value === 'number') return hashInteger(value, column, permute)
  if (typeof value === 'object') return keyedBytes(value, key)
  const text = cellText(value)
  if (column.type === 'uuid') return keyedUuid(text, key)
  const digitsOnly = /^[\d\s().+-]+$/.test(text) && /\d/.test(text)
  if (format === 'digits' || (format === 'auto' && digitsOnly)) return permuteDigitsIn(text, permute)
  const at = text.lastIndexOf('@')
  if ((format === 'email' || format === 'auto') && at > 0) {
    const domain = text.slice(at + 1)
    const dot = domain.lastIndexOf('.')
    // The top-level domain stays (it says little); the rest keeps its shape, the domain hashed on its own so
    // everyone at one domain still shares one fake domain.
    const fakeDomain =
      dot > 0 ? `${shapeHash(domain.slice(0, dot), key)}${domain.slice(dot)}` : shapeHash(domain, key)
    return `${shapeHash(text, key).slice(0, at)}@${fakeDomain}`
  }
  return shapeHash(text, key)
}

/**
 * Bytes (a photo, a scanned ID, a salt) become keyed bytes of the same length: nothing of the original is left,
 * and its size, which a report compares, stays. A PNG, JPEG or PDF becomes a valid file of its type and size (a
 * blank 1×1 picture, an empty page), so an application that shows it still can (issue 17.9).
 */
function keyedBytes(value: Uint8Array, key: Buffer): Uint8Array {
  const type = fileTypeOf(value)
  if (type !== null) {
    const digest = createHmac('sha256', key).update(value).digest('hex')
    return fileContent(type, value.length, seededRandom('file', digest))
  }
  const out = Buffer.alloc(value.length)
  for (let block = 0, at = 0; at < out.length; block++) {
    const chunk = createHmac('sha256', key).update(`${block}:`).update(value).digest()
    at += chunk.copy(out, at)
  }
  return out
}

/** A uuid becomes another, keyed and in version 4's form; 122 random bits keep distinct values distinct. */
function keyedUuid(text: string, key: Buffer): string {
  const hex = createHmac('sha256', key).update(text.toLowerCase()).digest('hex')
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** Digits are permuted as one number of the same length, separators kept: distinct values stay distinct. */
function permuteDigitsIn(text: string, permute: Permute): string {
  const permuted = permute(text.replace(/\D/g, ''))
  let i = 0
  return text.replace(/\d/g, () => permuted[i++]!)
}

/** Integers keep their sign and their number of digits, and stay distinct and within the column's range. */
function hashInteger(value: number, column: Column, permute: Permute): number {
  const limit =
    column.type === 'smallint' ? 32_767 : column.type === 'integer' ? 2_147_483_647 : Number.MAX_SAFE_INTEGER
  const magnitude = String(Math.abs(value))
  let digits = magnitude
  // Cycle-walking: permute again until the result has no leading zero and fits, which keeps it a bijection.
  do digits = permute(digits)
  while (digits.length > 1 && (digits[0] === '0' || Number(digits) > limit))
  return Math.sign(value) * Number(digits)
}

function shiftDate(value: Exclude<CellValue, null>, days: number): CellValue {
  if (typeof value === 'object') return value
  const text = String(value)
  const match = /^(\d{4})-(\d{2})-(\d{2})(.*)$/s.exec(text)
  if (match === null) return text
  const shifted = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days))
  return `${shifted.toISOString().slice(0, 10)}${match[4]}`
}

/**
 * A value coarsened, in the form it came in: a date stays a valid date (the first of its year or month, midnight for
 * a timestamp, the zone kept), a number a number, a code a code of the same length.
 */
function generalize(value: Exclude<CellValue, null>, action: Generalization): CellValue {
  if (typeof value === 'boolean' || typeof value === 'object') return value
  switch (action.to) {
    case 'year':
    case 'month': {
      const match = /^(\d{4})-(\d{2})-\d{2}(?:([ T])\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(.*)$/s.exec(
        String(value),
      )
      if (match === null) return value
      const [, year, month, separator, zone] = match
      const day = `${year!}-${action.to === 'year' ? '01' : month!}-01`
      return separator === undefined ? `${day}${zone!}` : `${day}${separator}00:00:00${zone!}`
    }
    case 'digits': {
      let seen = 0
      const text = String(value).replace(/\d/g, (d) => (++seen > action.digits ? '0' : d))
      return typeof value === 'number' ? Number(text) : text
    }
    case 'bucket': {
      const number = Number(value)
      if (!Number.isFinite(number)) return value
      // Rounded to the width's decimals: 0.1 * 3 is 0.30000000000000004 in binary floating point.
      const decimals = (String(action.width).split('.')[1] ?? '').length
      const bucket = Number((Math.floor(number / action.width) * action.width).toFixed(decimals))
      return typeof value === 'number' ? bucket : String(bucket)
    }
  }
}
