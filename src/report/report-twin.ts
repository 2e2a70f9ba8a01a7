import type { Database } from '../dialects/dialect.js'
import type { Connection } from '../dialects/connection.js'
import { openDatabase } from '../dialects/open-database.js'
import { DbtwinError } from '../errors.js'
import {
  readChildParentPairs,
  readChildrenHistogram,
  readSample,
} from '../dialects/queries/source-queries.js'
import type { Model } from '../model/model.js'
import { resolveRules, rewrittenColumns } from '../rules/resolve-rules.js'
import { loadConstraints } from '../rules/load-constraints.js'
import { loadRules, type RulesSource } from '../rules/rule-file.js'
import { scanDatabase } from '../rules/scan-database.js'
import {
  type Column,
  type DialectName,
  type ForeignKey,
  type Schema,
  type Table,
  type TableRef,
  dialectFamily,
} from '../schema/schema.js'
import { crossEngineDetails } from '../write/cross-engine-details.js'
import { tableName } from '../schema/table-name.js'
import { lookupTables, scaledRows } from '../generate/twin-rows.js'
import { REFERENCE_ROWS, referenceIds, referenceTables } from '../model/reference-tables.js'
import { tablePlacement, type SchemaMap } from '../schema/table-placement.js'
import { correlationSimilarity } from './metrics/column-pairs.js'
import { spearman } from '../stats/correlation.js'
import { cardinalityShapeSimilarity } from './metrics/cardinality.js'
import { jsonStructure } from './metrics/json-structure.js'
import { dcrScore } from './metrics/privacy.js'
import { mean, overallQuality } from './metrics/scores.js'
import { gatherUnnamed, modelColumnKinds, modelRowCount, modelSampleRows } from './model-rows.js'
import {
  QUALITY_PARTS,
  REPORT_FORMAT_VERSION,
  type AcrossEnginesSection,
  type ExtraGate,
  type CardinalityQuality,
  type ColumnQuality,
  type InterTableQuality,
  type InvariantsSection,
  type PrivacySection,
  type Report,
  type TableQuality,
  type Verdict,
} from './report.js'
import {
  countCheckViolations,
  countDuplicates,
  countOrphans,
  countRows,
  readPresentValues,
  readRareValues,
  readRowsByKey,
} from '../dialects/queries/report-queries.js'
import { tableDetection, type DetectionView } from './table-detection.js'
import { exactMatchByChance, tablePrivacy } from './table-privacy.js'
import { columnRealism } from './column-realism.js'
import { invariantsPart, sourceCheckViolations } from './invariants-part.js'
import {
  columnQualities,
  correlationMatrices,
  interTableQualities,
  pairQualities,
  qualityParts,
  round,
} from './table-quality.js'
import { columnValues, comparedColumns, keyColumns, quantity, type ComparedColumn } from './table-samples.js'

export type Gate = 'quality' | 'privacy' | 'consistency'

export interface ReportOptions {
  /** The model the twin was generated from: the reference when there is no source, and the PII record. */
  model?: Model
  /** Rules: a PII column is covered when one decides it. Without rules, the model's ruled columns count. */
  rules?: RulesSource
  /** Rows sampled per table and side (default 10,000). */
  maxRows?: number
  /** Values seen fewer than k times in the source are rare (default: the model's min-count, else 5). */
  k?: number
  seed?: number
  /**
   * `--fail-under`: the verdict fails below these scores (a gate per verdict, per quality property, or on the
   * detection score).
   */
  failUnder?: Partial<Record<Gate | ExtraGate, number>>
  /**
   * The twin is a subset of the source: its row counts follow from the selection, not from the source's
   * cardinalities, so they are listed but do not count toward consistency.
   */
  subset?: boolean
  /**
   * The scale the twin was generated at (default 1): each table is expected to hold the source's rows × scale, a
   * lookup table its own (see scaledRows).
   */
  scale?: number
  /** The --schema-map the twin was written with (see SchemaMap): where its tables are looked for first. */
  schemaMap?: SchemaMap
  /** Aborting it stops the report before the next table (it only reads, so there is nothing to undo). */
  signal?: AbortSignal
}

export type ReportEvent = { step: 'table'; table: string; index: number; total: number }

const UNREADABLE = new Set(['json', 'binary', 'geometry', 'array', 'unknown', 'bit'])

/**
 * Compares a twin with its source (or, without one, with the model it came from) and says, in figures, how
 * faithful, private and consistent it is. Statistics come from samples of at most `maxRows` rows per table and
 * side (the report lists the sampled tables); counts, orphans, duplicates, check violations and rare values are
 * computed by SQL over whole tables. Both databases are read over read-only connections.
 *
 * @example
 * const r = await report('postgres://…/prod', 'postgres://…/twin', { failUnder: { quality: 0.85 } })
 * console.log(r.verdicts.quality.score)
 */
