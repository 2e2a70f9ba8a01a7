import { createWriteStream, type WriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { csvRows } from '../dialects/postgres/postgres-twin.js'
import { generateTwin, type GenerateTwinOptions } from '../generate/generate-twin.js'
import type { Model } from '../model/model.js'

/**
 * Writes a twin as one CSV file per table (`schema.table.csv`, a header line, then rows in PostgreSQL's CSV
 * dialect: unquoted empty is NULL). Foreign keys that break a cycle stay NULL: there is no row to update in a file.
 */
export async function generateCsvFiles(
  model: Model,
  dir: string,
  options: GenerateTwinOptions,
): Promise<Record<string, number>> {
  await mkdir(dir, { recursive: true })
  let current: WriteStream | null = null
  const counts = await generateTwin(model, options, {
    async table(table, columns) {
      const stream = createWriteStream(join(dir, `${table.schema}.${table.name}.csv`))
      current = stream
      stream.write(`${columns.map((c) => `"${c.name.replaceAll('"', '""')}"`).join(',')}\n`)
      return async (rows) => {
        if (!stream.write(csvRows(rows)))
          await new Promise<void>((resolve) => stream.once('drain', () => resolve()))
      }
    },
    async tableDone() {
      const stream = current
      if (stream !== null)
        await new Promise<void>((resolve, reject) =>
          stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
        )
    },
    async update() {
      // Deferred foreign keys are left NULL in files.
    },
  })
  return Object.fromEntries(counts)
}
