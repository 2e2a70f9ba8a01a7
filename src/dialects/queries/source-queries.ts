import { sql, type RawBuilder } from 'kysely'
import { ownRows } from '../own-rows.js'
import type { Database } from '../dialect.js'
import type { SpecialNumber } from '../../schema/cell-value.js'
import type { Column, ForeignKey, TableRef } from '../../schema/schema.js'

/**
 * The queries `learn` sends to a source. All aggregation and sampling happens in the database, so what comes back is
 * a handful of counts or at most `limit` rows, whatever the table's size. The SQL here is the portable core that
 * PostgreSQL and MySQL share; sampling, which is not, comes from the dialect.
 */

type Row = Record<string, unknown>

const from = (table: TableRef, alias: string) => sql`${ownRows(table)} as ${sql.id(alias)}`
const col = (alias: string, name: string) => sql.id(alias, name)
const count = (value: unknown) => Number(value ?? 0)
/** A column's value as read for statistics (see Database.readValue), aliased. */
const value = (source: Database, alias: string, column: Column, as: string) =>
  sql`${source.readValue(column, col(alias, column.name))} as ${sql.id(as)}`

async function rows(source: Database, query: RawBuilder<unknown>): Promise<Row[]> {
  return (await query.execute(source.db)).rows as Row[]
}

export interface ColumnAggregate {
  nonNull: number
  distinct: number | null
  /** How many values are NaN, Infinity or -Infinity, where asked and the engine has them (see specialNumbers). */
  specials: { value: SpecialNumber; count: number }[]
}

/**
 * The row count, and per column the non-null count, the distinct count and the special numbers' counts (where
 * asked): one scan of the table.
 */
export async function readAggregates(
  source: Database,
  table: TableRef,
  columns: readonly { column: Column; distinct: boolean; specials: boolean }[],
): Promise<{ rows: number; columns: ColumnAggregate[] }> {
  const specials = columns.map((c) =>
    c.specials ? source.specialNumbers(c.column, col('t', c.column.name)) : [],
  )
  const selections = columns.flatMap((c, i) => [
    sql`count(${col('t', c.column.name)}) as ${sql.id(`n${i}`)}`,
    ...(c.distinct ? [sql`count(distinct ${col('t', c.column.name)}) as ${sql.id(`d${i}`)}`] : []),
    ...specials[i]!.map((s, j) => sql`count(case when ${s.is} then 1 end) as ${sql.id(`s${i}_${j}`)}`),
  ])
  const [row] = await rows(
    source,
    sql`select ${sql.join([sql`count(*) as ${sql.id('total')}`, ...selections])} from ${from(table, 't')}`,
  )
  return {
    rows: count(row?.['total']),
    columns: columns.map((c, i) => ({
      nonNull: count(row?.[`n${i}`]),
      distinct: c.distinct ? count(row?.[`d${i}`]) : null,
      specials: specials[i]!.map((s, j) => ({ value: s.value, count: count(row?.[`s${i}_${j}`]) })),
    })),
  }
}

/** How often each value of a column occurs (nulls left out). */
export async function readValueCounts(
  source: Database,
  table: TableRef,
  column: string,
): Promise<{ value: unknown; count: number }[]> {
  const result = await rows(
    source,
    sql`select ${col('t', column)} as v, count(*) as n from ${from(table, 't')}
        where ${col('t', column)} is not null group by ${col('t', column)}`,
  )
  return result.map((r) => ({ value: r['v'], count: count(r['n']) }))
}

/** How often each pair of values of two columns occurs (rows where `column` is null left out). */
export async function readPairCounts(
  source: Database,
  table: TableRef,
  given: string,
  column: string,
): Promise<{ given: unknown; value: unknown; count: number }[]> {
  const result = await rows(
    source,
    sql`select ${col('t', given)} as g, ${col('t', column)} as v, count(*) as n from ${from(table, 't')}
        where ${col('t', column)} is not null
        group by ${col('t', given)}, ${col('t', column)}`,
  )
  return result.map((r) => ({ given: r['g'], value: r['v'], count: count(r['n']) }))
}

/** Per column, its values (or lengths) with how often each occurs, nulls left out. */
export type ColumnCounts<T> = Map<string, { value: T; count: number }[]>

