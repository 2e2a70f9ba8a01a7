import { Command, InvalidArgumentError, Option } from 'commander'
import { databaseArgument } from '../config/project-config.js'
import { parseConnectionUrl } from '../dialects/connection-url.js'
import { DbtwinError } from '../errors.js'
import { parseModelFile } from '../model/model-file.js'
import type { Model } from '../model/model.js'
import { derivedColumns, loadConstraints } from '../rules/load-constraints.js'
import { rulesForModel } from '../rules/rules-for-model.js'
import type { Shard } from '../generate/generate-twin.js'
import { checkRootRows } from '../generate/root-rows.js'
import { generateFiles, type FileFormat } from '../write/file-output.js'
import { generate, type GenerateEvent } from '../write/generate-into-target.js'
import type { SchemaMap } from '../schema/table-placement.js'
import {
  existingTableOptions,
  existingTables,
  keepGrantsOption,
  verboseOption,
  positiveFloat,
  positiveInteger,
  schemaMapOption,
} from './option-parsers.js'
import { readInput } from './read-input.js'
import { reportAfterWrite } from './report-command.js'
import type { Interruption } from './interruption.js'
import { progressReporter, type ProgressReporter } from './progress.js'
import { checkOutputFile, checkOutputFolder } from './write-output.js'

export function generateCommand(interrupt: Interruption): Command {
  return new Command('generate')
    .description('write a synthetic twin, generated from a model file alone, into a target database')
    .requiredOption('--model <file>', 'the model file written by dbtwin learn')
    .option('--to <url>', 'the target database: postgres://…, mysql://…, pglite://<dir>')
    .option('--out <dir>', 'write one file per table into a directory instead of a database')
    .addOption(
      new Option(
        '--format <format>',
        'file format for --out; sql also writes the schema around the rows (00-before-load.sql, zzz-after-load.sql), for psql into an empty database',
      )
        .choices(['csv', 'sql'])
        .default('csv'),
    )
    .option(
      '--scale <f>',
      'rows of every table = learned rows × f (small lookup tables without personal data keep theirs)',
      positiveFloat,
      1,
    )
    .addOption(
      new Option('--rows <table=n...>', 'explicit row counts for parentless tables; their children follow')
        .argParser(rowCounts)
        .default({}, 'none'),
    )
    .option('--seed <s>', 'seed: the same model, seed and options give the same rows', positiveInteger, 1)
    .option(
      '--rules <path>',
      'rules directory or file: faker/template/constant/pick/null rules fill their columns; `derive:` constraints set theirs after the load',
    )
    .addOption(existingTableOptions.create())
    .addOption(existingTableOptions.truncate())
    .addOption(existingTableOptions.drop())
    .addOption(schemaMapOption())
    .addOption(
      new Option(
        '--shard <i/n>',
        'write only part i of n (0-based); the n parts union to a single run',
      ).argParser(shardOf),
    )
    .addOption(
      new Option('--schema-only', 'only create the tables (the first step of a sharded load)').conflicts([
        'shard',
        'constraintsOnly',
      ]),
    )
    .addOption(
      new Option(
        '--constraints-only',
        'only add the foreign keys (the last step of a sharded load)',
      ).conflicts('shard'),
    )
    .addOption(keepGrantsOption())
    .addOption(verboseOption())
    .option(
      '--trust-model',
      "run the model's functions, procedures, triggers, views, policies and events on a target of its engine (a model file is untrusted: off, only its plain objects are written)",
    )
    .option(
      '--report [html]',
      'when done, compare the result with its source (or model): print the summary, and write the HTML report to the file given',
    )
    .addHelpText('after', GENERATE_HELP)
    .action((options: GenerateFlags) => runGenerate(options, interrupt))
}

const GENERATE_HELP = `
Without --create, --truncate or --drop, missing tables are created and existing empty ones reused; a table that
holds rows is refused.

A load shared by n processes (a Kubernetes indexed Job, a CI matrix): run --schema-only once, then --shard i/n in
each process (i = 0 … n-1, any order, in parallel), then --constraints-only once. Every shard generates the whole
twin deterministically and writes its part; the parts are disjoint and together equal a single run.

Examples:
  dbtwin generate --model model.yaml --to pglite://.dbtwin/twin --scale 0.5
  dbtwin generate --model model.yaml --to postgres://postgres@127.0.0.1:5432/staging --truncate --seed 7
  dbtwin generate --model model.yaml --to mysql://root@127.0.0.1:3306/qa --rows clinic.patients=20000
  dbtwin generate --model model.yaml --out twin-csv/ --scale 10
  dbtwin generate --model model.yaml --out twin-sql/ --format sql
  dbtwin generate --model model.yaml --to "$CITUS_URL" --schema-only --scale 100
  dbtwin generate --model model.yaml --to "$CITUS_URL" --shard "$JOB_COMPLETION_INDEX/8" --scale 100
  dbtwin generate --model model.yaml --to "$CITUS_URL" --constraints-only`

