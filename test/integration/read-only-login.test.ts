import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { introspect } from '../../src/dialects/introspect.js'
import type { ReferentialAction, Schema } from '../../src/schema/schema.js'
import { runCli } from '../support/run-cli.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { createTestLogin, type TestLogin } from '../support/test-login.js'
import { withDatabase } from '../support/twin-checks.js'

const available = (name: string) => testDialects().some((d) => d.name === name && d.available)

/** Every kind of key a login must see: primary, composite, unique, foreign (composite, self, each action), checks. */
const MARIADB_SHOP = [
  `create table region (code char(2) primary key, name varchar(40) not null unique)`,
  `create table customer (
     id int auto_increment primary key,
     region char(2) not null,
     referrer int null,
     email varchar(80) not null,
     constraint customer_email unique (email),
     constraint customer_region_fk foreign key (region) references region (code) on update cascade,
     constraint customer_referrer_fk foreign key (referrer) references customer (id) on delete set null,
     constraint email_shape check (email like '%@%'))`,
  `create table orders (
     customer_id int not null,
     seq int not null,
     total decimal(10, 2) not null check (total >= 0),
     primary key (customer_id, seq),
     foreign key (customer_id) references customer (id) on delete cascade)`,
  `create table order_line (
     customer_id int not null,
     seq int not null,
     line int not null,
     note json,
     primary key (customer_id, seq, line),
     constraint line_order_fk foreign key (customer_id, seq) references orders (customer_id, seq)
       on delete cascade on update restrict)`,
  // A name that reads like an action, and actions given as NO ACTION, which MariaDB keeps apart from RESTRICT.
  `create table referral (
     id int primary key,
     customer_id int not null,
     by_customer int,
     constraint \`odd\`\`name ON DELETE CASCADE\` foreign key (customer_id) references customer (id)
       on delete no action on update no action,
     constraint referral_by_fk foreign key (by_customer) references customer (id) on delete set null)`,
  `insert into region values ('NO', 'North'), ('SO', 'South'), ('EA', 'East')`,
  `insert into customer (region, referrer, email) values ('NO', null, 'a@x.org'), ('SO', 1, 'b@x.org'),
     ('EA', 1, 'c@x.org'), ('NO', 2, 'd@x.org'), ('SO', null, 'e@x.org'), ('EA', 3, 'f@x.org')`,
  `insert into orders values (1, 1, 10.5), (1, 2, 20), (2, 1, 7.25), (3, 1, 99), (4, 1, 1), (4, 2, 2), (6, 1, 3)`,
  `insert into order_line values (1, 1, 1, '{"a":1}'), (1, 1, 2, null), (1, 2, 1, '[]'), (2, 1, 1, null),
     (3, 1, 1, '{}'), (4, 2, 1, null), (6, 1, 1, null)`,
  `insert into referral values (1, 2, 1), (2, 3, 1), (3, 4, null)`,
]

/**
 * The keys and checks of each table, with the database name out of the references (a twin lives elsewhere).
 * `sameAction` reads RESTRICT as NO ACTION, which InnoDB enforces alike: MariaDB 10.11 stores a RESTRICT added by
 * ALTER TABLE under foreign_key_checks = 0, as the twin's keys are, as NO ACTION.
 */
function keysOf(schema: Schema, sameAction = (a: ReferentialAction) => a) {
  return Object.fromEntries(
    schema.tables.map((t) => [
      t.name,
      {
        primaryKey: t.primaryKey,
        uniques: t.uniques,
        foreignKeys: t.foreignKeys.map((fk) => ({
          ...fk,
          references: { ...fk.references, schema: '' },
          onDelete: sameAction(fk.onDelete),
          onUpdate: sameAction(fk.onUpdate),
        })),
        checks: t.checks,
      },
    ]),
  )
}

/** The single line a failed run prints, which must name `tables` and a GRANT. */
function expectOneLineNaming(run: { code: number; stderr: string }, tables: RegExp) {
  expect(run.code).toBe(1)
  expect(run.stderr.trim().split('\n')).toHaveLength(1)
  expect(run.stderr).toMatch(tables)
  expect(run.stderr).toMatch(/Fix: run GRANT SELECT ON /)
  expect(run.stderr).not.toMatch(/\n\s+at /)
}

