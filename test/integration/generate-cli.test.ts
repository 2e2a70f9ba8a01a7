import { spawn } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import pg from 'pg'
import { openDatabase } from '../../src/dialects/open-database.js'
import { learn } from '../../src/learn/learn.js'
import { formatModelFile } from '../../src/model/model-file.js'
import { runCli } from '../support/run-cli.js'
import { createSampleSource } from '../support/sample-source.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { dumpTables } from '../support/twin-checks.js'

const postgres = testDialects().find((d) => d.name === 'postgres')

describe.skipIf(postgres?.available !== true)('dbtwin generate and clone from the command line', () => {
  let source: TestDatabase
  let work: string
  let modelFile: string
  const targets: TestDatabase[] = []

  beforeAll(async () => {
    source = await createSampleSource('postgres', 60)
    work = await mkdtemp(join(tmpdir(), 'dbtwin-generate-'))
    modelFile = join(work, 'model.yaml')
    await writeFile(modelFile, formatModelFile(await learn(source.url, { rules: 'rules/clinic/' })))
  })
  afterAll(async () => {
    for (const t of targets) await t.drop()
    await source?.drop()
    if (work !== undefined) await rm(work, { recursive: true, force: true })
  })

  it('writes a twin with a line per table off a terminal, then refuses to write it again without --truncate', async () => {
    const target = await createTestDatabase('postgres')
    targets.push(target)
    const first = await runCli([
      'generate',
      '--model',
      modelFile,
      '--to',
      target.url,
      '--scale',
      '2',
      '--rules',
      'rules/clinic/',
    ])
    expect(first.code).toBe(0)
    expect(first.stderr).toMatch(/writing tables 13\/13: clinic\.\S+ \([\d,]+ rows/)
    expect(first.stderr).toMatch(
      /added and checked 16 foreign keys\nwrote [\d,]+ rows to postgres:\/\/\S+ in [\d.]+ s/,
    )
    const again = await runCli(['generate', '--model', modelFile, '--to', target.url])
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(
      /^dbtwin: \S+ on \S+ already holds rows\. Fix: pass --truncate to empty the tables first, or --drop/,
    )
    expect((await runCli(['generate', '--model', modelFile, '--to', target.url, '--drop'])).code).toBe(0)
  })

  it('writes CSV files, the same bytes for the same seed', async () => {
    const [a, b] = [join(work, 'a'), join(work, 'b')]
    for (const dir of [a, b])
      expect((await runCli(['generate', '--model', modelFile, '--out', dir, '--seed', '4'])).code).toBe(0)
    const files = (await readdir(a)).sort()
    expect(files.some((f) => /^\d\d-clinic\.lab results\.csv$/.test(f))).toBe(true)
    for (const file of files)
      expect(await readFile(join(b, file), 'utf8')).toBe(await readFile(join(a, file), 'utf8'))
  })

  it('writes SQL files that load, in file order, into the same twin as writing directly', async () => {
    const direct = await createTestDatabase('postgres')
    targets.push(direct)
    expect((await runCli(['generate', '--model', modelFile, '--to', direct.url, '--seed', '6'])).code).toBe(0)
    const dir = join(work, 'sql')
    expect(
      (await runCli(['generate', '--model', modelFile, '--out', dir, '--format', 'sql', '--seed', '6'])).code,
    ).toBe(0)
    const db = await openDatabase(direct.url)
    try {
      const schema = await db.introspect()
      const before = await dumpTables(db, schema)
      await sql`truncate ${sql.join(schema.tables.map((t) => sql.id(t.schema, t.name)))} cascade`.execute(
        db.db,
      )
      expect(await dumpTables(db, schema)).not.toBe(before)
      // A file holds many statements, which only the simple protocol runs (dbtwin's own queries never use it).
      const client = new pg.Client({ connectionString: direct.url })
      await client.connect()
      try {
        // The rows alone, into the tables there: the schema's files (00-before-load, zzz-after-load) make them.
        for (const file of (await readdir(dir))
          .sort()
          .filter((f) => !/^(00-before|zzz-after)-load\.sql$/.test(f)))
          await client.query(await readFile(join(dir, file), 'utf8'))
      } finally {
        await client.end()
      }
      expect(await dumpTables(db, schema)).toBe(before)
    } finally {
      await db.close()
    }
  })

  it('clones a source into a target in one command, and refuses the source as target', async () => {
    const target = await createTestDatabase('pglite')
    targets.push(target)
    const clone = await runCli([
      'clone',
      '--from',
      source.url,
      '--to',
      target.url,
      '--rules',
      'rules/clinic/',
      '--scale',
      '0.5',
    ])
    expect(clone.code).toBe(0)
    expect(clone.stderr).toMatch(/wrote [\d,]+ rows to pglite:/)
    const same = await runCli([
      'clone',
      '--from',
      source.url,
      '--to',
      source.url.replace('127.0.0.1', 'localhost'),
    ])
    expect(same.code).toBe(1)
    expect(same.stderr).toMatch(
      /the source and the target both name .*Fix: write the twin into another database/,
    )
  })

  it('rolls the target back on Ctrl-C and says so', async () => {
    const target = await createTestDatabase('postgres')
    targets.push(target)
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/run.ts',
        'generate',
        '--model',
        modelFile,
        '--to',
        target.url,
        '--scale',
        '400',
      ],
      {
        cwd: new URL('../..', import.meta.url).pathname,
      },
    )
    let stderr = ''
    let interrupted = false
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      // Interrupt once the first table is in: the load is then well under way.
      if (!interrupted && stderr.includes('writing tables 1/')) interrupted = child.kill('SIGINT')
    })
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(code).toBe(130)
    expect(stderr).toMatch(/dbtwin: interrupted by SIGINT: rolled back, the target is as it was\. /)
    const db = await openDatabase(target.url)
    try {
      expect((await db.introspect()).tables).toEqual([])
    } finally {
      await db.close()
    }
  })

  it('refuses a model file edited into inconsistency, naming the place', async () => {
    const broken = join(work, 'broken.yaml')
    await writeFile(
      broken,
      (await readFile(modelFile, 'utf8')).replace(/^formatVersion: 1$/m, 'formatVersion: 7'),
    )
    const { code, stderr } = await runCli(['generate', '--model', broken, '--out', join(work, 'never')])
    expect(code).toBe(1)
    expect(stderr).toContain(
      `${broken}:1:16: formatVersion: the model is format 7, newer than this dbtwin reads (1)`,
    )
  })
})
