import { sql, type RawBuilder } from 'kysely'
import { ownRows } from '../own-rows.js'
import type { Database } from '../dialect.js'
import type { Column, ForeignKey, TableRef } from '../../schema/schema.js'
import { evenly, pageSampling } from './source-queries.js'

/**
 * The queries that test a rule across tables (see invariantCandidates) in the source: each is one aggregate over
 * the table joined along its foreign keys, so what comes back is two counts whatever the table's size, and the
 * gaps of a time order are a sample of at most `limit` pairs. Portable SQL that PostgreSQL and MySQL share.
 */

type Row = Record<string, unknown>

const count = (value: unknown) => Number(value ?? 0)
const col = (alias: string, name: string) => sql.id(alias, name)
const from = (table: TableRef, alias: string) => sql`${ownRows(table)} as ${sql.id(alias)}`

/** Where `learn` reads a large table from a seeded sample of about `limit` rows, ordered by `key` (see readSample). */
export interface TableSample {
  tableRows: number
  limit: number
  seed: number
  key: readonly string[]
  /** Read by pages where large enough (see SampleSpec.pages). */
  pages?: boolean
}

/**
 * The table as alias `t`: whole, or — given a sample and more rows than it holds — its seeded sample, so a rule of
 * a 50-million-row table is judged on `limit` rows as every other statistic is.
 */
function sampledSource(
  source: Database,
  table: TableRef,
  sample: TableSample | undefined,
): RawBuilder<unknown> {
  if (sample === undefined || sample.tableRows <= sample.limit) return from(table, 't')
  // Aimed at `limit` itself: cutting a larger sample by LIMIT after ORDER BY the key kept only the lower keys
  // (issue 19, see evenly); the LIMIT only bounds what a stale row count could let through.
  const fraction = Math.min(1, sample.limit / sample.tableRows)
  const s = source.sampledTable(table, 's', fraction, sample.seed, sample.key, pageSampling(sample, fraction))
  return sql`(select ${sql.id('s')}.* from ${s.from} ${s.where === null ? sql`` : sql`where ${s.where}`}
    limit ${sql.lit(2 * sample.limit + 100)}) as ${sql.id('t')}`
}

async function rows(source: Database, query: RawBuilder<unknown>): Promise<Row[]> {
  return (await query.execute(source.db)).rows as Row[]
}

/**
 * Joins walking `steps` from alias `start`, each parent aliased `${prefix}1`, `${prefix}2`, …, and the alias the
 * walk ends at.
 */
function walk(steps: readonly ForeignKey[], start: string, prefix: string) {
  let at = start
  const joins = steps.map((fk, i) => {
    const alias = `${prefix}${i + 1}`
    const on = sql.join(
      fk.columns.map((c, j) => sql`${col(at, c)} = ${col(alias, fk.references.columns[j]!)}`),
      sql` and `,
    )
    const join = sql`join ${from(fk.references, alias)} on ${on}`
    at = alias
    return join
  })
  return { joins: sql.join(joins, sql` `), end: at }
}

/**
 * The key of the row a path reaches, as columns readable after the path's joins save the last: the last key's own
 * columns in the table before it (no need to join the end), or for an empty path the start row's `keyColumns`.
 */
function pathKey(steps: readonly ForeignKey[], start: string, prefix: string, keyColumns: readonly string[]) {
  const last = steps.at(-1)
  const { joins, end } = walk(steps.slice(0, -1), start, prefix)
  const key = last === undefined ? keyColumns.map((c) => col(start, c)) : last.columns.map((c) => col(end, c))
  return { joins, key }
}

/** Rows where both paths reach a row, and of those the rows where they reach the same one. */
export async function readPathsMeet(
  source: Database,
  table: TableRef,
  first: readonly ForeignKey[],
  second: readonly ForeignKey[],
  sample?: TableSample,
): Promise<{ rows: number; agree: number }> {
  const keyColumns = (second.at(-1) ?? first.at(-1))!.references.columns
  const a = pathKey(first, 't', 'a', keyColumns)
  const b = pathKey(second, 't', 'b', keyColumns)
  const set = sql.join(
    [...a.key, ...b.key].map((k) => sql`${k} is not null`),
    sql` and `,
  )
  const same = sql.join(
    a.key.map((k, i) => sql`${k} = ${b.key[i]!}`),
    sql` and `,
  )
  const [row] = await rows(
    source,
    sql`select count(*) as n, count(case when ${same} then 1 end) as agree
        from ${sampledSource(source, table, sample)} ${a.joins} ${b.joins} where ${set}`,
  )
  return { rows: count(row?.['n']), agree: count(row?.['agree']) }
}

