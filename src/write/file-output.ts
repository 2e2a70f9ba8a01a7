import { createWriteStream, type WriteStream } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { byteaHex, csvField, csvRows, plainColumns } from '../dialects/postgres/postgres-twin.js'
import { recordingPostgres } from '../dialects/postgres/postgres-script.js'
import { updateDerivedColumn } from '../dialects/queries/write-queries.js'
import { sumUpdate } from '../dialects/sum-update.js'
import type { CellValue } from '../schema/cell-value.js'
import { generateTwin, type GenerateTwinOptions } from '../generate/generate-twin.js'
import type { Model } from '../model/model.js'
import { DbtwinError } from '../errors.js'
import type { Table, TableRef } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'
import type { DerivedColumn } from './write-target.js'
import { learnedSums } from './learned-sums.js'
import { schemaScript, type SchemaScriptOptions } from './schema-script.js'

export type FileFormat = 'csv' | 'sql'

/**
 * Writes a twin as files, one per table, in load order: `csv` (`NN-schema.table.csv`, numbered in load order, a header line, then rows in
 * PostgreSQL's CSV dialect: unquoted empty is NULL) or `sql` (`NN-schema.table.sql`, multi-row INSERTs in PostgreSQL's
 * SQL). Foreign keys that break a cycle are NULL in the rows; in `sql` a file `zz-deferred.sql` fills them in with
 * UPDATEs. `sql` also writes the schema as a PostgreSQL target write makes it (see schemaScript), around the rows:
 * `00-before-load.sql` first, `zzz-after-load.sql` last, so `cat DIR/*.sql | psql` makes the twin in an empty
 * database; `script.onNote` gets a line per reason an object is left out.
 */
export async function generateFiles(
  model: Model,
  dir: string,
  format: FileFormat,
  options: GenerateTwinOptions,
  script: SchemaScriptOptions & {
    onNote?: (line: string) => void
    /** The rules' `derive` constraints, set in `zz-updates.sql` after the sums (see loadConstraints). */
    derived?: readonly DerivedColumn[]
  } = { trusted: false },
): Promise<Record<string, number>> {
  await mkdir(dir, { recursive: true })
  if (format === 'sql') {
    const ddl = await schemaScript(model.schema, script)
    for (const line of ddl.notes) script.onNote?.(line)
    await writeFile(join(dir, '00-before-load.sql'), ddl.beforeLoad)
    await writeFile(join(dir, 'zzz-after-load.sql'), ddl.afterLoad)
  }
  let current: WriteStream | null = null
  let position = 0
  let deferred: WriteStream | null = null
  const write = async (stream: WriteStream, text: string) => {
    if (!stream.write(text)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()))
  }
  const counts = await generateTwin(model, options, {
    async table(table, columns) {
      // Numbered in load order, so `cat *.sql | psql` loads parents before children.
      const stream = createWriteStream(tableFile(dir, ++position, table, format))
      current = stream
      if (format === 'csv') {
        stream.write(`${columns.map((c) => csvField(c.name)).join(',')}\n`)
        const plain = plainColumns(columns)
        return (rows) => write(stream, csvRows(rows, plain))
      }
      // As COPY does, a key is written into an identity ALWAYS column too (00-before-load.sql makes it ALWAYS).
      const into = `INSERT INTO ${qualified(table)} (${columns.map((c) => identifier(c.name)).join(', ')}) OVERRIDING SYSTEM VALUE VALUES\n`
      return (rows) =>
        write(stream, `${into}${rows.map((r) => `(${r.map(literal).join(', ')})`).join(',\n')};\n`)
    },
    async tableDone() {
      if (current !== null) await close(current)
    },
    async update(table, key, values) {
      if (format === 'csv') return
      deferred ??= createWriteStream(join(dir, 'zz-deferred.sql'))
      await write(
        deferred,
        `UPDATE ${qualified(table)} SET ${assignments(values, ', ')} WHERE ${assignments(key, ' AND ')};\n`,
      )
    },
  })
  if (deferred !== null) await close(deferred)
  if (format === 'sql') await writeUpdates(model, dir, script.derived ?? [])
  return Object.fromEntries(counts)
}

/**
 * `zz-updates.sql`: the UPDATEs a write into a target runs once every row is in, in its order: each parent column
 * the model learned as the sum of a child column (issue 18.4), then each column a rule derives — after the rows and
 * their deferred keys, before `zzz-after-load.sql` adds the constraints and triggers.
 */
async function writeUpdates(model: Model, dir: string, derived: readonly DerivedColumn[]): Promise<void> {
  const sums = learnedSums(model)
  if (sums.length === 0 && derived.length === 0) return
  const { db, statements } = recordingPostgres(() => [])
  for (const sum of sums) await sumUpdate('postgres', sum).execute(db)
  for (const d of derived) await updateDerivedColumn(db, 'postgres', d.table, d.column, d.expression)
  await db.destroy()
  await writeFile(join(dir, 'zz-updates.sql'), statements.map((s) => `${s};\n`).join(''))
}

/**
 * `DIR/NN-schema.table.format`, numbered in load order. The names come from a model file, which is untrusted: a
 * table named `../../../../tmp/pwned` wrote outside DIR (issue 14). Whatever is not a letter, digit, space, `_`, `-`
 * or `.` becomes `_`, names are cut to 100 characters (a file name holds 255 bytes), and the result must lie in DIR.
 */
export function tableFile(dir: string, position: number, table: TableRef, format: FileFormat): string {
  const safe = (name: string) => name.replace(/[^\p{L}\p{N} _.-]/gu, '_').slice(0, 100)
  const file = join(
    dir,
    `${String(position).padStart(2, '0')}-${safe(table.schema)}.${safe(table.name)}.${format}`,
  )
  if (dirname(resolve(file)) !== resolve(dir)) {
    throw new DbtwinError(
      'FILE_INVALID',
      `table ${tableName(table)} would be written outside ${dir}`,
      'rename the table in the model file, or learn the model again',
    )
  }
  return file
}

function close(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) =>
    stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
  )
}

function identifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

function qualified(table: Table): string {
  return `${identifier(table.schema)}.${identifier(table.name)}`
}

function literal(value: CellValue): string {
  if (value === null) return 'NULL'
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (typeof value === 'number') return String(value)
  if (typeof value === 'object') return `'${byteaHex(value)}'`
  return `'${value.replaceAll("'", "''")}'`
}

function assignments(values: Record<string, CellValue>, separator: string): string {
  return Object.entries(values)
    .map(([column, value]) => `${identifier(column)} = ${literal(value)}`)
    .join(separator)
}
