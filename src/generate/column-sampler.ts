import type { CellValue, SpecialNumber } from '../schema/cell-value.js'
import { type Category, type ColumnModel, type Conditional, type SpecialShare } from '../model/model.js'
import { withCheckDigit } from '../model/check-digits.js'
import { DAY_SECONDS, numberToTemporal, temporalToNumber } from '../model/temporal-values.js'
import { seededRandom, type Random } from '../random/seeded-random.js'
import { fileContent, type FileType } from '../model/binary-content.js'
import { smallestGeometry } from '../schema/postgis-type.js'
import type { Column } from '../schema/schema.js'
import type { Grid } from './inequality-guard.js'
import { otherValue } from '../model/other-value.js'
import { jsonDocumentSampler, type PathUniform } from './json-document.js'
import { firstAbove, interpolate } from '../model/quantile-draw.js'
import { textFromShape } from './text-from-shape.js'
import { textFromWords } from '../model/text-from-words.js'
import { temporalRange } from './temporal-range.js'
import { columnMeaning, meaningText, PERSONAL_MEANINGS } from './column-meaning.js'
import { isCodeColumn } from '../model/text-model-choice.js'

/**
 * Draws one column's values from its learned marginal. `draw` takes a uniform `u` — from the copula when the
 * column is in it, so columns move together — and returns the value in an internal form (numbers for numeric and
 * temporal columns, so inequalities can be enforced); `format` turns that into what writers take.
 */
export interface ColumnSampler {
  /** Null only where a value the target cannot hold is written as NULL (a NaN into MySQL). */
  draw(u: number, random: Random): number | string | boolean | null
  format(value: number | string | boolean): CellValue
  /** Numeric and temporal columns: how their drawn numbers compare with other columns' (see inequalityGuard). */
  grid?: Grid
  /**
   * Keeps a number computed outside `draw` (a difference, a cell's value, a time order) inside the column's CHECK
   * bounds and, for dates and timestamps, inside what the target's type holds (see temporalRange).
   */
  bound?: (value: number) => number
}

export interface SamplerOptions {
  /** PostgreSQL writes instants with an explicit UTC offset; MySQL's datetime takes none. */
  family: 'postgres' | 'mysql'
  /** A JSON column's numeric paths in the copula: the row's uniform for each (see jsonDocumentSampler). */
  pathUniform?: PathUniform
}

export function columnSampler(
  model: ColumnModel,
  column: Column,
  options: SamplerOptions,
): ColumnSampler | null {
  switch (model.kind) {
    case 'numeric':
      return numericSampler(model, column, options)
    case 'temporal':
      return temporalSampler(model, column, options)
    case 'categorical':
      return categorySampler(model.categories, column)
    case 'text':
      return textSampler(model, column)
    case 'shaped':
      return shapedSampler(model, column, options)
    default:
      return null
  }
}

function numericSampler(
  model: Extract<ColumnModel, { kind: 'numeric' }>,
  column: Column,
  options: SamplerOptions,
): ColumnSampler {
  const scale = column.scale ?? (model.integer ? 0 : null)
  const factor = 10 ** (scale ?? 0)
  const limit =
    column.precision !== null && column.scale !== null
      ? 10 ** (column.precision - column.scale) - 10 ** -column.scale
      : Infinity
  // A unique column holds each special at most once (PostgreSQL's unique index counts NaN equal to NaN).
  const special = model.unique ? null : specialPicker(model.specials ?? [])
  return {
    draw(u, random) {
      const value = special === null ? null : special(random.next())
      if (value === null) return interpolate(model.quantiles, u)
      // MySQL has none: NULL where the column allows it, else a finite value (see specialsOnMysql).
      if (options.family === 'mysql') return column.nullable ? null : interpolate(model.quantiles, u)
      return SPECIAL_VALUES[value]
    },
    format: (v) => {
      const n = Math.max(-limit, Math.min(limit, Number(v)))
      // PostgreSQL reads NaN and infinities as the words it prints them as.
      if (!Number.isFinite(n)) return String(n)
      return scale === null ? n : scale === 0 ? Math.round(n) : decimalText(n, scale, factor)
    },
    grid: { unit: 1, digits: scale },
  }
}