interface GenerateFlags {
  model: string
  to?: string
  out?: string
  format: FileFormat
  scale: number
  rows: Record<string, number>
  seed: number
  rules?: string
  create?: boolean
  truncate?: boolean
  drop?: boolean
  report?: string | true
  shard?: Shard
  schemaOnly?: boolean
  constraintsOnly?: boolean
  schemaMap: SchemaMap
  trustModel?: boolean
  keepGrants?: boolean
  verbose?: boolean
}

/** Generates the model's twin into the files of --out, or into the database of --to (then reports, if asked). */
async function runGenerate(options: GenerateFlags, interrupt: Interruption): Promise<void> {
  if ((options.to === undefined) === (options.out === undefined)) {
    throw new DbtwinError(
      'USAGE',
      'generate needs exactly one of --to <url> and --out <dir>',
      'name a target database with --to, or a directory for CSV files with --out',
    )
  }
  const model = parseModelFile(await readInput(options.model, '--model'), options.model)
  checkRootRows(model.schema, options.rows)
  if (options.out !== undefined) await checkOutputFolder(options.out, '--out')
  if (typeof options.report === 'string') await checkOutputFile(options.report, '--report')
  if (options.out !== undefined) await generateIntoFiles(model, options.out, options)
  else await generateIntoDatabase(model, options.to!, options, interrupt)
}

async function generateIntoFiles(model: Model, out: string, options: GenerateFlags): Promise<void> {
  const started = performance.now()
  const rows = await generateFiles(
    model,
    out,
    options.format,
    {
      scale: options.scale,
      rows: options.rows,
      seed: options.seed,
      family: 'postgres',
      rules: await rulesForModel(model, options.rules),
      shard: options.shard,
    },
    {
      trusted: options.trustModel === true,
      keepGrants: options.keepGrants,
      onNote: (line) => process.stderr.write(`${line}\n`),
      derived: derivedColumns(await loadConstraints(options.rules, model.schema)),
    },
  )
  printTotal(rows, (performance.now() - started) / 1000, out)
}

async function generateIntoDatabase(
  model: Model,
  url: string,
  options: GenerateFlags,
  interrupt: Interruption,
): Promise<void> {
  const existing = existingTables(options)
  const progress = progressReporter()
  try {
    const to = await databaseArgument(url)
    const stage =
      options.schemaOnly === true ? 'schema' : options.constraintsOnly === true ? 'constraints' : undefined
    const result = await interrupt.during((signal) =>
      generate(model, to, { ...options, existing, stage, signal }, (event) =>
        showWriteEvent(progress, event, options.verbose),
      ),
    )
    progress.stop()
    printTotal(result.rows, result.seconds, parseConnectionUrl(to).display)
    await reportAfterWrite(
      null,
      to,
      { model, scale: options.scale, schemaMap: options.schemaMap },
      options.report,
    )
  } finally {
    progress.stop()
  }
}

export function printTotal(rows: Record<string, number>, seconds: number, where: string): void {
  const total = Object.values(rows).reduce((a, b) => a + b, 0)
  const rate = Math.round(total / Math.max(seconds, 1e-9)).toLocaleString('en-US')
  process.stderr.write(
    `wrote ${total.toLocaleString('en-US')} rows to ${where} in ${seconds.toFixed(1)} s (${rate} rows/s)\n`,
  )
}

/** Prints a write's progress; `verbose` adds one line per object left out or translated across engines. */
export function showWriteEvent(progress: ProgressReporter, event: GenerateEvent, verbose = false): void {
  if (event.step === 'table') {
    const rate =
      event.seconds > 0 ? ` ${Math.round(event.rows / event.seconds).toLocaleString('en-US')} rows/s` : ''
    progress.update(
      'writing tables',
      event.index + 1,
      event.total,
      `${event.table} (${event.rows.toLocaleString('en-US')} rows${rate})`,
    )
  } else if (event.step === 'keys')
    progress.update('adding foreign keys', 0, event.foreignKeys, 'each checked against the rows')
  else if (event.step === 'note') progress.note(event.message)
  else if (event.step === 'objects') {
    if (verbose) for (const f of event.fates) progress.note(`  ${f.fate} ${f.kind} ${f.name}: ${f.reason}`)
  } else progress.note(`added and checked ${event.foreignKeys} foreign keys`)
}

function shardOf(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value)
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (match === null || count < 1 || index >= count) {
    throw new InvalidArgumentError(`"${value}" is not i/n with 0 ≤ i < n, e.g. 0/4`)
  }
  return { index, count }
}

function rowCounts(value: string, previous: Record<string, number>): Record<string, number> {
  const match = /^(.+)=(\d+)$/.exec(value)
  if (match === null) throw new InvalidArgumentError(`"${value}" is not table=count`)
  return { ...previous, [match[1]!]: Number(match[2]) }
}
