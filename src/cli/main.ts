import { Command } from 'commander'
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
    .showHelpAfterError()
  try {
    await program.parseAsync(argv)
  } catch (error) {
    process.stderr.write(`dbtwin: ${error instanceof DbtwinError ? error.toLine() : unexpected(error)}\n`)
    if (process.env['DEBUG']?.includes('dbtwin') === true && error instanceof Error)
      process.stderr.write(`${error.stack}\n`)
    process.exitCode = interrupt.exitCode() ?? 1
  }
}

function unexpected(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return `unexpected error: ${message}. Fix: run again with DEBUG=dbtwin for the stack, and report it`
}
