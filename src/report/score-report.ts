import { dialectFamily, type DialectName, type Schema } from '../schema/schema.js'
import { crossEngineDetails } from '../write/cross-engine-details.js'
import { dcrScore } from './metrics/privacy.js'
import { mean, overallQuality } from './metrics/scores.js'
import {
  QUALITY_PARTS,
  REPORT_FORMAT_VERSION,
  type AcrossEnginesSection,
  type ConsistencySection,
  type ExtraGate,
  type InvariantsSection,
  type PrivacySection,
  type Report,
  type TableQuality,
  type Verdict,
} from './report.js'
import { qualityParts, round } from './table-quality.js'

export type Gate = 'quality' | 'privacy' | 'consistency'

/** Everything a report's scores are computed from: what was read from both sides, and how. */
export interface ReportInputs {
  createdAt: string
  /** The source's schema, or the model's when there is no source (`sourceRead` false). */
  realSchema: Schema
  sourceRead: boolean
  twin: { database: string; dialect: DialectName }
  maxRows: number
  /** The rare-value threshold. */
  k: number
  subset: boolean
  failUnder: Partial<Record<Gate | ExtraGate, number>> | undefined
  sampledTables: string[]
  tables: TableQuality[]
  privacy: PrivacyInputs
  consistency: ConsistencySection
  invariants: InvariantsSection
}

/** The privacy figures read table by table (the per-table rows are read only against a source). */
export interface PrivacyInputs {
  tables: PrivacySection['tables']
  ruledColumns: PrivacySection['ruledColumns']
  rare: { rare: number; leaked: number }
  pii: PrivacySection['pii']
}

/**
 * The report from what was read: the quality parts, the privacy headline and score, and a verdict per gate. Pure:
 * the same inputs give the same report.
 *
 * @example
 * const r = scoreReport(await readReportInputs(…))
 * r.verdicts.quality.passed // null without a --fail-under threshold
 */
export function scoreReport(inputs: ReportInputs): Report {
  const { realSchema, twin, failUnder, consistency, invariants } = inputs
  const { parts: quality, extras } = qualityParts(inputs.tables)
  const privacy = privacySection(inputs)
  const qualityScore = overallQuality(quality)
  const verdict = (gate: Gate | ExtraGate, score: number | null): Verdict => {
    const threshold = failUnder?.[gate] ?? null
    return {
      score: score === null ? null : round(score),
      threshold,
      passed: threshold === null ? null : score !== null && score >= threshold,
    }
  }
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    createdAt: inputs.createdAt,
    real: inputs.sourceRead ? { database: realSchema.database, dialect: realSchema.dialect } : null,
    twin: { database: twin.database, dialect: twin.dialect },
    sampling: { maxRowsPerTable: inputs.maxRows, sampledTables: inputs.sampledTables },
    verdicts: {
      quality: verdict('quality', qualityScore),
      privacy: verdict('privacy', privacy.score),
      consistency: verdict('consistency', consistency.score),
      ...Object.fromEntries(
        QUALITY_PARTS.filter((part) => failUnder?.[`quality.${part}`] !== undefined).map((part) => [
          `quality.${part}`,
          verdict(`quality.${part}`, quality[part]),
        ]),
      ),
      ...(failUnder?.detection === undefined ? {} : { detection: verdict('detection', extras.detection) }),
      ...(failUnder?.invariants === undefined ? {} : { invariants: verdict('invariants', invariants.score) }),
    },
    quality: {
      score: qualityScore === null ? null : round(qualityScore),
      parts: roundAll(quality),
      extras: roundAll(extras),
      tables: inputs.tables,
    },
    privacy: { ...privacy, score: privacy.score === null ? null : round(privacy.score) },
    consistency,
    invariants: { ...invariants, score: invariants.score === null ? null : round(invariants.score) },
    ...acrossEngines(realSchema, twin.dialect),
  }
}

/** The privacy section, its score unrounded (the verdict rounds it). */
function privacySection({ privacy, subset, sourceRead, k }: ReportInputs): PrivacySection {
  const { tables, ruledColumns, rare, pii } = privacy
  // Copied rows anywhere make a twin unsafe: the exact-match headline is the worst table's, leaving out tables
  // of a few categories, whose rows repeat by necessity. DCR and the attack are statistical and noisy per table,
  // so they are averaged.
  const exactMatchRate = worst(tables.filter((p) => !p.exactMatchUnavoidable).map((p) => p.exactMatchRate))
  const dcrShareValue = mean(tables.map((p) => p.dcrShare))
  const auc = mean(tables.map((p) => p.membershipAuc))
  const rareShare = rare.rare === 0 ? 0 : rare.leaked / rare.rare
  const dcr =
    dcrShareValue === null ? null : { share: round(dcrShareValue), score: round(dcrScore(dcrShareValue)) }
  const piiCovered = pii.length === 0 ? 1 : pii.filter((p) => p.covered).length / pii.length
  const rewriteRate = mean(ruledColumns.map((c) => (c.rows === 0 ? null : 1 - c.unchanged / c.rows)))
  const score = !sourceRead
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
  return {
    score,
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
    tables,
  }
}

/** The report's across-engines section: present when the twin's engine family is not its source's. */
function acrossEngines(source: Schema, twin: DialectName): { acrossEngines?: AcrossEnginesSection } {
  const target = dialectFamily(twin)
  if (dialectFamily(source.dialect) === target) return {}
  return { acrossEngines: { target, objects: crossEngineDetails(source, target) } }
}

/** The largest of the figures present, or null. */
function worst(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null)
  return present.length === 0 ? null : Math.max(...present)
}

function roundAll<T extends Record<string, number | null>>(parts: T): T {
  return Object.fromEntries(Object.entries(parts).map(([key, v]) => [key, v === null ? null : round(v)])) as T
}
