import { Command } from 'commander'
import { databaseArgument } from '../config/project-config.js'
import { groupName } from '../rules/quasi-identifiers.js'
import { check } from '../rules/scan.js'
import { positiveInteger } from './option-parsers.js'
import { findingsTable } from './scan-command.js'

export function checkCommand(): Command {
  return new Command('check')
    .description(
      'fail (exit 1) when a PII column has no rule or the rules are invalid: the gate to run in CI before a twin is made; warn where quasi-identifiers leave k below 5; count the source rows breaking each declared constraint',
    )
    .argument('<url>', 'the database to scan (read only)')
    .requiredOption('--rules <path>', 'rules directory or file')
    .option('--sample-rows <n>', 'rows sampled per table for content checks', positiveInteger, 1000)
    .addHelpText(
      'after',
      `
Examples:
  dbtwin check postgres://postgres@127.0.0.1:5432/shop --rules rules/
  dbtwin check "$PROD_REPLICA_URL" --rules rules/ || exit 1`,
    )
    .action(async (url: string, options: { rules: string; sampleRows: number }) => {
      const result = await check(await databaseArgument(url), options.rules, {
        sampleRows: options.sampleRows,
      })
      for (const d of result.declared) {
        process.stdout.write(
          `declared ${d.kind} on ${d.table} (${d.source}): ${d.violations === 0 ? `holds on all ${d.rows} source rows` : `${d.violations} of ${d.rows} source rows break it`}\n`,
        )
      }
      for (const group of result.quasiRisks) {
        process.stdout.write(
          `warning: ${group.k === 1 ? `k = 1 for ${group.uniqueRows} rows` : `k = ${group.k}`} on ${groupName(group)}: coarsen with generalize rules (e.g. \`generalize: year\` on a birth date, \`generalize: { digits: 3 }\` on a zip)\n`,
        )
      }
      if (result.uncovered.length === 0) {
        process.stdout.write(
          `ok: every one of ${result.covered.length} PII columns in ${result.database} has a rule\n`,
        )
        return
      }
      process.stdout.write(
        findingsTable(
          result.uncovered,
          `${result.uncovered.length} PII columns in ${result.database} have no rule:`,
        ),
      )
      process.stdout.write(
        `Fix: add a rule for each (see rules/pii-pack.yaml), or \`keep: <reason>\` once reviewed; \`dbtwin scan ${'<url>'} --write rules/new.yaml\` drafts them\n`,
      )
      process.exitCode = 1
    })
}
