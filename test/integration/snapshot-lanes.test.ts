import { sql } from 'kysely'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/dialects/open-database.js'
import { learn } from '../../src/learn/learn.js'
import type { Model } from '../../src/model/model.js'
import { createSampleSource } from '../support/sample-source.js'
import { createTestDatabase, testDialects } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

/**
 * Learn reads its source over two connections at once (issue 21): on PostgreSQL both are in one exported
 * snapshot, so neither sees what another client writes meanwhile, and the model is the one a single connection
 * learns. Engines that cannot share a snapshot read over one connection.
 */
for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`snapshot lanes on ${dialect.name}`, () => {
    it('gives lanes that read one snapshot, each read-only', async () => {
      const source = await createTestDatabase(dialect.name)
      try {
        await withDatabase(source.url, async (db) => {
          await sql`create table t (id int primary key, v int not null)`.execute(db.db)
          await sql`insert into t values (1, 10), (2, 20), (3, 30)`.execute(db.db)
        })
        const database = await openDatabase(source.url, { readOnly: true })
        try {
          await database.readSnapshots(2, async (lanes) => {
            expect(lanes).toHaveLength(dialect.name === 'postgres' ? 2 : 1)
            const count = async (lane: (typeof lanes)[number]) =>
              Number((await sql<{ n: unknown }>`select count(*) as n from t`.execute(lane.db)).rows[0]!.n)
            expect(await count(lanes[0]!)).toBe(3)
            // PGlite is one process's database: no other client writes to it while it is read.
            if (dialect.name !== 'pglite')
              await withDatabase(source.url, (db) => sql`insert into t values (4, 40)`.execute(db.db))
            if (dialect.name === 'postgres') {
              const pids = await Promise.all(
                lanes.map(
                  async (lane) =>
                    (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(lane.db)).rows[0]!
                      .pid,
                ),
              )
              expect(new Set(pids).size).toBe(2)
            }
            for (const lane of lanes) {
              expect(await count(lane)).toBe(3)
              // A failed statement ends what the lane can read: the write is tried last.
              await expect(sql`update t set v = 0`.execute(lane.db)).rejects.toThrow(/read.only/i)
            }
          })
        } finally {
          await database.close()
        }
      } finally {
        await source.drop()
      }
    })
  })
}

describe.skipIf(!testDialects().some((d) => d.name === 'postgres' && d.available))(
  'learning on lanes',
  () => {
    it('learns the model one connection learns', async () => {
      const source = await createSampleSource('postgres', 120)
      // A caller's pool is read over one connection (see borrowedDatabase); a URL over two.
      const pool = new pg.Pool({ connectionString: source.url, max: 1 })
      try {
        const lanes = await learn(source.url, { seed: 5 })
        const one = await learn(pool, { seed: 5 })
        const comparable = (model: Model) => ({
          ...model,
          madeBy: { ...model.madeBy, learnedAt: '', source: null },
        })
        expect(comparable(lanes)).toEqual(comparable(one))
        expect(lanes.invariants?.length).toBeGreaterThan(0)
        expect(lanes.tables.flatMap((t) => t.relations).length).toBeGreaterThan(5)
      } finally {
        await pool.end()
        await source.drop()
      }
    })
  },
)