describe.skipIf(!available('mysql'))('a read-only login on MariaDB', () => {
  let source: TestDatabase
  let root: Schema
  const logins: TestLogin[] = []
  const login = async (grants: (db: string, login: string) => string[]) => {
    const made = await createTestLogin('mysql', source, (l) => grants(source.name, l))
    logins.push(made)
    return made
  }

  beforeAll(async () => {
    source = await createTestDatabase('mysql')
    await withDatabase(source.url, async (db) => {
      for (const statement of MARIADB_SHOP) await sql.raw(statement).execute(db.db)
    })
    root = await introspect(source.url)
  })
  afterAll(async () => {
    for (const l of logins) await l.drop()
    await source?.drop()
  })

  it('sees the same schema with only GRANT SELECT ON db.* as root does', async () => {
    const reader = await login((db, l) => [`grant select on \`${db}\`.* to ${l}`])
    expect(await introspect(reader.url)).toEqual(root)
    // Root's schema is the one the fixture declares, so equality above is not two empty schemas agreeing.
    const keys = keysOf(root)
    expect(keys['orders']?.primaryKey?.columns).toEqual(['customer_id', 'seq'])
    expect(keys['region']?.uniques.map((u) => u.columns)).toEqual([['name']])
    expect(keys['customer']?.checks.map((c) => c.name)).toEqual(['email_shape'])
    expect(
      Object.values(keys).flatMap((t) =>
        t.foreignKeys.map((fk) => [fk.name, fk.columns.join(), fk.references.name, fk.onDelete, fk.onUpdate]),
      ),
    ).toEqual([
      ['customer_referrer_fk', 'referrer', 'customer', 'set null', 'restrict'],
      ['customer_region_fk', 'region', 'region', 'restrict', 'cascade'],
      ['line_order_fk', 'customer_id,seq', 'orders', 'cascade', 'restrict'],
      ['orders_ibfk_1', 'customer_id', 'customer', 'cascade', 'restrict'],
      ['odd`name ON DELETE CASCADE', 'customer_id', 'customer', 'no action', 'no action'],
      ['referral_by_fk', 'by_customer', 'customer', 'set null', 'restrict'],
    ])
  })

  it('clones through the CLI into a twin with every key', async () => {
    const reader = await login((db, l) => [`grant select on \`${db}\`.* to ${l}`])
    const target = await createTestDatabase('mysql')
    try {
      const run = await runCli(['clone', '--from', reader.url, '--to', target.url, '--seed', '3'])
      expect(run.code, run.stderr).toBe(0)
      const noRestrict = (a: ReferentialAction) => (a === 'restrict' ? 'no action' : a)
      expect(keysOf(await introspect(target.url), noRestrict)).toEqual(keysOf(root, noRestrict))
    } finally {
      await target.drop()
    }
  }, 120_000)

  it('refuses a login that sees tables it cannot read, and writes nothing', async () => {
    const partial = await login((db, l) => [
      `grant select on \`${db}\`.region to ${l}`,
      `grant select on \`${db}\`.customer to ${l}`,
      `grant select on \`${db}\`.referral to ${l}`,
      // Listed in information_schema, but not readable: another privilege, and some of the columns only.
      `grant insert on \`${db}\`.orders to ${l}`,
      `grant select (customer_id, seq, line) on \`${db}\`.order_line to ${l}`,
    ])
    const target = await createTestDatabase('mysql')
    try {
      const run = await runCli(['clone', '--from', partial.url, '--to', target.url])
      expectOneLineNaming(run, /cannot SELECT from 2 tables \(\S+\.order_line, \S+\.orders\)/)
      expect(run.stderr).toMatch(/GRANT SELECT ON `dbtwin_t_\w+`\.\* TO 'dbtwin_ro_\w+'@'%'/)
      expect((await introspect(target.url)).tables).toEqual([])
    } finally {
      await target.drop()
    }
  }, 120_000)

  it('names a table the login cannot see at all when a table it reads has a foreign key to it', async () => {
    const narrow = await login((db, l) => [`grant select on \`${db}\`.order_line to ${l}`])
    const run = await runCli(['inspect', narrow.url])
    expectOneLineNaming(run, /cannot SELECT from table \S+\.orders,/)
    expect(run.stderr).toMatch(/GRANT SELECT ON `dbtwin_t_\w+`\.`orders` TO /)
  })
})

describe.skipIf(!available('postgres'))('a read-only login on PostgreSQL', () => {
  let source: TestDatabase
  let partial: TestLogin

  beforeAll(async () => {
    source = await createTestDatabase('postgres')
    await withDatabase(source.url, async (db) => {
      for (const statement of [
        `create table parent (id int primary key)`,
        `create table child (id int primary key, parent_id int references parent)`,
        `create table secret (id int primary key, payload text)`,
        `insert into parent values (1), (2)`,
        `insert into child values (1, 1), (2, 2), (3, null)`,
        `insert into secret values (1, 'x')`,
      ])
        await sql.raw(statement).execute(db.db)
    })
    partial = await createTestLogin('postgres', source, (l) => [`grant select on parent, child to ${l}`])
  })
  afterAll(async () => {
    // The role holds grants inside the database, so it can only go once the database has.
    await source?.drop()
    await partial?.drop()
  })

  it('refuses a role that cannot SELECT from a table pg_catalog lists, and writes nothing', async () => {
    const target = await createTestDatabase('postgres')
    try {
      const run = await runCli(['clone', '--from', partial.url, '--to', target.url])
      expectOneLineNaming(run, /cannot SELECT from table public\.secret,/)
      expect(run.stderr).toMatch(/GRANT SELECT ON public\.secret TO dbtwin_ro_\w+ /)
      expect((await introspect(target.url)).tables).toEqual([])
    } finally {
      await target.drop()
    }
  }, 120_000)
})
