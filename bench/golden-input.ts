/**
 * Writes the input of a golden case (test/cases/<name>/input.sql) from a corpus database loaded by
 * ../shared/datasets/load.sh: its schema as pg_dump or mysqldump writes it, and a few real rows of every table, closed
 * over the foreign keys so that the rows load with every key checked. The golden test then needs no corpus.
 *
 *   node --import tsx bench/golden-input.ts pagila          # one case
 *   node --import tsx bench/golden-input.ts                 # every case below
 *
 * A case with `tables` keeps only those (musicbrainz has 515 tables; a golden case must load in seconds): foreign
 * keys, indexes and triggers to other tables are left out, functions only when something kept calls them.
 */
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import mysql from 'mysql2/promise'
import pg from 'pg'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const PG = process.env['DBTWIN_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const MYSQL = process.env['DBTWIN_TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306/mysql'
/** Rows taken from each table before the foreign-key closure adds the parents they need. */
const ROWS = 3

interface CaseSource {
  engine: 'postgres' | 'mysql'
  database: string
  /** schema.table names to keep; all tables when absent. */
  tables?: string[]
  /** The search_path the rows are inserted under, for CHECKs that call functions by unqualified names. */
  searchPath?: string
}

const mb = (names: string) => names.split(' ').map((n) => `musicbrainz.${n}`)
const CASES: Record<string, CaseSource> = {
  pagila: { engine: 'postgres', database: 'pagila' },
  chinook: { engine: 'postgres', database: 'chinook' },
  sakila_pg: { engine: 'postgres', database: 'sakila' },
  sakila_mysql: { engine: 'mysql', database: 'sakila' },
  northwind: { engine: 'postgres', database: 'northwind' },
  employee: { engine: 'postgres', database: 'employee' },
  musicbrainz: {
    engine: 'postgres',
    database: 'musicbrainz',
    searchPath: 'musicbrainz, public',
    tables: mb(
      'area area_type artist artist_type artist_alias artist_alias_type gender artist_credit artist_credit_name ' +
        'release_group release_group_primary_type release release_status release_packaging language script ' +
        'medium medium_format track recording label label_type release_label editor',
    ),
  },
  openstreetmap: { engine: 'postgres', database: 'openstreetmap' },
}

async function main(): Promise<void> {
  const names = process.argv.slice(2)
  for (const name of names.length > 0 ? names : Object.keys(CASES)) {
    const source = CASES[name]
    if (source === undefined)
      throw new Error(`unknown case ${name} (known: ${Object.keys(CASES).join(', ')})`)
    const text = source.engine === 'postgres' ? await postgresInput(source) : await mysqlInput(source)
    const file = join(ROOT, 'test/cases', name, 'input.sql')
    writeFileSync(file, text)
    console.log(`wrote ${file} (${Math.round(text.length / 1024)} kB)`)
  }
}

// ---------------------------------------------------------------- PostgreSQL

interface Entry {
  name: string
  type: string
  text: string
}

async function postgresInput(source: CaseSource): Promise<string> {
  const url = new URL(PG)
  url.pathname = `/${source.database}`
  const client = new pg.Client({ connectionString: url.href })
  await client.connect()
  try {
    await client.query('begin transaction read only')
    const tables = source.tables ?? (await allTables(client))
    const sections = ['pre-data', 'post-data'].map((section) =>
      dumpEntries(source.database, section, source.tables === undefined ? null : tables),
    )
    const rows = await postgresRows(client, tables)
    const set = source.searchPath === undefined ? '' : `SET search_path = ${source.searchPath};\n`
    return [
      `-- ${source.database}: schema by pg_dump (trimmed), ${ROWS} rows a table closed over the foreign keys\n`,
      sections[0],
      set,
      rows,
      sections[1],
    ].join('\n')
  } finally {
    await client.end()
  }
}

async function allTables(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `select format('%s.%s', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
       and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e') order by 1`,
  )
  return rows.map((r) => r.name)
}

