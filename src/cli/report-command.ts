import { Command, InvalidArgumentError } from 'commander'
import { databaseArgument } from '../config/project-config.js'
import { parseModelFile } from '../model/model-file.js'
import { renderHtml } from '../report/render-html.js'
import { renderSummary } from '../report/render-terminal.js'
import { QUALITY_PARTS, type Report } from '../report/report.js'
import { report, type ReportOptions } from '../report/report-twin.js'
import type { SchemaMap } from '../schema/table-placement.js'
import { countOfOneOrMore, positiveFloat, positiveInteger, schemaMapOption } from './option-parsers.js'
import { progressReporter } from './progress.js'
import { readInput } from './read-input.js'
import { checkOutputFile, writeFileWhole } from './write-output.js'

export function reportCommand(): Command {
  return new Command('report')
    .description('compare a twin with its source (or its model): how faithful, private and consistent it is')
    .requiredOption('--twin <url>', 'the twin (read only)')
    .option('--real <url>', 'the source (read only); without it the model is the reference')
    .option(
      '--model <file>',
      'the model the twin came from: the reference without --real, and the PII record',
    )
    .option(
      '--rules <path>',
      'rules directory or file: a PII column is covered when a rule decides it; declared `check:`/`derive:` constraints are counted in the invariants',
    )
    .option('--html <file>', 'write the report as one self-contained HTML file')
    .option('--json <file>', 'write every figure as JSON')
    .option(
      '--fail-under <gates>',
      'exit 1 below these scores, e.g. quality=0.85,privacy=0.9; a quality property too: quality.columnPairs=0.8; ' +
        'the detection score: detection=0.5; and the invariants (rules across tables, declared rules, source CHECKs): invariants=1',
      parseGates,
    )
    .option('--max-rows <n>', 'rows sampled per table and side', countOfOneOrMore, 10_000)
    .option('--seed <s>', 'seed of the samples', positiveInteger, 1)
    .option('--subset', 'the twin is a subset of the source: row counts are listed, not scored')
    .option(
      '--scale <f>',
      'the scale the twin was generated at: each table should hold the source rows × f (lookups their own)',
      positiveFloat,
      1,
    )
    .addOption(schemaMapOption())
    .addHelpText(
      'after',
      `
Examples:
  dbtwin report --real postgres://…/prod --twin postgres://…/twin --html report.html
  dbtwin report --model model.yaml --twin pglite://.dbtwin/twin --json report.json
  dbtwin report --real "$PROD_URL" --twin "$TWIN_URL" --fail-under quality=0.85,privacy=0.9,consistency=1
  dbtwin report --real "$PROD_URL" --twin "$TWIN_URL" --fail-under quality.columnPairs=0.8,quality.interTable=0.7
  dbtwin report --real "$PROD_URL" --twin "$TWIN_URL" --fail-under detection=0.5
  dbtwin report --model model.yaml --twin "$TWIN_URL" --fail-under invariants=1
  dbtwin report --real "$PROD_URL" --twin postgres://…/slice --subset
  dbtwin report --real "$PROD_URL" --twin postgres://…/tenth --scale 0.1`,
    )
    .action(async (flags: ReportFlags) => {
      const result = await runReport(flags)
      const failed = await writeReport(result, flags)
      if (failed) process.exitCode = 1
    })
}

export interface ReportFlags {
  twin: string
  real?: string
  model?: string
  rules?: string
  html?: string
  json?: string
  failUnder?: ReportOptions['failUnder']
  maxRows?: number
  seed?: number
  subset?: boolean
  scale?: number
  schemaMap?: SchemaMap
}

export async function runReport(flags: ReportFlags): Promise<Report> {
  await checkOutputFile(flags.html, '--html')
  await checkOutputFile(flags.json, '--json')
  const options: ReportOptions = {
    model:
      flags.model === undefined
        ? undefined
        : parseModelFile(await readInput(flags.model, '--model'), flags.model),
    rules: flags.rules,
    maxRows: flags.maxRows,
    seed: flags.seed,
    failUnder: flags.failUnder,
    subset: flags.subset,
    scale: flags.scale,
    schemaMap: flags.schemaMap,
  }
  const progress = progressReporter()
  try {
    return await report(
      flags.real === undefined ? null : await databaseArgument(flags.real),
      await databaseArgument(flags.twin),
      options,
      (e) => progress.update('comparing tables', e.index + 1, e.total, e.table),
    )
  } finally {
    progress.stop()
  }
}

/** `--report [html]` of generate, subset and clone: a report of what was just written, the summary printed. */
export async function reportAfterWrite(
  real: string | null,
  twin: string,
  options: Pick<ReportOptions, 'model' | 'rules' | 'subset' | 'scale' | 'schemaMap'>,
  html: string | true | undefined,
): Promise<void> {
  if (html === undefined) return
  const result = await report(real, twin, options)
  await writeReport(result, { html: html === true ? undefined : html })
}

/** Writes the files asked for and prints the summary; true when a `--fail-under` gate failed. */
export async function writeReport(result: Report, flags: { html?: string; json?: string }): Promise<boolean> {
  if (flags.json !== undefined) await writeFileWhole(flags.json, `${JSON.stringify(result, null, 2)}\n`)
  if (flags.html !== undefined) await writeFileWhole(flags.html, renderHtml(result))
  process.stdout.write(renderSummary(result, flags.html, { color: process.stdout.isTTY === true }))
  return Object.values(result.verdicts).some((v) => v.passed === false)
}

type Gates = NonNullable<ReportOptions['failUnder']>

function parseGates(value: string): Gates {
  const gates: Gates = {}
  const names = [
    'quality',
    'privacy',
    'consistency',
    ...QUALITY_PARTS.map((part) => `quality.${part}`),
    'detection',
    'invariants',
  ]
  for (const part of value.split(',')) {
    const match = /^([\w.]+)=([\d.]+)$/.exec(part.trim())
    const score = Number(match?.[2])
    if (match === null || !names.includes(match[1]!) || !(score >= 0 && score <= 1)) {
      throw new InvalidArgumentError(
        `"${part}" is not gate=score with a gate of ${names.join(', ')} and a score in [0, 1]`,
      )
    }
    gates[match[1] as keyof Gates] = score
  }
  return gates
}
