import { Command, Option } from 'commander'
import { parseConnectionUrl } from '../dialects/connection-url.js'
import { loadProjectConfig, resolveDatabase, type ProjectConfig } from '../config/project-config.js'
import { DbtwinError } from '../errors.js'
import type { DialectName } from '../schema/schema.js'
import { subset, type SubsetPlan } from '../subset/subset.js'
import {
  parseChildren,
  parseRoot,
  parseSubsetConfig,
  subsetConfigOf,
  parseVirtualForeignKey,
  type SubsetOptions,
} from '../subset/subset-options.js'
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
import { progressReporter } from './progress.js'
import { readInput } from './read-input.js'
import { checkOutputFile } from './write-output.js'

const collect = (value: string, previous: string[] = []) => [...previous, value]

export function subsetCommand(interrupt: Interruption): Command {
  return new Command('subset')
    .description(
      'copy a referentially complete slice of real rows into a target, every PII column rewritten by rules',
    )
    .option('--from <url>', 'the source (read only, never written): a URL or a source named in dbtwin.yaml')
    .option('--to <url>', 'the target: a URL or a target named in dbtwin.yaml (not needed with --plan)')
    .option(
      '--rules <path>',
      'rules directory or file; every PII column needs a rule that rewrites or keeps it; `derive:` constraints are set after the load',
    )
    .option(
      '--root <selection>',
      'rows to start from: "table where <one boolean SQL condition>", "table N%" or "table limit N" (repeatable)',
      collect,
    )
    .option(
      '--children <policy>',
      'children to follow from chosen rows: all, none, or table=N per parent (repeatable)',
      collect,
    )
    .option(
      '--passthrough <table>',
      'copy a (small lookup) table whole (repeatable); reference tables are copied whole without it',
      collect,
    )
    .option(
      '--exclude <table>',
      'leave a table out; tables whose NOT NULL keys need it are left out too (repeatable)',
      collect,
    )
    .option(
      '--virtual-fk <relation>',
      'follow an undeclared relation: "child(col) -> parent(col)" (repeatable)',
      collect,
    )
    .addOption(
      new Option(
        '--optional-parents <mode>',
        'nullable foreign keys: include their parents, or write NULL when not chosen',
      ).choices(['include', 'null']),
    )
    .option('--config <file>', 'a YAML file with the options above (command-line values add to it)')
    .option('--plan', 'print how many rows of each table would be copied and why, and write nothing')
    .option('--seed <s>', 'seed of percentage roots', positiveInteger)
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
    .addHelpText('after', SUBSET_HELP)
    .action((flags: SubsetFlags) => runSubset(flags, interrupt))
}

const SUBSET_HELP = `
Rows referenced by chosen rows are always included (transitively), so the target has no dangling key; children
of roots are followed as --children says, and their parents closed again until nothing changes. Set
DBTWIN_SECRET to rewrite values the same way in every run.

Examples:
  dbtwin subset --from postgres://…/prod --to postgres://…/staging --rules rules/ \\
    --root "clinic.patients where zip = '10001'" --passthrough clinic.diagnoses
  dbtwin subset --from mysql://…/prod --to pglite://.dbtwin/slice --rules rules/ --root "billing.claims 2%" \\
    --children billing.payments=1 --plan
  dbtwin subset --config subset.yaml --from "$PROD_URL" --to "$STAGING_URL" --truncate`

