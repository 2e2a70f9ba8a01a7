import { execFile } from 'node:child_process'
import { access, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as dbtwin from '../../src/index.js'
import { packagesLoaded, REGISTER_PACKAGE_HOOK } from '../support/package-hook.js'
import { runCli } from '../support/run-cli.js'
import { createSampleSource } from '../support/sample-source.js'
import { createTestDatabase, type TestDatabase } from '../support/test-database.js'

const RULES = new URL('../../rules/clinic/', import.meta.url).pathname

/** The library from its root, stage by stage, on the embedded engine: what a script or a test suite would call. */
describe('the library API, end to end on PGlite', () => {
  let source: TestDatabase
  const targets: TestDatabase[] = []
  const target = async () => {
    const t = await createTestDatabase('pglite')
    targets.push(t)
    return t
  }
  const count = async (url: string, table: string) => {
    const db = await dbtwin.openDatabase(url)
    try {
      return Number(
        (
          (await sql`select count(*) as n from ${sql.id('clinic', table)}`.execute(db.db)).rows[0] as {
            n: unknown
          }
        ).n,
      )
    } finally {
      await db.close()
    }
  }

  beforeAll(async () => {
    source = await createSampleSource('pglite', 120)
  }, 60_000)
  afterAll(async () => {
    for (const t of targets) await t.drop()
    await source?.drop()
  })

  it('inspect → scan → check → learn → generate → subset → report → clone', async () => {
    const { schema, plan } = await dbtwin.inspect(source.url)
    expect(plan.order).toHaveLength(schema.tables.length)
    expect(plan.cycles.length).toBeGreaterThan(0)

    const { columns } = await dbtwin.scan(source.url)
    expect(columns.map((c) => c.kind)).toContain('national-id')
    expect((await dbtwin.check(source.url, { rules: RULES })).uncovered).toEqual([])

    const model = await dbtwin.parseModelFile(
      await dbtwin.formatModelFile(await dbtwin.learn(source.url, { rules: RULES, seed: 2 })),
      'model.yaml',
    )
    const twin = await target()
    const generated = await dbtwin.generate(model, twin.url, { rules: RULES, seed: 2, scale: 0.5 })
    expect(Object.values(generated.rows).reduce((a, b) => a + b, 0)).toBeGreaterThan(100)
    expect(await count(twin.url, 'patients')).toBe(60)

    const slice = await target()
    const subsetResult = await dbtwin.subset(source.url, slice.url, {
      rules: RULES,
      roots: ['clinic.patients limit 10'],
    })
    expect(subsetResult.plan.tables.find((t) => t.table === 'clinic.patients')?.rows).toBeGreaterThanOrEqual(
      10,
    )
    expect(await count(slice.url, 'patients')).toBe(subsetResult.rows['clinic.patients'])

    const result = await dbtwin.report(twin.url, {
      real: source.url,
      model,
      rules: RULES,
      failUnder: { quality: 0.7 },
    })
    expect(result.verdicts.quality.passed).toBe(true)
    expect(dbtwin.renderHtml(result)).toContain('id="summary"')
    expect(dbtwin.renderSummary(result)).toMatch(/quality\s+[\d.]+%\s+PASS/)

    const cloned = await target()
    const { result: clonedRows } = await dbtwin.clone(source.url, cloned.url, { rules: RULES, scale: 0.25 })
    expect(clonedRows.rows['clinic.patients']).toBe(30)
  }, 180_000)

  it('dbtwin clone with no flags takes everything from dbtwin.yaml, and other commands take its names', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dbtwin-project-'))
    const twin = await target()
    await writeFile(
      join(dir, 'dbtwin.yaml'),
      [
        'sources:',
        '  prod: ${CLINIC_URL}',
        'targets:',
        `  local: ${twin.url}`,
        'default: { from: prod, to: local }',
        `rules: ${RULES}`,
        'scale: 0.5',
        'seed: 3',
        '',
      ].join('\n'),
    )
    const run = await runCli(['clone'], { cwd: dir, env: { CLINIC_URL: source.url } })
    expect(run.stderr).toMatch(/wrote [\d,]+ rows to/)
    expect(run.code).toBe(0)
    expect(await count(twin.url, 'patients')).toBe(60)
    const inspected = await runCli(['inspect', 'local'], { cwd: dir, env: { CLINIC_URL: source.url } })
    expect(inspected.stdout).toMatch(/13 tables/)
    const missing = await runCli(['clone', '--to', 'locl'], { cwd: dir, env: { CLINIC_URL: source.url } })
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(
      /"locl" is neither a URL nor a target in .*dbtwin\.yaml \(did you mean "local"\?\)/,
    )
  }, 120_000)

  it('dbtwin demo runs the whole pipeline with no server and ends with passing verdicts', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'dbtwin-demo-')), 'kept')
    const run = await runCli(['demo', '--keep', dir, '--patients', '150'])
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/\[1\/5\] building the clinic/)
    expect(run.stderr).toMatch(/\[5\/5\] reporting/)
    expect(run.stdout).toMatch(/quality\s+[\d.]+%\s+PASS/)
    expect(run.stdout).toMatch(/privacy\s+[\d.]+%\s+PASS/)
    await access(join(dir, 'report.html'))
    expect(await count(`pglite://${join(dir, 'twin')}`, 'patients')).toBe(150)
    const again = await runCli(['demo', '--keep', dir, '--patients', '150'])
    expect(again.code).toBe(0)
  }, 180_000)

  it('is importable by its package name once built: dbtwin, dbtwin/testing and dbtwin/demo', async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url))
    const script =
      "const m = await import('dbtwin'); const t = await import('dbtwin/testing'); const d = await import('dbtwin/demo');" +
      "console.log([typeof m.learn, typeof m.subset, typeof m.report, typeof t.seedDatabase, typeof d.runDemo].join(','))"
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--input-type=module', '-e', script],
        { cwd: root },
        (error, stdout, stderr) => {
          if (error === null) resolve(stdout.trim())
          else reject(new Error(`${error.message}\n${stderr}`))
        },
      ),
    )
    expect(out).toBe('function,function,function,function,function')
  })

  it('loads none of its stages, drivers, kysely, zod, yaml or faker when imported (issue 21: start-up)', async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url))
    // A resolve hook names every package the import reaches.
    const script = REGISTER_PACKAGE_HOOK + "const m = await import('dbtwin'); console.log(typeof m.learn)"
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--input-type=module', '-e', script],
        { cwd: root },
        (error, stdout, stderr) => {
          if (error === null) resolve({ stdout, stderr })
          else reject(new Error(`${error.message}\n${stderr}`))
        },
      ),
    )
    expect(stdout.trim()).toBe('function')
    const packages = packagesLoaded(stderr)
    // graphlib (planLoad, a synchronous export) is the one dependency left, at 9 ms.
    expect([...packages]).toEqual(['@dagrejs/graphlib'])
  })
})
