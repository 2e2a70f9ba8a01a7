import { mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/dialects/open-database.js'
import { learn } from '../../src/learn/learn.js'
import type { Model } from '../../src/model/model.js'
import { rulesForModel } from '../../src/rules/rules-for-model.js'
import { generateFiles } from '../../src/write/file-output.js'
import { generate } from '../../src/write/generate-into-target.js'
import { createSampleSource } from '../support/sample-source.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { dumpTables, orphanCounts } from '../support/twin-checks.js'

const RULES = new URL('../../rules/clinic/', import.meta.url).pathname
const SHARDS = 3

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`generate --shard on ${dialect.name}`, () => {
    let source: TestDatabase
    let model: Model
    const targets: TestDatabase[] = []

    beforeAll(async () => {
      source = await createSampleSource(dialect.name, 150)
      model = await learn(source.url, { rules: RULES, seed: 4 })
    }, 120_000)
    afterAll(async () => {
      for (const t of targets) await t.drop()
      await source?.drop()
    })

    it('writes disjoint parts that together equal a single run, cycles and all', async () => {
      const single = await createTestDatabase(dialect.name)
      const sharded = await createTestDatabase(dialect.name)
      targets.push(single, sharded)
      const options = { rules: RULES, seed: 9, scale: 1.5 }
      await generate(model, single.url, options)

      await generate(model, sharded.url, { ...options, stage: 'schema' })
      const parts: Record<string, number>[] = []
      // In reverse order: the parts do not depend on each other.
      for (let index = SHARDS - 1; index >= 0; index--) {
        parts.push((await generate(model, sharded.url, { ...options, shard: { index, count: SHARDS } })).rows)
      }
      await generate(model, sharded.url, { ...options, stage: 'constraints' })

      const dump = async (url: string) => {
        const db = await openDatabase(url)
        try {
          const schema = await db.introspect()
          expect(Object.values(await orphanCounts(db, schema)).every((n) => n === 0)).toBe(true)
          return await dumpTables(db, schema)
        } finally {
          await db.close()
        }
      }
      expect(await dump(sharded.url)).toBe(await dump(single.url))
      // Every shard wrote a share of every large table.
      const patients = (rows: Record<string, number>) =>
        Object.entries(rows).find(([t]) => t.endsWith('.patients'))![1]
      expect(parts.map(patients).every((n) => n > 0)).toBe(true)
    }, 180_000)

    it('refuses to write a shard before the tables exist, naming the step', async () => {
      const empty = await createTestDatabase(dialect.name)
      targets.push(empty)
      await expect(generate(model, empty.url, { seed: 9, shard: { index: 0, count: 2 } })).rejects.toThrow(
        /lacks .*patients/,
      )
    }, 60_000)
  })
}

describe('generate --out with --shard', () => {
  it('writes files whose rows, shard by shard, are the single run’s rows', async () => {
    const source = await createSampleSource('pglite', 60)
    try {
      const model = await learn(source.url, { rules: RULES, seed: 2 })
      const rules = await rulesForModel(model, RULES)
      const base = { scale: 1, rows: {}, seed: 3, family: 'postgres' as const, rules }
      const lines = async (dir: string) => {
        const out = new Map<string, string[]>()
        for (const file of (await readdir(dir)).sort()) {
          const [header, ...rows] = (await readFile(join(dir, file), 'utf8')).trimEnd().split('\n')
          out.set(
            `${file} ${header}`,
            rows.filter((r) => r !== ''),
          )
        }
        return out
      }
      const singleDir = await mkdtemp(join(tmpdir(), 'dbtwin-single-'))
      await generateFiles(model, singleDir, 'csv', base)
      const single = await lines(singleDir)
      const union = new Map<string, string[]>()
      for (let index = 0; index < SHARDS; index++) {
        const dir = await mkdtemp(join(tmpdir(), `dbtwin-shard-${index}-`))
        await generateFiles(model, dir, 'csv', { ...base, shard: { index, count: SHARDS } })
        for (const [file, rows] of await lines(dir)) union.set(file, [...(union.get(file) ?? []), ...rows])
      }
      expect([...union.keys()]).toEqual([...single.keys()])
      for (const [file, rows] of single) expect([...union.get(file)!].sort()).toEqual([...rows].sort())
    } finally {
      await source.drop()
    }
  }, 120_000)
})
