import { mysqlStatementProblem } from '../dialects/mysql/mysql-statement-shapes.js'
import { untrustedCall } from '../schema/untrusted-calls.js'
import { sqlTextProblem } from '../dialects/twin-target.js'
import {
  CODE_KINDS,
  PRIVILEGE_KINDS,
  type Schema,
  type SchemaObject,
  type SchemaObjectKind,
  type SchemaObjectPhase,
  type Table,
  type CheckConstraint,
} from '../schema/schema.js'

/** The schema objects a same-engine twin writes, in order, and one line per reason some are left out. */
export interface ObjectPlan {
  objects: SchemaObject[]
  /** The schema with the CHECKs whose functions are not written taken off its tables. */
  schema: Schema
  notes: string[]
  /** Extensions the source uses that the target server cannot create. */
  missingExtensions: string[]
  /**
   * With `keepGrants`: the roles the kept owners and grants name that the target lacks, each with the first object
   * that names it. The write refuses to start (see writeIntoTarget) rather than fail halfway.
   */
  missingRoles: { role: string; object: string }[]
}

export interface ObjectPlanOptions {
  /**
   * The objects come from a live source (clone, subset) or a model the user vouched for (`--trust-model`): code
   * (functions, triggers, views, policies) is written. Otherwise only statements of a checked shape are.
   */
  trusted: boolean
  /** Extensions the target server has (pg_available_extensions). */
  availableExtensions: ReadonlySet<string>
  /** Where the twin goes, for the fix a missing extension's line names. */
  target: 'postgres' | 'pglite' | 'mysql'
  /** Write the source's owners and grants too (`--keep-grants`); left out by default, as the roles may not exist. */
  keepGrants?: boolean
  /** The roles the target has (pg_roles), which the kept owners and grants must name only. */
  roles?: ReadonlySet<string>
}

/** pg_dump's order inside each phase; views and indexes on them follow their needs (see ordered). */
const KIND_ORDER: SchemaObjectKind[] = [
  'schema',
  'extension',
  'collation',
  'enum',
  'domain',
  'type',
  'text search',
  'function',
  'procedure',
  'aggregate',
  'sequence',
  'partition',
  'table',
  'column',
  'check',
  'index',
  'constraint',
  'view',
  'materialized view',
  'trigger',
  'rule',
  'policy',
  'comment',
  'event',
  // Last, as pg_dump's ACLs: an owner changed earlier could keep the writer from the statements after it.
  'owner',
  'grant',
]
const PHASES: SchemaObjectPhase[] = ['before-tables', 'after-tables', 'after-load']

/**
 * Decides which of a schema's objects a twin of the source's engine writes (issue 16): all of them from a trusted
 * source; from an untrusted model file, no code and only statements of their kind's shape. Then any object, or
 * table CHECK, that needs something not written (a missing extension, a function left out, a table a subset
 * leaves out) is left out too, and the notes say so, one line per reason.
 *
 * @example
 * planSchemaObjects(schema, { trusted: true, availableExtensions: new Set(['pg_trgm']) }).objects.length
 */
export function planSchemaObjects(schema: Schema, options: ObjectPlanOptions): ObjectPlan {
  const notes: string[] = []
  let objects = writableObjects(schema, options, notes)
  const missingExtensions = objects
    .filter((o) => o.kind === 'extension' && !options.availableExtensions.has(o.name))
    .map((o) => o.name)
  objects = objects.filter((o) => !(o.kind === 'extension' && missingExtensions.includes(o.name)))
  const needed = withNeedsMet(schema, objects, notes)
  objects = needed.objects
  // After what needs a function not written is left out, so that a call of the source's own function is named so.
  const untrusted = !options.trusted && schema.dialect !== 'mysql'
  const calling = untrusted ? objects.filter((o) => callOf(o) !== null) : []
  if (calling.length > 0) {
    notes.push(
      `left out ${describe(calling)} of the model file: ${calling[0]!.kind} ${calling[0]!.name} calls ${callOf(calling[0]!)}, which only a trusted model may run (a default or a CHECK runs on the twin's server); pass --trust-model if you made it or trust who did`,
    )
    objects = objects.filter((o) => !calling.includes(o))
  }
  const tables = plannedChecks(schema.tables, needed.unmet, untrusted, notes)
  if (missingExtensions.length > 0) notes.unshift(extensionsNote(missingExtensions, options.target))
  return {
    objects: ordered(objects),
    schema: { ...schema, tables },
    notes,
    missingExtensions,
    missingRoles: missingRoles(objects, options.roles ?? new Set()),
  }
}

