import { PRIVILEGE_KINDS, type Schema, type SchemaObject } from '../schema/schema.js'
import { tableName } from '../schema/table-name.js'
import { crossEngineSchema } from './cross-engine-schema.js'

/** What became of one of the source's objects on a target of the other engine family, and why. */
export interface ObjectFate {
  fate: 'left out' | 'translated'
  /** `index`, `view`, `trigger`, `column default`, `check`, `domain`, `foreign key`… */
  kind: string
  /** The object as the source names it (`public.film.film_fulltext_idx`, `public.actor.last_update`). */
  name: string
  /** Why, and for a translation what it became. */
  reason: string
}

/**
 * Every object of the source's schema that a twin in the other engine family (PostgreSQL/PGlite ↔ MySQL/MariaDB)
 * does not get as the source has it, one entry each: the schema objects (indexes, views, triggers, routines,
 * defaults, domains…), which are the source engine's DDL and are left out or translated, the tables' CHECKs and
 * generated columns, keys written another way, and the changes crossEngineSchema makes. Pure: the write reports it
 * (`--verbose`) and `report` computes the same from the source's schema, so the two agree (docs/across-engines.md).
 *
 * @example crossEngineDetails(schema, 'mysql').filter((f) => f.kind === 'view')
 */
export function crossEngineDetails(schema: Schema, target: 'postgres' | 'mysql'): ObjectFate[] {
  const from = target === 'mysql' ? 'PostgreSQL' : 'MySQL'
  // Owners and grants are left out unless asked, on any target; --keep-grants says what it does across engines.
  // A sequence's OWNED BY is part of the sequence, said once.
  const counters = new Set(
    schema.tables.flatMap((t) =>
      t.columns.filter((c) => c.identity !== null).map((c) => `${t.schema}.${t.name}.${c.name}`),
    ),
  )
  const fates: ObjectFate[] = schema.objects
    .filter((o) => !PRIVILEGE_KINDS.has(o.kind))
    .filter((o) => !(o.kind === 'sequence' && / OWNED BY /.test(o.statement)))
    .flatMap((o) => objectFate(o, from, target, counters.has(`${o.schema}.${o.name}`)))
  for (const table of schema.tables) {
    const at = (name: string) => `${tableName(table)}.${name}`
    for (const check of table.checks)
      fates.push({
        fate: 'left out',
        kind: 'check',
        name: at(check.name),
        reason: `its expression is ${from}'s SQL: (${check.expression})`,
      })
    for (const column of table.columns)
      if (column.generated !== null)
        fates.push({
          fate: 'translated',
          kind: 'generated column',
          name: at(column.name),
          reason: `a plain column holding the generated values: its expression is ${from}'s SQL`,
        })
    for (const unique of table.uniques)
      if (unique.index === true)
        fates.push({
          fate: 'translated',
          kind: 'unique index',
          name: at(unique.name),
          reason:
            target === 'postgres'
              ? 'a unique constraint on the whole columns: PostgreSQL has no unique key on column prefixes'
              : 'a unique key: MySQL has no unique index apart from its keys',
        })
  }
  for (const note of crossEngineSchema(schema, target).notes)
    fates.push({ fate: 'translated', kind: 'foreign key', name: note.item, reason: note.reason })
  return fates
}

/** Kinds with nothing to translate: what they are in words, and why the target has none. */
const LEFT_OUT: Record<string, (from: string) => string> = {
  view: (from) => `its query is ${from}'s SQL`,
  'materialized view': (from) => `its query is ${from}'s SQL, and MySQL has no materialized views`,
  function: (from) => `its body is ${from}'s language`,
  procedure: (from) => `its body is ${from}'s language`,
  aggregate: () => 'MySQL has no user-defined aggregates',
  trigger: (from) => `its body is ${from}'s language (it would not fire on the twin's rows anyway)`,
  rule: () => 'MySQL has no rewrite rules',
  policy: () => 'MySQL has no row-level security',
  event: () => 'PostgreSQL has no scheduled events (pg_cron is an extension)',
  extension: () => 'MySQL has no extensions',
  collation: (from) => `its definition is ${from}'s`,
  'text search': () => "MySQL's full-text search has no configurations",
  type: () => 'MySQL has no composite or range types',
  sequence: () => 'MySQL has no sequences: keys count with AUTO_INCREMENT',
  constraint: () => 'MySQL has no exclusion constraints',
  comment: (from) => `${from}'s COMMENT statement (table comments are kept)`,
  schema: () => 'MySQL has one namespace per database: see --schema-map',
}

