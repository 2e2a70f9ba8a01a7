import type { Database } from '../dialects/dialect.js'
import { readGroupSizes } from '../dialects/group-sizes.js'
import type { Column, PortableType, Schema, Table } from '../schema/schema.js'
import { NUMBER_TYPES, TEXT_TYPES } from '../schema/type-groups.js'
import { columnId } from './resolve-rules.js'
import type { PiiColumn } from './scan-database.js'
import { personalTables } from './scan-database.js'

/**
 * Values that identify no one alone but single a person out together: zip + birth date + sex is unique for most
 * Americans (Sweeney, 2000). Postcodes and birth dates are PII kinds too; the others are found here by name.
 */
export const QUASI_KINDS = ['postcode', 'birth-date', 'sex', 'age', 'city', 'occupation'] as const

/** One of {@link QUASI_KINDS}. */
export type QuasiKind = (typeof QUASI_KINDS)[number]

/** How a table's rows group on a combination of its quasi-identifiers, counted in the source. */
export interface QuasiGroup {
  /** `schema.table`. */
  table: string
  columns: { name: string; kind: QuasiKind }[]
  rows: number
  /** Rows alone in their group: a person singled out by these columns. */
  uniqueRows: number
  /** The smallest group's size: every row shares these values with at least k - 1 others. Null when empty. */
  k: number | null
}

/** Below this k a combination is reported as a risk: five is the usual floor for released health data. */
export const SAFE_K = 5

/** Combinations grouped per table at most: the full set first, then triples, then pairs. */
const MAX_COMBINATIONS = 11

/** Name patterns (the last word of the name) and the types each kind holds; postcodes and birth dates come from PII. */
const BY_NAME: { kind: QuasiKind; words: RegExp; types: (type: PortableType) => boolean }[] = [
  {
    kind: 'sex',
    words: /^(sex|gender|geschlecht|sexe|sexo|genre|geslacht)$/,
    types: (t) => TEXT_TYPES.has(t) || t === 'enum' || t === 'boolean' || t === 'smallint',
  },
  {
    kind: 'age',
    words: /^(age|alter|edad|leeftijd|eta)$/,
    types: (t) => NUMBER_TYPES.has(t) && t !== 'year',
  },
  {
    kind: 'city',
    words: /^(city|town|ort|stadt|wohnort|ville|ciudad|citta|woonplaats|municipality)$/,
    types: (t) => TEXT_TYPES.has(t) || t === 'enum',
  },
  {
    kind: 'occupation',
    words: /^(occupation|job|jobtitle|profession|beruf|metier|profesion|beroep)$/,
    types: (t) => TEXT_TYPES.has(t) || t === 'enum',
  },
]

/**
 * The quasi-identifier columns of a table: PII findings of kind postcode or birth date, and, on a table about
 * people, columns named for sex, age, city or occupation. Key columns never count (`city_id` is a reference).
 */
export function quasiColumns(
  table: Table,
  pii: readonly PiiColumn[],
  personal: boolean,
): { name: string; kind: QuasiKind }[] {
  const keys = new Set([
    ...(table.primaryKey?.columns ?? []),
    ...table.foreignKeys.flatMap((fk) => fk.columns),
  ])
  const found = new Map(pii.map((p) => [p.column, p.kind]))
  return table.columns.flatMap((column) => {
    if (keys.has(column.name) || column.generated !== null) return []
    const kind = found.get(columnId(table, column.name))
    if (kind === 'postcode' || kind === 'birth-date') return [{ name: column.name, kind }]
    const named = personal ? byName(column) : undefined
    return named === undefined ? [] : [{ name: column.name, kind: named }]
  })
}

function byName(column: Column): QuasiKind | undefined {
  const last = column.name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '')
    .at(-1)
  if (last === undefined) return undefined
  return BY_NAME.find((p) => p.words.test(last) && p.types(column.type))?.kind
}

/**
 * Counts, in the source, how unique each table's rows are on its quasi-identifiers: every table with two or more
 * gets one grouped query per combination (all of them, then triples and pairs), and only counts come back.
 *
 * @example
 * const groups = await scanQuasiIdentifiers(source, schema, await scanDatabase(source, schema))
 * groups.filter((g) => g.k !== null && g.k < SAFE_K)
 */
export async function scanQuasiIdentifiers(
  source: Database,
  schema: Schema,
  pii: readonly PiiColumn[],
): Promise<QuasiGroup[]> {
  const personal = personalTables(schema)
  const groups: QuasiGroup[] = []
  for (const table of schema.tables) {
    const columns = quasiColumns(table, pii, personal.has(table))
    for (const combination of combinations(columns)) {
      const sizes = await readGroupSizes(
        source,
        table,
        combination.map((c) => c.name),
      )
      groups.push({ table: `${table.schema}.${table.name}`, columns: combination, ...sizes })
    }
  }
  return groups
}

/** The whole set, then every triple, then every pair, up to {@link MAX_COMBINATIONS}. */
export function combinations<T>(items: readonly T[]): T[][] {
  if (items.length < 2) return []
  const subsets = (size: number, from: number): T[][] =>
    size === 0
      ? [[]]
      : items.slice(from).flatMap((item, i) => subsets(size - 1, from + i + 1).map((rest) => [item, ...rest]))
  const sizes = [3, 2].filter((size) => size < items.length)
  return [[...items], ...sizes.flatMap((size) => subsets(size, 0))].slice(0, MAX_COMBINATIONS)
}

/** `patients(zip, birth_date, sex)`: a group as messages name it. */
export function groupName(group: QuasiGroup): string {
  return `${group.table.split('.').at(-1)!}(${group.columns.map((c) => c.name).join(', ')})`
}
