import { Command } from 'commander'
import { openDatabase } from '../dialects/open-database.js'
import { createSampleSchema } from '../sample/create-sample-schema.js'

export function sampleCommand(): Command {
  return new Command('sample')
    .description('create the sample clinic schema (migrations/) in an empty database, to try dbtwin on')
    .argument('<url>', 'an empty database: pglite://<dir>, postgres://… or mysql://…')
    .addHelpText(
      'after',
      `
Examples:
  dbtwin sample pglite://.dbtwin/clinic && dbtwin inspect pglite://.dbtwin/clinic
  createdb clinic && dbtwin sample postgres://postgres@127.0.0.1:5432/clinic`,
    )
    .action(async (url: string) => {
      const database = await openDatabase(url)
      try {
        const outcome = await createSampleSchema(database)
        process.stderr.write(
          outcome === 'created'
            ? `created the sample clinic schema in ${database.display}\n`
            : `the sample clinic schema is already in ${database.display}\n`,
        )
      } finally {
        await database.close()
      }
    })
}
