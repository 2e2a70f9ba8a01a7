/**
 * How well `scan` finds personal data in the public corpus (../shared/datasets), measured against labels written
 * by hand in test/pii-labels/: recall and precision per kind and overall, then every miss and false alarm with
 * the scan's reasons. Exits 1 when recall < 0.98, precision < 0.9, a direct identifier is missed or a table has
 * no label. Tests must not read the corpus, so this is a bench; test/integration/pii-hard-cases.test.ts holds a
 * small copy of the hard cases.
 *
 *   npm run pii-corpus                  # every corpus database (about 10 s)
 *   npm run pii-corpus -- pagila        # some of them
 */
import { fileURLToPath } from 'node:url'
import { packRules, scan } from '../src/rules/scan.js'
import {
  DIRECT_KINDS,
  precision,
  readLabels,
  recall,
  scoreScan,
  scoreTable,
  totalScore,
  type LabelScore,
} from '../test/support/pii-label-score.js'

const PG = process.env['DBTWIN_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432'
const MYSQL = process.env['DBTWIN_TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306'
const LABELS = fileURLToPath(new URL('../test/pii-labels/', import.meta.url))

const SOURCES = [
  { name: 'pagila', url: `${PG}/pagila`, labels: 'pagila' },
  { name: 'chinook', url: `${PG}/chinook`, labels: 'chinook' },
  { name: 'chinook_mysql', url: `${MYSQL}/Chinook`, labels: 'chinook' },
  { name: 'sakila_mysql', url: `${MYSQL}/sakila`, labels: 'sakila' },
  { name: 'sakila_pg', url: `${PG}/sakila`, labels: 'sakila' },
  { name: 'northwind', url: `${PG}/northwind`, labels: 'northwind' },
  { name: 'employee', url: `${PG}/employee`, labels: 'employee' },
  { name: 'employee_mysql', url: `${MYSQL}/employee`, labels: 'employee' },
  { name: 'musicbrainz', url: `${PG}/musicbrainz`, labels: 'musicbrainz' },
  { name: 'openstreetmap', url: `${PG}/openstreetmap`, labels: 'openstreetmap' },
]

const wanted = process.argv.slice(2)
const scores: LabelScore[] = []
const lines: string[] = []
let refusals = 0
for (const source of SOURCES.filter((s) => wanted.length === 0 || wanted.some((w) => s.name.startsWith(w)))) {
  const started = performance.now()
  const result = await scan(source.url)
  const seconds = (performance.now() - started) / 1000
  const score = scoreScan(result.schema, result.columns, await readLabels(`${LABELS}${source.labels}.yaml`))
  scores.push(score)
  // The shipped pack must fit every column found: a refused rule file stops a subset before it starts.
  const refused = await packRules(result.schema, result.columns).then(
    () => null,
    (error: Error) => error.message,
  )
  if (refused !== null) lines.push(`${source.name}: the shipped pack is refused: ${refused}`)
  refusals += refused === null ? 0 : 1
  const one = totalScore([score])
  console.log(
    `${source.name.padEnd(15)} ${String(result.schema.tables.length).padStart(4)} tables ${seconds.toFixed(1).padStart(5)} s` +
      `  labeled ${one.labeled}, recall ${recall(one).toFixed(3)}, precision ${precision(one).toFixed(3)}`,
  )
  for (const t of score.unlabeledTables) lines.push(`${source.name}: table ${t} has no label`)
  for (const c of score.unknownColumns) lines.push(`${source.name}: labels name ${c}, which does not exist`)
  for (const d of score.misses)
    lines.push(
      `miss         ${d.column} (${d.labeled})${DIRECT_KINDS.has(d.labeled as never) ? ' DIRECT' : ''}`,
    )
  for (const d of score.falseAlarms)
    lines.push(`false alarm  ${d.column} as ${d.found}: ${d.evidence.join('; ')}`)
  for (const d of score.otherKind)
    lines.push(`other kind   ${d.column} labeled ${d.labeled}, found ${d.found}`)
}
const total = totalScore(scores)
console.log(`\n${scoreTable(total)}\n`)
for (const line of lines) console.log(line)
const directMisses = scores.flatMap((s) => s.misses).filter((d) => DIRECT_KINDS.has(d.labeled as never))
const unlabeled = scores.reduce((n, s) => n + s.unlabeledTables.length, 0)
const ok =
  recall(total) >= 0.98 &&
  precision(total) >= 0.9 &&
  directMisses.length === 0 &&
  unlabeled === 0 &&
  refusals === 0
console.log(
  `\n${ok ? 'ok' : 'FAILED'}: recall ${recall(total).toFixed(3)} (≥ 0.98), precision ${precision(total).toFixed(3)} (≥ 0.9), ` +
    `${directMisses.length} direct identifiers missed, ${unlabeled} tables unlabeled, ${refusals} pack refusals`,
)
process.exitCode = ok ? 0 : 1
