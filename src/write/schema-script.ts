import { postgresDdl } from '../dialects/postgres/postgres-ddl.js'
import { postgresObjectWriter } from '../dialects/postgres/postgres-objects-writer.js'
import { recordingPostgres } from '../dialects/postgres/postgres-script.js'
import { postgresTwin } from '../dialects/postgres/postgres-twin.js'
import { dialectFamily, type Schema } from '../schema/schema.js'
import { planLoad } from '../graph/load-plan.js'
import { tableName } from '../schema/table-name.js'
import { crossEngineSchema } from './cross-engine-schema.js'
import { objectsOfPhase, planSchemaObjects } from './plan-schema-objects.js'
import { keyColumns, modelForeignKeys, parentsFirst } from './write-target.js'

/** The DDL of a twin as psql scripts, split where the rows go, and one line per reason something is left out. */
export interface SchemaScript {
  /** Schemas, types, functions, sequences, tables with their keys, partitions, defaults: before any row. */
  beforeLoad: string
  /** Foreign keys, sequences moved past the rows, CHECKs, indexes, triggers, views, comments: after them. */
  afterLoad: string
  notes: string[]
}

export interface SchemaScriptOptions {
  /** The model's code (functions, triggers, views) is written: `--trust-model` (see planSchemaObjects). */
  trusted: boolean
  /** Owners and grants too (`--keep-grants`). */
  keepGrants?: boolean
}

/**
 * The statements a PostgreSQL target write runs for a model's schema (see writeIntoTarget), in its order, as text:
 * the same writers run on a Kysely that records what they send (recordingPostgres) instead of a database. A target
 * loaded with `beforeLoad`, the rows, then `afterLoad` holds the schema a `generate --to` twin would (issue 16.4).
 * The target is taken to be an empty database of the source's engine with the source's extensions and roles; a
 * CHECK the rows break fails its VALIDATE line, which leaves it NOT VALID, as the live write does.
 *
 * @example
 * const { beforeLoad, afterLoad } = await schemaScript(model.schema, { trusted: false })
 */
export async function schemaScript(source: Schema, options: SchemaScriptOptions): Promise<SchemaScript> {
  const sameEngine = dialectFamily(source.dialect) === 'postgres'
  const plan = planSchemaObjects(sameEngine ? source : { ...source, objects: [] }, {
    trusted: options.trusted,
    availableExtensions: new Set(source.objects.filter((o) => o.kind === 'extension').map((o) => o.name)),
    target: 'postgres',
    keepGrants: options.keepGrants,
    roles: new Set(
      source.objects.flatMap((o) => o.requires.filter((r) => r.startsWith('role ')).map((r) => r.slice(5))),
    ),
  })
  const schema = sameEngine ? plan.schema : crossEngineSchema(plan.schema, 'postgres').schema
  // The writers ask the target two things: whether an enum type is there (made by an `enum` object already, or
  // not) and whether a key's partitions are (the script makes every partition the plan keeps).
  const types = new Set<string>()
  const { db, statements } = recordingPostgres((sql, parameters) => {
    for (const s of statements) {
      const [, schemaName, typeName] =
        /^create type ("(?:[^"]|"")+"|[^\s."]+)\.("(?:[^"]|"")+"|[^\s."]+) as enum /i.exec(s) ?? []
      if (schemaName !== undefined && typeName !== undefined)
        types.add(`${unquoted(schemaName)}.${unquoted(typeName)}`)
    }
    if (sql.includes('to_regclass(')) return [{ n: (parameters[0] as unknown[] | undefined)?.length ?? 0 }]
    if (sql.includes('from pg_catalog.pg_type t'))
      return types.has(`${String(parameters[0])}.${String(parameters[1])}`) ? [{ found: 1 }] : []
    return []
  })
  const twin = postgresTwin(schema.enums, () => {
    throw new Error('a schema script writes no rows')
  })
  const objects = postgresObjectWriter
  const settings = [
    'SET standard_conforming_strings = on',
    // As pg_dump restores: a function body may name tables and functions written after it.
    'SET check_function_bodies = off',
    ...(schema.searchPath === undefined || schema.searchPath.length === 0
      ? []
      : [`SET search_path = ${schema.searchPath.map(quoted).join(', ')}`]),
  ]
  await objects.writeObjects(db, objectsOfPhase(plan, 'before-tables'))
  const byId = new Map(schema.tables.map((t) => [tableName(t), t]))
  const order = planLoad(schema, { constraintsAfterLoad: true }).order.map((id) => byId.get(id))
  for (const table of parentsFirst(order.filter((t) => t !== undefined)))
    await twin.createTable(db, { table, target: table, sameEngine, keyColumns: keyColumns(table) })
  await objects.writeObjects(db, objectsOfPhase(plan, 'after-tables'))
  const before = statements.splice(0)

  await twin.addForeignKeys(
    db,
    modelForeignKeys(schema, (t) => t),
  )
  for (const table of schema.tables)
    for (const column of table.columns)
      if (column.identity !== null) await postgresDdl.syncIdentity(db, table, column.name)
  if (sameEngine)
    await objects.addChecks(
      db,
      schema.tables.flatMap((t) => t.checks.map((check) => ({ table: t, check }))),
    )
  await objects.syncSequences(db, plan.objects)
  await objects.writeObjects(db, objectsOfPhase(plan, 'after-load'))
  await db.destroy()
  const script = (lines: readonly string[]) => lines.map((s) => `${s};\n`).join('\n')
  return {
    beforeLoad: script([...settings, ...before]),
    afterLoad: script([...settings, ...statements]),
    notes: plan.notes,
  }
}

function unquoted(name: string): string {
  return name.startsWith('"') ? name.slice(1, -1).replaceAll('""', '"') : name
}

function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}
