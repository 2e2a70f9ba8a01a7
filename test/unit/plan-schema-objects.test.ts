import { describe, expect, it } from 'vitest'
import { untrustedCall } from '../../src/schema/untrusted-calls.js'
import { sqlTextProblem } from '../../src/dialects/twin-target.js'
import type { Schema, SchemaObject } from '../../src/schema/schema.js'
import { planSchemaObjects } from '../../src/write/plan-schema-objects.js'

const object = (
  o: Partial<SchemaObject> & Pick<SchemaObject, 'kind' | 'name' | 'statement'>,
): SchemaObject => ({
  schema: 'public',
  phase: 'after-load',
  requires: [],
  ...o,
})

const schema = (objects: SchemaObject[]): Schema => ({
  formatVersion: 1,
  dialect: 'postgres',
  database: 'shop',
  schemas: ['public'],
  tables: [
    {
      schema: 'public',
      name: 't',
      columns: [],
      primaryKey: null,
      uniques: [],
      foreignKeys: [],
      checks: [
        { name: 'tidy', expression: 'public.tidy(name)', requires: ['function public.tidy'] },
        { name: 'positive', expression: '(n > 0)' },
      ],
      estimatedRows: 0,
      comment: null,
      partitions: [],
    },
  ],
  enums: [],
  objects,
  skipped: [],
})

const tidy = object({
  kind: 'function',
  name: 'tidy',
  phase: 'before-tables',
  statement:
    'CREATE OR REPLACE FUNCTION public.tidy(text) RETURNS boolean LANGUAGE sql AS $f$ SELECT true $f$',
})
const index = object({
  kind: 'index',
  name: 't_n',
  statement: 'CREATE INDEX t_n ON public.t USING btree (n)',
  requires: ['relation public.t'],
})
const view = object({
  kind: 'view',
  name: 'v',
  statement: 'CREATE VIEW public.v AS SELECT n FROM public.t',
  requires: ['relation public.t'],
})
const onView = object({
  kind: 'comment',
  name: 'v',
  statement: "COMMENT ON VIEW public.v IS 'all of t'",
  requires: ['relation public.v'],
})

const ownedT = object({
  kind: 'owner',
  name: 't',
  statement: 'ALTER TABLE public.t OWNER TO app',
  requires: ['relation public.t', 'role app'],
})
const grantT = object({
  kind: 'grant',
  name: 't',
  statement: 'GRANT SELECT ON TABLE public.t TO reader',
  requires: ['relation public.t', 'role reader'],
})

