import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse, stringify } from 'yaml'
import type { Database } from '../../src/dialects/dialect.js'
import { runCli, type CliResult } from '../support/run-cli.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

/**
 * The promises of docs/safety.md, "What dbtwin guarantees about a source", tried the way an attacker would: hostile
 * root conditions, URLs, model and rule files, names inside models and sources, and option values. Whatever
 * dbtwin does with each (refuse it, or do something harmless), the source is unchanged afterwards (catalog and
 * row checksums), no file appears outside the folder dbtwin was told to write, no password reaches the output,
 * and nothing prints a stack trace. A refusal is one line with its fix and a non-zero exit.
 */

const SECRET = 'Tr0ub4dor-s3cret'
const STACK_FRAME = /^\s+at .+[:(]\d+:\d+\)?$/m

type Outcome = 'refused' | 'ok' | 'either'

interface Source {
  dialect: 'postgres' | 'mysql'
  db: TestDatabase
  /** The source's URL with a password in it, to check it is never printed. */
  url: string
  /** Qualified name of the parent table as a root names it. */
  parent: string
}

let work: string
/** Paths an attack aims at; none may exist afterwards. */
const targets: string[] = []
const aim = (what: string) => {
  const path = join(tmpdir(), `dbtwin-pwned-${what}-${randomBytes(4).toString('hex')}`)
  targets.push(path)
  return path
}

function expectSafe(run: CliResult, outcome: Outcome): void {
  const output = run.stdout + run.stderr
  expect(output).not.toContain(SECRET)
  expect(output).not.toMatch(STACK_FRAME)
  expect(output).not.toMatch(/unexpected error/i)
  expect(output).not.toMatch(/root:x:0:0/)
  if (outcome === 'refused' || (outcome === 'either' && run.code !== 0)) {
    expect(run.code, run.stderr).not.toBe(0)
    expect(run.stderr.trim().split('\n'), run.stderr).toHaveLength(1)
    expect(run.stderr).toMatch(/Fix: /)
  }
  if (outcome === 'ok') expect(run.code, run.stderr).toBe(0)
}

async function fingerprint(source: Source): Promise<string> {
  return withDatabase(source.db.url, async (database) => {
    const parts: unknown[] = []
    if (source.dialect === 'postgres') {
      parts.push(
        (
          await sql`select relname, relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where nspname not in ('pg_catalog', 'information_schema', 'pg_toast') order by 1, 2`.execute(
            database.db,
          )
        ).rows,
        (
          await sql`select proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
            where nspname not in ('pg_catalog', 'information_schema') order by 1`.execute(database.db)
        ).rows,
        (await sql`select current_setting('default_transaction_read_only') as ro`.execute(database.db)).rows,
      )
    } else {
      parts.push(
        (
          await sql`select table_name, table_type from information_schema.tables where table_schema = database()
            order by 1`.execute(database.db)
        ).rows,
        (
          await sql`select routine_name from information_schema.routines where routine_schema = database()
            order by 1`.execute(database.db)
        ).rows,
      )
    }
    for (const table of ['parent', 'child', EVIL_TABLE])
      parts.push((await sql`select * from ${sql.table(table)} order by 1`.execute(database.db)).rows)
    return JSON.stringify(parts)
  })
}

/** A table named to break out of any quoting that pastes names into SQL. */
const EVIL_TABLE = `evil"; drop table parent; -- \`x'`

async function fillSource(database: Database): Promise<void> {
  const db = database.db
  await db.schema
    .createTable('parent')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'varchar(40)', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('child')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('parent_id', 'integer', (c) => c.notNull().references('parent.id'))
    .addColumn('amount', 'decimal(8, 2)')
    .execute()
  await db.schema
    .createTable(EVIL_TABLE)
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn(`a"b\`c'd`, 'varchar(10)')
    .execute()
  await db
    .insertInto('parent')
    .values(Array.from({ length: 30 }, (_, i) => ({ id: i + 1, name: `name ${i + 1}` })))
    .execute()
  await db
    .insertInto('child')
    .values(Array.from({ length: 90 }, (_, i) => ({ id: i + 1, parent_id: (i % 30) + 1, amount: i * 1.5 })))
    .execute()
  await db
    .insertInto(EVIL_TABLE)
    .values(Array.from({ length: 10 }, (_, i) => ({ id: i + 1, [`a"b\`c'd`]: `v${i % 3}` })))
    .execute()
}