/** One section of pg_dump's schema, split into its entries; with `keep`, only what those tables need. */
function dumpEntries(database: string, section: string, keep: string[] | null): string {
  const url = new URL(PG)
  url.pathname = `/${database}`
  const dump = execFileSync(
    'pg_dump',
    ['--schema-only', `--section=${section}`, '--no-owner', '--no-privileges', '--no-publications', url.href],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  )
  const parts = dump.split(/^--\n-- (?=Name: )/m)
  const preamble = (parts.shift() ?? '')
    .split('\n')
    // psql meta-commands and the dump's version banner: the test loads this through a driver, not psql.
    .filter((line) => !line.startsWith('\\') && !line.startsWith('-- Dump'))
    .join('\n')
  const entries: Entry[] = parts.map((part) => {
    const header = /^Name: (.*?); Type: (.*?); Schema:/.exec(part)
    return {
      name: header?.[1] ?? '',
      type: header?.[2] ?? '',
      text: `--\n-- ${part.replace(/^\\.*$/gm, '')}`,
    }
  })
  const kept = keep === null ? entries : trimEntries(entries, new Set(keep))
  return preamble + kept.map((e) => e.text).join('')
}

const RELATION = /\b([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)\b/g
const ALWAYS = new Set(['SCHEMA', 'EXTENSION', 'COLLATION', 'TYPE', 'DOMAIN', 'TEXT SEARCH CONFIGURATION'])

/**
 * The entries that the kept tables need: their own, and those of their sequences, constraints, indexes and triggers
 * that name no other table; types and extensions always; functions when a kept entry names them.
 */
function trimEntries(entries: Entry[], tables: Set<string>): Entry[] {
  const relations = new Set<string>()
  for (const e of entries) {
    const created =
      /CREATE (?:UNLOGGED )?(?:TABLE|SEQUENCE|VIEW|MATERIALIZED VIEW) ([a-z_0-9]+\.[a-z_0-9]+)/.exec(e.text)
    if (created?.[1] !== undefined) relations.add(created[1])
  }
  const ownedSequences = new Set<string>()
  for (const e of entries) {
    const owned = /ALTER SEQUENCE ([a-z_0-9.]+) OWNED BY ([a-z_0-9]+\.[a-z_0-9]+)\./.exec(e.text)
    if (owned?.[1] !== undefined && owned[2] !== undefined && tables.has(owned[2]))
      ownedSequences.add(owned[1])
  }
  const allowed = new Set([...tables, ...ownedSequences])
  const namesOnlyAllowed = (e: Entry) => {
    const named = [...e.text.matchAll(RELATION)].map((m) => `${m[1]}.${m[2]}`).filter((r) => relations.has(r))
    return named.length > 0 && named.every((r) => allowed.has(r))
  }
  const kept = entries.filter(
    (e) =>
      ALWAYS.has(e.type) || (!e.type.includes('FUNCTION') && !e.type.includes('VIEW') && namesOnlyAllowed(e)),
  )
  // Functions: the transitive closure of the ones a kept entry calls by name.
  const functions = entries.filter((e) => e.type === 'FUNCTION' || e.type === 'AGGREGATE')
  const chosen = new Set<Entry>()
  let text = kept.map((e) => e.text).join('')
  for (let grew = true; grew;) {
    grew = false
    for (const f of functions) {
      const name = f.name.replace(/\(.*$/, '')
      if (!chosen.has(f) && new RegExp(`\\b${name}\\s*\\(`).test(text)) {
        chosen.add(f)
        text += f.text
        grew = true
      }
    }
  }
  return entries.filter((e) => kept.includes(e) || chosen.has(e))
}

interface PgForeignKey {
  child: string
  parent: string
  columns: string[]
  references: string[]
}

/** INSERTs of a few rows of every table, and of every row they reference, so every foreign key holds. */
async function postgresRows(client: pg.Client, tables: string[]): Promise<string> {
  const { rows: physical } = await client.query<{ name: string; columns: string[]; always: boolean }>(
    `select format('%s.%s', n.nspname, c.relname) as name,
            array_agg(quote_ident(a.attname) order by a.attnum) as columns,
            bool_or(a.attidentity = 'a') as always
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
     where c.relkind = 'r' and format('%s.%s', n.nspname, c.relname) = any($1) group by 1 order by 1`,
    [tables],
  )
  const { rows: keys } = await client.query<PgForeignKey>(
    `select format('%s.%s', cn.nspname, c.relname) as child, format('%s.%s', pn.nspname, p.relname) as parent,
            array(select quote_ident(attname) from unnest(k.conkey) with ordinality u(n, i)
                  join pg_attribute on attrelid = k.conrelid and attnum = u.n order by u.i) as columns,
            array(select quote_ident(attname) from unnest(k.confkey) with ordinality u(n, i)
                  join pg_attribute on attrelid = k.confrelid and attnum = u.n order by u.i) as "references"
     from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace cn on cn.oid = c.relnamespace
     join pg_class p on p.oid = k.confrelid join pg_namespace pn on pn.oid = p.relnamespace where k.contype = 'f'`,
  )
  const columnsOf = new Map(physical.map((t) => [t.name, t.columns]))
  const chosen = new Map<string, Map<string, Record<string, string | null>>>()
  const add = (table: string, rows: Record<string, string | null>[]) => {
    const seen = chosen.get(table) ?? new Map<string, Record<string, string | null>>()
    chosen.set(table, seen)
    let added = 0
    for (const row of rows) {
      const id = JSON.stringify(row)
      if (!seen.has(id)) (seen.set(id, row), added++)
    }
    return added
  }
  const select = (table: string, where: string, params: unknown[] = []) =>
    client
      .query<Record<string, string | null>>(
        `select ${(columnsOf.get(table) ?? []).map((c) => `${c}::text as ${c}`).join(', ')} from only ${table} ${where}`,
        params,
      )
      .then((r) => r.rows)
  for (const t of physical) add(t.name, await select(t.name, `order by 1 limit ${ROWS}`))
  const closing = keys.filter((k) => columnsOf.has(k.child) && columnsOf.has(k.parent))
  for (let grew = true; grew;) {
    grew = false
    for (const k of closing) {
      const wanted = [...(chosen.get(k.child)?.values() ?? [])]
        .map((row) => k.columns.map((c) => row[unquote(c)] ?? null))
        .filter((values) => values.every((v) => v !== null))
      if (wanted.length === 0) continue
      const tuple = `(${k.references.map((c) => `${c}::text`).join(', ')})`
      const found = await select(
        k.parent,
        `where ${tuple} in (select * from json_to_recordset($1) as x(${k.references
          .map((_, i) => `v${i} text`)
          .join(', ')}))`,
        [JSON.stringify(wanted.map((values) => Object.fromEntries(values.map((v, i) => [`v${i}`, v]))))],
      )
      if (add(k.parent, found) > 0) grew = true
    }
  }
  const lines: string[] = []
  for (const t of physical) {
    const rows = [...(chosen.get(t.name)?.values() ?? [])]
    if (rows.length === 0) continue
    const values = rows.map(
      (row) => `  (${t.columns.map((c) => literal(row[unquote(c)] ?? null)).join(', ')})`,
    )
    const override = t.always ? ' OVERRIDING SYSTEM VALUE' : ''
    lines.push(`INSERT INTO ${t.name} (${t.columns.join(', ')})${override} VALUES\n${values.join(',\n')};\n`)
  }
  return lines.join('\n')
}

const unquote = (name: string) => (name.startsWith('"') ? name.slice(1, -1).replaceAll('""', '"') : name)
const literal = (value: string | null) => (value === null ? 'NULL' : `'${value.replaceAll("'", "''")}'`)

// ---------------------------------------------------------------- MySQL

async function mysqlInput(source: CaseSource): Promise<string> {
  const url = new URL(MYSQL)
  const common = ['-h', url.hostname, '-P', url.port || '3306', '-u', decodeURIComponent(url.username)]
  const dump = (args: string[]) =>
    execFileSync('mysqldump', [...common, '--skip-comments', '--skip-dump-date', ...args, source.database], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    })
  const portable = (text: string) =>
    text
      .replace(/ DEFINER=`[^`]*`@`[^`]*`/g, '')
      .replace(/\/\*!50017 +\*\/ ?/g, '')
      .replace(/\/\*!50013 SQL SECURITY DEFINER \*\//g, '')
      .replace(/ AUTO_INCREMENT=\d+/g, '')
      // mysql2 sends the file in one piece and the server splits it: no client-side DELIMITER.
      .replace(/^DELIMITER .*\n/gm, '')
      .replace(/;;$/gm, ';')
  const tables = portable(dump(['--no-data', '--skip-triggers', '--routines']))
  const triggers = portable(dump(['--no-data', '--no-create-info', '--triggers']))
  const connection = await mysql.createConnection({ uri: url.href, database: source.database })
  try {
    await connection.query('start transaction read only')
    const rows = await mysqlRows(connection, source.database)
    return [
      `-- ${source.database}: schema by mysqldump, ${ROWS} rows a table closed over the foreign keys\n`,
      tables,
      'SET FOREIGN_KEY_CHECKS = 0;\n',
      rows,
      'SET FOREIGN_KEY_CHECKS = 1;\n',
      triggers,
    ].join('\n')
  } finally {
    await connection.end()
  }
}

async function mysqlRows(connection: mysql.Connection, database: string): Promise<string> {
  const [columns] = await connection.query<mysql.RowDataPacket[]>(
    `select c.table_name as t, c.column_name as c, c.data_type as type from information_schema.columns c
     join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = ? and t.table_type = 'BASE TABLE' and c.extra not like '%GENERATED%'
     order by c.table_name, c.ordinal_position`,
    [database],
  )
  const [keys] = await connection.query<mysql.RowDataPacket[]>(
    `select table_name as child, referenced_table_name as parent, constraint_name as name,
            group_concat(column_name order by ordinal_position) as columns,
            group_concat(referenced_column_name order by ordinal_position) as refs
     from information_schema.key_column_usage where table_schema = ? and referenced_table_name is not null
     group by table_name, referenced_table_name, constraint_name`,
    [database],
  )
  const tables = new Map<string, { name: string; type: string }[]>()
  for (const c of columns) {
    const list = tables.get(String(c['t'])) ?? []
    list.push({ name: String(c['c']), type: String(c['type']) })
    tables.set(String(c['t']), list)
  }
  // Every value as the SQL literal that inserts it: quoted text, hex for bytes, WKT for geometry.
  const expression = (c: { name: string; type: string }) => {
    const q = `\`${c.name}\``
    if (/geometry|point|polygon|linestring/.test(c.type))
      return `if(${q} is null, 'NULL', concat('ST_GeomFromText(', quote(st_astext(${q})), ')'))`
    if (/blob|binary/.test(c.type)) return `if(${q} is null, 'NULL', concat('0x', hex(${q})))`
    return `quote(${q})`
  }
  const chosen = new Map<string, Map<string, string[]>>()
  const select = async (table: string, where: string, params: unknown[] = []) => {
    const list = tables.get(table) ?? []
    const [rows] = await connection.query<mysql.RowDataPacket[]>(
      `select ${list.map((c) => `${expression(c)} as \`${c.name}\``).join(', ')} from \`${table}\` ${where}`,
      params,
    )
    return rows.map((r) => list.map((c) => String(r[c.name])))
  }
  const add = (table: string, rows: string[][]) => {
    const seen = chosen.get(table) ?? new Map<string, string[]>()
    chosen.set(table, seen)
    let added = 0
    for (const row of rows) if (!seen.has(row.join('\u0000'))) (seen.set(row.join('\u0000'), row), added++)
    return added
  }
  for (const table of tables.keys()) add(table, await select(table, `order by 1 limit ${ROWS}`))
  for (let grew = true; grew;) {
    grew = false
    for (const k of keys) {
      const child = tables.get(String(k['child']))
      const parent = String(k['parent'])
      if (child === undefined || !tables.has(parent)) continue
      const columns = String(k['columns']).split(',')
      const refs = String(k['refs']).split(',')
      const at = columns.map((c) => child.findIndex((x) => x.name === c))
      const wanted = [...(chosen.get(String(k['child']))?.values() ?? [])]
        .map((row) => at.map((i) => row[i] ?? 'NULL'))
        .filter((values) => values.every((v) => v !== 'NULL'))
      if (wanted.length === 0) continue
      const tuple = `(${refs.map((r) => `\`${r}\``).join(', ')})`
      const found = await select(
        parent,
        `where ${tuple} in (${wanted.map((v) => `(${v.join(', ')})`).join(', ')})`,
      )
      if (add(parent, found) > 0) grew = true
    }
  }
  const lines: string[] = []
  for (const [table, list] of tables) {
    const rows = [...(chosen.get(table)?.values() ?? [])]
    if (rows.length === 0) continue
    const names = list.map((c) => `\`${c.name}\``).join(', ')
    lines.push(
      `INSERT INTO \`${table}\` (${names}) VALUES\n${rows.map((r) => `  (${r.join(', ')})`).join(',\n')};\n`,
    )
  }
  return lines.join('\n')
}

await main()
