/**
 * Row counts of a clone against its source × scale (lookup tables: their own), table by table (issue 15: every
 * table within 3%). Clones
 * each PostgreSQL corpus source with the built CLI into `<prefix>_rc_<source>`, counts both sides, prints the
 * tables off by more than 3% and a summary line per source, and drops the clone.
 *
 *   npm run build && node --import tsx bench/row-counts.ts pagila chinook sakila employee
 *   DBTWIN_CORPUS_PREFIX=mine … --scale 0.1      # targets named mine_rc_…, twins at a tenth
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { openDatabase } from '../src/dialects/open-database.js'
import { lookupTables } from '../src/generate/twin-rows.js'
import type { Schema } from '../src/schema/schema.js'
import { tableName } from '../src/schema/table-name.js'
import { scan } from '../src/rules/scan.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const PG = process.env['DBTWIN_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432'
const PREFIX = process.env['DBTWIN_CORPUS_PREFIX'] ?? 'corpus'

async function counts(url: string): Promise<{ schema: Schema; rows: Map<string, number> }> {
  const db = await openDatabase(url, { readOnly: true })
  try {
    const schema = await db.introspect()
    const out = new Map<string, number>()
    for (const t of schema.tables) {
      const { rows } = await sql<{
        n: string
      }>`select count(*) as n from ${sql.id(t.schema, t.name)}`.execute(db.db)
      out.set(tableName(t), Number(rows[0]?.n ?? 0))
    }
    return { schema, rows: out }
  } finally {
    await db.close()
  }
}

function psql(command: string) {
  spawnSync('psql', ['-q', '-h', '127.0.0.1', '-U', 'postgres', '-c', command], { stdio: 'ignore' })
}

async function main() {
  const args = process.argv.slice(2)
  const scaleAt = args.indexOf('--scale')
  const scale = scaleAt >= 0 ? Number(args.splice(scaleAt, 2)[1]) : 1
  for (const source of args) {
    const target = `${PREFIX}_rc_${source}`.toLowerCase()
    psql(`drop database if exists "${target}" with (force)`)
    const run = spawnSync(
      'node',
      [
        join(ROOT, 'bin/dbtwin.js'),
        'clone',
        '--from',
        `${PG}/${source}`,
        '--to',
        `${PG}/${target}`,
        '--create',
        '--scale',
        String(scale),
      ],
      { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    )
    if (run.status !== 0) {
      console.log(`${source}: clone failed: ${run.stderr.trim().split('\n').at(-1) ?? ''}`)
      continue
    }
    const { schema, rows: real } = await counts(`${PG}/${source}`)
    const { rows: twin } = await counts(`${PG}/${target}`)
    // What generation aims at: lookup tables (no personal data, as scan finds it) keep their size.
    const personal = (await scan(`${PG}/${source}`)).columns.map((c) => c.column)
    const lookups = lookupTables(schema, (id) => real.get(id) ?? 0, personal)
    psql(`drop database if exists "${target}" with (force)`)
    let within = 0
    let worst = 0
    const off: string[] = []
    for (const [table, n] of real) {
      const expected = lookups.has(table) ? n : n * scale
      const got = twin.get(table) ?? twin.get(table.replace(/^public\./, '')) ?? 0
      const deviation = expected === 0 ? (got === 0 ? 0 : 1) : (got - expected) / expected
      worst = Math.max(worst, Math.abs(deviation))
      if (Math.abs(deviation) <= 0.03) within++
      else off.push(`  ${table}: source ${n}, twin ${got} (${(deviation * 100).toFixed(1)}%)`)
    }
    console.log(
      `${source} at scale ${scale}: ${within} of ${real.size} tables within 3%, worst ${(worst * 100).toFixed(1)}%`,
    )
    for (const line of off) console.log(line)
  }
}

await main()