/**
 * The value counts of `values` (see readValueCounts) and the length counts of `lengths` (see readLengthCounts) of
 * one table. PostgreSQL and PGlite count them all in one scan, as grouping sets (issue 21: one query per column
 * read a table a dozen times); MySQL, which has no grouping sets, in one query per column.
 */
export async function readColumnCounts(
  source: Database,
  table: TableRef,
  values: readonly string[],
  lengths: readonly string[],
): Promise<{ values: ColumnCounts<unknown>; lengths: ColumnCounts<number> }> {
  if (source.dialect === 'mysql' || values.length + lengths.length < 2) {
    const counted = { values: new Map(), lengths: new Map() }
    for (const c of values) counted.values.set(c, await readValueCounts(source, table, c))
    for (const c of lengths) counted.lengths.set(c, await readLengthCounts(source, table, c))
    return counted
  }
  const expressions = [
    ...values.map((c) => col('t', c)),
    ...lengths.map((c) => sql`char_length(${col('t', c)})`),
  ]
  const found = await rows(
    source,
    sql`select ${sql.join([
      ...expressions.map((e, i) => sql`${e} as ${sql.id(`v${i}`)}`),
      ...expressions.map((e, i) => sql`grouping(${e}) as ${sql.id(`g${i}`)}`),
      sql`count(*) as ${sql.id('n')}`,
    ])}
        from ${from(table, 't')} group by grouping sets (${sql.join(expressions.map((e) => sql`(${e})`))})`,
  )
  // A row counts set i when grouping(e_i) is 0; its NULL group is the column's nulls, which are not counted.
  const of = (i: number) =>
    found.flatMap((r) => {
      const value = r[`v${i}`]
      return count(r[`g${i}`]) !== 0 || value === null || value === undefined
        ? []
        : [{ value, count: count(r['n']) }]
    })
  return {
    values: new Map(values.map((c, i) => [c, of(i)])),
    lengths: new Map(
      lengths.map((c, i) => [
        c,
        of(values.length + i).map((l) => ({ value: count(l.value), count: l.count })),
      ]),
    ),
  }
}

/** How many values of a text column have each length in characters. */
export async function readLengthCounts(
  source: Database,
  table: TableRef,
  column: string,
): Promise<{ value: number; count: number }[]> {
  const result = await rows(
    source,
    sql`select char_length(${col('t', column)}) as len, count(*) as n from ${from(table, 't')}
        where ${col('t', column)} is not null group by char_length(${col('t', column)})`,
  )
  return result.map((r) => ({ value: count(r['len']), count: count(r['n']) }))
}

export interface SampleSpec {
  /** Rows in the table: the sampling fraction is aimed at `limit` of them. */
  tableRows: number
  limit: number
  seed: number
  /**
   * The statistic tolerates rows that come a page at a time (rows stored together, often inserted together):
   * learn's marginals, correlations and relations, read from tens of thousands of rows over hundreds of pages.
   * Where the sample is large enough (see pageSampling), PostgreSQL and PGlite read only the sampled pages.
   */
  pages?: boolean
}

/** Smallest sample read by pages: at a few hundred rows a page, still some hundred pages. */
const PAGE_SAMPLE_MIN_ROWS = 20_000
/** Above this fraction of the table, a page sample saves little reading and clusters much of the sample. */
const PAGE_SAMPLE_MAX_FRACTION = 0.5

/** Whether a sample of `fraction` of a table is read by pages (see SampleSpec.pages). */
export function pageSampling(spec: Pick<SampleSpec, 'limit' | 'pages'>, fraction: number): boolean {
  return spec.pages === true && spec.limit >= PAGE_SAMPLE_MIN_ROWS && fraction <= PAGE_SAMPLE_MAX_FRACTION
}

/**
 * Sampling of `alias` in a table, or the whole table when it is no larger than the sample; `key` tells its rows
 * apart (see Database.sampledTable).
 */
