import { Command } from 'commander'
import { parseConnectionUrl } from '../dialects/connection-url.js'
import { loadProjectConfig, resolveDatabase } from '../config/project-config.js'
import { clone } from '../write/clone.js'
import { printTotal, showWriteEvent } from './generate-command.js'
import type { SchemaMap } from '../schema/table-placement.js'
import {
  existingTableOptions,
  existingTables,
  keepGrantsOption,
  verboseOption,
  positiveInteger,
  schemaMapOption,
} from './option-parsers.js'
import { reportAfterWrite } from './report-command.js'
import type { Interruption } from './interruption.js'
import { progressReporter, type ProgressReporter } from './progress.js'
import type { LearnEvent } from '../learn/learn.js'
import type { GenerateEvent } from '../write/generate-into-target.js'
import { checkOutputFile } from './write-output.js'
import { unmodeledNotes } from './unmodeled-notes.js'
import { referenceNotes } from './reference-notes.js'

export function cloneCommand(interrupt: Interruption): Command {
  return new Command('clone')
    .description('inspect, learn and generate in one go: a synthetic twin of --from written into --to')
    .option('--from <url>', 'the source (read only): a URL or a source named in dbtwin.yaml')
    .option('--to <url>', 'the target: a URL or a target named in dbtwin.yaml')
    .option(
      '--scale <f>',
      'rows of every table = source rows × f, small lookup tables (no personal data, under 200 rows) kept (default 1, or dbtwin.yaml)',
      Number,
    )
    .option('--seed <s>', 'seed for learning and generating (default 1, or dbtwin.yaml)', positiveInteger)
    .option('--rules <path>', "rules directory or file (default: dbtwin.yaml's)")
    .addOption(existingTableOptions.create())
    .addOption(existingTableOptions.truncate())
    .addOption(existingTableOptions.drop())
    .addOption(schemaMapOption())
    .addOption(keepGrantsOption())
    .addOption(verboseOption())
    .option(
      '--report [html]',
      'when done, compare the result with its source (or model): print the summary, and write the HTML report to the file given',
    )
    .addHelpText('after', CLONE_HELP)
    .action((options: CloneFlags) => runClone(options, interrupt))
}

const CLONE_HELP = `
With a dbtwin.yaml in the working directory, --from and --to may name its sources and targets, and each omitted
option takes the project's value: \`dbtwin clone\` alone clones default.from into default.to.

Examples:
  dbtwin clone
  dbtwin clone --from prod --to staging
  dbtwin clone --from postgres://readonly@replica:5432/clinic --to pglite://.dbtwin/twin --rules rules/ --scale 0.1
  dbtwin clone --from mysql://root@127.0.0.1:3306/shop --to postgres://postgres@127.0.0.1:5432/shop_twin --drop
  dbtwin clone --from postgres://readonly@replica:5432/shop --to mysql://root@127.0.0.1:3306/shop_twin --create`

interface CloneFlags {
  from?: string
  to?: string
  scale?: number
  seed?: number
  rules?: string
  create?: boolean
  truncate?: boolean
  drop?: boolean
  report?: string | true
  schemaMap: SchemaMap
  keepGrants?: boolean
  verbose?: boolean
}

/** Clones the source into the target, each option defaulting to dbtwin.yaml's; then the report, if asked. */
async function runClone(options: CloneFlags, interrupt: Interruption): Promise<void> {
  if (typeof options.report === 'string') await checkOutputFile(options.report, '--report')
  const project = await loadProjectConfig()
  const from = resolveDatabase(project, 'source', options.from)
  const to = resolveDatabase(project, 'target', options.to)
  const rules = options.rules ?? project?.rules
  const scale = options.scale ?? project?.scale ?? 1
  const seed = options.seed ?? project?.seed ?? 1
  const progress = progressReporter()
  try {
    const existing = existingTables(options)
    const { schemaMap, keepGrants } = options
    const { model, result } = await interrupt.during((signal) =>
      clone(
        from,
        to,
        { scale, seed, rules, existing, signal, schemaMap, keepGrants },
        cloneEventPrinter(progress, options.verbose),
      ),
    )
    progress.stop()
    printTotal(result.rows, result.seconds, parseConnectionUrl(to).display)
    await reportAfterWrite(from, to, { model, rules, scale, schemaMap }, options.report)
  } finally {
    progress.stop()
  }
}

/** Prints a clone's progress: learning, what learning left out (once it is done), then the write. */
function cloneEventPrinter(
  progress: ProgressReporter,
  verbose: boolean | undefined,
): (event: LearnEvent | GenerateEvent) => void {
  const unmodeled: { table: string; column: string; reason: string }[] = []
  return (event) => {
    if (event.step === 'table' && !('seconds' in event))
      progress.update('learning tables', event.index + 1, event.total, event.table)
    else if (event.step === 'unmodeled') unmodeled.push(event)
    else if (event.step === 'reference')
      for (const line of referenceNotes(event.decisions, event.notPublic)) progress.note(line)
    else if (event.step === 'relations') {
      // Learning is done once relations are: say what it left out before the write's lines begin.
      if (event.index + 1 === event.total)
        for (const line of unmodeledNotes(unmodeled.splice(0))) progress.note(line)
    } else showWriteEvent(progress, event, verbose)
  }
}
