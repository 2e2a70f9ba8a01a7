import { execFile } from 'node:child_process'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { learn } from '../../src/learn/learn.js'
import { formatModelFile, parseModelFile } from '../../src/model/model-file.js'
import { subset } from '../../src/subset/subset.js'
import { parseRoot } from '../../src/subset/subset-options.js'
import { clone } from '../../src/write/clone.js'
import { generate } from '../../src/write/generate-into-target.js'
import { generateFiles } from '../../src/write/file-output.js'
import { rulesForModel } from '../../src/rules/rules-for-model.js'
import {
  absentTestDatabase,
  createTestDatabase,
  testDialects,
  type TestDatabase,
} from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

const FIXTURE = new URL('../fixtures/schema-objects/', import.meta.url)
const run = promisify(execFile)

/** pg_dump's schema of a PostgreSQL database, without the per-run \restrict key lines. */
async function schemaDump(url: string): Promise<string> {
  const { stdout } = await run('pg_dump', ['--schema-only', '--no-owner', '--no-privileges', url], {
    maxBuffer: 64 * 1024 * 1024,
  })
  return stdout
    .split('\n')
    .filter((line) => !/^\\(un)?restrict /.test(line))
    .join('\n')
}

/** The dump's statements, one string each (the `--` header comments dropped). */
const statements = (dump: string) =>
  dump
    .split(/\n\n+/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && !s.startsWith('--'))

const notes = (events: { step: string; message?: string }[]) =>
  events.flatMap((e) => (e.step === 'note' && e.message !== undefined ? [e.message] : []))

const postgres = testDialects().find((d) => d.name === 'postgres')

