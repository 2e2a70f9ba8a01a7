import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { DbtwinError } from '../../src/errors.js'
import { learn } from '../../src/learn/learn.js'
import { clone } from '../../src/write/clone.js'
import { generate } from '../../src/write/generate-into-target.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'

const run = promisify(execFile)
const postgres = testDialects().find((d) => d.name === 'postgres')

/** pg_dump's schema with owners and privileges, without the per-run \restrict key lines. */
async function dumpWithGrants(url: string): Promise<string> {
  const { stdout } = await run('pg_dump', ['--schema-only', url], { maxBuffer: 16 * 1024 * 1024 })
  return stdout
    .split('\n')
    .filter((line) => !/^\\(un)?restrict /.test(line))
    .join('\n')
}

async function query<T>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(text, values)).rows as T[]
  } finally {
    await client.end()
  }
}

describe.skipIf(postgres?.available !== true)('--keep-grants: owners and grants (issue 16)', () => {
  const admin = () => {
    const url = inject('serverUrls').postgres
    if (url === null) throw new Error('no PostgreSQL server for this test run')
    return url
  }
  // Roles are the server's, not a database's: unique names, dropped after the databases that name them.
  const suffix = randomBytes(4).toString('hex')
  const owner = `dbtwin_r_${suffix}_owner`
  const reader = `dbtwin_r_${suffix}_reader`
  let source: TestDatabase
  const made: TestDatabase[] = []
  const fresh = async () => {
    const database = await createTestDatabase('postgres')
    made.push(database)
    return database
  }

  beforeAll(async () => {
    await query(admin(), `create role "${owner}"`)
    await query(admin(), `create role "${reader}"`)
    source = await createTestDatabase('postgres')
    await query(
      source.url,
      `create schema app;
      create table app.item (id serial primary key, name text not null);
      create view app.names as select name from app.item;
      create function app.shout(t text) returns text language sql as $$ select upper(t) $$;
      insert into app.item (name) select 'item ' || g from generate_series(1, 20) g;
      alter schema app owner to "${owner}";
      alter table app.item owner to "${owner}";
      alter view app.names owner to "${owner}";
      alter function app.shout(text) owner to "${owner}";
      grant usage on schema app to "${reader}";
      grant select, insert on app.item to "${reader}";
      grant select on app.names to "${reader}" with grant option;
      grant usage on sequence app.item_id_seq to "${reader}";
      revoke execute on function app.shout(text) from public;
      grant execute on function app.shout(text) to "${reader}";`,
    )
  })
  afterAll(async () => {
    for (const database of made) await database.drop()
    await source.drop()
    await query(admin(), `drop role if exists "${reader}"`)
    await query(admin(), `drop role if exists "${owner}"`)
  })

  it('keeps owners and grants on schemas, tables, views, sequences and functions: pg_dump with them matches', async () => {
    const target = await fresh()
    await clone(source.url, target.url, { seed: 2, keepGrants: true })
    expect(await dumpWithGrants(target.url)).toEqual(await dumpWithGrants(source.url))
    const [rights] = await query<Record<string, boolean | string>>(
      target.url,
      `select (select r.rolname from pg_class c join pg_roles r on r.oid = c.relowner where c.oid = 'app.item'::regclass) as owner,
        has_table_privilege($1, 'app.item', 'SELECT') as select_item,
        has_table_privilege($1, 'app.item', 'DELETE') as delete_item,
        has_function_privilege('public', 'app.shout(text)', 'EXECUTE') as public_shout`,
      [reader],
    )
    expect(rights).toEqual({ owner, select_item: true, delete_item: false, public_shout: false })
  })

  it('leaves them out by default: the writer owns the twin, and no role is granted anything', async () => {
    const target = await fresh()
    await clone(source.url, target.url, { seed: 2 })
    const [rights] = await query<Record<string, boolean | string>>(
      target.url,
      `select (select r.rolname from pg_class c join pg_roles r on r.oid = c.relowner where c.oid = 'app.item'::regclass) = current_user as mine,
        has_table_privilege($1, 'app.item', 'SELECT') as select_item,
        has_function_privilege('public', 'app.shout(text)', 'EXECUTE') as public_shout`,
      [reader],
    )
    expect(rights).toEqual({ mine: true, select_item: false, public_shout: true })
  })

  it('refuses before writing anything when a role they name is not on the target, naming it and the fix', async () => {
    const model = await learn(source.url, { seed: 2 })
    const gone = `dbtwin_r_${suffix}_gone`
    // The model as a source whose reader role this server lacks (roles are server-wide, so it cannot be another).
    const objects = model.schema.objects.map((o) =>
      o.requires.includes(`role ${reader}`)
        ? {
            ...o,
            statement: o.statement.replaceAll(reader, gone),
            requires: o.requires.map((r) => r.replace(reader, gone)),
          }
        : o,
    )
    const target = await fresh()
    const failure = await generate({ ...model, schema: { ...model.schema, objects } }, target.url, {
      seed: 2,
      trustModel: true,
      keepGrants: true,
    }).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(DbtwinError)
    expect((failure as DbtwinError).code).toBe('ROLE_NOT_FOUND')
    expect((failure as DbtwinError).toLine()).toContain(`has no role ${gone}`)
    expect((failure as DbtwinError).toLine()).toMatch(/CREATE ROLE .*or run without --keep-grants/)
    const tables = await query<{ n: number }>(
      target.url,
      `select count(*)::int as n from pg_tables where schemaname = 'app'`,
    )
    expect(tables[0]?.n).toBe(0)
    // Without the flag the same model writes, grants left out.
    await generate({ ...model, schema: { ...model.schema, objects } }, target.url, {
      seed: 2,
      trustModel: true,
    })
  })
})