export async function report(
  realUrl: Connection | null,
  twinUrl: Connection,
  options: ReportOptions = {},
  onEvent: (e: ReportEvent) => void = () => {},
): Promise<Report> {
  if (realUrl === null && options.model === undefined) {
    throw new DbtwinError(
      'USAGE',
      'a report needs the source or the model to compare with',
      'give the source (real) or the model (model)',
      { data: { option: 'real' }, cliFix: 'pass --real <url> or --model model.yaml' },
    )
  }
  const maxRows = options.maxRows ?? 10_000
  const seed = options.seed ?? 1
  const k = options.k ?? options.model?.privacy.minCount ?? 5
  const rules = options.rules === undefined ? null : await loadRules(options.rules)
  const twin = await openDatabase(twinUrl, { readOnly: true })
  const real =
    realUrl === null
      ? null
      : await openDatabase(realUrl, { readOnly: true }).catch(async (e: unknown) => {
          await twin.close()
          throw e
        })
  try {
    const twinSchema = await twin.introspect()
    const realSchema = real === null ? options.model!.schema : await real.introspect()
    const pairs = pairTables(realSchema, twinSchema, options.schemaMap)
    const declared = await loadConstraints(options.rules, realSchema)
    const { pii, rewritten } = await piiCoverage(real, realSchema, options.model, rules)
    const subset = options.subset === true
    // Reference tables are copied whole on purpose (issue 17.1): their rows match the source's by design, so, as a
    // subset's, they are not scored as synthetic rows.
    const copied = await copiedTables(real, realSchema, options.model, [
      ...pii.map((p) => p.column),
      ...rewritten,
    ])
    const sampledTables: string[] = []
    const tables: TableQuality[] = []
    /** How each compared column of each table is compared (ruled columns left out). */
    const kinds = new Map<string, Map<string, ComparedColumn['kind']>>()
    /** Each table's compared columns, read again by the detection score once relations are joined. */
    const detectionViews: DetectionView[][] = []
    const privacyRows: PrivacySection['tables'] = []
    const ruledColumns: PrivacySection['ruledColumns'] = []
    let rare = { rare: 0, leaked: 0 }
    const sourceChecks: InvariantsSection['checks'] = []
    const sides: Sides = { real, twin, model: options.model, maxRows, seed }
    for (const [index, { realTable, twinTable }] of pairs.entries()) {
      options.signal?.throwIfAborted()
      const id = tableName(realTable)
      const realRows =
        real === null ? modelRowCount(options.model!, realTable) : await countRows(real, realTable)
      const twinRows = await countRows(twin, twinTable)
      if (Math.max(realRows, twinRows) > maxRows) sampledTables.push(id)
      const columns = realTable.columns.filter((c) => !UNREADABLE.has(c.type))
      const realSample =
        real === null
          ? modelSampleRows(options.model!, realTable, maxRows, seed)
          : await sampleRows(real, realTable, columns, realRows, maxRows, seed)
      const twinSample = await sampleRows(
        twin,
        twinTable,
        twinColumns(twinTable, columns),
        twinRows,
        maxRows,
        seed,
      )
      sourceChecks.push(...sourceCheckViolations(realTable, realSchema.dialect, twinTable, twinSample))
      const compared =
        real === null
          ? gatherUnnamed(
              options.model!,
              realTable,
              comparedColumns(
                { ...realTable, columns },
                realSample,
                twinSample,
                modelColumnKinds(options.model!, realTable),
              ),
            )
          : comparedColumns({ ...realTable, columns }, realSample, twinSample)
      // Columns a rule rewrites differ from the source on purpose: privacy looks at them, fidelity does not.
      const faithful = compared.filter(
        (c) => !rewritten.has(`${realTable.schema}.${realTable.name}.${c.name}`),
      )
      kinds.set(id, new Map(faithful.map((c) => [c.name, c.kind])))
      detectionViews.push([{ foreignKey: null, columns: faithful }])
      const columnRows = columnQualities(faithful)
      if (real !== null) {
        const sampled = Math.max(realRows, twinRows) > maxRows
        const realism = await columnRealism(real, realTable, faithful, k, sampled)
        for (const column of columnRows) column.realism = realism.get(column.column) ?? null
        const json = realTable.columns.filter(
          (c) =>
            c.type === 'json' &&
            twinTable.columns.some((t) => t.name === c.name) &&
            !rewritten.has(`${realTable.schema}.${realTable.name}.${c.name}`),
        )
        columnRows.push(
          ...(await jsonQualities({ ...sides, real }, realTable, twinTable, json, realRows, twinRows, k)),
        )
      }
      tables.push({
        table: id,
        rows: { real: realRows, twin: twinRows },
        sampled: { real: realSample.length, twin: twinSample.length },
        columns: columnRows,
        pairs: pairQualities(faithful),
        correlation: correlationMatrices(faithful),
        cardinality: [],
        interTable: [],
        detection: null,
      })
      if (real !== null) {
        const nonKey = columns.filter((c) => !keyColumns(realTable).has(c.name)).map((c) => c.name)
        const exact = {
          real: realSample.map((r) => textRow(r, nonKey)),
          twin: twinSample.map((r) => textRow(r, nonKey)),
        }
        const tableRare = await rareValues(
          real,
          twin,
          realTable,
          twinTable,
          copied.has(id) ? [] : compared.filter((c) => c.kind === 'category').map((c) => c.name),
          k,
        )
        rare = { rare: rare.rare + tableRare.rare, leaked: rare.leaked + tableRare.leaked }
        const ruled = columns
          .map((c) => c.name)
          .filter((name) => rewritten.has(`${realTable.schema}.${realTable.name}.${name}`))
        if (subset) ruledColumns.push(...(await ruledColumnsKept(real, realTable, twinSample, ruled)))
        // A subset's rows are the source's: nearness to them says "copied", which is what a subset is.
        const { realExactMatchRate, ...distances } =
          subset || copied.has(id)
            ? { exactMatchRate: null, realExactMatchRate: null, dcrShare: null, membershipAuc: null }
            : tablePrivacy(compared, exact)
        privacyRows.push({
          table: id,
          ...distances,
          exactMatchUnavoidable:
            !subset &&
            !copied.has(id) &&
            nonKey.length > 0 &&
            (nonKey.every((name) => compared.find((c) => c.name === name)?.kind === 'category') ||
              exactMatchByChance({ exactMatchRate: distances.exactMatchRate, realExactMatchRate })),
          rareLeaked: tableRare.leaked,
          rareLeakedColumns: tableRare.columns,
        })
      }
      onEvent({ step: 'table', table: id, index, total: pairs.length })
    }
    // Relations read the kinds of their parent's columns, known once every table was compared.
    for (const [index, pair] of pairs.entries()) {
      options.signal?.throwIfAborted()
      const { realTable, twinTable } = pair
      const table = tables[index]!
      for (const fk of realTable.foreignKeys) {
        const parent = pairs.find((p) => tableName(p.realTable) === tableName(fk.references))
        const twinFk = parent && matchingForeignKey(twinTable, fk, parent.twinTable)
        if (twinFk === undefined || parent === undefined) continue
        const relation = await relationQuality(
          sides,
          { ...pair, rows: table.rows },
          fk,
          twinFk,
          parent,
          kinds,
        )
        table.cardinality.push(relation.cardinality)
        table.interTable.push(...relation.interTable)
        if (relation.joined !== null)
          detectionViews[index]!.push({ foreignKey: fk.name, columns: relation.joined })
      }
      // A model's rows are synthetic too: telling two synthetic draws apart says nothing of the twin.
      if (real !== null) table.detection = tableDetection(table.table, detectionViews[index]!, k, seed)
    }
    const consistency = await consistencyOf(twin, realSchema, pairs, tables, {
      subset,
      scale: options.scale ?? 1,
      personal: [...pii.map((p) => p.column), ...rewritten],
    })

    const counted = new Map(tables.map((t) => [t.table, t.rows.real]))
    const invariants = await invariantsPart({
      real,
      twin,
      realSchema,
      model: options.model,
      twinOf: (id) => pairs.find((p) => tableName(p.realTable) === id)?.twinTable,
      rowsOf: (id) => counted.get(id) ?? 0,
      checks: sourceChecks,
      declared,
      k,
      maxRows,
      seed,
    })
    const { parts: quality, extras } = qualityParts(tables)
    // Copied rows anywhere make a twin unsafe: the exact-match headline is the worst table's, leaving out tables
    // of a few categories, whose rows repeat by necessity. DCR and the attack are statistical and noisy per table,
    // so they are averaged.
    const exactMatchRate = worst(
      privacyRows.filter((p) => !p.exactMatchUnavoidable).map((p) => p.exactMatchRate),
    )
    const dcrShareValue = mean(privacyRows.map((p) => p.dcrShare))
    const auc = mean(privacyRows.map((p) => p.membershipAuc))
    const rareShare = rare.rare === 0 ? 0 : rare.leaked / rare.rare
    const dcr =
      dcrShareValue === null ? null : { share: round(dcrShareValue), score: round(dcrScore(dcrShareValue)) }
    const piiCovered = pii.length === 0 ? 1 : pii.filter((p) => p.covered).length / pii.length
    const rewriteRate = mean(ruledColumns.map((c) => (c.rows === 0 ? null : 1 - c.unchanged / c.rows)))
    const privacyScore =
      real === null
        ? null
        : subset
          ? mean([rewriteRate, piiCovered])
          : mean([
              exactMatchRate === null ? null : 1 - exactMatchRate,
              dcr?.score,
              auc === null ? null : 1 - 2 * Math.max(0, auc - 0.5),
              1 - rareShare,
              piiCovered,
            ])
    const qualityScore = overallQuality(quality)
    const verdict = (gate: Gate | ExtraGate, score: number | null): Verdict => {
      const threshold = options.failUnder?.[gate] ?? null
      return {
        score: score === null ? null : round(score),
        threshold,
        passed: threshold === null ? null : score !== null && score >= threshold,
      }
    }
    return {
      formatVersion: REPORT_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      real: real === null ? null : { database: realSchema.database, dialect: realSchema.dialect },
      twin: { database: twinSchema.database, dialect: twinSchema.dialect },
      sampling: { maxRowsPerTable: maxRows, sampledTables },
      verdicts: {
        quality: verdict('quality', qualityScore),
        privacy: verdict('privacy', privacyScore),
        consistency: verdict('consistency', consistency.score),
        ...Object.fromEntries(
          QUALITY_PARTS.filter((part) => options.failUnder?.[`quality.${part}`] !== undefined).map((part) => [
            `quality.${part}`,
            verdict(`quality.${part}`, quality[part]),
          ]),
        ),
        ...(options.failUnder?.detection === undefined
          ? {}
          : { detection: verdict('detection', extras.detection) }),
        ...(options.failUnder?.invariants === undefined
          ? {}
          : { invariants: verdict('invariants', invariants.score) }),
      },
      quality: {
        score: qualityScore === null ? null : round(qualityScore),
        parts: roundAll(quality),
        extras: roundAll(extras),
        tables,
      },
      privacy: {
        score: privacyScore === null ? null : round(privacyScore),
        scope: subset ? 'ruled-columns' : 'synthetic',
        note: subset
          ? `a subset copies real rows: privacy covers only the ${ruledColumns.length} columns rules rewrite ` +
            "and whether every PII column has a rule; every other column holds the source's values"
          : 'every row was generated: exact matches, distances, a membership attack, rare values and PII coverage',
        exactMatchRate: exactMatchRate === null ? null : round(exactMatchRate),
        dcr,
        membershipAuc: auc === null ? null : round(auc),
        rareValues: { k, rare: rare.rare, leaked: rare.leaked, share: round(rareShare) },
        pii,
        ruledColumns,
        tables: privacyRows,
      },
      consistency,
      invariants: { ...invariants, score: invariants.score === null ? null : round(invariants.score) },
      ...acrossEngines(realSchema, twinSchema.dialect),
    }
  } finally {
    await twin.close()
    await real?.close()
  }
}