/** The objects a write may run at all: no grants unless kept, and from an untrusted model no code or odd shape. */
function writableObjects(
  schema: Schema,
  options: ObjectPlanOptions,
  notes: string[],
): readonly SchemaObject[] {
  let objects = schema.objects
  if (options.keepGrants !== true) objects = objects.filter((o) => !PRIVILEGE_KINDS.has(o.kind))
  else if (!options.trusted) {
    const privileges = objects.filter((o) => PRIVILEGE_KINDS.has(o.kind))
    if (privileges.length > 0)
      notes.push(
        `left out ${describe(privileges)} of the model file: a grant opens the twin to the role it names, so they are written from a trusted model only; pass --trust-model if you made it or trust who did`,
      )
    objects = objects.filter((o) => !PRIVILEGE_KINDS.has(o.kind))
  }
  if (options.trusted) return objects
  // A MySQL source's objects are its SHOW CREATE's clauses, of shapes of their own (issue 16).
  const statementProblem = schema.dialect === 'mysql' ? mysqlStatementProblem : postgresStatementProblem
  const code = objects.filter((o) => CODE_KINDS.has(o.kind))
  const unshaped = objects.filter((o) => !CODE_KINDS.has(o.kind) && statementProblem(o) !== null)
  if (code.length > 0)
    notes.push(
      `left out ${describe(code)} of the model file: a model file is untrusted, so its code is not run; pass --trust-model if you made it or trust who did`,
    )
  if (unshaped.length > 0)
    notes.push(
      `left out ${describe(unshaped)} of the model file whose statements are not of their kind's plain shape (${unshaped[0]!.kind} ${unshaped[0]!.name}: ${statementProblem(unshaped[0]!)})`,
    )
  return objects.filter((o) => !CODE_KINDS.has(o.kind) && statementProblem(o) === null)
}

/**
 * The objects whose needs the twin has, after leaving out, round by round, those that need one left out; and what
 * of a list of needs is still unmet. Needs are only judged against what the source defines: anything else
 * (pg_catalog, an earlier twin) is there.
 */
function withNeedsMet(
  schema: Schema,
  from: readonly SchemaObject[],
  notes: string[],
): { objects: readonly SchemaObject[]; unmet: (requires: readonly string[]) => string[] } {
  const known = new Set(
    [...schema.objects.map(provides), ...sourceRelations(schema)].filter((k) => k !== null),
  )
  let objects = from
  let written = new Set<string>()
  const unmet = (requires: readonly string[]) => requires.filter((r) => known.has(r) && !written.has(r))
  const dropped: SchemaObject[] = []
  const needs = new Set<string>()
  for (;;) {
    written = new Set([...sourceRelations(schema), ...objects.map(provides).filter((k) => k !== null)])
    const dropping = objects.filter((o) => unmet(o.requires).length > 0)
    if (dropping.length === 0) break
    for (const o of dropping) for (const need of unmet(o.requires)) needs.add(need)
    dropped.push(...dropping)
    objects = objects.filter((o) => !dropping.includes(o))
  }
  if (dropped.length > 0)
    notes.push(`left out ${describe(dropped)}: they need ${list([...needs])}, which the twin does not have`)
  return { objects, unmet }
}

/** The tables with the CHECKs the twin can run: none that needs what is not written, or calls what is untrusted. */
function plannedChecks(
  tables: readonly Table[],
  unmet: (requires: readonly string[]) => string[],
  untrusted: boolean,
  notes: string[],
): Table[] {
  const droppedChecks: string[] = []
  const kept = tables.map((table) => {
    const checks = table.checks.filter((c) => unmet(c.requires ?? []).length === 0)
    droppedChecks.push(
      ...table.checks.filter((c) => !checks.includes(c)).map((c) => `${table.name}.${c.name}`),
    )
    return checks.length === table.checks.length ? table : { ...table, checks }
  })
  if (droppedChecks.length > 0)
    notes.push(
      `left out ${droppedChecks.length} CHECK${droppedChecks.length === 1 ? '' : 's'} calling functions not written: ${list(droppedChecks)}`,
    )
  const calling = untrusted ? untrustedChecks(kept) : []
  if (calling.length === 0) return kept
  notes.push(
    `left out ${calling.length} CHECK${calling.length === 1 ? '' : 's'} of the model file calling functions only a trusted model may run: ${list(calling.map((c) => `${c.table.name}.${c.check.name} (${c.call})`))}; pass --trust-model if you made it or trust who did`,
  )
  return withoutChecks(kept, calling)
}

