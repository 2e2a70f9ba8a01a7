import { access } from 'node:fs/promises'
import { Command, Option } from 'commander'
import { databaseArgument } from '../config/project-config.js'
import { DbtwinError } from '../errors.js'
import { ruleSkeleton } from '../rules/rule-skeleton.js'
import { packRules, scan } from '../rules/scan.js'
import { groupName, SAFE_K, type QuasiGroup } from '../rules/quasi-identifiers.js'
import type { PiiColumn } from '../rules/scan-database.js'
import { positiveInteger } from './option-parsers.js'
import { checkOutputFile, writeOutput } from './write-output.js'

export function scanCommand(): Command {
  return new Command('scan')
    .description(
      'find the columns that hold personal data, by name and by sampled content, and count how many rows their quasi-identifiers (zip, birth date, sex…) single out; never prints a value',
    )
    .argument('<url>', 'the database to scan (read only)')
    .option('--write <file>', 'write a rule file skeleton for review (refuses to overwrite one)')
    .option('--sample-rows <n>', 'rows sampled per table for content checks', positiveInteger, 1000)
    .addOption(new Option('--json', 'print the findings as JSON'))
    .addHelpText(
      'after',
      `
Examples:
  dbtwin scan postgres://postgres@127.0.0.1:5432/shop
  dbtwin scan mysql://root@127.0.0.1:3306/crm --write rules/crm.yaml
  dbtwin scan pglite://.dbtwin/clinic --json`,
    )
    .action(async (url: string, options: { write?: string; sampleRows: number; json?: boolean }) => {
      if (options.write !== undefined && (await exists(options.write))) {
        throw new DbtwinError(
          'USAGE',
          `${options.write} already exists`,
          'choose a new file name; reviewed rules are never overwritten',
        )
      }
      await checkOutputFile(options.write, '--write')
      const result = await scan(await databaseArgument(url), { sampleRows: options.sampleRows })
      if (options.json === true) {
        const { columns, quasiIdentifiers } = result
        process.stdout.write(`${JSON.stringify({ columns, quasiIdentifiers }, null, 2)}\n`)
      } else {
        process.stdout.write(
          findingsTable(result.columns, `${result.columns.length} PII columns in ${result.database}`),
        )
        process.stdout.write(quasiTable(result.quasiIdentifiers))
      }
      if (options.write !== undefined) {
        const skeleton = ruleSkeleton(
          result.database,
          result.columns,
          await packRules(result.schema, result.columns),
        )
        await writeOutput(skeleton, options.write)
      }
    })
}

/** Findings as aligned lines: column, kind, confidence, evidence. */
export function findingsTable(columns: readonly PiiColumn[], heading: string): string {
  const width = Math.max(6, ...columns.map((c) => c.column.length))
  const kindWidth = Math.max(4, ...columns.map((c) => c.kind.length))
  const lines = columns.map(
    (c) =>
      `  ${c.column.padEnd(width)}  ${c.kind.padEnd(kindWidth)}  ${c.confidence.toFixed(2)}  ${c.evidence.join('; ')}`,
  )
  return `${heading}\n${lines.join('\n')}${lines.length > 0 ? '\n' : ''}`
}

/** Quasi-identifier combinations as aligned lines: k, rows alone in their group, the combination. */
export function quasiTable(groups: readonly QuasiGroup[]): string {
  if (groups.length === 0) return ''
  const lines = groups.map(
    (g) =>
      `  k = ${String(g.k ?? '-').padEnd(4)} ${String(g.uniqueRows).padStart(8)} of ${String(g.rows).padEnd(8)} rows unique on ${groupName(g)}`,
  )
  return `Quasi-identifiers (k: the smallest group of rows sharing these values; below ${SAFE_K} coarsen with generalize rules)\n${lines.join('\n')}\n`
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file)
    return true
  } catch {
    return false
  }
}
