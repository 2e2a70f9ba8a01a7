/**
 * Subset speed at production size (issue 21). For the wide clinic-like source (bench/wide-source.ts: 13 tables,
 * text, jsonb, numeric, timestamps, no index on its foreign-key columns) at 2M rows, or at `--rows N`, and for
 * pagila, takes 5% of the root table (`id % 20 = 0`) with `dbtwin subset` (the built CLI, dist/) and with the
 * baseline of one `COPY (SELECT … WHERE … IN (SELECT …))` per table (bench/subset-baseline.ts), and prints both
 * times, their ratio next to its goal (at most 1.0), the rows each copied and dbtwin's peak RSS.
 *
 *   npm run build && npm run bench:subset                    # 2M rows and pagila
 *   npm run bench:subset -- --rows 20000000                  # 20M rows (builds the source once, ~30 min)
 *   DBTWIN_BIN=/path/to/other/bin/dbtwin.js BENCH_TIMEOUT=600 npm run bench:subset   # another build, time-boxed
 *
 * With `--orders`, the older three-table bench (customers → orders → order_items) runs instead; with SNAPLET
 * naming the Snaplet CLI (`npm install --prefix /tmp/snaplet snaplet@0.92.1`, then
 * SNAPLET=/tmp/snaplet/node_modules/.bin/snaplet), the same subset is taken with it too — `snapshot capture` with
 * a percent target on customers, then `snapshot restore` into another fresh database — its rows are checked the
 * same way, and the ratio of the two times is printed.
 *
 *   BENCH_SIZE=1000000 BENCH_PERCENT=10 npm run bench:subset -- --orders
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { admin, benchUrl, buildBenchSource, measureInChild } from './bench-source.js'
import { baselineQueries, copyBaseline } from './subset-baseline.js'
import { buildWideSource, countRows } from './wide-source.js'
import { loadAverage, printFigure } from './bench-figure.js'

const SIZE = Number(process.env['BENCH_SIZE'] ?? 5_000_000)
const PERCENT = Number(process.env['BENCH_PERCENT'] ?? 5)
const SNAPLET = process.env['SNAPLET']

if (process.argv[2] === '--subset') {
  const { subset } = await import('../src/subset/subset.js')
  const { parseRoot } = await import('../src/subset/subset-options.js')
  let planSeconds = 0
  const result = await subset(
    process.argv[3]!,
    process.argv[4]!,
    { roots: [parseRoot(`public.customers ${PERCENT}%`)], existing: 'drop' },
    (event) => {
      if (event.step === 'plan') planSeconds = event.plan.seconds
    },
  )
  const rows = Object.values(result.rows).reduce((a, b) => a + b, 0)
  console.log(
    JSON.stringify({
      rows,
      planSeconds,
      seconds: result.seconds,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  )
  process.exit(0)
}

if (process.argv[2] === '--report') {
  // The measured child: the report of the source against the subset just written.
  const { report } = await import('../src/report/report-twin.js')
  const started = performance.now()
  const r = await report(process.argv[3]!, process.argv[4]!)
  console.log(
    JSON.stringify({
      seconds: (performance.now() - started) / 1000,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      quality: r.verdicts.quality.score,
    }),
  )
  process.exit(0)
}

/** Rows per table and orphaned children, read back from a subset. */
async function checkSubset(database: string): Promise<{ counts: number[]; orphans: number }> {
  const client = new pg.Client({ connectionString: benchUrl(database) })
  await client.connect()
  try {
    const { rows } = await client.query<{ c: string; o: string; i: string; orphans: string }>(`
      select (select count(*) from customers) as c, (select count(*) from orders) as o,
        (select count(*) from order_items) as i,
        (select count(*) from orders o where not exists (select 1 from customers c where c.id = o.customer_id))
        + (select count(*) from order_items i where not exists (select 1 from orders o where o.id = i.order_id))
        as orphans`)
    const r = rows[0]!
    return { counts: [r.c, r.o, r.i].map(Number), orphans: Number(r.orphans) }
  } finally {
    await client.end()
  }
}