const servers = testDialects().filter((d) => d.name !== 'pglite')

describe.skipIf(servers.some((d) => !d.available))('hostile inputs', () => {
  const sources: Record<'postgres' | 'mysql', Source | undefined> = { postgres: undefined, mysql: undefined }
  const before: Record<string, string> = {}
  let mysqlUser = ''
  let model: Record<string, unknown>

  const pg = () => sources.postgres!
  const my = () => sources.mysql!
  const cli = (args: string[]) => runCli(args, { cwd: work })

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'dbtwin-security-'))
    for (const dialect of servers.map((d) => d.name as 'postgres' | 'mysql')) {
      const db = await createTestDatabase(dialect)
      await withDatabase(db.url, fillSource)
      const url = new URL(db.url)
      if (dialect === 'mysql') {
        // A login with a password and every privilege on the source: the read-only guarantee must come from
        // dbtwin's transactions, not from a login that cannot write.
        mysqlUser = `dbtwin_sec_${randomBytes(4).toString('hex')}`
        await withDatabase(db.url, async (d) => {
          await sql`create user ${sql.lit(mysqlUser)}@'%' identified by ${sql.lit(SECRET)}`.execute(d.db)
          await sql`grant all on ${sql.id(db.name)}.* to ${sql.lit(mysqlUser)}@'%'`.execute(d.db)
        })
        url.username = mysqlUser
      }
      // PostgreSQL's test server trusts local logins, so the password is carried and ignored.
      url.password = SECRET
      sources[dialect] = {
        dialect,
        db,
        url: url.href,
        parent: dialect === 'postgres' ? 'public.parent' : `${db.name}.parent`,
      }
      before[dialect] = await fingerprint(sources[dialect])
    }
    const learned = await cli(['learn', pg().url, '-o', join(work, 'model.yaml')])
    expect(learned.code, learned.stderr).toBe(0)
    model = parse(await readFile(join(work, 'model.yaml'), 'utf8')) as Record<string, unknown>
  }, 120_000)

  afterAll(async () => {
    for (const source of Object.values(sources)) {
      if (source === undefined) continue
      expect(await fingerprint(source), `${source.dialect} source changed`).toBe(before[source.dialect])
      if (source.dialect === 'mysql')
        await withDatabase(source.db.url, (d) => sql`drop user ${sql.lit(mysqlUser)}@'%'`.execute(d.db))
      await source.db.drop()
    }
    for (const path of targets) expect(existsSync(path), `${path} was written`).toBe(false)
    await rm(work, { recursive: true, force: true })
  }, 60_000)

  describe('root conditions are one read-only boolean expression', () => {
    // A sample of each kind; test/integration/subset-root-safety.test.ts tries every trick on every engine.
    const roots: [string, () => Source, (s: Source) => string][] = [
      [
        'a second statement that turns read-only off and creates a table',
        pg,
        (s) =>
          `${s.parent} where 1=1; commit; set default_transaction_read_only=off; commit; create table public.x(i int); insert into public.x values (42); --`,
      ],
      ['a parenthesis that closes the wrapper', pg, (s) => `${s.parent} where 1=1) or (1=1`],
      [
        'set_config',
        pg,
        (s) => `${s.parent} where set_config('default_transaction_read_only', 'off', false) = 'off'`,
      ],
      [
        'a data-modifying CTE',
        pg,
        (s) => `${s.parent} where id in (with d as (delete from child returning id) select id from d)`,
      ],
      ['INTO OUTFILE on MySQL', my, (s) => `${s.parent} where 1=1 into outfile '${aim('outfile')}'`],
      [
        'a backslash-escaped quote on MySQL',
        my,
        (s) => `${s.parent} where name = 'a\\'; drop table child; -- '`,
      ],
    ]
    for (const [what, source, root] of roots)
      it(`refuses ${what}`, async () => {
        expectSafe(
          await cli(['subset', '--plan', '--from', source().url, '--root', root(source())]),
          'refused',
        )
      })

    it('accepts a subquery, and a dollar-quoted literal with a semicolon is only a literal', async () => {
      expectSafe(
        await cli([
          'subset',
          '--plan',
          '--from',
          pg().url,
          '--root',
          `${pg().parent} where id in (select parent_id from public.child where amount > 10) and name <> $$x;drop table child$$`,
        ]),
        'ok',
      )
    })

    it('refuses a hostile root from a --config file', async () => {
      const config = join(work, 'subset-config.yaml')
      await writeFile(
        config,
        stringify({ roots: [`${pg().parent} where 1=1; create table public.y(i int)`] }),
      )
      expectSafe(await cli(['subset', '--plan', '--from', pg().url, '--config', config]), 'refused')
    })
  })

  describe('URLs: no password printed, no folder taken over', () => {
    it('masks the password of a scheme in capitals', async () => {
      const url = pg().url.replace(/^postgres:/, 'POSTGRES:')
      const run = await cli(['inspect', url])
      expectSafe(run, 'either')
    })
    it('masks it when the server refuses the connection', async () => {
      expectSafe(await cli(['inspect', `postgres://u:${SECRET}@127.0.0.1:1/x`]), 'refused')
    })
    it('masks it when MySQL refuses the login', async () => {
      expectSafe(await cli(['inspect', `MySQL://nobody_here:${SECRET}@127.0.0.1:3306/x`]), 'refused')
    })
    it('masks it inside a URL that cannot be parsed', async () => {
      expectSafe(await cli(['inspect', `postgres://u:${SECRET}%zz@127.0.0.1:5432/x`]), 'refused')
    })
    it('refuses a PGlite folder under /proc', async () => {
      expectSafe(await cli(['inspect', 'pglite:///proc/self']), 'refused')
    }, 30_000)
    it('refuses a non-empty folder that is not a PGlite database, and leaves it as it was', async () => {
      const dir = join(work, 'not-a-database')
      await mkdir(dir)
      await writeFile(join(dir, 'notes.txt'), 'mine')
      expectSafe(await cli(['inspect', `pglite://${dir}`]), 'refused')
      expect(await readdir(dir)).toEqual(['notes.txt'])
    })
    it('refuses the source as a target, however its URL is spelled', async () => {
      const url = new URL(pg().url)
      const same = `POSTGRESQL://${url.username}:${SECRET}@localhost:${url.port}${url.pathname}`
      expectSafe(await cli(['clone', '--from', pg().url, '--to', same, '--truncate']), 'refused')
      expectSafe(
        await cli([
          'subset',
          '--from',
          my().url,
          '--to',
          my().url,
          '--root',
          `${my().parent} limit 1`,
          '--drop',
        ]),
        'refused',
      )
    })
  })

  describe('model files are untrusted', () => {
    const writeModel = async (name: string, edit: (m: Record<string, unknown>) => void) => {
      const copy = structuredClone(model)
      edit(copy)
      const path = join(work, name)
      await writeFile(path, stringify(copy))
      return path
    }
    const renameTable = (to: { schema?: string; name?: string }) => (m: Record<string, unknown>) => {
      const schema = m['schema'] as { tables: { schema: string; name: string }[] }
      const table = schema.tables.find((t) => t.name === 'parent')!
      Object.assign(table, to)
    }
    const generateOut = async (modelPath: string) => {
      const out = await mkdtemp(join(work, 'out-'))
      const run = await cli(['generate', '--model', modelPath, '--out', out])
      for (const file of await readdir(out, { recursive: true }))
        expect(join(out, String(file)).startsWith(out)).toBe(true)
      return run
    }

    it('keeps a table named ../../ inside --out', async () => {
      const pwned = aim('table')
      const path = await writeModel('traversal.yaml', renameTable({ name: `../../../../../../..${pwned}` }))
      expectSafe(await generateOut(path), 'either')
    })
    it('keeps a schema named ../../ inside --out', async () => {
      const pwned = aim('schema')
      const path = await writeModel(
        'traversal-schema.yaml',
        renameTable({ schema: `../../../../../../..${pwned}` }),
      )
      expectSafe(await generateOut(path), 'either')
    })
    it('refuses a NUL byte in a name', async () => {
      const path = await writeModel('nul.yaml', renameTable({ name: 'par\u0000ent' }))
      expectSafe(await generateOut(path), 'refused')
    })
    it('refuses an alias bomb', async () => {
      const path = join(work, 'bomb.yaml')
      const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
      for (let i = 1; i < 9; i++)
        levels.push(
          `${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(10)
            .fill(`*${'abcdefghi'[i - 1]}`)
            .join(',')}]`,
        )
      await writeFile(path, levels.join('\n'))
      expectSafe(await cli(['generate', '--model', path, '--out', join(work, 'bomb-out')]), 'refused')
    })
    it('refuses a file that is not a model', async () => {
      const path = join(work, 'number.yaml')
      await writeFile(path, '42\n')
      expectSafe(await cli(['generate', '--model', path, '--out', join(work, 'n-out')]), 'refused')
    })
    it('refuses a missing model and a folder in its place', async () => {
      expectSafe(
        await cli(['generate', '--model', join(work, 'nope.yaml'), '--out', join(work, 'x')]),
        'refused',
      )
      expectSafe(await cli(['generate', '--model', work, '--out', join(work, 'y')]), 'refused')
    })
    it("runs no function a default or a CHECK of the model calls that reaches the twin server's files", async () => {
      const pwned = aim('lo-export')
      const path = await writeModel('calls.yaml', (m) => {
        const schema = m['schema'] as {
          objects: Record<string, unknown>[]
          tables: { name: string; checks: { name: string; expression: string }[] }[]
        }
        schema.objects.push({
          kind: 'column',
          schema: 'public',
          name: 'name',
          phase: 'after-tables',
          statement: "ALTER TABLE public.parent ALTER COLUMN name SET DEFAULT pg_read_file('/etc/hostname')",
          requires: ['relation public.parent'],
        })
        schema.tables
          .find((t) => t.name === 'child')!
          .checks.push({
            name: 'pwn',
            expression: `lo_export(lo_from_bytea(0, 'x'::bytea), '${pwned}') > 0 OR id > 0`,
          })
      })
      const target = await createTestDatabase('postgres')
      try {
        const run = await cli(['generate', '--model', path, '--to', target.url, '--seed', '1'])
        expectSafe(run, 'ok')
        expect(run.stdout + run.stderr).toMatch(/calls pg_read_file, which only a trusted model may run/)
        expect(run.stdout + run.stderr).toMatch(/child\.pwn \(lo_export\); pass --trust-model/)
        const written = await withDatabase(target.url, async (d) => {
          const defaults = await sql<{
            d: string | null
          }>`select column_default as d from information_schema.columns
            where table_name = 'parent' and column_name = 'name'`.execute(d.db)
          const checks = await sql<{
            n: number
          }>`select count(*)::int as n from pg_constraint where conname = 'pwn'`.execute(d.db)
          const rows = await sql<{ n: number }>`select count(*)::int as n from child`.execute(d.db)
          return { default: defaults.rows[0]?.d, checks: checks.rows[0]?.n, rows: rows.rows[0]?.n }
        })
        expect(written).toEqual({ default: null, checks: 0, rows: 90 })
      } finally {
        await target.drop()
      }
    })
    it('refuses negative row counts', async () => {
      const path = await writeModel('negative.yaml', (m) => {
        const tables = m['tables'] as { rows: number }[]
        tables[0]!.rows = -5
      })
      expectSafe(await cli(['generate', '--model', path, '--out', join(work, 'neg-out')]), 'refused')
    })
  })

  describe('rule files are untrusted', () => {
    const rules = async (name: string, text: string) => {
      const path = join(work, name)
      await writeFile(path, text)
      return path
    }
    const plan = (rulesPath: string) =>
      cli(['subset', '--plan', '--from', pg().url, '--root', `${pg().parent} limit 2`, '--rules', rulesPath])

    it('does not print a file that an include names', async () => {
      expectSafe(
        await plan(await rules('include-passwd.yaml', 'include: [/etc/passwd]\nrules: []\n')),
        'refused',
      )
    })
    it('refuses a faker method that is not one', async () => {
      const path = await rules('proto.yaml', 'rules:\n  - { column: name, faker: constructor.constructor }\n')
      expectSafe(await plan(path), 'refused')
    })
    it('is not polluted by __proto__ keys', async () => {
      const path = await rules(
        'pollute.yaml',
        'rules:\n  - { column: name, faker: person.firstName, __proto__: { polluted: yes } }\n',
      )
      expectSafe(await plan(path), 'either')
    })
  })

  describe('hostile names in a source are only names', () => {
    for (const to of ['postgres', 'mysql', 'pglite'] as const)
      it(`clones PostgreSQL's table ${JSON.stringify(EVIL_TABLE)} into ${to}`, async () => {
        const target = await createTestDatabase(to)
        try {
          expectSafe(await cli(['clone', '--from', pg().url, '--to', target.url]), 'ok')
          await withDatabase(target.url, async (d) => {
            const { rows } = await sql<{
              n: unknown
            }>`select count(*) as n from ${sql.table(EVIL_TABLE)}`.execute(d.db)
            expect(Number(rows[0]?.n)).toBe(10)
          })
        } finally {
          await target.drop()
        }
      }, 120_000)
    it('clones MySQL with the same names into PostgreSQL', async () => {
      const target = await createTestDatabase('postgres')
      try {
        expectSafe(await cli(['clone', '--from', my().url, '--to', target.url]), 'ok')
        await withDatabase(target.url, async (d) => {
          const table = (await d.introspect()).tables.find((t) => t.name === EVIL_TABLE)!
          const { rows } = await sql<{
            n: unknown
          }>`select count(*) as n from ${sql.id(table.schema, table.name)}`.execute(d.db)
          expect(Number(rows[0]?.n)).toBe(10)
        })
      } finally {
        await target.drop()
      }
    }, 120_000)
  })

  describe('option values are checked before any work', () => {
    const options: [string, () => string[]][] = [
      ['report --max-rows 0', () => ['report', '--real', pg().url, '--twin', pg().url, '--max-rows', '0']],
      ['learn --min-count 0', () => ['learn', pg().url, '--min-count', '0', '-o', join(work, 'm0.yaml')]],
      ['learn --sample-rows 0', () => ['learn', pg().url, '--sample-rows', '0', '-o', join(work, 'm1.yaml')]],
      ['learn -o into a missing folder', () => ['learn', pg().url, '-o', join(work, 'missing', 'm.yaml')]],
      [
        'report --html onto a folder',
        () => ['report', '--real', pg().url, '--twin', pg().url, '--html', work],
      ],
      [
        'generate --rows naming an unknown table',
        () => [
          'generate',
          '--model',
          join(work, 'model.yaml'),
          '--out',
          join(work, 'r'),
          '--rows',
          'public.nope=5',
        ],
      ],
      [
        'generate --scale -1',
        () => ['generate', '--model', join(work, 'model.yaml'), '--out', join(work, 's'), '--scale', '-1'],
      ],
      [
        'generate --seed abc',
        () => ['generate', '--model', join(work, 'model.yaml'), '--out', join(work, 't'), '--seed', 'abc'],
      ],
      [
        'subset --children with a negative count',
        () => [
          'subset',
          '--plan',
          '--from',
          pg().url,
          '--root',
          `${pg().parent} limit 1`,
          '--children',
          'public.child=-1',
        ],
      ],
    ]
    for (const [what, args] of options)
      it(`refuses ${what}`, async () => {
        expectSafe(await cli(args()), 'refused')
      })
  })
})
