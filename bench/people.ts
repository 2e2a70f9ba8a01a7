/**
 * Consistent people on the corpus (issue 17.8, 17.9): subsets pagila and sakila (PostgreSQL), sakila (MariaDB) and
 * employee with the shipped rules, then reads the person tables back and prints, per table, the share of rows whose
 * fake email's local part is made from the row's own fake first and last name, and the share of staff pictures
 * that are a valid PNG (signature, IHDR first, IEND last). Targets are named `${PREFIX}_people_<source>` and
 * dropped afterwards.
 *
 *   npx tsx bench/people.ts                        # every source
 *   npx tsx bench/people.ts pagila                 # some of them
 *   DBTWIN_BENCH_PREFIX=mine npx tsx bench/people.ts
 */
import mysql from 'mysql2/promise'
import pg from 'pg'
import { asciiName } from '../src/rules/fake-person.js'
import { parseRoot } from '../src/subset/subset-options.js'
import { subset } from '../src/subset/subset.js'
import { pngChunks } from '../src/model/binary-content.js'

const PG = process.env['DBTWIN_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432'
const MYSQL = process.env['DBTWIN_TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306'
const PREFIX = process.env['DBTWIN_BENCH_PREFIX'] ?? 'bench'
const RULES = new URL('../rules/', import.meta.url).pathname

interface Source {
  name: string
  engine: 'postgres' | 'mysql'
  database: string
  root: string
  tables: string[]
}

const SOURCES: Source[] = [
  {
    name: 'pagila',
    engine: 'postgres',
    database: 'pagila',
    root: 'public.customer',
    tables: ['customer', 'staff'],
  },
  {
    name: 'sakila',
    engine: 'postgres',
    database: 'sakila',
    root: 'public.customer',
    tables: ['customer', 'staff'],
  },
  {
    name: 'sakila_mysql',
    engine: 'mysql',
    database: 'sakila',
    root: 'sakila.customer',
    tables: ['customer', 'staff'],
  },
  {
    name: 'employee',
    engine: 'postgres',
    database: 'employee',
    root: 'public.employee',
    tables: ['employee'],
  },
]

const wanted = process.argv.slice(2)
process.env['DBTWIN_SECRET'] ??= 'bench-people'
const lines: string[] = []
for (const source of SOURCES.filter((s) => wanted.length === 0 || wanted.includes(s.name))) {
  const server = source.engine === 'postgres' ? PG : MYSQL
  const target = `${PREFIX}_people_${source.name}`
  await admin(source.engine, `drop database if exists ${target}`)
  await admin(source.engine, `create database ${target}`)
  try {
    const started = performance.now()
    await subset(`${server}/${source.database}`, `${server}/${target}`, {
      roots: [parseRoot(`${source.root} 100%`)],
      rules: RULES,
      existing: 'drop',
    })
    const seconds = (performance.now() - started) / 1000
    for (const table of source.tables) {
      const rows = await read(source.engine, `${server}/${target}`, `select * from ${table}`)
      const withEmail = rows.filter((r) => typeof r['email'] === 'string')
      const derived = withEmail.filter((r) => emailFromName(r))
      const pictures = rows.filter((r) => r['picture'] instanceof Uint8Array)
      const valid = pictures.filter((r) => pngChunks(r['picture'] as Uint8Array) !== null)
      lines.push(
        [
          `${source.name}.${table}`.padEnd(24),
          `${rows.length} rows`.padEnd(10),
          withEmail.length === 0
            ? 'no email column'.padEnd(36)
            : `email from names ${derived.length}/${withEmail.length} (${pct(derived.length, withEmail.length)})`.padEnd(
                36,
              ),
          pictures.length === 0 ? '' : `valid PNG pictures ${valid.length}/${pictures.length}`,
          `subset ${seconds.toFixed(1)} s`,
        ].join('  '),
      )
    }
  } finally {
    await admin(source.engine, `drop database if exists ${target}`)
  }
}
console.log(lines.join('\n'))

/** Whether the email's local part (before a numbered suffix) holds the row's first and last name, ASCII-folded. */
function emailFromName(row: Record<string, unknown>): boolean {
  const local = String(row['email']).split('@')[0]!.replace(/-\d+$/, '')
  const first = asciiName(String(row['first_name'] ?? ''))
  const last = asciiName(String(row['last_name'] ?? ''))
  return first !== '' && last !== '' && local === `${first}.${last}`
}

function pct(n: number, of: number): string {
  return `${((100 * n) / Math.max(1, of)).toFixed(1)}%`
}

async function admin(engine: 'postgres' | 'mysql', statement: string): Promise<void> {
  if (engine === 'postgres') {
    const client = new pg.Client(`${PG}/postgres`)
    await client.connect()
    try {
      await client.query(statement.replace(/exists (\w+)$/, 'exists $1 with (force)'))
    } finally {
      await client.end()
    }
  } else {
    const connection = await mysql.createConnection(MYSQL)
    try {
      await connection.query(statement)
    } finally {
      await connection.end()
    }
  }
}

async function read(engine: 'postgres' | 'mysql', url: string, query: string) {
  if (engine === 'postgres') {
    const client = new pg.Client(url)
    await client.connect()
    try {
      return (await client.query<Record<string, unknown>>(query)).rows
    } finally {
      await client.end()
    }
  }
  const connection = await mysql.createConnection(url)
  try {
    const [rows] = await connection.query(query)
    return rows as Record<string, unknown>[]
  } finally {
    await connection.end()
  }
}
