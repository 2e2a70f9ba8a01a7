/**
 * Start-up (issue 21.5): the wall time and peak RSS of `dbtwin --version` and of `import('dbtwin')`, each the median
 * of its runs, next to bare `node -e ""`, the floor, and to the goal (< 0.2 s and < 0.15 s). The commands take turns,
 * run by run, so that a change in the machine's load touches each alike; the load average is printed with them.
 * Needs the build (dist/) and GNU time (/usr/bin/time) for the RSS.
 *
 *   npm run bench:startup                      # builds, then 15 runs of each
 *   node --import tsx bench/startup.ts 31      # runs of each
 *   BENCH_BASELINE=/path/to/other/checkout node --import tsx bench/startup.ts   # + another build's, in turn
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { loadAverage, printFigure } from './bench-figure.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BASELINE = process.env['BENCH_BASELINE']?.replace(/\/?$/, '/')
const RUNS = Number(process.argv[2] ?? 15)
const TIME = '/usr/bin/time'

const dbtwin = (root: string, tag: string) => [
  { name: `dbtwin --version${tag}`, args: [`${root}bin/dbtwin.js`, '--version'], goal: 0.2 },
  { name: `import('dbtwin')${tag}`, args: ['-e', `import('${root}dist/src/index.js')`], goal: 0.15 },
]
const COMMANDS: { name: string; args: string[]; goal: number | null }[] = [
  { name: 'node -e ""', args: ['-e', ''], goal: null },
  ...dbtwin(ROOT, ''),
  ...(BASELINE === undefined ? [] : dbtwin(BASELINE, ' (baseline)')),
]

/** One run: seconds from spawn to exit, and the peak RSS in MB when GNU time is there. */
function run(args: string[]): { seconds: number; rssMb: number | null } {
  const timed = existsSync(TIME)
  const [file, argv] = timed ? [TIME, ['-f', '%M', process.execPath, ...args]] : [process.execPath, args]
  const started = performance.now()
  const out = spawnSync(file, argv, { encoding: 'utf8' })
  const seconds = (performance.now() - started) / 1000
  if (out.status !== 0) throw new Error(`${args.join(' ')} failed: ${out.stderr}`)
  const kb = timed ? Number(out.stderr.trim().split('\n').at(-1)) : NaN
  return { seconds, rssMb: Number.isFinite(kb) ? kb / 1024 : null }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

for (const root of [ROOT, BASELINE ?? ROOT])
  if (!existsSync(`${root}dist/src/index.js`)) throw new Error(`build ${root} first: npm run build`)
const load = loadavg().map((l) => l.toFixed(2))
const times = COMMANDS.map(() => [] as number[])
const rss = COMMANDS.map(() => [] as number[])
for (let i = 0; i < RUNS; i++) {
  COMMANDS.forEach((c, k) => {
    const r = run(c.args)
    times[k]!.push(r.seconds)
    if (r.rssMb !== null) rss[k]!.push(r.rssMb)
  })
}
const floor = median(times[0]!)
console.log(
  `start-up, median of ${RUNS} runs each; load average ${load.join(' ')} before, ${loadavg()[0]!.toFixed(2)} after`,
)
console.log('command                         wall s   × bare node   peak RSS MB   goal')
COMMANDS.forEach((c, k) => {
  const wall = median(times[k]!)
  const memory = rss[k]!.length > 0 ? median(rss[k]!).toFixed(0) : '-'
  const goal = c.goal === null ? 'the floor' : `< ${c.goal} s: ${wall < c.goal ? 'met' : 'not met'}`
  console.log(
    `${c.name.padEnd(31)} ${wall.toFixed(3).padStart(6)}   ${(wall / floor).toFixed(2).padStart(11)}   ${memory.padStart(11)}   ${goal}`,
  )
})
COMMANDS.forEach((c, k) => {
  if (c.goal !== null && !c.name.endsWith('(baseline)'))
    printFigure(
      {
        figure: c.name,
        rows: null,
        value: median(times[k]!),
        unit: 's',
        bound: c.goal,
        side: 'at most',
      },
      loadAverage(),
    )
})
