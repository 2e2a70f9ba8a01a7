import { Command } from 'commander'
import { renderSummary } from '../report/render-terminal.js'
import { runDemo } from '../demo/run-demo.js'
import { positiveInteger } from './option-parsers.js'
import { progressReporter } from './progress.js'

export function demoCommand(): Command {
  return new Command('demo')
    .description(
      'the whole pipeline with no server: a clinic database in PGlite → scan → learn → generate → report',
    )
    .option('--keep <dir>', 'leave both databases, the model and report.html in this directory to explore')
    .option('--patients <n>', 'patients in the "production" clinic', positiveInteger, 500)
    .option('--seed <s>', 'seed of the data, the model and the twin', positiveInteger, 1)
    .addHelpText(
      'after',
      `
Examples:
  dbtwin demo
  dbtwin demo --keep .dbtwin/demo && dbtwin inspect pglite://.dbtwin/demo/twin`,
    )
    .action(async (options: { keep?: string; patients: number; seed: number }) => {
      const progress = progressReporter()
      let stage = ''
      const started = performance.now()
      try {
        const result = await runDemo(options, (e) => {
          if (e.step === 'start') {
            stage = `${e.index + 1}/${e.total}`
            progress.stop()
            process.stderr.write(`[${stage}] ${e.title}\n`)
          } else if (e.step === 'progress') progress.update(`  ${stage}`, e.done, e.total, e.item)
          else {
            progress.stop()
            process.stderr.write(`      ${e.detail}\n`)
          }
        })
        progress.stop()
        process.stdout.write(
          renderSummary(result.report, result.reportPath, { color: process.stdout.isTTY === true }),
        )
        process.stderr.write(`demo finished in ${((performance.now() - started) / 1000).toFixed(1)} s\n`)
        if (options.keep !== undefined)
          process.stderr.write(`explore: dbtwin inspect ${result.source}  ·  dbtwin inspect ${result.twin}\n`)
        if (Object.values(result.report.verdicts).some((v) => v.passed === false)) process.exitCode = 1
      } finally {
        progress.stop()
      }
    })
}