/** Copies the subset (or prints its plan with --plan), then reports, if asked. */
async function runSubset(flags: SubsetFlags, interrupt: Interruption): Promise<void> {
  if (typeof flags.report === 'string') await checkOutputFile(flags.report, '--report')
  const project = await loadProjectConfig()
  flags.from = resolveDatabase(project, 'source', flags.from)
  const options = await subsetOptions(flags, project, parseConnectionUrl(flags.from).dialect)
  if (flags.plan !== true) flags.to = resolveDatabase(project, 'target', flags.to)
  const progress = progressReporter()
  try {
    const result = await interrupt.during((signal) =>
      subset(
        flags.from!,
        flags.plan === true ? null : flags.to!,
        { ...options, planOnly: flags.plan, signal },
        (event) => {
          if (event.step === 'plan') process.stdout.write(planText(event.plan))
          else if (event.step === 'secret') progress.note(event.message)
          else showWriteEvent(progress, event, flags.verbose)
        },
      ),
    )
    progress.stop()
    if (flags.plan !== true) {
      printTotal(result.rows, result.seconds, parseConnectionUrl(flags.to!).display)
      await reportAfterWrite(
        flags.from,
        flags.to!,
        { rules: options.rules, subset: true, schemaMap: flags.schemaMap },
        flags.report,
      )
    }
  } finally {
    progress.stop()
  }
}

interface SubsetFlags {
  from?: string
  to?: string
  rules?: string
  root?: string[]
  children?: string[]
  passthrough?: string[]
  exclude?: string[]
  virtualFk?: string[]
  optionalParents?: 'include' | 'null'
  config?: string
  plan?: boolean
  seed?: number
  create?: boolean
  truncate?: boolean
  drop?: boolean
  report?: string | true
  schemaMap: SchemaMap
  keepGrants?: boolean
  verbose?: boolean
}

/** The options from --config or dbtwin.yaml and the flags; root conditions are checked for the source's dialect. */
async function subsetOptions(
  flags: SubsetFlags,
  project: ProjectConfig | null,
  dialect: DialectName,
): Promise<SubsetOptions> {
  const fromProject =
    project?.subset === undefined ? null : subsetConfigOf(project.subset, `${project.file} (subset)`, dialect)
  const base: SubsetOptions =
    flags.config !== undefined
      ? parseSubsetConfig(await readInput(flags.config, '--config'), flags.config, dialect)
      : (fromProject ?? { roots: [], rules: project?.rules, seed: project?.seed })
  const existing = existingTables(flags)
  const options: SubsetOptions = {
    ...base,
    rules: flags.rules ?? base.rules,
    roots: [...base.roots, ...(flags.root ?? []).map((root) => parseRoot(root, dialect))],
    children: flags.children === undefined ? base.children : parseChildren(flags.children),
    passthrough: [...(base.passthrough ?? []), ...(flags.passthrough ?? [])],
    exclude: [...(base.exclude ?? []), ...(flags.exclude ?? [])],
    virtualForeignKeys: [
      ...(base.virtualForeignKeys ?? []),
      ...(flags.virtualFk ?? []).map(parseVirtualForeignKey),
    ],
    optionalParents: flags.optionalParents ?? base.optionalParents,
    seed: flags.seed ?? base.seed,
    existing,
    schemaMap: flags.schemaMap,
    keepGrants: flags.keepGrants,
  }
  if (options.roots.length === 0) {
    throw new DbtwinError(
      'USAGE',
      'subset needs at least one --root',
      `e.g. --root "clinic.patients where zip = '10001'"`,
    )
  }
  return options
}

/** The plan as aligned lines: each table's rows and the reasons they came in. */
export function planText(plan: SubsetPlan): string {
  const width = Math.max(5, ...plan.tables.map((t) => t.table.length))
  const lines = ['subset plan:']
  for (const t of plan.tables) {
    const rows = t.rows === null ? 'by parents' : t.rows.toLocaleString('en-US')
    const why = t.reasons.map((r) => `${r.rows.toLocaleString('en-US')} ${r.reason}`).join('; ')
    lines.push(`  ${t.table.padEnd(width)}  ${rows.padStart(10)}  ${why}`)
  }
  for (const e of plan.excluded)
    lines.push(`  ${e.table.padEnd(width)}  ${'left out'.padStart(10)}  ${e.reason}`)
  lines.push(
    `closure: ${plan.rounds} rounds, ${plan.queries} queries to the source, ${plan.seconds.toFixed(1)} s`,
  )
  return `${lines.join('\n')}\n`
}
