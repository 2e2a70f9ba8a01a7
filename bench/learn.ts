/**
 * Learns a PostgreSQL source of several tables at two sizes and prints seconds, rows/s and peak memory (max RSS of
 * the learning process), to show that memory does not grow with the row count: aggregation and sampling happen in
 * the database.
 *
 *   npm run bench:learn                  # 1M and 5M rows
 *   BENCH_SIZES=200000,1000000 npm run bench:learn
 */
import { benchUrl, buildBenchSource, measureInChild } from './bench-source.js'

const SIZES = (process.env['BENCH_SIZES'] ?? '1000000,5000000').split(',').map(Number)

if (process.argv[2] === '--learn') {
  // The measured child: learn once, report time and peak memory.
  const { learn } = await import('../src/learn/learn.js')
  const started = performance.now()
  const model = await learn(process.argv[3]!, { seed: 1 })
  const seconds = (performance.now() - started) / 1000
  const rows = model.tables.reduce((n, t) => n + t.rows, 0)
  console.log(JSON.stringify({ seconds, rows, maxRssMb: process.resourceUsage().maxRSS / 1024 }))
  process.exit(0)
}

console.log('rows        tables  seconds   rows/s      peak RSS (learning process)')
for (const size of SIZES) {
  const database = `dbtwin_bench_learn_${size}`
  await buildBenchSource(database, size)
  const result = measureInChild<{ seconds: number; rows: number; maxRssMb: number }>(import.meta.url, [
    '--learn',
    benchUrl(database),
  ])
  console.log(
    `${String(result.rows).padEnd(12)}3       ${result.seconds.toFixed(1).padStart(7)}   ${Math.round(
      result.rows / result.seconds,
    )
      .toLocaleString('en-US')
      .padStart(9)}   ${result.maxRssMb.toFixed(0)} MB`,
  )
}