function temporalSampler(
  model: Extract<ColumnModel, { kind: 'temporal' }>,
  column: Column,
  options: SamplerOptions,
): ColumnSampler {
  // Quantiles were written by numberToTemporal, so they always parse.
  const quantiles = model.quantiles.map((q) => temporalToNumber(model.type, q)!)
  const special = model.unique ? null : specialPicker(model.specials ?? [])
  const range = temporalRange(model, column, options.family) ?? ((v: number) => v)
  return {
    draw(u, random) {
      const value = special === null ? null : special(random.next())
      if (value === null) return range(interpolate(quantiles, u))
      // MySQL has no infinite dates: NULL where the column allows it, else a finite value.
      if (options.family === 'mysql') return column.nullable ? null : range(interpolate(quantiles, u))
      return SPECIAL_VALUES[value]
    },
    format: (v) => {
      const n = Number(v)
      // PostgreSQL reads ±infinity as the words it prints them as.
      if (!Number.isFinite(n)) return n > 0 ? 'infinity' : '-infinity'
      return temporalText(model.type, n, options.family, model.fractionDigits)
    },
    grid:
      model.type === 'date' ? { unit: DAY_SECONDS, digits: 0 } : { unit: 1, digits: model.fractionDigits },
    bound: range,
  }
}

function textSampler(model: Extract<ColumnModel, { kind: 'text' }>, column: Column): ColumnSampler {
  const pickLength = cumulativePicker(model.lengths.map((l) => l.frequency))
  const pickShape = cumulativePicker(model.shapes.map((s) => s.frequency))
  // The learned prefixes' shares, and the rest for values that begin with none of them.
  const prefixShare = model.prefixes.reduce((n, p) => n + p.frequency, 0)
  const pickPrefix = cumulativePicker([
    ...model.prefixes.map((p) => p.frequency),
    Math.max(0, 1 - prefixShare),
  ])
  const maxLength = column.length ?? Infinity
  const other: ColumnSampler = { draw: () => otherValue(column), format: (v) => String(v) }
  const fromWords = model.words === undefined ? null : textFromWords(model.words, maxLength)
  const fallback = textFallback(model, column)
  const written: ColumnSampler = {
    draw(_u, random) {
      const words = fromWords?.(random) ?? null
      if (words !== null) return words
      if (fallback !== null) return fallback(random)
      const length = model.lengths[pickLength(random.next())]?.length ?? 8
      const shape = model.shapes.length > 0 ? model.shapes[pickShape(random.next())]!.pattern : `a{${length}}`
      const prefix =
        model.prefixes.length === 0 ? null : (model.prefixes[pickPrefix(random.next())]?.prefix ?? null)
      const shaped = textFromShape(shape, length, random, prefix)
      const text = model.checkDigit === undefined ? shaped : withCheckDigit(shaped, model.checkDigit)
      return text.length > maxLength ? [...text].slice(0, maxLength).join('') : text
    },
    format: (v) => String(v),
  }
  // A category column (issue 17.3): a released category, or for the rare ones suppressed, the marked other
  // value, never a string built from shapes and prefixes, which made up countries with real first letters. Codes
  // of letters only too: shaped state codes (`AY`, `JD`) were chinook's last invented categories, abbreviations
  // of names as much as codes. Codes with digits (`A9{2}.9`, ICD-10) are the exception, written in their shape,
  // with their check digit (issue 17.2): structure a twin's user relies on, where `~~~~~~` would break it.
  if (model.categories === null) return written
  const pickCategory = categorySampler(model.categories, column)
  const categoryShare = model.categories.reduce((n, c) => n + c.frequency, 0)
  const rare = isCodeColumn(model) && hasDigitShape(model.shapes) ? written : other
  return {
    draw(u, random) {
      const released = random.next() * (categoryShare + model.suppressedFraction) < categoryShare
      return released ? pickCategory.draw(u, random) : rare.draw(u, random)
    },
    format: (v) => String(v),
  }
}

function shapedSampler(
  model: Extract<ColumnModel, { kind: 'shaped' }>,
  column: Column,
  options: SamplerOptions,
): ColumnSampler {
  if (model.format === 'binary') return binarySampler(model, column)
  const document =
    model.format === 'json' && model.document !== undefined
      ? jsonDocumentSampler(
          model.document,
          (strings) => {
            // A JSON string is drawn as a text column's value is, from the same kind of learned profile.
            // Not nullable: a JSON string is never NULL, so a string words cannot write is the marked other value.
            const text = columnSampler(
              { name: column.name, nullFraction: 0, kind: 'text', ...strings },
              { ...column, nullable: false },
              options,
            )!
            return (random) => String(text.draw(random.next(), random))
          },
          options.pathUniform,
        )
      : null
  return {
    draw(_u, random) {
      if (document !== null) return JSON.stringify(document(random))
      if (model.format === 'uuid') return uuid(random)
      if (model.format !== 'json') return ''
      // The top level as the source's was: an array as often as it was one (issue 15).
      const arrays = model.arrays ?? 0
      return arrays > 0 && random.next() < arrays ? '[]' : '{}'
    },
    format: (v) => String(v),
  }
}

