import { sql } from 'kysely'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { learn } from '../../src/learn/learn.js'
import { formatModelFile } from '../../src/model/model-file.js'
import type { Model } from '../../src/model/model.js'
import { seedDatabase, startTwinContainer } from '../../src/testing/index.js'
import { createSampleSource } from '../support/sample-source.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { orphanCounts, withDatabase } from '../support/twin-checks.js'

const RULES = new URL('../../rules/clinic/', import.meta.url).pathname
const PATIENTS = 120

/** Opens a seeded database and hands it to the checks. */

/** Rows per table as count(*) reads them, by table name, and whether any set foreign key points nowhere. */
async function readBack(url: string): Promise<{ rows: Record<string, number>; orphans: number }> {
  return withDatabase(url, async (db) => {
    const schema = await db.introspect()
    const rows: Record<string, number> = {}
    for (const t of schema.tables) {
      const { rows: r } = await sql<{
        n: unknown
      }>`select count(*) as n from ${sql.id(t.schema, t.name)}`.execute(db.db)
      rows[t.name] = Number(r[0]?.n)
    }
    const orphans = Object.values(await orphanCounts(db, schema)).reduce((a, b) => a + b, 0)
    return { rows, orphans }
  })
}

/** seedDatabase's counts are keyed by `schema.table`; on MySQL the schema is the target database's name. */
const byTableName = (rows: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(rows).map(([k, n]) => [k.slice(k.lastIndexOf('.') + 1).replace(/"/g, ''), n]),
  )

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`dbtwin/testing seedDatabase on ${dialect.name}`, () => {
    let source: TestDatabase
    let model: Model
    const targets: TestDatabase[] = []
    const target = async () => {
      const t = await createTestDatabase(dialect.name)
      targets.push(t)
      return t
    }

    beforeAll(async () => {
      source = await createSampleSource(dialect.name, PATIENTS)
      model = await learn(source.url, { rules: RULES, seed: 7 })
    })
    afterAll(async () => {
      await Promise.all(targets.map((t) => t.drop()))
      await source?.drop()
    })

    it('fills an empty database at half scale, with every foreign key pointing at a row', async () => {
      const db = await target()
      const result = await seedDatabase(db.url, model, { scale: 0.5, seed: 3, rules: RULES })
      const back = await readBack(db.url)
      expect(back.rows['patients']).toBe(PATIENTS / 2)
      expect(Object.keys(back.rows)).toHaveLength(model.schema.tables.length)
      for (const [table, n] of Object.entries(back.rows))
        expect({ table, n: n > 0 }).toEqual({ table, n: true })
      expect(byTableName(result.rows)).toEqual(back.rows)
      expect(back.orphans).toBe(0)
    })

    it('refuses to seed a database that already holds rows unless told to truncate', async () => {
      const db = await target()
      await seedDatabase(db.url, model, { scale: 0.25, seed: 3 })
      await expect(seedDatabase(db.url, model, { scale: 0.25, seed: 3 })).rejects.toMatchObject({
        name: 'DbtwinError',
        code: 'TARGET_NOT_EMPTY',
      })
      const before = await readBack(db.url)
      expect(before.rows['patients']).toBe(PATIENTS / 4)
      await seedDatabase(db.url, model, { scale: 0.5, seed: 3, existing: 'truncate' })
      expect((await readBack(db.url)).rows['patients']).toBe(PATIENTS / 2)
    })

    it('reads the model from a model file path, giving the same rows as the model itself', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'dbtwin-testing-'))
      try {
        const file = join(dir, 'model.yaml')
        await writeFile(file, formatModelFile(model))
        const [fromFile, fromModel] = [await target(), await target()]
        const a = await seedDatabase(fromFile.url, file, { scale: 0.5, seed: 3 })
        const b = await seedDatabase(fromModel.url, model, { scale: 0.5, seed: 3 })
        expect(byTableName(a.rows)).toEqual(byTableName(b.rows))
        expect((await readBack(fromFile.url)).rows['patients']).toBe(PATIENTS / 2)
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    })
  })
}

/** Whether testcontainers can reach a Docker (or compatible) engine: DOCKER_HOST, a socket, a remote host. */
async function dockerReachable(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers')
    await getContainerRuntimeClient()
    return true
  } catch {
    return false
  }
}

const docker = await dockerReachable()
if (!docker) {
  console.warn(
    'dbtwin test skipped: startTwinContainer needs a Docker engine to start containers, and none is reachable here (skipped even under CI=true)',
  )
}

describe('dbtwin/testing startTwinContainer', () => {
  let source: TestDatabase
  let model: Model

  beforeAll(async () => {
    source = await createSampleSource('pglite', 60)
    model = await learn(source.url, { seed: 7 })
  })
  afterAll(async () => {
    await source?.drop()
  })

  // Deliberately skipped without Docker even under CI=true: this project's CI machine has no Docker engine, and
  // seedDatabase, which does the seeding, is tested above against every dialect.
  it.skipIf(!docker)(
    'starts a seeded PostgreSQL container (needs Docker; skipped without it, even under CI=true)',
    async () => {
      const twin = await startTwinContainer({ engine: 'postgres', model, scale: 0.5, seed: 3 })
      try {
        expect(twin.url).toMatch(/^postgres:\/\/[^:]+:[^@]+@[^/]+:\d+\/\w+$/)
        const back = await readBack(twin.url)
        expect(back.rows['patients']).toBe(30)
        expect(back.orphans).toBe(0)
      } finally {
        await twin.stop()
      }
    },
    180_000,
  )

  it.skipIf(docker)('without Docker, rejects with CONNECTION_FAILED and says to start one', async () => {
    await expect(startTwinContainer({ engine: 'postgres', model })).rejects.toMatchObject({
      code: 'CONNECTION_FAILED',
      message: expect.stringMatching(/^could not start a postgres:16-alpine container: /),
      fix: expect.stringMatching(/start a Docker engine/),
    })
  })
})
