import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { openDatabase } from '../dialects/open-database.js'
import { DbtwinError } from '../errors.js'
import { learn } from '../learn/learn.js'
import { formatModelFile } from '../model/model-file.js'
import { packageFile } from '../package-file.js'
import { renderHtml } from '../report/render-html.js'
import type { Report } from '../report/report.js'
import { report } from '../report/report-twin.js'
import { scanDatabase } from '../rules/scan-database.js'
import { createSampleSchema } from '../sample/create-sample-schema.js'
import { seedSampleData } from '../sample/seed-sample-data.js'
import { generate } from '../write/generate-into-target.js'

export interface DemoOptions {
  /** Leave both databases and the report in this directory (default: a temporary one, removed at the end). */
  keep?: string
  /** Patients in the "production" clinic (default 500). */
  patients?: number
  seed?: number
}

export type DemoEvent =
  | { step: 'start'; index: number; total: number; title: string }
  | { step: 'progress'; done: number; total: number; item: string }
  | { step: 'done'; detail: string }

export interface DemoResult {
  report: Report
  /** Where report.html is (inside `keep`, or the temporary directory, which is kept only for it). */
  reportPath: string
  source: string
  twin: string
}

const MARKER = '.dbtwin-demo'
/** The verdicts the demo promises: a faithful twin that leaks nothing. */
export const DEMO_GATES = { quality: 0.8, privacy: 0.9 } as const

/**
 * The whole of dbtwin on the embedded engine, with no server: builds the sample clinic "production" database in
 * PGlite, then scan → learn (with the shipped rules) → generate into a second PGlite database → report.
 *
 * @example
 * const { report, reportPath } = await runDemo({ keep: '.dbtwin/demo' })
 * console.log(report.verdicts.quality.score, reportPath)
 */
export async function runDemo(
  options: DemoOptions = {},
  onEvent: (e: DemoEvent) => void = () => {},
): Promise<DemoResult> {
  const dir =
    options.keep === undefined
      ? await mkdtemp(join(tmpdir(), 'dbtwin-demo-'))
      : await demoDirectory(options.keep)
  const source = `pglite://${join(dir, 'clinic')}`
  const twin = `pglite://${join(dir, 'twin')}`
  const rules = packageFile('rules/clinic/')
  const seed = options.seed ?? 1
  const total = 5
  let index = 0
  const start = (title: string) => onEvent({ step: 'start', index: index++, total, title })

  start('building the clinic "production" database (PGlite, migrations/)')
  const database = await openDatabase(source)
  let rows: Record<string, number>
  try {
    await createSampleSchema(database)
    rows = await seedSampleData(database, { patients: options.patients ?? 500, seed })
  } finally {
    await database.close()
  }
  onEvent({ step: 'done', detail: `${sum(rows)} rows in ${Object.keys(rows).length} tables` })

  start('scanning for personal data')
  const scanned = await openDatabase(source, { readOnly: true })
  try {
    const pii = await scanDatabase(scanned, await scanned.introspect(), { seed })
    onEvent({
      step: 'done',
      detail: `${pii.length} PII columns: ${pii.map((p) => `${p.column.split('.').slice(1).join('.')} (${p.kind})`).join(', ')}`,
    })
  } finally {
    await scanned.close()
  }

  start('learning a model (rules/ rewrite every PII column)')
  const model = await learn(source, { rules, seed }, (e) => {
    if (e.step === 'table') onEvent({ step: 'progress', done: e.index + 1, total: e.total, item: e.table })
  })
  await writeFile(join(dir, 'model.yaml'), formatModelFile(model))
  onEvent({
    step: 'done',
    detail: `${model.tables.length} tables modeled; ${model.madeBy.parameters.ruledColumns.length} columns ruled, never read`,
  })

  start('generating the twin into a second PGlite database')
  const generated = await generate(model, twin, { rules, seed, existing: 'drop' }, (e) => {
    if (e.step === 'table')
      onEvent({ step: 'progress', done: e.index + 1, total: e.total, item: `${e.table} (${e.rows} rows)` })
  })
  onEvent({ step: 'done', detail: `${sum(generated.rows)} rows in ${generated.seconds.toFixed(1)} s` })

  start('reporting: how faithful, private and consistent the twin is')
  const result = await report(source, twin, { model, rules, seed, failUnder: DEMO_GATES }, (e) =>
    onEvent({ step: 'progress', done: e.index + 1, total: e.total, item: e.table }),
  )
  const reportPath = join(dir, 'report.html')
  await writeFile(reportPath, renderHtml(result))
  if (options.keep === undefined) {
    // Only the report outlives a demo without --keep.
    await rm(join(dir, 'clinic'), { recursive: true, force: true })
    await rm(join(dir, 'twin'), { recursive: true, force: true })
  }
  return { report: result, reportPath, source, twin }
}

/** The --keep directory: new, empty, or an earlier demo's (which is replaced); anything else is refused. */
async function demoDirectory(path: string): Promise<string> {
  const dir = resolve(path)
  await mkdir(dir, { recursive: true })
  const entries = await readdir(dir)
  if (entries.length > 0 && !entries.includes(MARKER)) {
    throw new DbtwinError(
      'USAGE',
      `${path} is not empty`,
      "pass --keep a new or empty directory (an earlier demo's is replaced)",
    )
  }
  for (const entry of entries) await rm(join(dir, entry), { recursive: true, force: true })
  await writeFile(join(dir, MARKER), 'a dbtwin demo: `dbtwin demo --keep` replaces this directory\n')
  return dir
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0)