/** The report's across-engines section: present when the twin's engine family is not its source's. */
function acrossEngines(source: Schema, twin: DialectName): { acrossEngines?: AcrossEnginesSection } {
  const target = dialectFamily(twin)
  if (dialectFamily(source.dialect) === target) return {}
  return { acrossEngines: { target, objects: crossEngineDetails(source, target) } }
}

interface TablePair {
  realTable: Table
  twinTable: Table
}

/**
 * Pairs each source table with its twin: where the write put it (the same tablePlacement, so a musicbrainz twin on
 * MySQL is found under `<schema>__<table>`), else the same schema and name, else the same table name. A twin that
 * lacks a table or a column of its source is not its twin (issue 14: a pagila twin reported against chinook scored
 * 100% consistency and passed --fail-under), so that is an error naming what is missing; tables the twin has beyond
 * its source are not compared.
 */
function pairTables(real: Schema, twin: Schema, schemaMap: SchemaMap | undefined): TablePair[] {
  const pairs: TablePair[] = []
  const missingTables: string[] = []
  const missingColumns: string[] = []
  const placed = placementOrNull(real, twin, schemaMap)
  for (const realTable of real.tables) {
    const ref = placed?.(realTable)
    const twinTable =
      (ref && twin.tables.find((t) => t.schema === ref.schema && t.name === ref.name)) ??
      twin.tables.find((t) => t.schema === realTable.schema && t.name === realTable.name) ??
      twin.tables.find((t) => t.name === realTable.name)
    if (twinTable === undefined) {
      missingTables.push(tableName(realTable))
      continue
    }
    for (const c of realTable.columns)
      if (!twinTable.columns.some((t) => t.name === c.name))
        missingColumns.push(`${tableName(realTable)}.${c.name}`)
    pairs.push({ realTable, twinTable })
  }
  if (missingTables.length > 0 || missingColumns.length > 0) {
    const missing = [
      ...(missingTables.length > 0
        ? [`${missingTables.length} of its ${real.tables.length} tables (${sample(missingTables)})`]
        : []),
      ...(missingColumns.length > 0 ? [`${missingColumns.length} columns (${sample(missingColumns)})`] : []),
    ]
    throw new DbtwinError(
      'TWIN_MISMATCH',
      `the twin is not a twin of this source: it lacks ${missing.join(' and ')}`,
      'pass the twin written from this source (or its model) with --twin, or write it again',
    )
  }
  return pairs
}

