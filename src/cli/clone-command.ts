import { Command } from 'commander'
import { databaseFingerprint, parseConnectionUrl } from '../dialects/connection-url.js'
import { DbtwinError } from '../errors.js'
import { learn } from '../learn/learn.js'
import { generate } from '../write/write-twin.js'
import { printTotal, showWriteEvent } from './generate-command.js'
import { positiveInteger } from './option-parsers.js'
import { reportAfterWrite } from './report-command.js'
import { progressReporter } from './progress.js'

export function cloneCommand(): Command {
  return new Command('clone')
    .description('inspect, learn and generate in one go: a synthetic twin of --from written into --to')
    .requiredOption('--from <url>', 'the source, read over a read-only connection')
    .requiredOption('--to <url>', 'the target database')
    .option('--scale <f>', 'rows of parentless tables = source rows × f', Number, 1)
    .option('--seed <s>', 'seed for learning and generating', positiveInteger, 1)
    .option('--rules <path>', 'rules directory or file')
    .option('--truncate', 'empty existing target tables first')
    .option('--drop', 'drop existing target tables and create them again')
    .option(
      '--report [html]',
      'when done, compare the result with its source (or model): print the summary, and write the HTML report to the file given',
    )
    .addHelpText(
      'after',
      `
Examples:
  dbtwin clone --from postgres://readonly@replica:5432/clinic --to pglite://.dbtwin/twin --rules rules/ --scale 0.1
  dbtwin clone --from mysql://root@127.0.0.1:3306/shop --to postgres://postgres@127.0.0.1:5432/shop_twin --drop`,
    )
    .action(
      async (options: {
        from: string
        to: string
        scale: number
        seed: number
        rules?: string
        truncate?: boolean
        drop?: boolean
        report?: string | true
      }) => {
        if (databaseFingerprint(options.from) === databaseFingerprint(options.to)) {
          throw new DbtwinError(
            'TARGET_IS_SOURCE',
            `--from and --to both name ${parseConnectionUrl(options.to).display}`,
            'write the twin into another database',
          )
        }
        const progress = progressReporter()
        try {
          const model = await learn(options.from, { rules: options.rules, seed: options.seed }, (event) => {
            if (event.step === 'table')
              progress.update('learning tables', event.index + 1, event.total, event.table)
            else if (event.step === 'unmodeled')
              progress.note(`${event.table}.${event.column} is not modeled: ${event.reason}`)
          })
          const existing = options.drop === true ? 'drop' : options.truncate === true ? 'truncate' : 'refuse'
          const result = await generate(
            model,
            options.to,
            { scale: options.scale, seed: options.seed, rules: options.rules, existing },
            (event) => showWriteEvent(progress, event),
          )
          progress.stop()
          printTotal(result.rows, result.seconds, parseConnectionUrl(options.to).display)
          await reportAfterWrite(options.from, options.to, { model, rules: options.rules }, options.report)
        } finally {
          progress.stop()
        }
      },
    )
}