describe('which schema objects a twin writes', () => {
  it('leaves owners and grants out unless asked, then writes them last and names the roles the target lacks', () => {
    const options = { trusted: true, availableExtensions: new Set<string>(), target: 'postgres' } as const
    const plain = planSchemaObjects(schema([grantT, ownedT, index]), options)
    expect(plain.objects.map((o) => o.kind)).toEqual(['index'])
    expect(plain.missingRoles).toEqual([])
    const kept = planSchemaObjects(schema([grantT, ownedT, index]), {
      ...options,
      keepGrants: true,
      roles: new Set(['app']),
    })
    expect(kept.objects.map((o) => o.kind)).toEqual(['index', 'owner', 'grant'])
    expect(kept.missingRoles).toEqual([{ role: 'reader', object: 'grant public.t' }])
    expect(kept.notes).toEqual([])
  })

  it('writes no owner or grant of an untrusted model, even asked, and says why', () => {
    const plan = planSchemaObjects(schema([grantT, ownedT]), {
      trusted: false,
      availableExtensions: new Set(),
      target: 'postgres',
      keepGrants: true,
      roles: new Set(),
    })
    expect(plan.objects).toEqual([])
    expect(plan.missingRoles).toEqual([])
    expect(plan.notes).toEqual([
      expect.stringMatching(/^left out 1 grant, 1 owner \(t, t\) of the model file: .* --trust-model/),
      // Its CHECK calls a function the model does not define: one the target may have, and only trust runs it.
      expect.stringMatching(/^left out 1 CHECK of the model file calling functions .*: t\.tidy \(tidy\)/),
    ])
  })

  it('writes everything from a trusted source, a view before what needs it', () => {
    const plan = planSchemaObjects(schema([onView, view, index, tidy]), {
      trusted: true,
      availableExtensions: new Set(),
      target: 'postgres',
    })
    expect(plan.objects.map((o) => o.name)).toEqual(['tidy', 't_n', 'v', 'v'])
    expect(plan.objects.at(-1)?.kind).toBe('comment')
    expect(plan.schema.tables[0]?.checks.map((c) => c.name)).toEqual(['tidy', 'positive'])
    expect(plan.notes).toEqual([])
  })

  it('runs no code from an untrusted model, and leaves out the comment and CHECK that need it', () => {
    const plan = planSchemaObjects(schema([onView, view, index, tidy]), {
      trusted: false,
      availableExtensions: new Set(),
      target: 'postgres',
    })
    expect(plan.objects.map((o) => o.name)).toEqual(['t_n'])
    expect(plan.schema.tables[0]?.checks.map((c) => c.name)).toEqual(['positive'])
    expect(plan.notes).toEqual([
      expect.stringMatching(/^left out 1 view, 1 function \(v, tidy\) of the model file: .* --trust-model/),
      'left out 1 comment (v): they need relation public.v, which the twin does not have',
      'left out 1 CHECK calling functions not written: t.tidy',
    ])
  })

  it('refuses an untrusted statement that is not one statement of its kind', () => {
    const smuggled = [
      object({
        kind: 'index',
        name: 'a',
        statement: 'CREATE INDEX a ON public.t USING btree (n); DROP TABLE t',
      }),
      object({ kind: 'index', name: 'b', statement: 'DROP TABLE public.t' }),
      object({
        kind: 'column',
        name: 'c',
        statement: 'ALTER TABLE public.t ALTER COLUMN n SET DEFAULT (select 1)',
      }),
      object({ kind: 'comment', name: 'd', statement: "COMMENT ON TABLE public.t IS 'x' -- y" }),
    ]
    const plan = planSchemaObjects(schema(smuggled), {
      trusted: false,
      availableExtensions: new Set(),
      target: 'postgres',
    })
    expect(plan.objects).toEqual([])
    expect(plan.notes[0]).toMatch(
      /^left out 2 indexes, 1 column, 1 comment \(a, b, c and 1 more\) .*a semicolon/,
    )
  })

  it("writes a MySQL model file's table options, columns and keys, and refuses them with a second statement", () => {
    const mysql = (kind: SchemaObject['kind'], name: string, statement: string) =>
      object({ kind, name, statement, schema: 'shop', phase: 'after-tables', requires: ['relation shop.t'] })
    const plain = [
      mysql('table', 't', "ALTER TABLE `t` ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='the t'"),
      mysql('column', 't', "ALTER TABLE `t` MODIFY COLUMN `n` int(11) NOT NULL DEFAULT 1 COMMENT 'n'"),
      mysql('index', 't.k', 'ALTER TABLE `t` ADD KEY `k` (`n`)'),
    ]
    const smuggled = mysql('index', 't.j', 'ALTER TABLE `t` ADD KEY `j` (`n`); DROP TABLE `t`')
    const plan = planSchemaObjects(
      { ...schema([...plain, smuggled]), dialect: 'mysql', tables: [] },
      { trusted: false, availableExtensions: new Set(), target: 'mysql' },
    )
    expect(plan.objects.map((o) => o.statement)).toEqual(plain.map((o) => o.statement))
    expect(plan.notes).toEqual([
      "left out 1 index (t.j) of the model file whose statements are not of their kind's plain shape (index t.j: a semicolon)",
    ])
  })

  it('names the extension a target lacks once, and leaves out only what needs it', () => {
    const trgm = object({
      kind: 'extension',
      name: 'pg_trgm',
      phase: 'before-tables',
      statement: 'CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public',
    })
    const gin = { ...index, name: 't_gin', requires: ['extension pg_trgm', 'relation public.t'] }
    const plan = planSchemaObjects(schema([trgm, gin, index]), {
      trusted: true,
      availableExtensions: new Set(['plpgsql']),
      target: 'postgres',
    })
    expect(plan.objects.map((o) => o.name)).toEqual(['t_n'])
    expect(plan.missingExtensions).toEqual(['pg_trgm'])
    expect(plan.notes[0]).toMatch(/^the target server lacks the extension pg_trgm the source uses/)
  })
})

