import { Command, Option } from 'commander'
import { databaseArgument } from '../config/project-config.js'
import { planLoad } from '../graph/load-plan.js'
import { introspect } from '../dialects/introspect.js'
import { formatSchemaFile, type SchemaFormat } from '../schema/schema-file.js'
import { inspectSummary } from './inspect-summary.js'
import { checkOutputFile, writeOutput } from './write-output.js'

export function inspectCommand(): Command {
  return new Command('inspect')
    .description('read a database schema and its foreign-key graph: a summary, or the full schema file')
    .argument('<url>', 'postgres://…, mysql://… (MariaDB too), pglite://<dir> or pglite:memory')
    .addOption(new Option('--json', 'print the full schema as JSON').conflicts('yaml'))
    .addOption(new Option('--yaml', 'print the full schema as YAML'))
    .option('-o, --out <file>', 'write to a file instead of the terminal (.json/.yaml pick the format)')
    .addHelpText(
      'after',
      `
Examples:
  dbtwin inspect postgres://postgres@127.0.0.1:5432/shop
  dbtwin inspect mysql://root@127.0.0.1:3306/sakila --yaml --out sakila.schema.yaml
  dbtwin inspect pglite://.dbtwin/clinic --json`,
    )
    .action(async (url: string, options: { json?: boolean; yaml?: boolean; out?: string }) => {
      await checkOutputFile(options.out, '--out')
      const schema = await introspect(await databaseArgument(url))
      const format = schemaFormat(options)
      const text =
        format === null ? `${inspectSummary(schema, planLoad(schema))}\n` : formatSchemaFile(schema, format)
      await writeOutput(text, options.out)
    })
}

function schemaFormat(options: { json?: boolean; yaml?: boolean; out?: string }): SchemaFormat | null {
  if (options.json === true) return 'json'
  if (options.yaml === true) return 'yaml'
  if (options.out?.endsWith('.json') === true) return 'json'
  if (options.out !== undefined && /\.ya?ml$/.test(options.out)) return 'yaml'
  return null
}
