import { randomBytes } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import type { DialectName } from '../../src/schema/schema.js'
import { subset } from '../../src/subset/subset.js'
import { parseChildren, parseRoot } from '../../src/subset/subset-options.js'
import { runCli } from '../support/run-cli.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { dumpTables, orphanCounts, withDatabase } from '../support/twin-checks.js'

/** Twenty inventory rows and sixty rentals; rental i (i <= 20) rents inventory i. */
async function createRentals(db: Database): Promise<void> {
  await db.db.schema
    .createTable('inventory')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .execute()
  await db.db.schema
    .createTable('rental')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('inventory_id', 'integer', (c) => c.notNull().references('inventory.id'))
    .execute()
  await db.db
    .insertInto('inventory')
    .values(Array.from({ length: 20 }, (_, i) => ({ id: i + 1, store_id: (i % 2) + 1 })))
    .execute()
  await db.db
    .insertInto('rental')
    .values(Array.from({ length: 60 }, (_, i) => ({ id: i + 1, inventory_id: (i % 20) + 1 })))
    .execute()
}

/** What a write to the source would change: its tables, its functions and every row. */
async function sourceState(db: Database): Promise<string> {
  const own = db.dialect === 'mysql' ? sql`= database()` : sql`not in ('pg_catalog', 'information_schema')`
  const count = async (query: ReturnType<typeof sql>) =>
    String((await query.execute(db.db)).rows.map((r) => Object.values(r as object)[0]))
  const tables = await count(sql`select count(*) from information_schema.tables where table_schema ${own}`)
  const routines = await count(
    sql`select count(*) from information_schema.routines where routine_schema ${own}`,
  )
  return `tables ${tables}, routines ${routines}\n${await dumpTables(db, await db.introspect())}`
}

/** Hostile roots for each engine: every one must be refused with one line, and leave the source as it was. */
function hostileRoots(dialect: DialectName, outfile: string): string[] {
  const both = [
    'inventory where 1=1) union select id from rental where (1=1',
    'inventory where 1=1 -- and store_id = 1',
    'inventory where 1=1 /* a comment */',
    'inventory where id in (select inventory_id from rental for update)',
    'inventory where id in (select inventory_id from rental for share)',
    'inventory where 1=1; drop table rental',
    'inventory where commit',
  ]
  if (dialect === 'mysql') {
    return [
      ...both,
      `inventory where 1=1 into outfile '${outfile}'`,
      `inventory where 1=1 union select 1 into dumpfile '${outfile}'`,
      'inventory where 1=1 # a comment',
      "inventory where store_id = 'a\\' ; drop table rental; '",
      'inventory where sleep(5) = 0',
      "inventory where load_file('/etc/passwd') is not null",
    ]
  }
  const postgres = [
    'inventory where 1=1; commit; set default_transaction_read_only=off; commit; create table public.x(i int); insert into public.x values (42); --',
    'inventory where pg_sleep(5) is not null',
    "inventory where set_config('default_transaction_read_only', 'off', false) = 'off'",
    "inventory where length(pg_read_file('/etc/passwd')) > 0",
    'inventory where id in (with d as (delete from rental returning inventory_id) select inventory_id from d)',
    "inventory where store_id = E'\\' ; drop table rental; '",
  ]
  // PGlite checks roots as PostgreSQL does (the unit tests cover each trick): three runs show the CLI wires it.
  return dialect === 'pglite' ? postgres.slice(0, 3) : [...both, ...postgres]
}

