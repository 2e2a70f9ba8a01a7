import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/dialects/open-database.js'
import { planLoad } from '../../src/graph/load-plan.js'
import { introspect } from '../../src/dialects/introspect.js'
import { runCli } from '../support/run-cli.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'

/** Names built to break code that pastes identifiers into SQL. */
const ODD_TABLE = `we"ird \`name'; drop table x; --`
const ODD_COLUMN = `co"l 'ü\``

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`schemas that are hard to read, on ${dialect.name}`, () => {
    let database: TestDatabase
    beforeEach(async () => {
      database = await createTestDatabase(dialect.name)
    })
    afterEach(async () => database?.drop())

    it('reads tables and columns whose names hold quotes, backticks and SQL, without running any of it', async () => {
      const target = await openDatabase(database.url)
      try {
        await target.db.schema
          .createTable(ODD_TABLE)
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn(ODD_COLUMN, 'integer')
          .addForeignKeyConstraint('odd_self_fk', [ODD_COLUMN], ODD_TABLE, ['id'])
          .execute()
        await target.db.schema.createTable('x').addColumn('id', 'integer').execute()
      } finally {
        await target.close()
      }
      const schema = await introspect(database.url)
      const odd = schema.tables.find((t) => t.name === ODD_TABLE)
      expect(odd?.columns.map((c) => c.name)).toEqual(['id', ODD_COLUMN])
      expect(odd?.foreignKeys[0]).toMatchObject({
        columns: [ODD_COLUMN],
        references: { name: ODD_TABLE, columns: ['id'] },
      })
      expect(schema.tables.map((t) => t.name)).toContain('x')
      const { code, stdout } = await runCli(['inspect', database.url])
      expect(code).toBe(0)
      expect(stdout).toContain(`."we""ird \`name'; drop table x; --"`)
    })

    it.skipIf(dialect.name === 'mysql')(
      'reads a partitioned table once, with a foreign key its partitions each declare held once',
      async () => {
        const target = await openDatabase(database.url)
        try {
          await sql`create table staff (id int primary key)`.execute(target.db)
          await sql`create table pay (paid_on date not null, id int not null, staff_id int not null,
            primary key (paid_on, id)) partition by range (paid_on)`.execute(target.db)
          for (const [name, from, to] of [
            ['pay_2024', '2024-01-01', '2025-01-01'],
            ['pay_2025', '2025-01-01', '2026-01-01'],
          ] as const) {
            await sql`create table ${sql.id(name)} partition of pay
              for values from (${sql.lit(from)}) to (${sql.lit(to)})`.execute(target.db)
            await sql`alter table ${sql.id(name)} add constraint ${sql.id(`${name}_staff_fk`)}
              foreign key (staff_id) references staff (id)`.execute(target.db)
          }
        } finally {
          await target.close()
        }
        const schema = await introspect(database.url)
        expect(schema.tables.map((t) => t.name).sort()).toEqual(['pay', 'staff'])
        const pay = schema.tables.find((t) => t.name === 'pay')!
        expect(pay.partitions.map((p) => p.name)).toEqual(['pay_2024', 'pay_2025'])
        expect(pay.foreignKeys).toHaveLength(1)
        expect(pay.foreignKeys[0]).toMatchObject({ columns: ['staff_id'], references: { name: 'staff' } })
      },
    )

    it.skipIf(dialect.name !== 'mysql')(
      'reads MariaDB JSON as json and keeps a check the user wrote',
      async () => {
        const target = await openDatabase(database.url)
        try {
          await sql`create table docs (id int primary key, doc json, raw longtext,
          constraint raw_is_json check (json_valid(raw)))`.execute(target.db)
        } finally {
          await target.close()
        }
        const docs = (await introspect(database.url)).tables.find((t) => t.name === 'docs')!
        expect(docs.columns.map((c) => [c.name, c.type])).toEqual([
          ['id', 'integer'],
          ['doc', 'json'],
          ['raw', 'text'],
        ])
        expect(docs.checks.map((c) => c.name)).toEqual(['raw_is_json'])
      },
    )

    it('reports a cycle of NOT NULL foreign keys by name, with the way out', async () => {
      const target = await openDatabase(database.url)
      try {
        const builder = target.db.schema
        await builder
          .createTable('store')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('manager_id', 'integer', (c) => c.notNull())
          .execute()
        await builder
          .createTable('staff')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('store_id', 'integer', (c) => c.notNull())
          .addForeignKeyConstraint('staff_store_fk', ['store_id'], 'store', ['id'])
          .execute()
        await builder
          .alterTable('store')
          .addForeignKeyConstraint('store_manager_fk', ['manager_id'], 'staff', ['id'])
          .execute()
      } finally {
        await target.close()
      }
      const schema = await introspect(database.url)
      const [cycle] = planLoad(schema).cycles
      expect(cycle?.breakable).toBe(false)
      expect(cycle?.fix).toMatch(
        /in \S*staff → \S*store → \S*staff, make one of these NOT NULL foreign keys nullable .*: \S*staff\.store_id → \S*store, \S*store\.manager_id → \S*staff; or exclude one of/,
      )
      const { code, stdout } = await runCli(['inspect', database.url])
      expect(code).toBe(0)
      expect(stdout).toMatch(
        /staff ↔ \S*store: CANNOT be broken\. Fix: in \S*staff → \S*store → \S*staff, make one of these NOT NULL foreign keys nullable/,
      )
    })
  })
}