function sampled(source: Database, table: TableRef, alias: string, key: readonly string[], spec: SampleSpec) {
  if (spec.tableRows <= spec.limit)
    return { from: from(table, alias), where: null, limit: sql`limit ${sql.lit(spec.limit)}` }
  // A little over the target (a Bernoulli sample's size varies around its mean), cut to the target by `evenly`;
  // the LIMIT only bounds what a stale row count could let through.
  const fraction = Math.min(1, (1.2 * spec.limit) / spec.tableRows)
  return {
    ...source.sampledTable(table, alias, fraction, spec.seed, key, pageSampling(spec, fraction)),
    limit: sql`limit ${sql.lit(2 * spec.limit + 100)}`,
  }
}

/**
 * At most `limit` rows, evenly spread over a sample read in key order. Cutting the surplus with LIMIT after ORDER BY
 * the key dropped the highest keys: pagila's latest rentals, so the report scored rental_date 0.83 where the whole
 * table scores 0.99, and learn read the older part of a large table (issue 19, bench/sdmetrics-check.py).
 */
export function evenly<T>(rows: readonly T[], limit: number): T[] {
  if (rows.length <= limit) return [...rows]
  const step = rows.length / limit
  return Array.from({ length: limit }, (_, i) => rows[Math.floor(i * step)]!)
}

const whereAll = (conditions: (RawBuilder<unknown> | null)[]) => {
  const present = conditions.filter((c): c is RawBuilder<unknown> => c !== null)
  return present.length === 0 ? sql`` : sql`where ${sql.join(present, sql` and `)}`
}

/** A random sample of rows, in a deterministic order, of the given columns (aliased c0, c1, …). */
export async function readSample(
  source: Database,
  table: TableRef,
  columns: readonly Column[],
  orderBy: readonly string[],
  spec: SampleSpec,
): Promise<Row[]> {
  const t = sampled(source, table, 't', orderBy, spec)
  const sample = await rows(
    source,
    sql`select ${sql.join(columns.map((c, i) => value(source, 't', c, `c${i}`)))}
        from ${t.from} ${whereAll([t.where])}
        order by ${sql.join(orderBy.map((c) => col('t', c)))} ${t.limit}`,
  )
  return evenly(sample, spec.limit)
}

/**
 * Rows at each depth of a self-referencing tree: roots (FK NULL) at 0, their children at 1, …, walked by a
 * recursive query in the database. The walk stops at `maxDepth`, so a cycle in the data cannot run forever.
 */
export async function readTreeDepths(
  source: Database,
  table: TableRef,
  key: string,
  fk: string,
  maxDepth: number,
): Promise<{ value: number; count: number }[]> {
  const t = ownRows(table)
  const result = await rows(
    source,
    sql`with recursive tree (k, d) as (
          select ${sql.id(key)}, 0 from ${t} where ${sql.id(fk)} is null
          union all
          select c.${sql.id(key)}, tree.d + 1 from ${t} c join tree on c.${sql.id(fk)} = tree.k
          where tree.d < ${sql.lit(maxDepth)}
        ) select d, count(*) as n from tree group by d`,
  )
  return result.map((r) => ({ value: count(r['d']), count: count(r['n']) }))
}

/** Child rows whose foreign key is not set (any of its columns NULL, so the database does not enforce it). */
export async function readNullForeignKeys(
  source: Database,
  table: TableRef,
  fk: ForeignKey,
): Promise<number> {
  const [row] = await rows(
    source,
    sql`select count(*) as n from ${from(table, 'c')} where ${sql.join(
      fk.columns.map((c) => sql`${col('c', c)} is null`),
      sql` or `,
    )}`,
  )
  return count(row?.['n'])
}

const joinOn = (fk: ForeignKey) =>
  sql.join(
    fk.columns.map((c, i) => sql`${col('c', c)} = ${col('p', fk.references.columns[i] ?? '')}`),
    sql` and `,
  )

/** How many parents have each number of children through a foreign key, parents without children included. */
export async function readChildrenHistogram(
  source: Database,
  child: TableRef,
  fk: ForeignKey,
): Promise<{ value: number; count: number }[]> {
  const parentKey = sql.join(fk.references.columns.map((c) => col('p', c)))
  const result = await rows(
    source,
    sql`select x.n as n, count(*) as parents from (
          select count(${col('c', fk.columns[0] ?? '')}) as n from ${from(fk.references, 'p')}
          left join ${from(child, 'c')} on ${joinOn(fk)} group by ${parentKey}
        ) x group by x.n`,
  )
  return result.map((r) => ({ value: count(r['n']), count: count(r['parents']) }))
}