/**
 * What writes a text value that words cannot (issue 17.1, docs/text.md): where no word, or no value start, is seen
 * in K rows, or no walk found a well-formed value. Personal data (an email, a person's name, a phone: see
 * PERSONAL_MEANINGS) is a faker value of what the column's name says it holds, as the PII pack would write it,
 * which keeps an email's form (a CHECK like '%@%'); anything else is the marked other value, so every token a twin
 * writes is a released one or plainly not data — never a made-up city or company, nor letters shaped like the
 * source's, which read as gibberish. Codes keep their shapes, and so do model files from before words were learned
 * (no `shapesBecause`): null for those.
 */
function textFallback(
  model: Extract<ColumnModel, { kind: 'text' }>,
  column: Column,
): ((random: Random) => string | null) | null {
  if (model.checkDigit !== undefined) return null
  if (model.words === undefined && model.shapesBecause === undefined) return null
  const meaning = columnMeaning(column.name)
  const personal = meaning !== null && PERSONAL_MEANINGS.has(meaning)
  // Character classes only: escaped literals and `{n}` repeats (whose digits are no `9`) taken out.
  const classes = model.shapes.map((s) => s.pattern.replace(/\\./g, '').replace(/\{\d+\}/g, ''))
  // Letters-only "codes" in a name column are names in capitals (pagila's `PENELOPE`, `A{8}`): a shape scrambles
  // them. Codes with digits, and any other codes, keep their shapes.
  const names = meaning !== null && NAMES.has(meaning) && !classes.some((c) => c.includes('9'))
  if (isCodeColumn(model) && !names) return null
  if (!personal) return () => otherValue(column)
  // The source's case where all its shapes are upper-case (pagila's `PENELOPE`).
  const upper = classes.some((c) => c.includes('A')) && !classes.some((c) => c.includes('a'))
  return meaningText(meaning, column.length ?? Infinity, upper)
}

/** Whether some learned shape holds a digit class (`{n}` repeat counts and escaped literals aside). */
function hasDigitShape(shapes: readonly { pattern: string }[]): boolean {
  return shapes.some((s) =>
    s.pattern
      .replace(/\\./g, '')
      .replace(/\{\d+\}/g, '')
      .includes('9'),
  )
}

/** Meanings whose values are words, never codes: a column of them shaped like codes is names in capitals. */
const NAMES = new Set(['person.firstName', 'person.lastName', 'location.city', 'company.name'])

/**
 * Binary values of a learned size and file type (issue 17.9). A draw is the recipe `type:size:seed`, a string the
 * row's internals can hold; format makes the file from it, so the same draw always gives the same bytes.
 */
function binarySampler(model: Extract<ColumnModel, { kind: 'shaped' }>, column: Column): ColumnSampler {
  const types = model.types ?? []
  const typeShare = types.reduce((n, t) => n + t.frequency, 0)
  const pickType = cumulativePicker([...types.map((t) => t.frequency), Math.max(0, 1 - typeShare)])
  const pickLength = cumulativePicker(model.lengths.map((l) => l.frequency))
  const limit = column.length ?? Infinity
  return {
    draw(_u, random) {
      const type = types[pickType(random.next())]?.type ?? ''
      const size = Math.min(limit, model.lengths[pickLength(random.next())]?.length ?? 0)
      return `${type}:${size}:${Math.floor(random.next() * 2 ** 32)}`
    },
    format(recipe) {
      const [type, size, seed] = String(recipe).split(':')
      const made = fileContent((type || null) as FileType | null, Number(size), seededRandom('binary', seed!))
      // A file's smallest valid form can be longer than a short column takes: then plain bytes of the size drawn.
      return made.length <= limit ? made : fileContent(null, Number(size), seededRandom('binary', seed!))
    },
  }
}

const SPECIAL_VALUES: Record<SpecialNumber, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity }

/** Draws a special number at its learned share from a uniform, else null; null when none was learned. */
function specialPicker(shares: readonly SpecialShare[]): ((u: number) => SpecialNumber | null) | null {
  if (shares.length === 0) return null
  return (u) => {
    let sum = 0
    for (const share of shares) if (u < (sum += share.frequency)) return share.value
    return null
  }
}

/**
 * `n` with exactly `scale` decimals, written from its scaled integer: String() of a double costs eight times as
 * much, and generation formats every decimal it writes.
 */
function decimalText(n: number, scale: number, factor: number): string | number {
  const scaled = Math.round(n * factor)
  if (!Number.isSafeInteger(scaled)) return scaled / factor
  const abs = Math.abs(scaled)
  const whole = Math.floor(abs / factor)
  return `${scaled < 0 ? '-' : ''}${whole}.${String(abs - whole * factor).padStart(scale, '0')}`
}