/** Where a write would have put the source's tables; null when the mapping itself refuses them (merge collides). */
function placementOrNull(
  real: Schema,
  twin: Schema,
  schemaMap: SchemaMap | undefined,
): ((t: TableRef) => TableRef) | null {
  try {
    return tablePlacement(
      real.tables,
      real.dialect,
      { schemas: twin.dialect !== 'mysql', database: twin.database },
      schemaMap,
    )
  } catch {
    return null
  }
}

/** The first few names of a list, for a message. */
const sample = (names: readonly string[]) =>
  names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')}, …`

/** The twin's key for a source key: same columns and parent (a MySQL twin may have renamed it), else same name. */
function matchingForeignKey(twinTable: Table, fk: ForeignKey, twinParent: Table): ForeignKey | undefined {
  return (
    twinTable.foreignKeys.find(
      (f) =>
        f.columns.join() === fk.columns.join() &&
        f.references.name === twinParent.name &&
        f.references.columns.join() === fk.references.columns.join(),
    ) ?? twinTable.foreignKeys.find((f) => f.name === fk.name)
  )
}

/**
 * JSON columns compared by their path sets (see jsonStructure), from their own samples: the rows read for the other
 * columns leave JSON out, as no value-by-value metric applies to it.
 */
async function jsonQualities(
  sides: Sides & { real: Database },
  realTable: Table,
  twinTable: Table,
  columns: readonly Column[],
  realRows: number,
  twinRows: number,
  k: number,
): Promise<ColumnQuality[]> {
  if (columns.length === 0) return []
  const { maxRows, seed } = sides
  const real = await sampleRows(sides.real, realTable, columns, realRows, maxRows, seed)
  const twin = await sampleRows(
    sides.twin,
    twinTable,
    twinColumns(twinTable, columns),
    twinRows,
    maxRows,
    seed,
  )
  return columns.map((c) => {
    const values = (rows: Record<string, unknown>[]) => rows.map((r) => r[c.name] ?? null)
    const nullShare = (v: unknown[]) => (v.length === 0 ? 0 : v.filter((x) => x === null).length / v.length)
    const structure = jsonStructure(values(real), values(twin), k)
    const nullRate = { real: round(nullShare(values(real))), twin: round(nullShare(values(twin))) }
    return {
      column: c.name,
      kind: 'json',
      shape: structure.score === null ? null : round(structure.score),
      nullRate,
      nullScore: round(1 - Math.abs(nullRate.real - nullRate.twin)),
      histogram: {
        bins: structure.histogram.bins,
        real: structure.histogram.real.map((x) => round(x)),
        twin: structure.histogram.twin.map((x) => round(x)),
      },
      realism: null,
    }
  })
}