/**
 * A foreign key's child rows whose key is not set (see readNullForeignKeys) and how many parents have each number
 * of children (see readChildrenHistogram). Where PostgreSQL or PGlite hold the key validated, every set key names a
 * parent, so both come from one grouping of the child alone, the parents without children being the parents no key
 * names: the join of parent and child, and a second scan of the child for its nulls, were 12 s of the wide
 * clinic's learn (issue 21). MySQL, whose keys may be loaded unchecked, and keys held NOT VALID, are joined.
 */
export async function readChildrenCounts(
  source: Database,
  child: TableRef,
  fk: ForeignKey,
): Promise<{ nulls: number; histogram: { value: number; count: number }[] }> {
  if (source.dialect === 'mysql' || !fk.validated)
    return {
      nulls: await readNullForeignKeys(source, child, fk),
      histogram: await readChildrenHistogram(source, child, fk),
    }
  const key = sql.join(fk.columns.map((c) => col('c', c)))
  const unset = sql.join(
    fk.columns.map((c) => sql`${col('c', c)} is null`),
    sql` or `,
  )
  const result = await rows(
    source,
    sql`select x.unset as unset, x.n as n, count(*) as keys,
          (select count(*) from ${from(fk.references, 'p')}) as parents
        from (select ${unset} as unset, count(*) as n from ${from(child, 'c')} group by ${key}) x
        group by x.unset, x.n`,
  )
  const set = result.filter((r) => r['unset'] !== true && r['unset'] !== 1)
  const named = set.reduce((n, r) => n + count(r['keys']), 0)
  const childless = count(result[0]?.['parents']) - named
  return {
    nulls: result.filter((r) => !set.includes(r)).reduce((n, r) => n + count(r['n']) * count(r['keys']), 0),
    histogram: [
      ...(childless > 0 ? [{ value: 0, count: childless }] : []),
      ...set.map((r) => ({ value: count(r['n']), count: count(r['keys']) })),
    ],
  }
}

/** Sampled parents with their modeled columns (p0, p1, …) and their number of children (n). */
export async function readParentsWithChildCounts(
  source: Database,
  child: TableRef,
  fk: ForeignKey,
  parentColumns: readonly Column[],
  spec: SampleSpec,
): Promise<Row[]> {
  const p = sampled(source, fk.references, 'p', fk.references.columns, spec)
  const childKey = sql.join(fk.columns.map((c) => col('c', c)))
  const counted = sql`select ${childKey}, count(*) as ${sql.id('n')} from ${from(child, 'c')}
    where ${sql.join(
      fk.columns.map((c) => sql`${col('c', c)} is not null`),
      sql` and `,
    )} group by ${childKey}`
  const sample = await rows(
    source,
    sql`select ${sql.join([
      ...parentColumns.map((c, i) => value(source, 'p', c, `p${i}`)),
      sql`coalesce(${col('c', 'n')}, 0) as ${sql.id('n')}`,
    ])}
        from ${p.from} left join (${counted}) as c on ${joinOn(fk)} ${whereAll([p.where])}
        order by ${sql.join(fk.references.columns.map((c) => col('p', c)))} ${p.limit}`,
  )
  return evenly(sample, spec.limit)
}

/** Sampled child rows joined to their parent: parent columns as p0, p1, …; child columns as c0, c1, …. */
export async function readChildParentPairs(
  source: Database,
  child: TableRef,
  fk: ForeignKey,
  parentColumns: readonly Column[],
  childColumns: readonly Column[],
  childOrder: readonly string[],
  spec: SampleSpec,
): Promise<Row[]> {
  const c = sampled(source, child, 'c', childOrder, spec)
  const sample = await rows(
    source,
    sql`select ${sql.join([
      ...parentColumns.map((c, i) => value(source, 'p', c, `p${i}`)),
      ...childColumns.map((c, i) => value(source, 'c', c, `c${i}`)),
    ])}
        from ${c.from} join ${from(fk.references, 'p')} on ${joinOn(fk)} ${whereAll([c.where])}
        order by ${sql.join(childOrder.map((name) => col('c', name)))} ${c.limit}`,
  )
  return evenly(sample, spec.limit)
}
