import { field } from './sample-field.js'
import type { Database } from '../dialects/dialect.js'
import { round } from '../model/categories.js'
import { isDependenceColumn } from '../model/column-kind.js'
import type { ColumnModel, RelationModel, TableModel } from '../model/model.js'
import { correlation, normalScores } from '../model/normal-scores.js'
import type { PrivacyBudget } from '../model/privacy-budget.js'
import { binsAroundMean, mergeSmallBins } from '../model/small-bins.js'
import { valueEncoder } from '../model/value-encoding.js'
import type { Column, ForeignKey, Table } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'
import {
  readChildParentPairs,
  readChildrenCounts,
  readParentsWithChildCounts,
  readTreeDepths,
  type SampleSpec,
} from '../dialects/queries/source-queries.js'

export interface LearnRelationOptions {
  sampleRows: number
  minCount: number
  seed: number
  budget: PrivacyBudget
}

/**
 * How a child table hangs off one parent through a foreign key: the children-per-parent histogram (parents with
 * none included, small bins merged), the FK null rate, and how the parent's columns move the number of children
 * and the children's own columns — what lets generation condition children on their parents.
 */
export async function learnRelation(
  source: Database,
  child: Table,
  childModel: TableModel,
  fk: ForeignKey,
  parentTable: Table,
  parentModel: TableModel,
  options: LearnRelationOptions,
): Promise<RelationModel> {
  const id = `${tableName(child)}/${fk.name}`
  const budget = options.budget
  const counted = await readChildrenCounts(source, child, fk)
  const nulls = budget.count(counted.nulls, 1, id, 'null')
  const histogram = counted.histogram.map((b) => ({
    value: b.value,
    // Moving one child moves its parent between two bins: sensitivity 2.
    count: budget.count(b.count, 2, id, 'children', b.value),
  }))
  // Where no histogram can be released — fewer parents than minCount, or every bin merged into one — each parent
  // gets the mean that the row counts already tell: 2 children under 603 parents stay 2, not a rounded 0.
  const bins = mergeSmallBins(histogram, options.minCount)
  const merged =
    parentModel.rows > 0 && (parentModel.rows < options.minCount || bins.length === 1)
      ? binsAroundMean(Math.max(0, childModel.rows - nulls) / parentModel.rows, parentModel.rows)
      : bins
  const parents = merged.reduce((n, b) => n + b.count, 0)

  const parentColumns = parentModel.columns.filter(isDependenceColumn)
  const childColumns = childModel.columns.filter(isDependenceColumn)
  const spec = { limit: options.sampleRows, seed: options.seed, pages: true }
  const countDependence =
    parentColumns.length === 0 || parentModel.rows === 0
      ? []
      : await dependenceOnCount(source, child, fk, parentTable, parentColumns, {
          ...spec,
          tableRows: parentModel.rows,
        })
  const columnDependence =
    parentColumns.length === 0 || childColumns.length === 0 || childModel.rows === 0
      ? []
      : await dependenceOfColumns(source, child, fk, parentTable, parentColumns, childColumns, {
          ...spec,
          tableRows: childModel.rows,
        })
  return {
    foreignKey: fk.name,
    columns: fk.columns,
    parent: tableName(fk.references),
    nullFraction: childModel.rows === 0 ? 0 : round(Math.min(1, nulls / childModel.rows)),
    childrenPerParent: merged.map((b) => ({
      children: b.value,
      frequency: round(b.count / Math.max(1, parents)),
    })),
    countDependence,
    columnDependence,
    depths: await treeDepths(source, child, fk, options),
  }
}

/** Depths of a single-column self-reference's tree, noised and with small bins merged like every histogram. */
async function treeDepths(
  source: Database,
  table: Table,
  fk: ForeignKey,
  options: LearnRelationOptions,
): Promise<RelationModel['depths']> {
  const key = fk.references.columns
  const selfReference =
    tableName(fk.references) === tableName(table) && fk.columns.length === 1 && key.length === 1
  if (!selfReference) return null
  const id = `${tableName(table)}/${fk.name}`
  const histogram = (await readTreeDepths(source, table, key[0]!, fk.columns[0]!, MAX_TREE_DEPTH)).map(
    (b) => ({
      value: b.value,
      count: options.budget.count(b.count, 1, id, 'depth', b.value),
    }),
  )
  const merged = mergeSmallBins(histogram, options.minCount)
  const total = merged.reduce((n, b) => n + b.count, 0)
  return total === 0 ? null : merged.map((b) => ({ depth: b.value, frequency: round(b.count / total) }))
}

/** Deeper trees than this are cut off when learned: a cycle in the data must not make the walk endless. */
const MAX_TREE_DEPTH = 64

async function dependenceOnCount(
  source: Database,
  child: Table,
  fk: ForeignKey,
  parent: Table,
  parentColumns: ColumnModel[],
  spec: SampleSpec,
): Promise<RelationModel['countDependence']> {
  const rows = await readParentsWithChildCounts(source, child, fk, columnsOf(parent, parentColumns), spec)
  const counts = normalScores(rows.map((r) => Number(r['n'])))
  return parentColumns.map((c, i) => {
    const encode = valueEncoder(c)
    return {
      parentColumn: c.name,
      correlation: round(correlation(normalScores(rows.map(field(`p${i}`, encode))), counts), 4),
    }
  })
}

async function dependenceOfColumns(
  source: Database,
  child: Table,
  fk: ForeignKey,
  parent: Table,
  parentColumns: ColumnModel[],
  childColumns: ColumnModel[],
  spec: SampleSpec,
): Promise<RelationModel['columnDependence']> {
  const order = child.primaryKey?.columns ?? fk.columns
  const rows = await readChildParentPairs(
    source,
    child,
    fk,
    columnsOf(parent, parentColumns),
    columnsOf(child, childColumns),
    order,
    spec,
  )
  // One encoder per column, not per row: a category column's encoder builds a Map of its categories.
  const scores = (columns: readonly ColumnModel[], prefix: string) =>
    columns.map((c, i) => {
      const encode = valueEncoder(c)
      return normalScores(rows.map(field(`${prefix}${i}`, encode)))
    })
  const parentScores = scores(parentColumns, 'p')
  const childScores = scores(childColumns, 'c')
  return parentColumns.flatMap((p, i) =>
    childColumns.map((c, j) => ({
      parentColumn: p.name,
      childColumn: c.name,
      correlation: round(correlation(parentScores[i]!, childScores[j]!), 4),
    })),
  )
}

/** The schema's columns for learned ones, which the source is read by. */
function columnsOf(table: Table, learned: readonly ColumnModel[]): Column[] {
  return learned.map((l) => table.columns.find((c) => c.name === l.name)!)
}