function extensionsNote(missing: readonly string[], target: ObjectPlanOptions['target']): string {
  const names = `extension${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`
  return target === 'pglite'
    ? `PGlite as dbtwin opens it has no ${names}, which the source uses: write to a PostgreSQL server to keep what needs them`
    : `the target server lacks the ${names} the source uses (pg_available_extensions): install them on that server (contrib ones with the postgresql-contrib package, others with their own, e.g. postgresql-15-postgis-3), then run again to keep what needs them`
}

/** Each role the objects name (`role x` requirements) that the target does not have, with one object naming it. */
function missingRoles(
  objects: readonly SchemaObject[],
  roles: ReadonlySet<string>,
): { role: string; object: string }[] {
  const missing = new Map<string, string>()
  for (const o of objects)
    for (const need of o.requires)
      if (need.startsWith('role ') && !roles.has(need.slice(5)) && !missing.has(need.slice(5)))
        missing.set(need.slice(5), `${o.kind} ${o.schema}.${o.name}`)
  return [...missing].map(([role, object]) => ({ role, object }))
}

/** Statements of the objects that go in one phase, in writing order. */
export function objectsOfPhase(plan: ObjectPlan, phase: SchemaObjectPhase): SchemaObject[] {
  return plan.objects.filter((o) => o.phase === phase)
}

/** The tables a twin writes, and their partitions, as requirements name them. */
function sourceRelations(schema: Schema): string[] {
  return schema.tables.map((t) => `relation ${t.schema}.${t.name}`)
}

function provides(o: Pick<SchemaObject, 'kind' | 'schema' | 'name'>): string | null {
  switch (o.kind) {
    case 'extension':
    case 'schema':
      return `${o.kind} ${o.name}`
    case 'collation':
    case 'text search':
      return `${o.kind} ${o.schema}.${o.name}`
    case 'enum':
    case 'domain':
    case 'type':
      return `type ${o.schema}.${o.name}`
    case 'function':
    case 'procedure':
    case 'aggregate':
      return `function ${o.schema}.${o.name}`
    case 'sequence':
    case 'partition':
    case 'index':
    case 'view':
    case 'materialized view':
      return `relation ${o.schema}.${o.name}`
    default:
      return null
  }
}

/**
 * By phase, then kind in pg_dump's order; inside a phase an object that needs another of the same phase (a view
 * on a view, an index on a materialized view, a partition of a partition) comes after it.
 */
function ordered(objects: readonly SchemaObject[]): SchemaObject[] {
  const out: SchemaObject[] = []
  for (const phase of PHASES) {
    const pending = objects
      .filter((o) => o.phase === phase)
      .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind))
    const later = new Set(pending.map(provides).filter((k) => k !== null))
    while (pending.length > 0) {
      const next = pending.findIndex((o) => o.requires.every((r) => !later.has(r) || r === provides(o)))
      // A cycle among them (none PostgreSQL allows): keep the kind order.
      const [o] = pending.splice(next < 0 ? 0 : next, 1)
      const key = provides(o!)
      if (key !== null && !pending.some((p) => provides(p) === key)) later.delete(key)
      out.push(o!)
    }
  }
  return out
}

const QNAME = String.raw`(?:"(?:[^"]|"")+"|[\p{L}_][\p{L}\p{N}_$]*)`
const NAME = String.raw`${QNAME}(?:\.${QNAME})?`

