import { Command, InvalidArgumentError } from 'commander'
import { databaseArgument } from '../config/project-config.js'
import { LEARN_DEFAULTS, learn, type LearnEvent } from '../learn/learn.js'
import { formatModelFile } from '../model/model-file.js'
import { countOfOneOrMore, positiveInteger } from './option-parsers.js'
import { progressReporter } from './progress.js'
import { checkOutputFile, writeOutput } from './write-output.js'
import { unmodeledNotes } from './unmodeled-notes.js'
import { referenceNotes } from './reference-notes.js'

export function learnCommand(): Command {
  return new Command('learn')
    .description(
      'learn a statistical model of a source database (statistics, never records) into a model file',
    )
    .argument('<source-url>', 'the source: read over a read-only connection, never written')
    .option('-o, --out <file>', 'the model file to write (YAML); the terminal when omitted')
    .option(
      '--rules <path>',
      'rules directory or file: the columns they rewrite are not learned from their values; its `tables:` say which tables are copied whole (docs/reference-tables.md)',
    )
    .option(
      '--sample-rows <n>',
      'rows sampled per table for quantiles, shapes, words and correlations',
      countOfOneOrMore,
      LEARN_DEFAULTS.sampleRows,
    )
    .option(
      '--min-count <k>',
      'never write a value, shape or bin seen fewer than k times, nor a word or word pair seen in fewer than k rows',
      countOfOneOrMore,
      LEARN_DEFAULTS.minCount,
    )
    .option(
      '--epsilon <e>',
      'differential privacy: Laplace noise on counts and histograms, total budget e; reference tables are then synthesized unless marked public',
      positiveNumber,
    )
    .option(
      '--seed <s>',
      'seed for sampling and noise: same source and seed, same file',
      positiveInteger,
      LEARN_DEFAULTS.seed,
    )
    .addHelpText('after', LEARN_HELP)
    .action(runLearn)
}

const LEARN_HELP = `
Examples:
  dbtwin learn postgres://readonly@prod-replica:5432/clinic -o model.yaml --rules rules/
  dbtwin learn mysql://root@127.0.0.1:3306/shop -o shop.model.yaml --epsilon 1 --min-count 10`

interface LearnFlags {
  out?: string
  rules?: string
  sampleRows: number
  minCount: number
  epsilon?: number
  seed: number
}

/** Learns the source into the model file (or the terminal), with progress and what was left out on stderr. */
async function runLearn(url: string, options: LearnFlags): Promise<void> {
  await checkOutputFile(options.out, '--out')
  const progress = progressReporter()
  const unmodeled: { table: string; column: string; reason: string }[] = []
  const references: string[] = []
  try {
    const model = await learn(await databaseArgument(url), options, (event: LearnEvent) => {
      if (event.step === 'table')
        progress.update(
          'learning tables',
          event.index + 1,
          event.total,
          `${event.table} (${event.rows.toLocaleString('en-US')} rows)`,
        )
      else if (event.step === 'relations')
        progress.update('learning relations', event.index + 1, event.total, event.table)
      else if (event.step === 'reference')
        references.push(...referenceNotes(event.decisions, event.notPublic))
      else unmodeled.push(event)
    })
    progress.stop()
    for (const line of unmodeledNotes(unmodeled)) progress.note(line)
    for (const line of references) progress.note(line)
    await writeOutput(formatModelFile(model), options.out)
  } finally {
    progress.stop()
  }
}

function positiveNumber(value: string): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`"${value}" is not a number > 0`)
  return n
}