describe('model text as one plain piece of a statement', () => {
  it('accepts expressions with literals that hold what would otherwise end the statement', () => {
    expect(sqlTextProblem("(name <> ''::text) AND (note ~ '^a;b--c$')")).toBeNull()
    expect(sqlTextProblem(`"we""ird;" > 0`)).toBeNull()
    expect(sqlTextProblem("E'it\\'s; fine' = x")).toBeNull()
  })

  it('refuses what could end it, hide text, or reach outside its parentheses', () => {
    expect(sqlTextProblem('true); drop table t; --')).toBe('a parenthesis closed that it did not open')
    expect(sqlTextProblem('n > 0; drop table t')).toBe('a semicolon')
    expect(sqlTextProblem('n > 0 /* x */')).toBe('a comment')
    expect(sqlTextProblem('$$a$$ = x')).toBe('a dollar quote')
    expect(sqlTextProblem('n in (select id from t)')).toBe('a subquery')
    expect(sqlTextProblem("'open")).toBe('an unterminated string')
    expect(sqlTextProblem('((n > 0)')).toBe('unbalanced parentheses')
  })
})

describe('function calls an untrusted model may write (PostgreSQL runs defaults and CHECKs on the twin)', () => {
  it('accepts the built-ins, keywords and type names of the corpus DDL', () => {
    for (const text of [
      "ALTER TABLE public.t ALTER COLUMN id SET DEFAULT nextval('public.t_id_seq'::regclass)",
      "ALTER TABLE public.t ALTER COLUMN made SET DEFAULT ('now'::text)::date",
      'CREATE INDEX t_lower ON ONLY public.t USING btree (lower((name)::text)) INCLUDE (code) WHERE (n > 0)',
      'CREATE DOMAIN public.year AS integer CONSTRAINT year_check CHECK (((VALUE >= 1901) AND (VALUE <= 2155)))',
      "CREATE TABLE public.p1 PARTITION OF public.p FOR VALUES FROM ('2022-01-01 00:00:00+00') TO ('2022-02-01')",
      "((name)::character varying(20) <> ''::text) AND (gender = ANY (ARRAY['M'::text, 'F'::text]))",
      "CASE WHEN (n > 0) THEN (upper(name) = name) ELSE coalesce(note, '') <> '' END",
      "pg_catalog.lower(name) = 'pg_read_file(x)'",
    ])
      expect(untrustedCall(text), text).toBeNull()
  })

  it('names any other call, bare, qualified, quoted or hidden in a CASE', () => {
    expect(untrustedCall("pg_read_file('/etc/passwd')")).toBe('pg_read_file')
    expect(untrustedCall("length(pg_catalog.pg_read_file('/etc/passwd')) > 0")).toBe('pg_read_file')
    expect(untrustedCall(`"lo_export" (lo_from_bytea(0, 'x'::bytea), '/tmp/x') > 0`)).toBe('lo_export')
    expect(untrustedCall("CASE WHEN n > 0 THEN query_to_xml('delete from t', true, true, '') END")).toBe(
      'query_to_xml',
    )
    expect(untrustedCall("E'it\\'s' || set_config('role', 'admin', false)")).toBe('set_config')
  })

  it("leaves out an untrusted model's default and CHECK that call one, and keeps them from a trusted one", () => {
    const read = object({
      kind: 'column',
      name: 'note',
      phase: 'after-tables',
      statement: "ALTER TABLE public.t ALTER COLUMN note SET DEFAULT pg_read_file('/etc/hostname')",
      requires: ['relation public.t'],
    })
    const hostile = schema([tidy, index, read])
    hostile.tables[0]!.checks.push({ name: 'export', expression: "lo_export(0, '/tmp/x') > 0" })
    const untrusted = planSchemaObjects(hostile, {
      trusted: false,
      availableExtensions: new Set(),
      target: 'postgres',
    })
    expect(untrusted.objects).toEqual([index])
    expect(untrusted.schema.tables[0]!.checks.map((c) => c.name)).toEqual(['positive'])
    expect(untrusted.notes).toEqual([
      expect.stringMatching(/^left out 1 function \(tidy\) of the model file: .* --trust-model/),
      expect.stringMatching(
        /^left out 1 column \(note\) of the model file: column note calls pg_read_file, .* --trust-model/,
      ),
      expect.stringMatching(/^left out 1 CHECK calling functions not written: t\.tidy$/),
      expect.stringMatching(
        /^left out 1 CHECK of the model file calling functions .*: t\.export \(lo_export\); pass --trust-model/,
      ),
    ])
    const trusted = planSchemaObjects(hostile, {
      trusted: true,
      availableExtensions: new Set(),
      target: 'postgres',
    })
    expect(trusted.objects).toContain(read)
    expect(trusted.schema.tables[0]!.checks.map((c) => c.name)).toContain('export')
  })
})
