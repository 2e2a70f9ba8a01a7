import { stringify } from 'yaml'
import type { ColumnId } from './resolve-rules.js'
import type { Rule, RuleAction } from './rule-file.js'
import type { PiiColumn } from './scan-database.js'

/**
 * A rule file for review: one rule per PII column found, naming the column exactly, with the action the default
 * pack would take and, above it, the kind, confidence and evidence that made `scan` flag it.
 */
export function ruleSkeleton(
  database: string,
  columns: readonly PiiColumn[],
  proposed: ReadonlyMap<ColumnId, Rule>,
): string {
  const lines = [
    `# PII rules for ${database}, proposed by \`dbtwin scan\`. Review each one: change the action, or replace it`,
    '# with `keep: <why this column is safe>`. `dbtwin check --rules <dir>` then fails on any PII column left uncovered.',
    'rules:',
  ]
  for (const column of columns) {
    const action = proposed.get(column.column)?.action ?? { kind: 'hash', format: 'auto' }
    lines.push(`  # ${column.kind}, confidence ${column.confidence}: ${column.evidence.join('; ')}`)
    lines.push(`  - column: ${JSON.stringify(column.column)}`)
    for (const line of stringify(actionEntry(action)).trimEnd().split('\n')) lines.push(`    ${line}`)
  }
  return `${lines.join('\n')}\n`
}

/** An action as a rule file writes it. */
export function actionEntry(action: RuleAction): Record<string, unknown> {
  const locale = 'locale' in action && action.locale !== null ? { locale: action.locale } : {}
  switch (action.kind) {
    case 'faker':
      return {
        ...locale,
        faker: action.args.length === 0 ? action.method : { method: action.method, args: action.args },
      }
    case 'template':
      return { ...locale, template: action.template }
    case 'mask':
      return { mask: { 'keep-first': action.keepFirst, 'keep-last': action.keepLast, char: action.char } }
    case 'hash':
      return { hash: action.format === 'auto' ? true : action.format }
    case 'shift-date':
      return {
        'shift-date': action.entity === null ? action.days : { days: action.days, entity: action.entity },
      }
    case 'generalize':
      return {
        generalize:
          action.to === 'digits'
            ? { digits: action.digits }
            : action.to === 'bucket'
              ? { bucket: action.width }
              : action.to,
      }
    case 'null':
    case 'model':
    case 'words':
      return { [action.kind]: true }
    case 'constant':
      return { constant: action.value }
    case 'pick':
      return { pick: action.values }
    case 'keep':
      return { keep: action.reason ?? true }
  }
}