async function sampleRows(
  db: Database,
  table: Table,
  columns: readonly Column[],
  rows: number,
  limit: number,
  seed: number,
): Promise<Record<string, unknown>[]> {
  if (columns.length === 0 || rows === 0) return []
  const order = table.primaryKey?.columns ?? [columns[0]!.name]
  const sample = await readSample(db, table, columns, order, { tableRows: rows, limit, seed })
  return sample.map((r) => Object.fromEntries(columns.map((c, i) => [c.name, r[`c${i}`]])))
}

/** A table's own columns of the given names: a twin in another engine has its own types (money became a decimal). */
function twinColumns(twinTable: Table, columns: readonly Column[]): Column[] {
  return columns.map((c) => twinTable.columns.find((t) => t.name === c.name)!)
}

/** A row's values as text in one spelling for every engine, for exact matching. */
function textRow(row: Record<string, unknown>, columns: readonly string[]): string[] {
  return columns.map((c) => textValue(row[c]))
}

function textValue(v: unknown): string {
  if (v === null || v === undefined) return '\u0000'
  if (v === true || v === false) return v ? '1' : '0'
  const text = String(v)
  return /^-?\d+(\.\d+)?$/.test(text) ? String(Number(text)) : text.replace(/\+00(:00)?$/, '')
}

/** What every per-table comparison reads from: both sides, the model, and how much to sample. */
interface Sides {
  real: Database | null
  twin: Database
  model: Model | undefined
  maxRows: number
  seed: number
}

/**
 * Cardinality shape of one foreign key, and the inter-table trends across it: every compared parent column
 * against every compared child column, on child rows joined to their parents (sampled, never narrowed to a few
 * columns). Without a source, the trends are the numeric parent → child correlations the model learned.
 */
