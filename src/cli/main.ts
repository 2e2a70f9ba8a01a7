import { Command, CommanderError } from 'commander'
import { maskPasswords } from '../dialects/connection-url.js'
import { permissionError } from '../dialects/permission-error.js'
import { DbtwinError } from '../errors.js'
import { VERSION } from '../version.js'
import { checkCommand } from './check-command.js'
import { cloneCommand } from './clone-command.js'
import { demoCommand } from './demo-command.js'
import { generateCommand } from './generate-command.js'
import { inspectCommand } from './inspect-command.js'
import { interruption } from './interruption.js'
import { learnCommand } from './learn-command.js'
import { reportCommand } from './report-command.js'
import { sampleCommand } from './sample-command.js'
import { scanCommand } from './scan-command.js'
import { subsetCommand } from './subset-command.js'

/** The CLI: a thin layer over the library; the only place that prints and sets the exit code. */
export async function main(argv: string[]): Promise<void> {
  maskPasswordsIn(process.stderr)
  const interrupt = interruption()
  const program = new Command('dbtwin')
    .description(
      'a safe, realistic twin of a production database: inspect, scan for PII, learn a model, generate or subset',
    )
    .version(VERSION)
    .addCommand(demoCommand())
    .addCommand(inspectCommand())
    .addCommand(scanCommand())
    .addCommand(checkCommand())
    .addCommand(learnCommand())
    .addCommand(generateCommand(interrupt))
    .addCommand(subsetCommand(interrupt))
    .addCommand(cloneCommand(interrupt))
    .addCommand(reportCommand())
    .addCommand(sampleCommand())
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
