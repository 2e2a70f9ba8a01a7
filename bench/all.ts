/**
 * `npm run bench`: every goal of issue 21 measured in one run, on the wide clinic-like source (bench/wide-source.ts)
 * at 2M and 20M rows (each built once and kept), and printed as one table of figure, rows, value, goal and whether
 * it is met, with the load average each was measured at. It runs the bench scripts, each in its own process
 * (their own tables are printed as they go), and collects the figures they print (bench/bench-figure.ts):
 *
 * - subset of 5% of the patients against one `COPY (SELECT … WHERE … IN (SELECT …))` per table (bench/subset.ts);
 * - learn against one full read, `COPY … TO` of every table (bench/learn-wide.ts);
 * - generate of as many rows against a raw COPY of them (bench/generate.ts --wide);
 * - generate into MariaDB against a raw LOAD DATA LOCAL of the same rows (bench/generate-mysql.ts, on bench/learn's
 *   three-table source at the first size);
 * - `dbtwin --version` and `import('dbtwin')` (bench/startup.ts);
 * - the peak RSS of learn, generate and subset.
 *
 *   npm run bench                               # 2M and 20M rows: about an hour, more the first time
 *   npm run bench -- --rows 2000000 --only learn,subset
 *   npm run bench -- --figures-from run.log --write   # the figures of a saved run's output, run nothing
 *   npm run bench -- --write                    # and keep the figures (docs/bench-figures.json), each replacing
 *                                               # its last, and put their table into README and docs/benchmarks.md
 */
import { spawnSync } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { figuresIn, met, type BenchFigure } from './bench-figure.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
/** The table's order of figures, by the start of their names, whenever each was measured. */
const ORDER = ['subset', 'learn', 'generate', 'MariaDB', 'dbtwin --version', 'import']

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '2000000,20000000' },
    only: { type: 'string' },
    write: { type: 'boolean', default: false },
    'figures-from': { type: 'string' },
  },
})
const sizes = args.rows.split(',').map(Number)
const only = args.only?.split(',')

/** Each bench: its name for --only, and the script runs it takes (one per size where it has a source size). */
const BENCHES: { name: string; runs: () => { script: string; args: string[]; env?: NodeJS.ProcessEnv }[] }[] =
  [
    {
      name: 'subset',
      runs: () => sizes.map((n) => ({ script: 'bench/subset.ts', args: ['--rows', String(n)] })),
    },
    {
      name: 'learn',
      runs: () =>
        sizes.map((n) => ({ script: 'bench/learn-wide.ts', args: ['--rows', String(n), '--runs', '1'] })),
    },
    {
      name: 'generate',
      // Three runs at 2M (one run's ratio moves by half on the shared machine), one at 20M (a quarter of an hour).
      runs: () =>
        sizes.map((n) => ({
          script: 'bench/generate.ts',
          args: ['--wide', '--rows', String(n)],
          env: { BENCH_REPEAT: n >= 10_000_000 ? '1' : '3' },
        })),
    },
    // The three-table source of bench/learn (customers, orders, items), at the first size.
    {
      name: 'mariadb',
      runs: () => [{ script: 'bench/generate-mysql.ts', args: [], env: { BENCH_ROWS: String(sizes[0]) } }],
    },
    { name: 'startup', runs: () => [{ script: 'bench/startup.ts', args: [] }] },
  ]

const figures: BenchFigure[] = []
const failed: string[] = []
if (args['figures-from'] !== undefined)
  figures.push(...figuresIn(await readFile(args['figures-from'], 'utf8')))
else if (spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) process.exit(1)
for (const bench of BENCHES.filter(
  (b) => args['figures-from'] === undefined && (only === undefined || only.includes(b.name)),
)) {
  for (const run of bench.runs()) {
    const line = `${run.script} ${run.args.join(' ')}`.trim()
    console.log(`\n== ${line}`)
    const out = spawnSync(process.execPath, ['--import', 'tsx', run.script, ...run.args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ...run.env },
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    })
    process.stdout.write(out.stdout)
    if (out.status !== 0) failed.push(line)
    figures.push(...figuresIn(out.stdout))
  }
}

console.log(`\n${tableOf(figures.map((f) => ({ ...f, date: 'now' })))}`)
if (failed.length > 0) console.log(`failed: ${failed.join('; ')}`)
if (args.write) await writeTables(figures)
process.exit(failed.length > 0 ? 1 : 0)

