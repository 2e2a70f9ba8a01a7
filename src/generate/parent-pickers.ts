import type { RelationModel } from '../model/model.js'
import { seededRandom, type Random } from '../random/seeded-random.js'
import type { ForeignKey } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'
import { childrenCounts, childrenCountsByState } from './children-counts.js'
import type { TableGenerationContext } from './table-context.js'
import type { ChildrenByState } from './invariant-plan.js'
import { ParentDeal } from './parent-deal.js'

/**
 * Picks parent rows for a non-driving foreign key. Each parent gets a weight from the learned children-per-parent
 * distribution by a random rank (see countsByRank), so as many parents are popular, and as many have no children,
 * as in the source (inventory under 500 stores of which 2 hold items went to every store, issue 17.7); the weights
 * are stretched to the rows expected to point at a parent and dealt out exactly (see ParentDeal). `pick` may be
 * refused and called again; `take` commits a pick.
 */
export function parentPicker(
  ctx: TableGenerationContext,
  fk: ForeignKey,
  relation: RelationModel | undefined,
  byState: ChildrenByState | undefined,
): { pick(random: Random): number; take(parent: number): void } {
  const parent = ctx.states.get(tableName(fk.references))!
  const weightRandom = seededRandom(ctx.seed, ctx.stream, fk.name, 'weights')
  const histogram = relation?.childrenPerParent ?? [{ children: 1, frequency: 1 }]
  const nullFraction = relation?.nullFraction ?? 0
  const nullable = fk.columns.every((c) => ctx.table.columns.find((col) => col.name === c)?.nullable === true)
  const expected = Math.max(1, Math.round(ctx.rows * (nullable ? 1 - Math.min(1, nullFraction) : 1)))
  const tilt = Float64Array.from({ length: parent.rows }, () => weightRandom.next())
  const counts =
    byState === undefined
      ? childrenCounts(histogram, tilt, expected, false, weightRandom)
      : childrenCountsByState(
          histogram,
          byState.states,
          byState.stateOf,
          tilt,
          expected,
          false,
          weightRandom,
          byState.barred,
        )
  const deal = parent.rows === 0 ? null : new ParentDeal(counts)
  return {
    pick: (random) => {
      if (nullable && random.next() < nullFraction) return -1
      return deal === null ? -1 : deal.draw(random)
    },
    take: (p) => deal?.take(p),
  }
}

/**
 * A self-reference forms a tree as deep as the source's: each row draws a depth from the learned depths and hangs
 * off a random earlier row one level up (the deepest level that has rows, when the drawn one has none yet); depth
 * 0 is a root (NULL). A model without depths falls back to roots at the learned NULL rate, else any earlier row.
 */
export function treeParent(relation: RelationModel | undefined, random: Random): (row: number) => number {
  const depths = relation?.depths ?? []
  if (depths.length === 0) {
    return (row) =>
      row === 0 || random.next() < (relation?.nullFraction ?? 0.5) ? -1 : random.int(0, row - 1)
  }
  const weights = depths.map((d) => d.frequency)
  const rowsAt: number[][] = []
  return (row) => {
    let depth = depths[random.weighted(weights)]!.depth
    while (depth > 0 && (rowsAt[depth - 1]?.length ?? 0) === 0) depth--
    const parent = depth === 0 ? -1 : random.pick(rowsAt[depth - 1]!)
    ;(rowsAt[depth] ??= []).push(row)
    return parent
  }
}
