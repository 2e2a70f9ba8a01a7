/**
 * Subsets the learn benchmark's PostgreSQL source (customers → orders → order_items) into a fresh PostgreSQL
 * database: a percentage of customers with all their orders and items. Prints the closure time, the write time,
 * rows/s and the peak memory of the subsetting process, which holds the chosen keys and one batch of rows.
 *
 *   npm run bench:subset                         # 1M-row source, 10% of customers
 *   BENCH_SIZE=5000000 BENCH_PERCENT=5 npm run bench:subset
 */
import pg from 'pg'
import { ADMIN, benchUrl, buildBenchSource, measureInChild } from './bench-source.js'

const SIZE = Number(process.env['BENCH_SIZE'] ?? 1_000_000)
const PERCENT = Number(process.env['BENCH_PERCENT'] ?? 10)

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

const source = `dbtwin_bench_learn_${SIZE}`
const target = `dbtwin_bench_subset_${SIZE}`
await buildBenchSource(source, SIZE)
const admin = new pg.Client({ connectionString: ADMIN })
await admin.connect()
await admin.query(`drop database if exists ${target}`)
await admin.query(`create database ${target}`)
await admin.end()
const r = measureInChild<{ rows: number; planSeconds: number; seconds: number; maxRssMb: number }>(
  import.meta.url,
  ['--subset', benchUrl(source), benchUrl(target)],
)
console.log(`source rows   subset rows   closure s   total s   rows/s     peak RSS`)
console.log(
  `${String(SIZE).padEnd(14)}${String(r.rows).padEnd(14)}${r.planSeconds.toFixed(1).padStart(9)}   ${r.seconds
    .toFixed(1)
    .padStart(7)}   ${Math.round(r.rows / r.seconds)
    .toLocaleString('en-US')
    .padStart(8)}   ${r.maxRssMb.toFixed(0)} MB`,
)