/** The figures as a Markdown table, in the order given, a line each with its date and load average. */
function tableOf(all: readonly Dated[]): string {
  return markdown(
    ['figure', 'rows', 'measured', 'goal', '', 'on', 'load average'],
    all.map((f) => [
      f.figure,
      f.rows === null ? '' : `${f.rows / 1e6}M`,
      valueOf(f),
      goalOf(f),
      met(f) ? 'met' : 'not met',
      f.date,
      f.load,
    ]),
  )
}

/**
 * The figures as README's short table: a line per figure and goal, a column per source size; then the figures no
 * source sizes (start-up) in a sentence, and the days they were measured.
 */
function summaryOf(all: readonly Dated[]): string {
  const sized = all.filter((f) => f.rows !== null)
  const sizes = [...new Set(sized.map((f) => f.rows!))].sort((a, b) => a - b)
  const verdict = (f: Dated) => `${valueOf(f)}, ${met(f) ? 'met' : 'not met'}`
  const lines = [...new Set(sized.map((f) => f.figure))].map((name) => {
    const of = sized.filter((f) => f.figure === name)
    return [
      name,
      goalOf(of[0]!),
      ...sizes.map((n) => of.find((f) => f.rows === n) ?? null).map((f) => (f === null ? '' : verdict(f))),
    ]
  })
  const unsized = all
    .filter((f) => f.rows === null)
    .map((f) => `${f.figure} ${verdict(f)} (goal ${goalOf(f)})`)
  const days = [...new Set(all.map((f) => f.date))].sort()
  return [
    markdown(['figure', 'goal', ...sizes.map((n) => `${n / 1e6}M rows`)], lines),
    ...(unsized.length > 0 ? [`Start-up: ${unsized.join('; ')}.`] : []),
    `Measured ${days.join(', ')}.`,
  ].join('\n\n')
}

function valueOf(f: BenchFigure): string {
  const value =
    f.unit === '×'
      ? `${f.value.toFixed(2)}×`
      : f.unit === 's'
        ? `${f.value.toFixed(f.value < 10 ? 2 : 1)} s`
        : `${f.value.toFixed(0)} MB`
  return f.below === true ? `< ${value}` : value
}

function goalOf(f: BenchFigure): string {
  return `${f.side === 'at most' ? '≤' : '≥'} ${f.bound}${f.unit === '×' ? '×' : ` ${f.unit}`}`
}

function markdown(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

/** A figure with the day it was measured. */
type Dated = BenchFigure & { date: string }

/**
 * Keeps this run's figures in docs/bench-figures.json, each replacing the one of the same figure and rows (those
 * not measured this time stay, with their own date), and puts the table of them all between the bench markers of
 * README.md (the short table, see summaryOf) and docs/benchmarks.md.
 */
async function writeTables(measured: readonly BenchFigure[]) {
  const store = `${ROOT}docs/bench-figures.json`
  const date = new Date().toISOString().slice(0, 10)
  const kept = JSON.parse(await readFile(store, 'utf8').catch(() => '[]')) as Dated[]
  const key = (f: BenchFigure) => `${f.figure}|${f.rows}`
  const all = [
    ...kept.filter((k) => !measured.some((m) => key(m) === key(k))),
    ...measured.map((m) => ({ ...m, date })),
  ]
  // One order whatever was measured when: by figure as BENCHES runs them, then by rows.
  const order = (f: BenchFigure) => ORDER.findIndex((prefix) => f.figure.startsWith(prefix))
  all.sort((a, b) => order(a) - order(b) || a.figure.localeCompare(b.figure) || (a.rows ?? 0) - (b.rows ?? 0))
  await writeFile(store, `${JSON.stringify(all, null, 2)}\n`)
  for (const [file, table] of [
    ['README.md', summaryOf(all)],
    ['docs/benchmarks.md', tableOf(all)],
  ] as const) {
    const path = `${ROOT}${file}`
    const text = await readFile(path, 'utf8')
    const marked = /<!-- bench:start -->[\s\S]*<!-- bench:end -->/
    if (!marked.test(text))
      throw new Error(`${file} has no <!-- bench:start --> … <!-- bench:end --> markers`)
    await writeFile(path, text.replace(marked, `<!-- bench:start -->\n\n${table}\n\n<!-- bench:end -->`))
  }
}