async function relationQuality(
  { real, twin, model, maxRows, seed }: Sides,
  { realTable, twinTable, rows }: TablePair & { rows: { real: number; twin: number } },
  fk: ForeignKey,
  twinFk: ForeignKey,
  parent: TablePair,
  kinds: ReadonlyMap<string, ReadonlyMap<string, ComparedColumn['kind']>>,
): Promise<{
  cardinality: CardinalityQuality
  interTable: InterTableQuality[]
  joined: ComparedColumn[] | null
}> {
  const learned = model?.tables
    .find((t) => t.table === tableName(realTable))
    ?.relations.find((r) => r.foreignKey === fk.name)
  const realHistogram =
    real === null
      ? (learned?.childrenPerParent ?? []).map((c) => ({ value: c.children, count: c.frequency }))
      : await readChildrenHistogram(real, realTable, fk)
  const twinHistogram = await readChildrenHistogram(twin, twinTable, twinFk)
  const cardinality: CardinalityQuality = {
    foreignKey: fk.name,
    parent: tableName(fk.references),
    score: round(cardinalityShapeSimilarity(expand(realHistogram), expand(twinHistogram))),
    real: shares(realHistogram),
    twin: shares(twinHistogram),
  }
  // Free text is read for the detection score, not paired (see pair-trends.ts); the kinds already leave out keys
  // and ruled columns.
  const paired = (table: Table) => {
    const kindOf = kinds.get(tableName(table))
    return table.columns.flatMap((column) => {
      const kind = kindOf?.get(column.name)
      return kind === undefined ? [] : [{ column, kind }]
    })
  }
  const parentColumns = paired(parent.realTable)
  const childColumns = paired(realTable)
  if (parentColumns.length === 0 || childColumns.length === 0)
    return { cardinality, interTable: [], joined: null }
  const order = realTable.primaryKey?.columns ?? fk.columns
  // As many joined rows as rows per table: equal-width bins hang on the extremes, and a fixed 5,000 of pagila's
  // 16,044 rentals, which kept or lost one of its two odd last_update values, moved a pair's score by 0.38 against
  // the whole table's (bench/sdmetrics-check.py). --max-rows past the table's size now gives the whole table.
  const spec = (rows: number) => ({ tableRows: rows, limit: maxRows, seed })
  const pairsOf = (db: Database, table: Table, parentTable: Table, key: ForeignKey, tableRows: number) =>
    readChildParentPairs(
      db,
      table,
      key,
      twinColumns(
        parentTable,
        parentColumns.map((p) => p.column),
      ),
      twinColumns(
        table,
        childColumns.map((c) => c.column),
      ),
      order,
      spec(tableRows),
    )
  const twinPairs = await pairsOf(twin, twinTable, parent.twinTable, twinFk, rows.twin)
  if (real === null)
    return {
      cardinality,
      interTable: learnedTrends(fk, learned, parentColumns, childColumns, twinPairs),
      joined: null,
    }
  const realPairs = await pairsOf(real, realTable, parent.realTable, fk, rows.real)
  const side = (prefix: 'p' | 'c', table: TablePair, list: typeof parentColumns): ComparedColumn[] =>
    list.map(({ column, kind }, i) => ({
      name: column.name,
      kind,
      real: columnValues(realPairs, column, kind, `${prefix}${i}`),
      twin: columnValues(twinPairs, twinColumns(table.twinTable, [column])[0]!, kind, `${prefix}${i}`),
    }))
  const parentSide = side('p', parent, parentColumns)
  const childSide = side('c', { realTable, twinTable }, childColumns)
  const interTable = interTableQualities(fk.name, parentSide, childSide)
  const joined = [
    ...parentSide.map((c) => ({ ...c, name: `${tableName(parent.realTable)}.${c.name}` })),
    ...childSide,
  ]
  return { cardinality, interTable, joined }
}

/** Without a source: the twin's numeric parent → child correlations against the ones the model learned. */
function learnedTrends(
  fk: ForeignKey,
  learned: Model['tables'][number]['relations'][number] | undefined,
  parentColumns: readonly { column: Column }[],
  childColumns: readonly { column: Column }[],
  twinPairs: Record<string, unknown>[],
): InterTableQuality[] {
  const values = (key: string, column: Column) => twinPairs.map((r) => quantity(r[key], column))
  return (learned?.columnDependence ?? []).flatMap((d) => {
    const p = parentColumns.findIndex((x) => x.column.name === d.parentColumn)
    const c = childColumns.findIndex((x) => x.column.name === d.childColumn)
    if (p < 0 || c < 0) return []
    // The model keeps rank correlations: the twin is measured alike.
    const twinR = spearman(
      values(`p${p}`, parentColumns[p]!.column),
      values(`c${c}`, childColumns[c]!.column),
    )
    if (twinR === null) return []
    return [
      {
        foreignKey: fk.name,
        parentColumn: d.parentColumn,
        childColumn: d.childColumn,
        metric: 'correlation' as const,
        real: round(d.correlation),
        twin: round(twinR),
        score: round(correlationSimilarity(d.correlation, twinR)),
      },
    ]
  })
}