/** Rows where `column` and the ancestor's column are both set, and of those the rows where `column` is not earlier. */
export async function readTimeOrder(
  source: Database,
  table: TableRef,
  column: string,
  path: readonly ForeignKey[],
  ancestorColumn: string,
): Promise<{ rows: number; agree: number }> {
  const { joins, end } = walk(path, 't', 'a')
  const [row] = await rows(
    source,
    sql`select count(*) as n, count(case when ${col('t', column)} >= ${col(end, ancestorColumn)} then 1 end) as agree
        from ${from(table, 't')} ${joins}
        where ${col('t', column)} is not null and ${col(end, ancestorColumn)} is not null`,
  )
  return { rows: count(row?.['n']), agree: count(row?.['agree']) }
}

/**
 * readTimeOrder for several column pairs along one path, in one scan: per pair `[column, ancestorColumn]`, the rows
 * where both are set and those where the column is not earlier. A table with 76 candidate orders on 20 paths is read
 * 20 times, not 76 (pagila's learn took 15 s longer one query per order).
 */
export async function readTimeOrders(
  source: Database,
  table: TableRef,
  pairs: readonly (readonly [string, string])[],
  path: readonly ForeignKey[],
  sample?: TableSample,
): Promise<{ rows: number; agree: number }[]> {
  const { joins, end } = walk(path, 't', 'a')
  const selections = pairs.flatMap(([column, ancestor], i) => [
    sql`count(case when ${col('t', column)} is not null and ${col(end, ancestor)} is not null then 1 end) as ${sql.id(`n${i}`)}`,
    sql`count(case when ${col('t', column)} >= ${col(end, ancestor)} then 1 end) as ${sql.id(`a${i}`)}`,
  ])
  const [row] = await rows(
    source,
    sql`select ${sql.join(selections)} from ${sampledSource(source, table, sample)} ${joins}`,
  )
  return pairs.map((_, i) => ({ rows: count(row?.[`n${i}`]), agree: count(row?.[`a${i}`]) }))
}

/**
 * A sample of about `limit` pairs of (`column`, ancestor column) where the order holds, as the columns are read for
 * statistics (c, a): a seeded sample of the table's rows when it has more, as every sample `learn` takes.
 */
export async function readTimeOrderPairs(
  source: Database,
  table: TableRef,
  column: Column,
  path: readonly ForeignKey[],
  ancestorColumn: Column,
  key: readonly string[],
  spec: { tableRows: number; limit: number; seed: number; pages?: boolean },
): Promise<Row[]> {
  const { joins, end } = walk(path, 't', 'a')
  const child = col('t', column.name)
  const ancestor = col(end, ancestorColumn.name)
  const fraction = Math.min(1, (1.2 * spec.limit) / spec.tableRows)
  const sampled =
    spec.tableRows <= spec.limit
      ? { from: from(table, 't'), where: null }
      : source.sampledTable(table, 't', fraction, spec.seed, key, pageSampling(spec, fraction))
  const conditions = [
    sql`${child} is not null and ${ancestor} is not null and ${child} >= ${ancestor}`,
    ...(sampled.where === null ? [] : [sampled.where]),
  ]
  const sample = await rows(
    source,
    sql`select ${source.readValue(column, child)} as c, ${source.readValue(ancestorColumn, ancestor)} as a
        from ${sampled.from} ${joins} where ${sql.join(conditions, sql` and `)}
        order by ${sql.join(key.map((c) => col('t', c)))} limit ${sql.lit(2 * spec.limit + 100)}`,
  )
  return evenly(sample, spec.limit)
}

/**
 * Rows whose parent through `fk` is set, and of those the rows of parents whose `column` values are exactly 1..n
 * (n the parent's rows); the largest n, so a key every parent has once is not taken for a sequence.
 */
export async function readSequence(
  source: Database,
  table: TableRef,
  column: string,
  fk: ForeignKey,
): Promise<{ rows: number; agree: number; largest: number }> {
  const parent = sql.join(fk.columns.map((c) => col('t', c)))
  const value = col('t', column)
  const [row] = await rows(
    source,
    sql`select sum(g.n) as n, sum(case when g.lo = 1 and g.hi = g.n and g.d = g.n then g.n else 0 end) as agree,
          max(g.n) as largest
        from (select count(*) as n, min(${value}) as lo, max(${value}) as hi, count(distinct ${value}) as d
              from ${from(table, 't')}
              where ${sql.join(
                fk.columns.map((c) => sql`${col('t', c)} is not null`),
                sql` and `,
              )}
              group by ${parent}) g`,
  )
  return { rows: count(row?.['n']), agree: count(row?.['agree']), largest: count(row?.['largest']) }
}

