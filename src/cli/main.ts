import { Command, CommanderError } from 'commander'
import { maskPasswords } from '../dialects/connection-url.js'
import { permissionError } from '../dialects/permission-error.js'
import { DbtwinError } from '../errors.js'
import { VERSION } from '../version.js'
import type { Interruption } from './interruption.js'
import { interruption } from './interruption.js'

/** The CLI: a thin layer over the library; the only place that prints and sets the exit code. */
export async function main(argv: string[]): Promise<void> {
  maskPasswordsIn(process.stderr)
  const interrupt = interruption()
  const program = new Command('dbtwin')
    .description(
      'a safe, realistic twin of a production database: inspect, scan for PII, learn a model, generate or subset',
    )
    .version(VERSION)
  for (const make of commandsFor(argv)) program.addCommand(await make(interrupt))
  // Commander's own usage errors (an unknown option, a value its parser refuses) end the run here like every
  // other error: one line with its fix, not commander's own print and exit.
  for (const command of [program, ...program.commands])
    command.exitOverride().configureOutput({ outputError: () => {} })
  try {
    await program.parseAsync(argv)
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode !== 0) process.stderr.write(`dbtwin: ${usageLine(error, program, argv)}\n`)
      process.exitCode = error.exitCode
      return
    }
    const known = error instanceof DbtwinError ? error : permissionError(error)
    process.stderr.write(`dbtwin: ${known?.toLine() ?? unexpected(error)}\n`)
    if (process.env['DEBUG']?.includes('dbtwin') === true && error instanceof Error)
      process.stderr.write(`${error.stack}\n`)
    process.exitCode = interrupt.exitCode() ?? 1
  }
}

type CommandMaker = (interrupt: Interruption) => Promise<Command>

/**
 * Each command's module, imported only when it runs: a command's module pulls in its whole stage (kysely, zod,
 * faker's locales…), and `dbtwin --version` or `dbtwin inspect` should not wait for the others' (issue 21.5).
 */
const COMMANDS: Record<string, CommandMaker> = {
  demo: async () => (await import('./demo-command.js')).demoCommand(),
  inspect: async () => (await import('./inspect-command.js')).inspectCommand(),
  scan: async () => (await import('./scan-command.js')).scanCommand(),
  check: async () => (await import('./check-command.js')).checkCommand(),
  learn: async () => (await import('./learn-command.js')).learnCommand(),
  generate: async (interrupt) => (await import('./generate-command.js')).generateCommand(interrupt),
  subset: async (interrupt) => (await import('./subset-command.js')).subsetCommand(interrupt),
  clone: async (interrupt) => (await import('./clone-command.js')).cloneCommand(interrupt),
  report: async () => (await import('./report-command.js')).reportCommand(),
  sample: async () => (await import('./sample-command.js')).sampleCommand(),
}

/**
 * The commands argv needs: the one it names, and every one otherwise (the overall help lists them all, and an
 * unknown word gets commander's "did you mean"). A bare `--version` never gets here: run.ts answers it.
 */
function commandsFor(argv: readonly string[]): CommandMaker[] {
  const first = argv[2]
  if (first !== undefined && Object.hasOwn(COMMANDS, first)) return [COMMANDS[first]!]
  return Object.values(COMMANDS)
}

/**
 * Every message, warning and error the CLI prints goes to stderr, and passes through maskPasswords on its way: a
 * driver's message can echo a URL, and a URL typed as POSTGRES:// was printed whole (issue 14).
 */
function maskPasswordsIn(stream: NodeJS.WriteStream): void {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean
  stream.write = ((chunk: unknown, ...rest: unknown[]) =>
    write(typeof chunk === 'string' ? maskPasswords(chunk) : chunk, ...rest)) as typeof stream.write
}

/** A commander usage error as one line ending with its fix, unless its parser already wrote one. */
function usageLine(error: CommanderError, program: Command, argv: readonly string[]): string {
  const message = error.message.replace(/^error: /, '').replace(/\.$/, '')
  if (message.includes('. Fix: ')) return message
  const command = program.commands.find((c) => argv.slice(2).includes(c.name()))
  return `${message}. Fix: see dbtwin ${command === undefined ? '' : `${command.name()} `}--help`
}

function unexpected(error: unknown): string {
  const message = error instanceof Error ? error.message : JSON.stringify(error)
  return `unexpected error: ${message}. Fix: run again with DEBUG=dbtwin for the stack, and report it`
}
