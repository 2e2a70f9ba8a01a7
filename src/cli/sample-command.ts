import { Command } from 'commander'
import { openDatabase } from '../dialects/open-database.js'
import { createSampleSchema } from '../sample/create-sample-schema.js'
import { seedSampleData } from '../sample/seed-sample-data.js'
import { positiveInteger } from './option-parsers.js'

export function sampleCommand(): Command {
  return new Command('sample')
    .description(
      'create the sample clinic database (migrations/) in an empty database and fill it with seeded rows',
    )
    .argument('<url>', 'an empty database: pglite://<dir>, postgres://… or mysql://…')
    .option(
      '--patients <n>',
      'patients to generate, with their encounters, claims, … (0: schema only)',
      positiveInteger,
      500,
    )
    .option('--seed <n>', 'seed for the generated rows', positiveInteger, 1)
    .addHelpText(
      'after',
      `
Examples:
  dbtwin sample pglite://.dbtwin/clinic && dbtwin inspect pglite://.dbtwin/clinic
  createdb clinic && dbtwin sample postgres://postgres@127.0.0.1:5432/clinic --patients 20000
  dbtwin sample mysql://root@127.0.0.1:3306/clinic --patients 0`,
    )
    .action(async (url: string, options: { patients: number; seed: number }) => {
      const database = await openDatabase(url)
      try {
        const outcome = await createSampleSchema(database)
        if (outcome === 'already-present') {
          process.stderr.write(`the sample clinic database is already in ${database.display}\n`)
          return
        }
        const counts = options.patients > 0 ? await seedSampleData(database, options) : {}
        const total = Object.values(counts).reduce((a, b) => a + b, 0)
        process.stderr.write(
          `created the sample clinic schema in ${database.display} and wrote ${total} rows\n`,
        )
      } finally {
        await database.close()
      }
    })
}