/**
 * Per column of the parent, its parents by their value of the column and their number of children through `fk`
 * (zero included): one row per (value, children) with the number of such parents. The children are counted per
 * parent once, in one grouped scan joined to the parent, and every column is grouped from that (grouping sets on
 * PostgreSQL and PGlite, a CTE read once per column on MySQL): one query per foreign key, where one per column read
 * the child again each time.
 */
export async function readChildrenByStates(
  source: Database,
  child: TableRef,
  fk: ForeignKey,
  columns: readonly string[],
): Promise<{ value: unknown; children: number; parents: number }[][]> {
  const on = sql.join(
    fk.columns.map((c, i) => sql`${col('k', c)} = ${col('p', fk.references.columns[i]!)}`),
    sql` and `,
  )
  const set = sql.join(
    fk.columns.map((c) => sql`${col('c', c)} is not null`),
    sql` and `,
  )
  const state = (i: number) => sql.id(`s${i}`)
  const joined = sql`select ${sql.join(columns.map((c, i) => sql`${col('p', c)} as ${state(i)}`))},
      coalesce(${col('k', 'n')}, 0) as ${sql.id('children')}
    from ${from(fk.references, 'p')}
    left join (select ${sql.join(fk.columns.map((c) => col('c', c)))}, count(*) as n
               from ${from(child, 'c')} where ${set}
               group by ${sql.join(fk.columns.map((c) => col('c', c)))}) as k on ${on}`
  if (source.dialect !== 'mysql') {
    // One pass over the join, a grouping set per column (MySQL has none): a row of column i's set has grouping 0
    // for it alone. The union of one branch per column below read the join, materialized, once per column.
    const found = await rows(
      source,
      sql`select ${sql.join([
        ...columns.map((_, i) => sql`${state(i)} as ${sql.id(`v${i}`)}`),
        ...columns.map((_, i) => sql`grouping(${state(i)}) as ${sql.id(`g${i}`)}`),
      ])}, ${sql.id('children')}, count(*) as ${sql.id('parents')}
          from (${joined}) as ${sql.id('j')}
          group by grouping sets (${sql.join(columns.map((_, i) => sql`(${state(i)}, ${sql.id('children')})`))})`,
    )
    return columns.map((_, i) =>
      found
        .filter((r) => count(r[`g${i}`]) === 0)
        .map((r) => ({ value: r[`v${i}`], children: count(r['children']), parents: count(r['parents']) })),
    )
  }
  // Each column's values in their own output column, so no value changes its type; NULL in the other branches, of
  // the column's type: a bare NULL is text to PostgreSQL once three branches are unioned, which no enum matches.
  const branches = columns.map(
    (_, i) => sql`select ${sql.lit(i)} as ${sql.id('i')}, ${sql.join(
      columns.map((_, j) =>
        j === i
          ? sql`${state(j)} as ${sql.id(`v${j}`)}`
          : sql`(select ${state(j)} from ${sql.id('j')} where 1 = 0 limit 1) as ${sql.id(`v${j}`)}`,
      ),
    )}, ${sql.id('children')}, count(*) as ${sql.id('parents')}
      from ${sql.id('j')} group by ${state(i)}, ${sql.id('children')}`,
  )
  const found = await rows(
    source,
    sql`with ${sql.id('j')} as (${joined}) ${sql.join(branches, sql` union all `)}`,
  )
  return columns.map((_, i) =>
    found
      .filter((r) => count(r['i']) === i)
      .map((r) => ({ value: r[`v${i}`], children: count(r['children']), parents: count(r['parents']) })),
  )
}

/**
 * Children whose parent through `fk` has a value of `column` set, and of those the children whose parent's value
 * is not one of `childless`: what a children-by-state rule is counted by in the twin.
 */
export async function readStateChildren(
  source: Database,
  child: TableRef,
  fk: ForeignKey,
  column: string,
  childless: readonly unknown[],
): Promise<{ rows: number; agree: number }> {
  const { joins, end } = walk([fk], 't', 'a')
  const value = col(end, column)
  const barred =
    childless.length === 0 ? sql`0 = 1` : sql`${value} in (${sql.join(childless.map((v) => sql`${v}`))})`
  const [row] = await rows(
    source,
    sql`select count(*) as n, count(case when not (${barred}) then 1 end) as agree
        from ${from(child, 't')} ${joins} where ${value} is not null`,
  )
  return { rows: count(row?.['n']), agree: count(row?.['agree']) }
}

/**
 * Per pair `[parentColumn, column]`, in one scan of the child grouped by its parent: the parents through `fk` that
 * have children and where the parent's value or the children's sum is not 0, and of those the parents whose value
 * equals the sum. A column of zeros says nothing and counts no rows.
 */
