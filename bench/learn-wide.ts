/**
 * Learn speed at production size (issue 21, goal 3: learn in at most 3× one full read of the source). For the wide
 * clinic-like source (bench/wide-source.ts) at 2M rows, or at `--rows N`, each run times one full read of the
 * source — `COPY (SELECT * FROM t) TO STDOUT` of every table, streamed and dropped — and then `learn` of it in a
 * child process (the library from src/, the PII scan included), and prints both times, their ratio next to the
 * goal, and learn's peak RSS. The machine is shared, so the ratio of the two times measured back to back is the
 * figure to compare; three runs by default, with their medians and the load average.
 *
 *   npm run bench:learn-wide                          # 2M rows, 3 runs (builds the source once, minutes)
 *   npm run bench:learn-wide -- --rows 20000000 --runs 1
 */
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { to as copyTo } from 'pg-copy-streams'
import { benchUrl, measureInChild } from './bench-source.js'
import { loadAverage, printFigure } from './bench-figure.js'
import { buildWideSource } from './wide-source.js'

/** Goal 3 of issue 21: learn takes at most this many times one full read; 20M rows in under a minute. */
const GOAL = 3
const SECONDS_AT_20M = 60
/** Goal 4: peak RSS under this many MB. */
const MEMORY_GOAL = 512

interface Learned {
  seconds: number
  /** The learning process's own CPU time (user + system): less moved by a busy machine than its wall time. */
  cpuSeconds: number
  rows: number
  maxRssMb: number
}

if (process.argv[2] === '--learn') {
  // The measured child: learn once, report time and peak memory.
  const { learn } = await import('../src/learn/learn.js')
  const started = performance.now()
  const model = await learn(process.argv[3]!, { seed: 1 })
  const seconds = (performance.now() - started) / 1000
  const rows = model.tables.reduce((n, t) => n + t.rows, 0)
  const usage = process.resourceUsage()
  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6
  console.log(JSON.stringify({ seconds, cpuSeconds, rows, maxRssMb: usage.maxRSS / 1024 }))
  process.exit(0)
}

/** Seconds to read every row of every table once, as COPY sends them, into a sink that drops them. */
async function fullRead(url: string): Promise<{ seconds: number; bytes: number }> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `select format('%I.%I', table_schema, table_name) as name from information_schema.tables
       where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
    )
    let bytes = 0
    const started = performance.now()
    for (const t of tables) {
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          bytes += chunk.length
          done()
        },
      })
      await pipeline(client.query(copyTo(`copy (select * from ${t.name}) to stdout`)), sink)
    }
    return { seconds: (performance.now() - started) / 1000, bytes }
  } finally {
    await client.end()
  }
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

const { values: args } = parseArgs({
  options: { rows: { type: 'string', default: '2000000' }, runs: { type: 'string', default: '3' } },
})
const url = benchUrl(await buildWideSource(Number(args.rows)))
console.log(`learn of ${url}; goal: at most ${GOAL}× one full read (COPY … TO of every table)`)
console.log('run   rows        read s  learn s   ratio  learn CPU s  peak RSS  load average')
const runs: { read: number; learn: number; ratio: number; cpu: number; rss: number }[] = []
for (let run = 1; run <= Number(args.runs); run++) {
  const read = await fullRead(url)
  const learned = measureInChild<Learned>(import.meta.url, ['--learn', url])
  const ratio = learned.seconds / read.seconds
  runs.push({
    read: read.seconds,
    learn: learned.seconds,
    ratio,
    cpu: learned.cpuSeconds,
    rss: learned.maxRssMb,
  })
  const cells = [
    String(run).padEnd(4),
    learned.rows.toLocaleString('en-US').padEnd(10),
    read.seconds.toFixed(2).padStart(6),
    learned.seconds.toFixed(1).padStart(7),
    `${ratio.toFixed(1)}×`.padStart(6),
    learned.cpuSeconds.toFixed(1).padStart(11),
    `${learned.maxRssMb.toFixed(0)} MB`.padStart(8),
    loadAverage(),
  ]
  console.log(cells.join('  '))
}
const ratio = median(runs.map((r) => r.ratio))
console.log(
  `median: read ${median(runs.map((r) => r.read)).toFixed(2)} s, learn ${median(
    runs.map((r) => r.learn),
  ).toFixed(
    1,
  )} s, ratio ${ratio.toFixed(1)}× (goal ≤ ${GOAL}×: ${ratio <= GOAL ? 'met' : 'not met'}), learn CPU ${median(
    runs.map((r) => r.cpu),
  ).toFixed(1)} s, peak RSS ${median(runs.map((r) => r.rss)).toFixed(0)} MB`,
)
const rows = Number(args.rows)
const load = loadAverage()
printFigure(
  { figure: 'learn / one full read', rows, value: ratio, unit: '×', bound: GOAL, side: 'at most' },
  load,
)
if (rows >= 20_000_000)
  printFigure(
    {
      figure: 'learn seconds',
      rows,
      value: median(runs.map((r) => r.learn)),
      unit: 's',
      bound: SECONDS_AT_20M,
      side: 'at most',
    },
    load,
  )
printFigure(
  {
    figure: 'learn peak RSS',
    rows,
    value: median(runs.map((r) => r.rss)),
    unit: 'MB',
    bound: MEMORY_GOAL,
    side: 'at most',
  },
  load,
)