/** A temporal number as a target family writes it: MySQL takes instants without the UTC offset PostgreSQL prints. */
export function temporalText(
  type: 'date' | 'time' | 'timestamp' | 'timestamptz',
  value: number,
  family: 'postgres' | 'mysql',
  digits = 0,
): string {
  const text = numberToTemporal(type, value, digits)
  return family === 'mysql' && type === 'timestamptz' ? text.replace(/\+00$/, '') : text
}

/**
 * Draws a released category by its frequency; the share suppressed as rare goes to the released ones in proportion,
 * so no value the model did not release appears (the report counts a source's rare value in a twin as leaked).
 * With none released at all, a value of the declared domain (an enum's values: the schema is not private).
 */
function categorySampler(categories: readonly Category[], column: Column): ColumnSampler {
  const total = categories.reduce((n, c) => n + c.frequency, 0)
  const cumulative: number[] = []
  let running = 0
  for (const c of categories) cumulative.push((running += c.frequency / Math.max(total, 1e-12)))
  const domain = categories.length === 0 ? (column.enumValues ?? []) : []
  return {
    draw(u) {
      if (domain.length > 0) return domain[Math.min(domain.length - 1, Math.floor(u * domain.length))]!
      return categories[firstAbove(cumulative, u)]?.value ?? ''
    },
    format: (v) =>
      column.type === 'boolean'
        ? v === true || v === 'true' || v === 1
        : typeof v === 'number'
          ? v
          : String(v),
  }
}

/**
 * Per value of the given column (as text; NULL as null), a draw of the conditioned column's value from its cell,
 * by a uniform `u` (the column's own copula draw, so it still moves with the rest of the row).
 */
export function cellSamplers(conditional: Conditional): Map<string | null, (u: number) => Category['value']> {
  const sampler = (categories: readonly Category[]) => {
    const pick = cumulativePicker(categories.map((c) => c.frequency))
    return (u: number) => categories[pick(u)]!.value
  }
  const cells = new Map<string | null, (u: number) => Category['value']>(
    conditional.cells.map((cell) => [String(cell.value), sampler(cell.categories)]),
  )
  if (conditional.whenNull.length > 0) cells.set(null, sampler(conditional.whenNull))
  return cells
}

/** Index drawn in proportion to weights, from a uniform u; the running sums are computed once. */
function cumulativePicker(weights: readonly number[]): (u: number) => number {
  const total = weights.reduce((a, b) => a + b, 0) || 1
  let sum = 0
  const cumulative = weights.map((w) => (sum += w / total))
  return (u) => firstAbove(cumulative, u)
}

function uuid(random: Random): string {
  const hex = Array.from({ length: 32 }, () => random.int(0, 15).toString(16))
  hex[12] = '4'
  hex[16] = ((random.int(0, 15) & 0x3) | 0x8).toString(16)
  const s = hex.join('')
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`
}

/** The zero of each extension type dbtwin does not model; the others' is the empty string (hstore, ltree …). */
const EXTENSION_ZEROS: Record<string, string> = { cube: '(0)', seg: '0' }

/** A value for a column nothing was learned about: NULL where allowed, else the type's zero value. */
export function zeroValue(column: Column, family: 'postgres' | 'mysql'): CellValue {
  if (column.nullable) return null
  switch (column.type) {
    case 'geometry':
      return smallestGeometry(column, family)
    case 'inet':
      return '0.0.0.0'
    case 'unknown':
      // Extension types without a model: a value each reads, which a text column (elsewhere) keeps as well.
      return EXTENSION_ZEROS[column.nativeType.replace(/\(.*$/, '')] ?? ''
    case 'boolean':
      return false
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'decimal':
    case 'real':
    case 'double':
    case 'year':
      return 0
    // 2000, not 1970: MySQL's TIMESTAMP starts a second after the epoch.
    case 'date':
      return '2000-01-01'
    case 'time':
      return '00:00:00'
    case 'timestamp':
    case 'timestamptz':
      return '2000-01-01 00:00:00'
    case 'uuid':
      return '00000000-0000-0000-0000-000000000000'
    // The empty array in PostgreSQL's array syntax, and an empty JSON object where another engine holds arrays as
    // JSON: '' failed musicbrainz's clone (smallint[] NOT NULL: malformed array literal).
    case 'json':
    case 'array':
      return '{}'
    case 'bit':
      return '0'
    case 'enum':
    case 'set':
      return column.enumValues?.[0] ?? ''
    // Issue 15: '' is no interval to PostgreSQL; this is its zero (arrays are '{}' with json above).
    case 'interval':
      return '00:00:00'
    default:
      return ''
  }
}