export async function readSums(
  source: Database,
  child: TableRef,
  fk: ForeignKey,
  pairs: readonly (readonly [string, string])[],
): Promise<{ rows: number; agree: number }[]> {
  const columns = [...new Set(pairs.map(([, c]) => c))]
  const sumOf = (c: string) => col('k', `s${columns.indexOf(c)}`)
  const on = sql.join(
    fk.columns.map((c, i) => sql`${col('k', c)} = ${col('p', fk.references.columns[i]!)}`),
    sql` and `,
  )
  const selections = pairs.flatMap(([parentColumn, column], i) => {
    const value = col('p', parentColumn)
    return [
      sql`count(case when ${value} <> 0 or ${sumOf(column)} <> 0 then 1 end) as ${sql.id(`n${i}`)}`,
      sql`count(case when (${value} <> 0 or ${sumOf(column)} <> 0) and ${value} = ${sumOf(column)} then 1 end) as ${sql.id(`a${i}`)}`,
    ]
  })
  const keys = sql.join(fk.columns.map((c) => col('c', c)))
  const [row] = await rows(
    source,
    sql`select ${sql.join(selections)} from ${from(fk.references, 'p')}
        join (select ${keys}, ${sql.join(columns.map((c, i) => sql`sum(${col('c', c)}) as ${sql.id(`s${i}`)}`))}
              from ${from(child, 'c')}
              where ${sql.join(
                fk.columns.map((c) => sql`${col('c', c)} is not null`),
                sql` and `,
              )}
              group by ${keys}) as k on ${on}`,
  )
  return pairs.map((_, i) => ({ rows: count(row?.[`n${i}`]), agree: count(row?.[`a${i}`]) }))
}

/**
 * The table's `own` columns (as `n0`, `n1`, …) beside the `categories` of the row `path` reaches (`c0`, …), over the
 * table's seeded sample (see sampledSource): what a number's cells, or a category's, given an ancestor are chosen
 * from. Rows without an ancestor are left out.
 */
export async function readAncestorSample(
  source: Database,
  table: TableRef,
  path: readonly ForeignKey[],
  own: readonly string[],
  categories: readonly string[],
  sample: TableSample,
): Promise<Row[]> {
  const { joins, end } = walk(path, 't', 'a')
  const selections = [
    ...own.map((c, i) => sql`${col('t', c)} as ${sql.id(`n${i}`)}`),
    ...categories.map((c, i) => sql`${col(end, c)} as ${sql.id(`c${i}`)}`),
  ]
  return rows(
    source,
    sql`select ${sql.join(selections)} from ${sampledSource(source, table, sample)} ${joins}`,
  )
}

/**
 * Per value of the ancestor's `category`, the rows of `table` with both set, the sum of `column` and of its squares:
 * η² of the column on the category, in one grouped scan (see correlationRatio).
 */
export async function readAncestorEta2(
  source: Database,
  table: TableRef,
  path: readonly ForeignKey[],
  column: string,
  category: string,
): Promise<{ rows: number; eta2: number }> {
  const { joins, end } = walk(path, 't', 'a')
  const x = sql`(${col('t', column)} * 1.0)`
  const groups = await rows(
    source,
    sql`select count(*) as n, sum(${x}) as s, sum(${x} * ${x}) as ss from ${from(table, 't')} ${joins}
        where ${col('t', column)} is not null and ${col(end, category)} is not null group by ${col(end, category)}`,
  )
  let n = 0
  let s = 0
  let ss = 0
  let between = 0
  for (const g of groups) {
    const [gn, gs] = [Number(g['n']), Number(g['s'])]
    n += gn
    s += gs
    ss += Number(g['ss'])
    between += gn === 0 ? 0 : (gs * gs) / gn
  }
  const total = ss - (s * s) / Math.max(1, n)
  return { rows: n, eta2: n === 0 || total <= 0 ? 0 : Math.max(0, (between - (s * s) / n) / total) }
}

/** The combinations of `columns` the table holds, none of them NULL, each with its number of rows. */
export async function readCombinations(
  source: Database,
  table: TableRef,
  columns: readonly string[],
): Promise<{ values: unknown[]; rows: number }[]> {
  const ids = columns.map((c) => col('t', c))
  const found = await rows(
    source,
    sql`select ${sql.join(ids.map((id, i) => sql`${id} as ${sql.id(`v${i}`)}`))}, count(*) as n
        from ${from(table, 't')} where ${sql.join(
          ids.map((id) => sql`${id} is not null`),
          sql` and `,
        )} group by ${sql.join(ids)}`,
  )
  return found.map((r) => ({ values: columns.map((_, i) => r[`v${i}`]), rows: count(r['n']) }))
}
