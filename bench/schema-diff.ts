/**
 * Issue 16's bar for same-engine PostgreSQL twins: `pg_dump --schema-only --no-owner --no-privileges` of the source
 * and of its twin differ only in sequence positions, and an insert that gives no id or timestamp succeeds on the
 * twin. For each PostgreSQL corpus source: clone it with the built CLI into `<prefix>_<source>`, dump both, drop
 * sequence positions (setval, START WITH) and comment lines, print the lines that remain different from the source
 * after pg_dump's own round trip (see restoredDump), and, marked `#`, those that differ only from the source as it
 * was before it; then insert one row into every table giving only its NOT NULL columns without a default (see
 * twin-inserts.ts; bench/default-inserts.ts does this on every corpus twin of both engines); drop the twin.
 *
 *   npm run build && npm run schema-diff                     # pagila sakila musicbrainz employee northwind
 *   npm run schema-diff -- pagila --keep                      # one source, twin left in place
 *   DBTWIN_CORPUS_PREFIX=mine SCALE=1 npm run schema-diff     # targets named mine_…, full-size twins
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { postgresInsertFailures } from './twin-inserts.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const PG = process.env['DBTWIN_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432'
const PREFIX = process.env['DBTWIN_CORPUS_PREFIX'] ?? 'corpus'
/** The schema does not depend on the row count; a tenth keeps the run short. */
const SCALE = process.env['SCALE'] ?? '0.1'
const SOURCES = ['pagila', 'sakila', 'musicbrainz', 'employee', 'northwind']

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')}: ${result.stderr.trim().split('\n')[0]}`)
  return result.stdout
}

const psql = (command: string) => run('psql', ['-q', `${PG}/postgres`, '-c', command])

/** The dump with sequence positions and comment lines taken out: what must be equal. */
function schemaDump(database: string): string[] {
  return (
    run('pg_dump', ['--schema-only', '--no-owner', '--no-privileges', `${PG}/${database}`])
      .split('\n')
      // \restrict carries a random key per dump.
      .filter((line) => line.trim() !== '' && !line.startsWith('--') && !/^\\(un)?restrict /.test(line))
      .filter((line) => !/^SELECT pg_catalog\.setval\(/.test(line))
      .map((line) => line.replace(/START WITH \d+/, 'START WITH n'))
  )
}

/**
 * The dump of the source's schema after pg_dump's own round trip (dump, restore into `restored`, dump again): what
 * the twin is held to. A CHECK or view the source's older server stored prints differently once any PostgreSQL 15
 * re-parses its printed text (musicbrainz's `= ANY ((ARRAY['area'::character varying, …])::text[])` comes back as
 * `ARRAY[('area'::character varying)::text, …]`); the source's original text is not in the catalog, so no twin can
 * restore it, and pg_dump's own restore differs from the source the same way.
 */
function restoredDump(source: string, restored: string): string[] {
  psql(`drop database if exists "${restored}" with (force)`)
  psql(`create database "${restored}"`)
  const dir = mkdtempSync(join(tmpdir(), 'dbtwin-schema-diff-'))
  try {
    const file = join(dir, 'schema.sql')
    run('pg_dump', ['--schema-only', '--no-owner', '--no-privileges', '-f', file, `${PG}/${source}`])
    run('psql', ['-q', '-v', 'ON_ERROR_STOP=1', '-f', file, `${PG}/${restored}`])
  } finally {
    rmSync(dir, { recursive: true })
  }
  return schemaDump(restored)
}

/** Lines only in the source (`-`) or only in the twin (`+`), by a line diff of the two dumps. */
function dumpDiff(source: string[], twin: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'dbtwin-schema-diff-'))
  try {
    writeFileSync(join(dir, 'source.sql'), source.join('\n') + '\n')
    writeFileSync(join(dir, 'twin.sql'), twin.join('\n') + '\n')
    const result = spawnSync(
      'diff',
      [
        '--old-line-format=- %L',
        '--new-line-format=+ %L',
        '--unchanged-line-format=',
        'source.sql',
        'twin.sql',
      ],
      { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    )
    return result.stdout.split('\n').filter((l) => l !== '')
  } finally {
    rmSync(dir, { recursive: true })
  }
}

const names = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const keep = process.argv.includes('--keep')
const summary: string[] = []
for (const source of names.length > 0 ? names : SOURCES) {
  const twin = `${PREFIX}_${source}`
  const restored = `${PREFIX}_${source}_restored`
  psql(`drop database if exists "${twin}" with (force)`)
  try {
    const clone = spawnSync(
      'node',
      [
        join(ROOT, 'bin/dbtwin.js'),
        'clone',
        '--from',
        `${PG}/${source}`,
        '--to',
        `${PG}/${twin}`,
        '--create',
      ].concat(['--scale', SCALE]),
      { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } },
    )
    if (clone.status !== 0) {
      console.log(`## ${source}: clone failed\n${clone.stderr.trim()}\n`)
      summary.push(`${source}: clone failed`)
      continue
    }
    const twinDump = schemaDump(twin)
    const fromSource = dumpDiff(schemaDump(source), twinDump)
    const diff = dumpDiff(restoredDump(source, restored), twinDump)
    const inserts = await postgresInsertFailures(`${PG}/${twin}`)
    console.log(
      `## ${source}: ${diff.length} dump lines differ (${fromSource.length} before the source's round trip), ${inserts.failures.length}/${inserts.tried} inserts fail`,
    )
    for (const line of diff) console.log(line)
    const reparsed = fromSource.filter((line) => !diff.includes(line))
    if (reparsed.length > 0) console.log(`# differ from the source only as pg_dump's own restore does:`)
    for (const line of reparsed) console.log(`# ${line}`)
    for (const failure of inserts.failures) console.log(`insert ${failure}`)
    console.log()
    summary.push(
      `${source}: ${diff.length} dump lines differ (${fromSource.length} before the round trip), ${inserts.failures.length} of ${inserts.tried} inserts fail`,
    )
  } finally {
    if (!keep) psql(`drop database if exists "${twin}" with (force)`)
    psql(`drop database if exists "${restored}" with (force)`)
  }
}
console.log(summary.join('\n'))