/** Runs a command, returning its wall seconds and, where GNU time is installed, its peak RSS in MB. */
function timed(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  const gnuTime = existsSync('/usr/bin/time')
  const started = performance.now()
  const run = gnuTime
    ? spawnSync('/usr/bin/time', ['-f', 'maxrss=%M', command, ...args], { ...options, encoding: 'utf8' })
    : spawnSync(command, args, { ...options, encoding: 'utf8' })
  const seconds = (performance.now() - started) / 1000
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`)
  const rss = /maxrss=(\d+)/.exec(run.stderr)?.[1]
  return { seconds, maxRssMb: rss === undefined ? null : Number(rss) / 1024 }
}

/**
 * The same subset with Snaplet: capture (introspect, subset, dump to CSV), then restore. Two settings make its
 * subset complete: `maxCyclesLoop` above 1 (at 1 it follows children of the first 100,000 parents only and drops
 * the rest without a word), and dropping pg_dump's `\restrict` lines from the captured schema (its restore runs
 * the file through a driver, not psql, so they fail and a foreign key goes missing, with a warning only). The CLI
 * refuses to start without an access token, which the local capture and restore never send anywhere: a placeholder
 * is set.
 */
async function snapletSubset(cli: string, source: string, target: string) {
  const work = await mkdtemp(join(tmpdir(), 'dbtwin-bench-snaplet-'))
  try {
    const project = join(work, 'project')
    await mkdir(join(project, '.snaplet'), { recursive: true })
    await writeFile(
      join(project, 'snaplet.config.ts'),
      `import { defineConfig } from 'snaplet'
export default defineConfig({
  subset: {
    enabled: true,
    targets: [{ table: 'public.customers', percent: ${PERCENT} }],
    keepDisconnectedTables: false,
    maxCyclesLoop: 100,
  },
})
`,
    )
    const env = {
      ...process.env,
      SNAPLET_OS_HOMEDIR: join(work, 'home'),
      SNAPLET_DISABLE_TELEMETRY: '1',
      SNAPLET_ACCESS_TOKEN: 'local-placeholder',
      SNAPLET_SOURCE_DATABASE_URL: benchUrl(source),
      SNAPLET_TARGET_DATABASE_URL: benchUrl(target),
    }
    const snapshot = join(work, 'snapshot')
    const capture = timed(cli, ['snapshot', 'capture', snapshot], { cwd: project, env })
    const schema = join(snapshot, 'schemas.sql')
    await writeFile(schema, (await readFile(schema, 'utf8')).replace(/^\\(un)?restrict .*\n/gm, ''))
    const restore = timed(cli, ['snapshot', 'restore', snapshot, '--yes'], { cwd: project, env })
    const peaks = [capture.maxRssMb, restore.maxRssMb]
    return {
      captureSeconds: capture.seconds,
      seconds: capture.seconds + restore.seconds,
      maxRssMb: peaks.includes(null) ? null : Math.max(...(peaks as number[])),
    }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

if (process.argv.includes('--orders')) await ordersBench()
else await wideBench()

async function ordersBench() {
  const source = `dbtwin_bench_learn_${SIZE}`
  const target = `dbtwin_bench_subset_${SIZE}`
  await buildBenchSource(source, SIZE)
  await admin(`drop database if exists ${target}`)
  await admin(`create database ${target}`)
  const ours = measureInChild<{ rows: number; planSeconds: number; seconds: number; maxRssMb: number }>(
    import.meta.url,
    ['--subset', benchUrl(source), benchUrl(target)],
  )
  const ourRows = await checkSubset(target)
  const reported = measureInChild<{ seconds: number; maxRssMb: number }>(import.meta.url, [
    '--report',
    benchUrl(source),
    benchUrl(target),
  ])
  await admin(`drop database ${target}`)

  const line = (
    tool: string,
    check: { counts: number[]; orphans: number },
    closure: string,
    seconds: number,
    rss: number | null,
  ) =>
    console.log(
      `${tool.padEnd(9)}${check.counts.map((n) => n.toLocaleString('en-US').padStart(10)).join('')}` +
        `${String(check.orphans).padStart(9)}${closure.padStart(11)}${seconds.toFixed(1).padStart(9)}` +
        `${Math.round(check.counts.reduce((a, b) => a + b, 0) / seconds)
          .toLocaleString('en-US')
          .padStart(10)}${(rss === null ? '?' : `${rss.toFixed(0)} MB`).padStart(10)}`,
    )
  console.log(
    `${SIZE.toLocaleString('en-US')}-row source, ${PERCENT}% of customers with their orders and items`,
  )
  console.log('tool      customers    orders     items  orphans  closure s  total s    rows/s  peak RSS')
  line('dbtwin', ourRows, ours.planSeconds.toFixed(1), ours.seconds, ours.maxRssMb)
  console.log(
    `dbtwin report of the ${SIZE.toLocaleString('en-US')}-row source against this subset: ` +
      `${reported.seconds.toFixed(1)} s, peak RSS ${reported.maxRssMb.toFixed(0)} MB`,
  )

  if (SNAPLET !== undefined) {
    const peer = `dbtwin_bench_snaplet_${SIZE}`
    await admin(`drop database if exists ${peer}`)
    await admin(`create database ${peer}`)
    const theirs = await snapletSubset(SNAPLET, source, peer)
    const theirRows = await checkSubset(peer)
    await admin(`drop database ${peer}`)
    line('snaplet', theirRows, `${theirs.captureSeconds.toFixed(1)}*`, theirs.seconds, theirs.maxRssMb)
    console.log(
      `* Snaplet's capture (closure and dump to files); total adds its restore. ` +
        `Snaplet took ${(theirs.seconds / ours.seconds).toFixed(1)}× dbtwin's time.`,
    )
  }
}

/** One source of the wide bench: its database and the root taking 5% of it. */
interface WideCase {
  label: string
  database: string
  root: { schema: string; table: string; condition: string }
}