/** A histogram of children per parent as one value per parent, thinned to at most 20,000 values. */
function expand(histogram: readonly { value: number; count: number }[]): number[] {
  const total = histogram.reduce((s, h) => s + h.count, 0)
  const scale = Math.min(1, 20_000 / Math.max(total, 1))
  return histogram.flatMap((h) =>
    new Array<number>(Math.max(h.count > 0 ? 1 : 0, Math.round(h.count * scale))).fill(h.value),
  )
}

/** Shares of parents with 0…9 children, and 10 or more gathered in the last entry. */
function shares(
  histogram: readonly { value: number; count: number }[],
): { children: number; share: number }[] {
  const total = histogram.reduce((s, h) => s + h.count, 0) || 1
  const out = Array.from({ length: 11 }, (_, children) => ({ children, share: 0 }))
  for (const h of histogram) out[Math.min(10, h.value)]!.share += h.count / total
  while (out.length > 1 && out.at(-1)!.share === 0) out.pop()
  return out.map((o) => ({ children: o.children, share: round(o.share) }))
}

/** Twin rows per table whose ruled values are checked against the source row of the same key. */
const RULED_ROWS = 1000

/**
 * A subset's ruled columns of one table: of its first copied rows, matched to the source by primary key, how many
 * still hold the source's (non-null) value. Nothing is counted for a table without a primary key, or whose key a
 * rule rewrites: its rows cannot be matched.
 */
async function ruledColumnsKept(
  real: Database,
  table: Table,
  twinSample: readonly Record<string, unknown>[],
  ruled: readonly string[],
): Promise<PrivacySection['ruledColumns']> {
  const key = table.primaryKey?.columns ?? []
  const id = (column: string) => `${tableName(table)}.${column}`
  if (ruled.length === 0) return []
  if (key.length === 0 || key.some((k) => ruled.includes(k)))
    return ruled.map((column) => ({ column: id(column), rows: 0, unchanged: 0 }))
  const rows = twinSample.slice(0, RULED_ROWS)
  const source = await readRowsByKey(
    real,
    table,
    key,
    rows.map((r) => key.map((k) => r[k])),
    ruled,
  )
  const keyText = (values: readonly unknown[]) => JSON.stringify(values.map(textValue))
  const byKey = new Map(source.map((r) => [keyText(key.map((_, i) => r[`k${i}`])), r]))
  return ruled.map((column, i) => {
    let compared = 0
    let unchanged = 0
    for (const row of rows) {
      const original = byKey.get(keyText(key.map((k) => row[k])))?.[`v${i}`]
      if (original === null || original === undefined) continue
      compared++
      if (textValue(row[column]) === textValue(original)) unchanged++
    }
    return { column: id(column), rows: compared, unchanged }
  })
}

/**
 * Rare real values of category columns (fewer than k rows), how many of them the twin holds, and in which
 * columns: where to look, without the values themselves.
 */
async function rareValues(
  real: Database,
  twin: Database,
  realTable: Table,
  twinTable: Table,
  columns: readonly string[],
  k: number,
): Promise<{ rare: number; leaked: number; columns: string[] }> {
  let rare = 0
  let leaked = 0
  const leakedIn: string[] = []
  for (const column of columns) {
    const values = await readRareValues(real, realTable, column, k, 1000)
    rare += values.length
    const present = (await readPresentValues(twin, twinTable, column, values)).length
    leaked += present
    if (present > 0) leakedIn.push(column)
  }
  return { rare, leaked, columns: leakedIn }
}

/**
 * Columns detected as PII, each covered when a rule decides it (or, without rules, when the model ruled it), and
 * the columns rewritten by rules or ruled in the model.
 */
async function piiCoverage(
  real: Database | null,
  schema: Schema,
  model: Model | undefined,
  rules: Awaited<ReturnType<typeof loadRules>> | null,
): Promise<{ pii: Report['privacy']['pii']; rewritten: Set<string> }> {
  const found = real === null ? (model?.pii ?? []) : await scanDatabase(real, schema)
  const resolved =
    rules === null ? null : resolveRules(schema, rules, new Map(found.map((f) => [f.column, f.kind])))
  const ruled = new Set(model?.madeBy.parameters.ruledColumns ?? [])
  const rewritten = resolved === null ? ruled : new Set([...ruled, ...rewrittenColumns(resolved)])
  const pii = found.map((f) => ({
    column: f.column,
    kind: f.kind,
    covered: resolved !== null ? resolved.has(f.column) : ruled.has(f.column),
  }))
  return { pii, rewritten }
}

/**
 * Orphans and duplicate keys (by the source's keys), violations of the twin's checks and row counts, all counted
 * in the twin by SQL.
 */