/** The only statement each kind may hold when it comes from an untrusted model file. */
const SHAPES: Partial<Record<SchemaObjectKind, RegExp>> = {
  extension: new RegExp(`^CREATE EXTENSION IF NOT EXISTS ${QNAME} WITH SCHEMA ${QNAME}$`, 'u'),
  schema: new RegExp(`^CREATE SCHEMA IF NOT EXISTS ${QNAME}$`, 'u'),
  'text search': new RegExp(
    `^(CREATE TEXT SEARCH (DICTIONARY|CONFIGURATION) ${NAME} \\((TEMPLATE|PARSER) = |ALTER TEXT SEARCH CONFIGURATION ${NAME} ADD MAPPING FOR )`,
    'u',
  ),
  collation: new RegExp(`^CREATE COLLATION IF NOT EXISTS ${NAME} \\(provider = (icu|libc), `, 'u'),
  enum: new RegExp(`^CREATE TYPE ${NAME} AS ENUM \\(`, 'u'),
  domain: new RegExp(`^CREATE DOMAIN ${NAME} AS `, 'u'),
  type: new RegExp(`^CREATE TYPE ${NAME} AS (RANGE )?\\(`, 'u'),
  sequence: new RegExp(`^(CREATE SEQUENCE IF NOT EXISTS ${NAME} AS |ALTER SEQUENCE ${NAME} OWNED BY )`, 'u'),
  partition: new RegExp(`^CREATE TABLE ${NAME} PARTITION OF ${NAME} `, 'u'),
  column: new RegExp(
    `^ALTER TABLE ${NAME} ALTER COLUMN ${QNAME} (SET DEFAULT |TYPE |SET GENERATED ALWAYS$)`,
    'u',
  ),
  index: new RegExp(`^CREATE (UNIQUE )?INDEX ${QNAME} ON (ONLY )?${NAME} USING \\w+ \\(`, 'u'),
  constraint: new RegExp(`^ALTER TABLE ${NAME} ADD CONSTRAINT ${QNAME} EXCLUDE `, 'u'),
  comment: new RegExp(`^COMMENT ON [A-Z ]+ ${NAME}(\\.${QNAME})?(\\([^()]*\\))? IS '`, 'u'),
}

/** Kinds whose PostgreSQL statement holds expressions: a column default, an index, a domain's CHECK… */
const EXPRESSION_KINDS = new Set<SchemaObjectKind>([
  'column',
  'index',
  'constraint',
  'domain',
  'partition',
  'type',
])

/** The function an untrusted object's statement calls that only a trusted model may (see untrustedCall), or null. */
function callOf(o: SchemaObject): string | null {
  return EXPRESSION_KINDS.has(o.kind) ? untrustedCall(o.statement) : null
}

interface CallingCheck {
  table: Table
  check: CheckConstraint
  call: string
}

/** The tables' CHECKs whose expressions call what only a trusted model may (see untrustedCall). */
function untrustedChecks(tables: readonly Table[]): CallingCheck[] {
  return tables.flatMap((table) =>
    table.checks.flatMap((check) => {
      const call = untrustedCall(check.expression)
      return call === null ? [] : [{ table, check, call }]
    }),
  )
}

function withoutChecks(tables: readonly Table[], left: readonly CallingCheck[]): Table[] {
  return tables.map((table) => {
    const checks = table.checks.filter((check) => !left.some((l) => l.check === check))
    return checks.length === table.checks.length ? table : { ...table, checks }
  })
}

/** Why an untrusted PostgreSQL object's statement is not plainly one statement of its kind, or null. */
function postgresStatementProblem(o: SchemaObject): string | null {
  const shape = SHAPES[o.kind]
  if (shape === undefined) return 'not a kind a model file may carry'
  if (!shape.test(o.statement)) return 'not the statement its kind makes'
  return sqlTextProblem(o.statement)
}

function describe(objects: readonly SchemaObject[]): string {
  const counts = new Map<string, number>()
  for (const o of objects) counts.set(o.kind, (counts.get(o.kind) ?? 0) + 1)
  const kinds = [...counts].map(([kind, n]) => `${n} ${n === 1 ? kind : plural(kind)}`)
  return `${kinds.join(', ')} (${list(objects.map((o) => o.name))})`
}

function plural(kind: string): string {
  if (/(x|ch|sh|s)$/.test(kind)) return `${kind}es`
  return kind.endsWith('y') ? `${kind.slice(0, -1)}ies` : `${kind}s`
}

/** Three names and how many more: a line stays a line (issue 15). */
function list(names: readonly string[]): string {
  const shown = names.slice(0, 3).join(', ')
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown
}