/** `counter`: the object is a default of a column the twin counts itself (AUTO_INCREMENT, identity). */
function objectFate(
  o: SchemaObject,
  from: string,
  target: 'postgres' | 'mysql',
  counter: boolean,
): ObjectFate[] {
  const name = o.kind === 'schema' || o.kind === 'extension' ? o.name : `${o.schema}.${o.name}`
  const out = (kind: string, reason: string): ObjectFate[] => [{ fate: 'left out', kind, name, reason }]
  const translated = (kind: string, reason: string): ObjectFate[] => [
    { fate: 'translated', kind, name, reason },
  ]
  switch (o.kind) {
    case 'index':
      return out('index', indexReason(o.statement, from, target))
    case 'column':
      if (/ (MODIFY|ADD) COLUMN /.test(o.statement))
        return out(
          'column definitions',
          "MySQL's column clauses (defaults, ON UPDATE, charsets, comments) are its own DDL",
        )
      if (counter && / SET DEFAULT nextval\(/.test(o.statement))
        return translated(
          'column default',
          `the column counts with AUTO_INCREMENT: ${defaultOf(o.statement)}`,
        )
      if (/ SET DEFAULT /.test(o.statement))
        return out('column default', `its expression is ${from}'s SQL: ${defaultOf(o.statement)}`)
      if (/ SET GENERATED ALWAYS$/.test(o.statement))
        return translated('identity ALWAYS', 'AUTO_INCREMENT, which takes a key the application gives too')
      if (/ COLLATE /.test(o.statement)) return out('column collation', `the collation is ${from}'s`)
      return translated('domain column', "the domain's base type, its CHECK left out")
    case 'domain':
      return translated(
        'domain',
        'MySQL has no domains: its columns are of its base type, its CHECKs left out',
      )
    case 'enum':
      return translated('enum', "an inline ENUM('…') column type")
    case 'partition':
      return translated('partition', 'one plain table holds the rows of every partition')
    case 'table':
      return o.name.endsWith(' partitioning')
        ? translated('partitioning', 'one plain table holds the rows of every partition')
        : out('table options', 'engine, charset and collation are MySQL options')
    case 'check':
      return out('check', `it calls ${from}'s functions`)
    default:
      return out(o.kind, (LEFT_OUT[o.kind] ?? ((f: string) => `its DDL is ${f}'s`))(from))
  }
}

/** The expression of an `ALTER TABLE … SET DEFAULT <expression>` statement. */
function defaultOf(statement: string): string {
  return statement.slice(statement.indexOf(' SET DEFAULT ') + ' SET DEFAULT '.length)
}

/** Why an index is not written on the other engine: its kind, a condition or an expression, or just its DDL. */
function indexReason(statement: string, from: string, target: 'postgres' | 'mysql'): string {
  if (target === 'mysql') {
    if (/ WHERE /.test(statement)) return 'a partial index (WHERE …): MySQL has none'
    const method = / USING (\w+) /.exec(statement)?.[1]
    if (method !== undefined && method !== 'btree') return `a ${method.toUpperCase()} index: MySQL has none`
    if (/ INCLUDE \(/.test(statement)) return 'an index with INCLUDE columns: MySQL has none'
  } else {
    if (/ FULLTEXT /.test(statement))
      return 'a FULLTEXT index: PostgreSQL searches text with tsvector and GIN'
    if (/ SPATIAL /.test(statement)) return 'a SPATIAL index: PostgreSQL needs PostGIS for one'
  }
  return `its definition is ${from}'s DDL: across engines only keys and unique constraints are written`
}