async function consistencyOf(
  twin: Database,
  realSchema: Schema,
  pairs: readonly TablePair[],
  tables: readonly TableQuality[],
  { subset, scale, personal }: { subset: boolean; scale: number; personal: readonly string[] },
) {
  const orphans: Report['consistency']['orphans'] = []
  const uniqueViolations: Report['consistency']['uniqueViolations'] = []
  const checkViolations: Report['consistency']['checkViolations'] = []
  // One broken constraint breaks the twin: integrity is the worst constraint's share of rows that hold it.
  let integrity = 1
  const tally = (count: number, total: number) => {
    if (total > 0) integrity = Math.min(integrity, 1 - count / total)
  }
  // The source's keys, mapped onto the twin's tables: a twin loaded without constraints is checked all the same.
  const twinOf = new Map(pairs.map((p) => [tableName(p.realTable), p.twinTable]))
  for (const { realTable, twinTable: table } of pairs) {
    // Counted once, when the table was compared.
    const total = tables.find((t) => t.table === tableName(realTable))?.rows.twin ?? 0
    for (const fk of realTable.foreignKeys) {
      const parent = twinOf.get(tableName(fk.references))
      if (parent === undefined) continue
      const mapped = {
        ...fk,
        references: { schema: parent.schema, name: parent.name, columns: fk.references.columns },
      }
      const count = await countOrphans(twin, table, mapped)
      orphans.push({ table: tableName(table), foreignKey: fk.name, count })
      tally(count, total)
    }
    for (const key of [realTable.primaryKey, ...realTable.uniques]) {
      if (key === null) continue
      const count = await countDuplicates(twin, table, key)
      uniqueViolations.push({ table: tableName(table), key: key.name, count })
      tally(count, total)
    }
    for (const check of table.checks) {
      const count = await countCheckViolations(twin, table, check).catch(() => 0)
      checkViolations.push({ table: tableName(table), check: check.name, count })
      tally(count, total)
    }
  }
  const rowCounts = expectedRows(realSchema, pairs, tables, scale, personal)
  const rowScore = subset
    ? null
    : mean(rowCounts.map((r) => 1 - Math.min(1, Math.abs(r.actual - r.expected) / Math.max(r.expected, 1))))
  const score = mean([integrity, rowScore])
  return {
    score: score === null ? null : round(score),
    orphans,
    uniqueViolations,
    checkViolations,
    rowCounts,
    rowCountsScored: !subset,
    scale,
  }
}

/**
 * What each table's row count should be: the source's × scale, a lookup table's unchanged — what generation aims
 * at. Expecting a child's count from the twin's own parents hid a twin 13–15% short on every table, each child as
 * short as its parent (issue 19.6).
 */
function expectedRows(
  realSchema: Schema,
  pairs: readonly TablePair[],
  tables: readonly TableQuality[],
  scale: number,
  personal: readonly string[],
) {
  const counts = new Map(tables.map((t) => [t.table, t.rows]))
  const lookups = lookupTables(realSchema, (id) => counts.get(id)?.real ?? 0, personal)
  return pairs.flatMap(({ realTable }) => {
    const id = tableName(realTable)
    const own = counts.get(id)
    if (own === undefined) return []
    return [{ table: id, expected: scaledRows(own.real, scale, lookups.has(id)), actual: own.twin }]
  })
}

/**
 * The tables a twin holds copied whole: the model's reference tables when there is a model, else those the source's
 * counts and personal columns make reference tables (see referenceTables), counted only where the engine
 * estimates a table small. Without a model, a twin learned under --epsilon (which synthesizes them) is taken for
 * one that copied them.
 */
async function copiedTables(
  real: Database | null,
  realSchema: Schema,
  model: Model | undefined,
  personal: readonly string[],
): Promise<Set<string>> {
  if (model !== undefined)
    return new Set(model.tables.filter((t) => t.reference !== undefined).map((t) => t.table))
  if (real === null) return new Set()
  const counts = new Map<string, number>()
  const referenced = new Set(
    realSchema.tables.flatMap((t) => t.foreignKeys.map((fk) => tableName(fk.references))),
  )
  for (const table of realSchema.tables)
    if (referenced.has(tableName(table)) && table.estimatedRows < 10 * REFERENCE_ROWS)
      counts.set(tableName(table), await countRows(real, table))
  return referenceIds(
    referenceTables(realSchema, {
      rows: (id) => counts.get(id) ?? REFERENCE_ROWS,
      personalColumns: personal,
    }),
  )
}

/** The largest of the figures present, or null. */
function worst(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null)
  return present.length === 0 ? null : Math.max(...present)
}

function roundAll<T extends Record<string, number | null>>(parts: T): T {
  return Object.fromEntries(Object.entries(parts).map(([key, v]) => [key, v === null ? null : round(v)])) as T
}