describe.skipIf(postgres?.available !== true)(
  'a same-engine twin keeps the schema objects (issue 16)',
  () => {
    let source: TestDatabase
    const made: TestDatabase[] = []
    const fresh = async (dialect: 'postgres' | 'pglite' | 'mysql') => {
      const database = await createTestDatabase(dialect)
      made.push(database)
      return database
    }

    beforeAll(async () => {
      source = await createTestDatabase('postgres')
      // psql, as a user restores a schema: the files hold many statements, and function bodies with semicolons.
      for (const file of ['schema.sql', 'rows.sql'])
        await run('psql', ['-q', '-v', 'ON_ERROR_STOP=1', '-f', new URL(file, FIXTURE).pathname, source.url])
    })
    afterAll(async () => {
      for (const database of made) await database.drop()
      await source?.drop()
    })

    it('clones PostgreSQL into PostgreSQL with a schema pg_dump cannot tell from the source', async () => {
      const target = await fresh('postgres')
      const events: { step: string; message?: string }[] = []
      await clone(source.url, target.url, { seed: 3 }, (e) => events.push(e))
      expect(notes(events).filter((n) => /left out|lacks/.test(n))).toEqual([])
      // Sequence positions are data, not schema: the two dumps are the same, line for line.
      expect(await schemaDump(target.url)).toEqual(await schemaDump(source.url))

      await withDatabase(target.url, async (db) => {
        const one = async (query: ReturnType<typeof sql>) =>
          (await query.execute(db.db)).rows[0] as Record<string, unknown>
        // The trigger was made after the load: it fired on no written row, so audit holds only its generated rows.
        const audit =
          await one(sql`select count(*)::int as n, count(*) filter (where note ~ '^INSERT ')::int as fired
        from shop.audit`)
        expect(audit).toEqual({ n: 40, fired: 0 })
        expect(await one(sql`select max(touched)::int as t from shop.customer`)).toEqual({ t: 1 })
        // Inserts that give no id, code or timestamp: identity ALWAYS, a function default and now() fill them, and
        // the sequences start past the written keys; the trigger fires now.
        const customer =
          await one(sql`insert into shop.customer (name) values ('Zed') returning id, code, touched,
        created_at is not null as stamped`)
        expect(customer).toMatchObject({ id: 41, code: 'C100', touched: 1, stamped: true })
        expect(await one(sql`select count(*)::int as n from shop.audit where note = 'INSERT Zed'`)).toEqual({
          n: 1,
        })
        expect(await one(sql`insert into shop.item (title, price) values ('x', 1) returning id`)).toEqual({
          id: 41,
        })
        await expect(
          sql`insert into shop.customer (id, name) values (99, 'Ida')`.execute(db.db),
        ).rejects.toThrow(/non-DEFAULT value into column "id"/)
        // The domain's CHECK and the CHECK that calls the source's own function hold on the twin.
        await expect(
          sql`insert into shop.customer (name, since) values ('Old', 1800)`.execute(db.db),
        ).rejects.toThrow(/year_check/)
        await expect(
          sql`insert into shop.customer (name) values (' padded ')`.execute(db.db),
        ).rejects.toThrow(/customer_name_tidy/)
        // Rows land in the partitions; the materialized view was filled after the load.
        const partitions = await one(sql`select (select count(*) from shop.orders_2024)::int
        + (select count(*) from shop.orders_2025)::int as n, (select count(*) from shop.orders)::int as total`)
        expect(partitions['n']).toBe(partitions['total'])
        expect(await one(sql`select count(*)::int as n from shop.sales`)).toEqual({ n: 40 })
        // The child still INHERITS its parent, and the rule, made after the load, sends the parent's inserts to it.
        expect(
          await one(sql`select count(*)::int as n, count(*) filter (where tableoid = 'shop.note'::regclass)::int
          as parent from shop.note`),
        ).toEqual({ n: 20, parent: 20 })
        await sql`insert into shop.note (body, written_on) values ('early', '2024-03-01')`.execute(db.db)
        expect(await one(sql`select body, pinned from shop.note_2024`)).toEqual({
          body: 'early',
          pinned: false,
        })
      })
    })

    it('clones PostgreSQL into PGlite with every object PGlite can hold, and says which extension it lacks', async () => {
      const twin = await fresh('pglite')
      const events: { step: string; message?: string }[] = []
      await clone(source.url, twin.url, { seed: 3 }, (e) => events.push(e))
      const lines = notes(events)
      expect(lines.filter((n) => /pg_trgm/.test(n))).toEqual([
        expect.stringMatching(/^PGlite as dbtwin opens it has no extension pg_trgm/),
        'left out 1 index (item_title_trgm): they need extension pg_trgm, which the twin does not have',
      ])
      // PGlite has no pg_dump: its twin cloned back into PostgreSQL is dumped instead.
      const back = await fresh('postgres')
      await clone(twin.url, back.url, { seed: 3 })
      const trigram = (s: string) => /pg_trgm|item_title_trgm/.test(s)
      expect(statements(await schemaDump(back.url))).toEqual(
        statements(await schemaDump(source.url)).filter((s) => !trigram(s)),
      )
    })

    it.skipIf(testDialects().find((d) => d.name === 'mysql')?.available !== true)(
      'clones into MySQL as before, the PostgreSQL objects left out in one line',
      async () => {
        const target = await fresh('mysql')
        const events: { step: string; message?: string }[] = []
        await clone(source.url, target.url, { seed: 3 }, (e) => events.push(e))
        expect(notes(events).filter((n) => /schema objects/.test(n))).toEqual([
          expect.stringMatching(
            /^of the PostgreSQL source's schema objects, this MySQL target left out \d+ .*\(each with its reason: --verbose, or the report\)/,
          ),
        ])
      },
    )

    it('writes the same DDL as files around the rows (--out --format sql): psql loads them into the same schema', async () => {
      const model = await learn(source.url, { seed: 3 })
      const dir = await mkdtemp(join(tmpdir(), 'dbtwin-sql-'))
      try {
        const rules = await rulesForModel(model, undefined)
        await generateFiles(
          model,
          dir,
          'sql',
          { scale: 1, rows: {}, seed: 3, family: 'postgres', rules },
          {
            trusted: true,
          },
        )
        const files = (await readdir(dir)).sort()
        expect(files[0]).toBe('00-before-load.sql')
        expect(files.at(-1)).toBe('zzz-after-load.sql')
        const target = await fresh('postgres')
        // In file order, as `cat DIR/*.sql | psql` does; any error stops the load.
        for (const file of files)
          await run('psql', ['-q', '-v', 'ON_ERROR_STOP=1', '-f', join(dir, file), target.url])
        expect(await schemaDump(target.url)).toEqual(await schemaDump(source.url))
        await withDatabase(target.url, async (db) => {
          const { rows } = await sql<{ n: number }>`select count(*)::int as n from shop.customer`.execute(
            db.db,
          )
          expect(rows[0]?.n).toBeGreaterThan(0)
        })
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    })

    it('subsets PostgreSQL into PostgreSQL with the same schema objects', async () => {
      const target = await fresh('postgres')
      await subset(source.url, target.url, {
        roots: [parseRoot('shop.orders 50%')],
        seed: 1,
        rules: new URL('rules.yaml', FIXTURE).pathname,
      })
      expect(await schemaDump(target.url)).toEqual(await schemaDump(source.url))
    })

    it('runs no code from an untrusted model file, and leaves out what needs it, one line per reason', async () => {
      const model = parseModelFile(formatModelFile(await learn(source.url, { seed: 3 })), 'model.yaml')
      const target = await fresh('postgres')
      const events: { step: string; message?: string }[] = []
      await generate(model, target.url, { seed: 3 }, (e) => events.push(e))
      expect(notes(events).filter((n) => /left out/.test(n))).toEqual([
        expect.stringMatching(
          /^left out 3 functions, 1 procedure, 1 trigger, 1 rule, 2 views, 1 materialized view, 2 policies .* pass --trust-model/,
        ),
        'left out 1 column, 1 index, 2 comments (customer.code, sales_customer, busy_customers and 1 more): they need ' +
          'function shop.next_code, relation shop.sales, relation shop.busy_customers and 1 more, which the twin does not have',
        expect.stringMatching(
          /^left out 1 CHECK calling functions not written: customer\.customer_name_tidy/,
        ),
      ])
      const dump = await schemaDump(target.url)
      expect(dump).not.toMatch(/CREATE FUNCTION|CREATE TRIGGER|CREATE VIEW|CREATE POLICY/)
      expect(dump).toContain(
        'CREATE INDEX customer_lower_name ON shop.customer USING btree (lower(name)) INCLUDE (code);',
      )
      expect(dump).toContain('PARTITION BY RANGE (ordered_on)')

      const trusted = await fresh('postgres')
      await generate(model, trusted.url, { seed: 3, trustModel: true })
      expect(await schemaDump(trusted.url)).toEqual(await schemaDump(source.url))
    })
  },
)

describe.skipIf(postgres?.available !== true)("the source database's search_path (issue 16)", () => {
  let source: TestDatabase
  const made: { drop(): Promise<void> }[] = []
  beforeAll(async () => {
    source = await createTestDatabase('postgres')
    // Its trigger names its log table bare, as musicbrainz's do: it works where the database's search_path has app.
    await run('psql', [
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      `ALTER DATABASE "${source.name}" SET search_path = app, public`,
      source.url,
    ])
    await run('psql', [
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      `CREATE SCHEMA app;
      CREATE TABLE app.thing (id serial PRIMARY KEY, name text NOT NULL);
      CREATE TABLE app.log (id serial PRIMARY KEY, note text NOT NULL);
      CREATE FUNCTION app.log_thing() RETURNS trigger LANGUAGE plpgsql
        AS $$ BEGIN INSERT INTO log (note) VALUES (NEW.name); RETURN NEW; END $$;
      CREATE TRIGGER thing_log AFTER INSERT ON app.thing FOR EACH ROW EXECUTE FUNCTION app.log_thing();
      INSERT INTO app.thing (name) SELECT 'thing ' || i FROM generate_series(1, 10) AS i`,
      source.url,
    ])
  })
  afterAll(async () => {
    for (const database of made) await database.drop()
    await source?.drop()
  })

  /** Inserts a thing in a new session, as an application would: the trigger then logs it, or fails. */
  const insertThing = (url: string) =>
    withDatabase(url, async (db) => {
      await sql`insert into app.thing (name) values ('new')`.execute(db.db)
      const { rows } = await sql<{
        n: number
      }>`select count(*)::int as n from app.log where note = 'new'`.execute(db.db)
      return rows[0]?.n
    })

  it('is the setting of a twin database dbtwin created', async () => {
    const target = absentTestDatabase('postgres')
    made.push(target)
    const events: { step: string; message?: string }[] = []
    await clone(source.url, target.url, { seed: 1, existing: 'create' }, (e) => events.push(e))
    expect(notes(events).filter((n) => /search_path/.test(n))).toEqual([])
    expect(await insertThing(target.url)).toBe(1)
  })

  it('is left to the user, in one line, on a database the user made', async () => {
    const target = await createTestDatabase('postgres')
    made.push(target)
    const events: { step: string; message?: string }[] = []
    await clone(source.url, target.url, { seed: 1 }, (e) => events.push(e))
    expect(notes(events).filter((n) => /search_path/.test(n))).toEqual([
      expect.stringMatching(/run ALTER DATABASE <twin> SET search_path = app, public$/),
    ])
    await expect(insertThing(target.url)).rejects.toThrow(/relation "log" does not exist/)
  })
})
