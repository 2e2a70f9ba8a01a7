import type { Connection } from '../dialects/connection.js'
import { openDatabase } from '../dialects/open-database.js'
import { packageFile } from '../package-file.js'
import type { Schema } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'
import { resolveRules, type ColumnId } from './resolve-rules.js'
import { declaredRuleText, resolveConstraints } from './declared-constraints.js'
import { readDeclaredViolations } from '../dialects/queries/declared-queries.js'
import { loadRuleSet, loadRules, rewrites, throwProblems, type Rule, type RulesSource } from './rule-file.js'
import { scanQuasiIdentifiers, SAFE_K, type QuasiGroup } from './quasi-identifiers.js'
import { scanDatabase, type PiiColumn, type ScanOptions } from './scan-database.js'

export interface ScanResult {
  /** The database scanned (its name, never its URL). */
  database: string
  schema: Schema
  columns: PiiColumn[]
  /** How unique rows are on each table's quasi-identifier combinations, counted in the source. */
  quasiIdentifiers: QuasiGroup[]
}

/**
 * Finds the columns of a database that hold personal data, by name and by a sample of their values, over a
 * read-only connection. Findings carry a confidence and evidence, never the values sampled.
 *
 * @example
 * const { columns } = await scan('postgres://postgres@127.0.0.1:5432/shop')
 * for (const c of columns) console.log(c.column, c.kind, c.confidence)
 */
export async function scan(url: Connection, options: ScanOptions = {}): Promise<ScanResult> {
  const source = await openDatabase(url, { readOnly: true })
  try {
    const schema = await source.introspect()
    const columns = await scanDatabase(source, schema, options)
    const quasiIdentifiers = await scanQuasiIdentifiers(source, schema, columns)
    return { database: schema.database, schema, columns, quasiIdentifiers }
  } finally {
    await source.close()
  }
}

export interface CheckResult extends ScanResult {
  /** PII columns with the rule that decides each. */
  covered: { column: PiiColumn; rule: Rule }[]
  /** PII columns no rule covers: what `dbtwin check` fails on. */
  uncovered: PiiColumn[]
  /**
   * Quasi-identifier combinations with k below {@link SAFE_K} whose columns no rule rewrites: a warning, not a
   * failure, since coarsening is a trade of detail for safety only the reviewer can make.
   */
  quasiRisks: QuasiGroup[]
  /**
   * Each `check` and `derive` the rule file declares, counted in the source (read only): a rule the source itself
   * breaks is worth knowing before a twin is judged by it. Informational; the gate fails only on uncovered PII.
   */
  declared: {
    kind: 'check' | 'derive'
    table: string
    rule: string
    source: string
    rows: number
    violations: number
  }[]
}

/**
 * Scans a database and checks that a rule (any action, `keep` included: a reviewed decision) covers every PII
 * column found. The rules are validated against the schema first, so a broken rule file fails the check too.
 *
 * @example
 * const { uncovered } = await check('postgres://postgres@127.0.0.1:5432/shop', 'rules/')
 * if (uncovered.length > 0) process.exitCode = 1
 */
export async function check(
  url: Connection,
  rules: RulesSource,
  options: ScanOptions = {},
): Promise<CheckResult> {
  const { rules: loaded, constraints } = await loadRuleSet(rules)
  const result = await scan(url, options)
  const declaredConstraints = resolveConstraints(result.schema, constraints)
  throwProblems(declaredConstraints.problems)
  const resolved = resolveRules(result.schema, loaded, kindsOf(result.columns))
  const covered: CheckResult['covered'] = []
  const uncovered: PiiColumn[] = []
  for (const column of result.columns) {
    const rule = resolved.get(column.column)
    if (rule === undefined) uncovered.push(column)
    else covered.push({ column, rule })
  }
  const quasiRisks = result.quasiIdentifiers.filter(
    (group) =>
      group.k !== null &&
      group.k < SAFE_K &&
      !group.columns.some((c) => {
        const rule = resolved.get(`${group.table}.${c.name}`)
        return rule !== undefined && rewrites(rule.action)
      }),
  )
  const declared: CheckResult['declared'] = []
  if (declaredConstraints.resolved.length > 0) {
    const source = await openDatabase(url, { readOnly: true })
    try {
      await source.readSnapshot(async (snapshot) => {
        for (const constraint of declaredConstraints.resolved) {
          if (constraint.kind === 'combinations') continue
          const counted = await readDeclaredViolations(snapshot, constraint.resolved, constraint)
          declared.push({
            kind: constraint.kind,
            table: tableName(constraint.resolved),
            rule: declaredRuleText(constraint),
            source: constraint.at.rule,
            ...counted,
          })
        }
      })
    } finally {
      await source.close()
    }
  }
  return { ...result, covered, uncovered, quasiRisks, declared }
}

/** The rule the default PII pack (rules/pii-pack.yaml) gives each PII column: what a skeleton proposes. */
export async function packRules(schema: Schema, columns: readonly PiiColumn[]): Promise<Map<ColumnId, Rule>> {
  return resolveRules(schema, await loadRules(packageFile('rules/pii-pack.yaml')), kindsOf(columns))
}

function kindsOf(columns: readonly PiiColumn[]) {
  return new Map(columns.map((c) => [c.column, c.kind]))
}
