import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseSchemaFile } from '../../src/schema/schema-file.js'
import { runCli } from '../support/run-cli.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'

for (const dialect of testDialects()) {
  describe.skipIf(!dialect.available)(`dbtwin sample + inspect on ${dialect.name}`, () => {
    let database: TestDatabase
    let work: string

    beforeAll(async () => {
      database = await createTestDatabase(dialect.name)
      work = await mkdtemp(join(tmpdir(), 'dbtwin-cli-'))
      const sample = await runCli(['sample', database.url])
      expect(sample).toMatchObject({
        code: 0,
        stderr: expect.stringContaining('created the sample clinic schema'),
      })
    })
    afterAll(async () => {
      await database?.drop()
      if (work !== undefined) await rm(work, { recursive: true, force: true })
    })

    it('prints the summary: tables in load order, foreign keys, the broken cycle, skipped objects', async () => {
      const { code, stdout } = await runCli(['inspect', database.url])
      expect(code).toBe(0)
      expect(stdout).toMatch(/13 tables, 16 foreign keys/)
      const order = [...stdout.matchAll(/^\s+\d+\s+\d+\s+(\S+(?: \S+)?)\s+[\d,]+\s+\d+\s/gm)].map((m) => m[1])
      expect(order).toHaveLength(13)
      expect(order.findIndex((t) => t?.endsWith('.departments'))).toBeLessThan(
        order.findIndex((t) => t?.endsWith('.encounters')),
      )
      expect(stdout).toMatch(
        /departments ↔ \S+\.providers: broken at \S+\.departments\.head_provider_id → \S+\.providers \(departments_head_fk; /,
      )
      expect(stdout).toMatch(
        /\.dispensations\.\(encounter_id, line_no\) → \S+\.prescriptions\.\(encounter_id, line_no\)  on delete cascade/,
      )
      expect(stdout).toContain('."lab results"')
      expect(stdout).toMatch(
        /Schema objects \(twins of the source's engine recreate them\)\n(.*\n)*  1 view\n/,
      )
    })

    it('writes the full schema file that reads back', async () => {
      const file = join(work, 'clinic.schema.yaml')
      const { code, stderr } = await runCli(['inspect', database.url, '--out', file])
      expect(code).toBe(0)
      expect(stderr).toContain(`wrote ${file}`)
      const schema = parseSchemaFile(await readFile(file, 'utf8'), file)
      expect(schema.tables).toHaveLength(13)
      const json = await runCli(['inspect', database.url, '--json'])
      expect(JSON.parse(json.stdout)).toEqual(schema)
    })

    it('leaves a database that already holds the sample as it is', async () => {
      const again = await runCli(['sample', database.url])
      expect(again).toMatchObject({ code: 0, stderr: expect.stringContaining('already in') })
    })
  })
}

describe('dbtwin inspect on bad input', () => {
  const oneLine = (stderr: string) => {
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toMatch(/^dbtwin: .+\. Fix: .+/)
    expect(stderr).not.toContain('hunter2')
  }

  it('names an unreachable PostgreSQL server without printing the password', async () => {
    const { code, stderr } = await runCli(['inspect', 'postgres://app:hunter2@127.0.0.1:1/shop'])
    expect(code).toBe(1)
    oneLine(stderr)
    expect(stderr).toContain('no PostgreSQL server answers at postgres://app:***@127.0.0.1:1/shop')
  })

  it('names an unreachable MySQL server', async () => {
    const { code, stderr } = await runCli(['inspect', 'mysql://root:hunter2@127.0.0.1:1/shop'])
    expect(code).toBe(1)
    oneLine(stderr)
    expect(stderr).toContain('mysql://root:***@127.0.0.1:1/shop')
  })

  it('names an unknown scheme', async () => {
    const { code, stderr } = await runCli(['inspect', 'oracle://u:hunter2@h/db'])
    expect(code).toBe(1)
    oneLine(stderr)
    expect(stderr).toContain('unknown database scheme "oracle"')
  })

  it('names an unknown host', async () => {
    const { code, stderr } = await runCli(['inspect', 'postgres://u:hunter2@no-such-host.invalid/db'])
    expect(code).toBe(1)
    oneLine(stderr)
    expect(stderr).toContain('does not resolve')
  })
})