async function wideBench() {
  const rowsArg = process.argv.indexOf('--rows')
  const rows = rowsArg < 0 ? 2_000_000 : Number(process.argv[rowsArg + 1])
  const bin = process.env['DBTWIN_BIN'] ?? fileURLToPath(new URL('../bin/dbtwin.js', import.meta.url))
  const timeout = Number(process.env['BENCH_TIMEOUT'] ?? 3600)
  const cases: WideCase[] = [
    {
      label: `wide clinic, ${rows.toLocaleString('en-US')} rows`,
      database: await buildWideSource(rows),
      root: { schema: 'clinic', table: 'patients', condition: 'id % 20 = 0' },
    },
    {
      label: 'pagila',
      database: 'pagila',
      root: { schema: 'public', table: 'customer', condition: 'customer_id % 20 = 0' },
    },
  ]
  console.log(
    'source                        dbtwin rows   COPY rows   dbtwin s   COPY s   ratio (goal ≤ 1.0)   dbtwin peak RSS',
  )
  for (const c of cases) {
    const twin = `subsetspeed_twin_${c.database}`
    const copy = `subsetspeed_copy_${c.database}`
    for (const d of [twin, copy]) {
      await admin(`drop database if exists ${d}`)
      await admin(`create database ${d}`)
    }
    try {
      const ours = timedCli(
        bin,
        [
          'subset',
          '--from',
          benchUrl(c.database),
          '--to',
          benchUrl(twin),
          '--rules',
          fileURLToPath(new URL('../rules', import.meta.url)),
          '--root',
          `${c.root.schema}.${c.root.table} where ${c.root.condition}`,
        ],
        {
          cwd: fileURLToPath(new URL('..', import.meta.url)),
          env: { ...process.env, DBTWIN_SECRET: 'bench' },
          timeout: timeout * 1000,
        },
      )
      const ourRows = ours === null ? null : await countRows(twin)
      console.error(
        `${c.label}: dbtwin ${ours === null ? `did not finish in ${timeout}` : ours.seconds.toFixed(1)} s`,
      )
      const schema = await introspected(benchUrl(c.database))
      const root = schema.tables.find((t) => t.schema === c.root.schema && t.name === c.root.table)!
      // The baseline is given three times dbtwin's time and half a minute: enough to tell which is faster.
      const baseline = await copyBaseline(
        benchUrl(c.database),
        benchUrl(copy),
        baselineQueries(schema, root, c.root.condition),
        ours === null ? timeout : 3 * ours.seconds + 30,
      )
      if (!baseline.finished)
        console.error(`${c.label}: the baseline did not finish in ${baseline.seconds.toFixed(0)} s; stopped`)
      const copied = [...baseline.rows.values()].reduce((a, b) => a + b, 0)
      console.log(
        `${c.label.padEnd(30)}${(ourRows === null ? '-' : ourRows.toLocaleString('en-US')).padStart(11)}` +
          `${copied.toLocaleString('en-US').padStart(12)}` +
          `${(ours === null ? `>${timeout}` : ours.seconds.toFixed(1)).padStart(11)}${`${baseline.finished ? '' : '>'}${baseline.seconds.toFixed(1)}`.padStart(9)}` +
          `${(ours === null ? '-' : `${baseline.finished ? '' : '<'}${(ours.seconds / baseline.seconds).toFixed(2)}`).padStart(9)}${' '.repeat(12)}` +
          `${(ours?.maxRssMb == null ? '?' : `${ours.maxRssMb.toFixed(0)} MB`).padStart(16)}`,
      )
      if (c.database !== 'pagila') {
        const load = loadAverage()
        const subsetRatio = ours === null ? Infinity : ours.seconds / baseline.seconds
        printFigure(
          {
            figure: 'subset / COPY baseline',
            rows,
            value: subsetRatio,
            // A baseline stopped unfinished took longer than its seconds: the ratio is below the value.
            ...(baseline.finished ? {} : { below: true }),
            unit: '×',
            bound: 1,
            side: 'at most',
          },
          load,
        )
        if (ours?.maxRssMb != null)
          printFigure(
            {
              figure: 'subset peak RSS',
              rows,
              value: ours.maxRssMb,
              unit: 'MB',
              bound: 512,
              side: 'at most',
            },
            load,
          )
      }
    } finally {
      for (const d of [twin, copy]) await admin(`drop database if exists ${d} with (force)`)
    }
  }
}

/** Runs the CLI once under GNU time; null when it did not finish within the timeout. */
function timedCli(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeout: number },
) {
  const started = performance.now()
  const run = spawnSync('/usr/bin/time', ['-f', 'maxrss=%M', process.execPath, command, ...args], {
    ...options,
    encoding: 'utf8',
    killSignal: 'SIGKILL',
  })
  const seconds = (performance.now() - started) / 1000
  if (run.error !== undefined || run.signal !== null) return null
  if (run.status !== 0) throw new Error(`dbtwin ${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`)
  const rss = /maxrss=(\d+)/.exec(run.stderr)?.[1]
  return { seconds, maxRssMb: rss === undefined ? null : Number(rss) / 1024 }
}

async function introspected(url: string) {
  const { openDatabase } = await import('../src/dialects/open-database.js')
  const database = await openDatabase(url, { readOnly: true })
  try {
    return await database.introspect()
  } finally {
    await database.close()
  }
}