const oneLineRefusal = (run: { code: number; stdout: string; stderr: string }) => {
  expect(run.code, run.stdout + run.stderr).not.toBe(0)
  expect(run.stderr.trim().split('\n')).toHaveLength(1)
  expect(run.stderr).not.toMatch(/\n\s+at /)
  expect(run.stderr).toMatch(
    /has no place in a root condition\. Fix: a root condition is one boolean expression/,
  )
}

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`root conditions against the source on ${dialect.name}`, () => {
    let source: TestDatabase
    let before: string

    beforeAll(async () => {
      source = await createTestDatabase(dialect.name)
      before = await withDatabase(source.url, async (db) => {
        await createRentals(db)
        return sourceState(db)
      })
    })
    afterAll(() => source?.drop())

    it('refuses every hostile root with one line, and the source is unchanged', async () => {
      const outfile = join(tmpdir(), `dbtwin-root-${randomBytes(4).toString('hex')}.txt`)
      const roots = hostileRoots(dialect.name, outfile)
      // Two at a time: each run starts a process, and the machine is shared.
      for (let i = 0; i < roots.length; i += 2) {
        const runs = await Promise.all(
          roots
            .slice(i, i + 2)
            .map((root) => runCli(['subset', '--plan', '--from', source.url, '--root', root])),
        )
        runs.forEach(oneLineRefusal)
      }
      expect(existsSync(outfile)).toBe(false)
      expect(await withDatabase(source.url, sourceState)).toBe(before)
    }, 180_000)

    it('refuses a hostile root from --config and from dbtwin.yaml', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'dbtwin-root-'))
      try {
        const root = 'inventory where 1=1; drop table rental'
        await writeFile(join(dir, 'subset.yaml'), `roots: ${JSON.stringify([root])}\n`)
        await writeFile(
          join(dir, 'dbtwin.yaml'),
          `sources: { prod: "${source.url}" }\ndefault: { from: prod }\nsubset: { roots: ${JSON.stringify([root])} }\n`,
        )
        const [fromConfig, fromProject] = await Promise.all([
          runCli(['subset', '--plan', '--from', source.url, '--config', join(dir, 'subset.yaml')]),
          runCli(['subset', '--plan'], { cwd: dir }),
        ])
        oneLineRefusal(fromConfig)
        expect(fromConfig.stderr).toContain(
          'subset.yaml:1:9: roots.0: root "inventory where 1=1; drop table rental"',
        )
        oneLineRefusal(fromProject)
        expect(fromProject.stderr).toContain('dbtwin.yaml (subset): roots.0:')
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
      expect(await withDatabase(source.url, sourceState)).toBe(before)
    }, 60_000)

    it('runs a condition whose ";" is inside a literal, and subqueries', async () => {
      const literal =
        dialect.name === 'mysql'
          ? "inventory where store_id = 1 and 'a;b' <> 'commit; drop table rental'"
          : 'inventory where store_id = 1 and $$;$$ <> $q$commit; drop table rental$q$'
      const run = await runCli([
        'subset',
        '--plan',
        '--from',
        source.url,
        '--root',
        literal,
        '--root',
        'rental where inventory_id in (select id from inventory where store_id = 2) and id > 40',
        '--children',
        'none',
      ])
      expect(run.code, run.stderr).toBe(0)
      // Ten inventory rows of store 1; store 2's rentals 42, 44, … 60 bring their own ten inventory rows.
      expect(run.stdout).toMatch(/inventory\s+20\s/)
      expect(run.stdout).toMatch(/rental\s+10\s/)
      expect(await withDatabase(source.url, sourceState)).toBe(before)
    }, 60_000)

    it('cannot run a second statement even past the check: the connection refuses it', async () => {
      // Opened writable, so that the refusal is the protocol's and not the read-only transaction's.
      await withDatabase(source.url, async (db) => {
        const twoStatements = sql`select 1; create table y (i integer)`.execute(db.db)
        await expect(twoStatements).rejects.toThrow(
          dialect.name === 'mysql'
            ? /You have an error in your SQL syntax/
            : /cannot insert multiple commands into a prepared statement/,
        )
      })
      expect(await withDatabase(source.url, sourceState)).toBe(before)
    })
  })
}

/**
 * Moves rentals 1-10 to inventory 20 from another process, and waits for it: what a concurrent writer does between
 * the subset's choosing rows and its reading them.
 */
function moveRentalsElsewhere(dialect: 'postgres' | 'mysql', url: string): void {
  const script =
    dialect === 'postgres'
      ? `import pg from 'pg'; const c = new pg.Client(process.env.SOURCE_URL); await c.connect();
         await c.query('update rental set inventory_id = 20 where id <= 10'); await c.end()`
      : `import mysql from 'mysql2/promise'; const c = await mysql.createConnection(process.env.SOURCE_URL);
         await c.query('update rental set inventory_id = 20 where id <= 10'); await c.end()`
  execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, SOURCE_URL: url },
    cwd: new URL('../..', import.meta.url).pathname,
  })
}

for (const dialect of testDialects()) {
  // PGlite is one process's database: no other client can write to it while a subset reads.
  describe.skipIf(!dialect.available || dialect.name === 'pglite')(
    `a subset reads one snapshot on ${dialect.name}`,
    () => {
      it('copies the rows as they were when it chose them, while another client moves them', async () => {
        const source = await createTestDatabase(dialect.name)
        const target = await createTestDatabase(dialect.name)
        try {
          await withDatabase(source.url, createRentals)
          let moved = false
          const result = await subset(
            source.url,
            target.url,
            { roots: [parseRoot('rental where id <= 10')], children: parseChildren(['none']) },
            (event) => {
              if (event.step !== 'plan') return
              moveRentalsElsewhere(dialect.name as 'postgres' | 'mysql', source.url)
              moved = true
            },
          )
          expect(moved).toBe(true)
          // inventory is a reference table (20 rows, referenced, no personal data): a subset copies it whole.
          expect(result.rows).toMatchObject({ [tableId(dialect.name, source, 'inventory')]: 20 })
          await withDatabase(target.url, async (twin) => {
            const schema = await twin.introspect()
            expect(Object.values(await orphanCounts(twin, schema))).toEqual([0])
            const { rows } = await sql<{
              id: number
              inventory_id: number
            }>`select id, inventory_id from rental order by id`.execute(twin.db)
            expect(rows.map((r) => [Number(r.id), Number(r.inventory_id)])).toEqual(
              Array.from({ length: 10 }, (_, i) => [i + 1, i + 1]),
            )
          })
          // The source did change: the subset just did not see it.
          await withDatabase(source.url, async (db) => {
            const { rows } = await sql<{
              n: unknown
            }>`select count(*) as n from rental where inventory_id = 20`.execute(db.db)
            expect(Number(rows[0]!.n)).toBe(13)
          })
        } finally {
          await target.drop()
          await source.drop()
        }
      })
    },
  )
}

const tableId = (dialect: DialectName, source: TestDatabase, table: string) =>
  dialect === 'mysql' ? `${source.name}.${table}` : `public.${table}`
