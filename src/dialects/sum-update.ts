import { sql, type RawBuilder } from 'kysely'
import type { ForeignKey, TableRef } from '../schema/schema.js'

/** A parent column set to the sum of a child column over each parent's rows (see Invariant 'sum'). */
export interface SumColumn {
  parent: TableRef
  parentColumn: string
  child: TableRef
  /** The child's key to the parent; its `references` name the parent's key columns. */
  foreignKey: Pick<ForeignKey, 'columns' | 'references'>
  column: string
  /** The largest magnitude the parent column holds (its type's): a sum beyond it leaves the parent as drawn. */
  limit: number | null
}

/**
 * One UPDATE that sets `parentColumn` of every parent with children to the sum of their `column`, joined to the
 * children grouped once (a correlated subquery per parent scans the unindexed child again for each: MariaDB took
 * minutes on 16,000 claims). Parents without children keep their value. PostgreSQL (and PGlite) join with
 * `update … from`, MySQL and MariaDB with `update … join`.
 *
 * @example await sumUpdate('postgres', { parent, parentColumn: 'amount', child, foreignKey, column: 'amount' }).execute(db)
 */
export function sumUpdate(family: 'postgres' | 'mysql', sum: SumColumn): RawBuilder<unknown> {
  const keys = sum.foreignKey.columns
  const grouped = sql`(select ${sql.join(keys.map((c) => sql.id(c)))}, sum(${sql.id(sum.column)}) as ${sql.id('dbtwin_sum')}
    from ${sql.id(sum.child.schema, sum.child.name)}
    where ${sql.join(
      keys.map((c) => sql`${sql.id(c)} is not null`),
      sql` and `,
    )}
    group by ${sql.join(keys.map((c) => sql.id(c)))}) as ${sql.id('k')}`
  const on = sql.join(
    keys.map((c, i) => sql`${sql.id('p', sum.foreignKey.references.columns[i]!)} = ${sql.id('k', c)}`),
    sql` and `,
  )
  // An overflowing sum would fail the whole write (a twin's children can add up to more than the source's did).
  const within =
    sum.limit === null
      ? sql``
      : sql` and ${sql.id('k', 'dbtwin_sum')} between ${sql.lit(-sum.limit)} and ${sql.lit(sum.limit)}`
  const parent = sql`${sql.id(sum.parent.schema, sum.parent.name)} as ${sql.id('p')}`
  return family === 'mysql'
    ? sql`update ${parent} join ${grouped} on ${on}${within} set ${sql.id('p', sum.parentColumn)} = ${sql.id('k', 'dbtwin_sum')}`
    : sql`update ${parent} set ${sql.id(sum.parentColumn)} = ${sql.id('k', 'dbtwin_sum')} from ${grouped} where ${on}${within}`
}
