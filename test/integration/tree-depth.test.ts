import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/dialects/dialect.js'
import { generate } from '../../src/write/generate-into-target.js'
import { learnedSource, type LearnedSource } from '../support/learned-source.js'
import { testDialects } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

/** Five chains of forty nodes: depths 0 to 39, five nodes at each. */
async function createChains(db: Database): Promise<void> {
  await db.db.schema
    .createTable('nodes')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('parent_id', 'integer')
    .addColumn('weight', 'integer', (c) => c.notNull())
    .addForeignKeyConstraint('nodes_parent_fk', ['parent_id'], 'nodes', ['id'])
    .execute()
  const rows = Array.from({ length: 200 }, (_, i) => ({
    id: i + 1,
    parent_id: i < 5 ? null : i - 4,
    weight: (i * 37) % 100,
  }))
  await db.db.insertInto('nodes').values(rows).execute()
}

/** Mean and maximum depth of the tree, walked by SQL. */
async function depths(db: Database): Promise<{ mean: number; max: number }> {
  const { rows } = await sql<{ d: unknown }>`with recursive tree (k, d) as (
      select id, 0 from nodes where parent_id is null
      union all select n.id, tree.d + 1 from nodes n join tree on n.parent_id = tree.k
    ) select d from tree`.execute(db.db)
  const values = rows.map((r) => Number(r.d))
  return { mean: values.reduce((a, b) => a + b, 0) / values.length, max: Math.max(...values) }
}

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`self-references on ${dialect.name}`, () => {
    let learned: LearnedSource

    beforeAll(async () => {
      learned = await learnedSource(dialect.name, createChains, 3)
    }, 60_000)
    afterAll(() => learned?.drop())

    it('learns the depths of the tree and generates trees as deep', async () => {
      const { source, target, model } = learned
      const relation = model.tables[0]!.relations[0]!
      expect(relation.depths).toHaveLength(40)
      expect(relation.depths!.every((d) => Math.abs(d.frequency - 0.025) < 1e-9)).toBe(true)
      await generate(model, target, { seed: 3 })
      const real = await withDatabase(source, depths)
      const twin = await withDatabase(target, depths)
      // A tree whose nodes hang off any earlier node would have a mean depth near ln(200) ≈ 5, not 19.5; the first
      // rows cannot be deep yet (no level above them), which costs a few levels of mean.
      expect(Math.abs(twin.mean - real.mean)).toBeLessThan(real.mean * 0.25)
      expect(twin.max).toBeGreaterThanOrEqual(30)
    }, 60_000)
  })
}
