/**
 * How well twins keep the structure of JSON columns (issue 17.4), on every server the corpus is loaded on:
 *
 * 1. The corpus: lists every JSON column (json, jsonb; MariaDB's json_valid longtext) with its non-null count, and
 *    for each holding at least minCount documents learns its path tree from up to 10,000 documents (the learner's
 *    own code), draws as many documents from it (the generator's) and scores them as the report does.
 * 2. The sample clinic end to end: `sample` (encounters.vitals), `learn`, `generate`, `report`, on PostgreSQL and
 *    MariaDB; prints the source's frequent paths, the twin's, the structure score and whether the planted personal
 *    keys reached the model or the twin.
 *
 *   npm run bench:json                      # 2,000 patients
 *   BENCH_PATIENTS=10000 npm run bench:json
 *
 * Reads the corpus only (read-only); writes its own `json_bench_…` databases and drops them.
 */
import { sql } from 'kysely'
import { openDatabase } from '../src/dialects/open-database.js'
import type { Database } from '../src/dialects/dialect.js'
import { columnSampler } from '../src/generate/column-sampler.js'
import { learn } from '../src/learn/learn.js'
import { jsonPathSet, learnJsonPaths, parseJsonValue, pathRowShares } from '../src/model/json-paths.js'
import { formatModelFile } from '../src/model/model-file.js'
import { seededRandom } from '../src/random/seeded-random.js'
import { jsonStructure } from '../src/report/metrics/json-structure.js'
import { report } from '../src/report/report-twin.js'
import { createSampleSchema } from '../src/sample/create-sample-schema.js'
import { seedSampleData } from '../src/sample/seed-sample-data.js'
import type { Column } from '../src/schema/schema.js'
import { generate } from '../src/write/generate-into-target.js'

const PG = process.env['DBTWIN_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const MY = process.env['DBTWIN_TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306/mysql'
const PATIENTS = Number(process.env['BENCH_PATIENTS'] ?? 2000)
const K = 5
const CORPUS = {
  postgres: ['pagila', 'chinook', 'sakila', 'northwind', 'employee', 'musicbrainz', 'openstreetmap'],
  mysql: ['Chinook', 'sakila', 'employee'],
}

const at = (server: string, database: string) => {
  const url = new URL(server)
  url.pathname = `/${database}`
  return url.href
}

async function withDb<T>(url: string, use: (db: Database) => Promise<T>, readOnly = true): Promise<T> {
  const db = await openDatabase(url, { readOnly })
  try {
    return await use(db)
  } finally {
    await db.close()
  }
}

/** Learns a path tree from documents, draws as many from it, and scores them as the report does. */
function measure(name: string, values: readonly unknown[], column: Column): string {
  // Drivers hand back text (PostgreSQL) or parsed values: the documents, as learn reads them.
  const documents = values.flatMap((v) => {
    const parsed = parseJsonValue(v)
    return parsed.ok ? [parsed.value] : []
  })
  const tree = learnJsonPaths(documents, { minCount: K })
  if (tree === null) return `${documents.length} documents, fewer than ${K}: nothing to learn`
  const sampler = columnSampler(
    { name: column.name, nullFraction: 0, kind: 'shaped', format: 'json', document: tree, lengths: [] },
    column,
    { family: 'postgres' },
  )!
  const drawn = documents.map((_, i) => sampler.draw(0.5, seededRandom(1, name, i)))
  const real = pathRowShares(documents)
  const twin = pathRowShares(drawn)
  const frequent = [...real].filter(([, share]) => share * documents.length >= K).map(([p]) => p)
  const missing = frequent.filter((p) => !twin.has(p))
  const extra = [...twin.keys()].filter((p) => !real.has(p))
  const gap = Math.max(0, ...frequent.map((p) => Math.abs((twin.get(p) ?? 0) - real.get(p)!)))
  return (
    `${documents.length} documents, ${real.size} paths, ${frequent.length} in >= ${K} rows, ` +
    `${jsonPathSet(tree).length} learned; twin misses ${missing.length}, adds ${extra.length}; ` +
    `largest presence gap ${gap.toFixed(3)}; structure score ${jsonStructure(documents, drawn, K).score?.toFixed(3)}`
  )
}

/**
 * The corpus holds almost no JSON documents (its JSON columns are empty), so documents are also built from its
 * rows, nested as an application would store them: films with their actors and category, invoices with their lines.
 */
const DERIVED = [
  {
    name: 'pagila films with actors',
    database: 'pagila',
    query: sql<{ v: unknown }>`select (to_jsonb(f) - 'fulltext') || jsonb_build_object(
        'actors', (select jsonb_agg(jsonb_build_object('first', a.first_name, 'last', a.last_name))
                   from film_actor fa join actor a on a.actor_id = fa.actor_id where fa.film_id = f.film_id),
        'category', (select c.name from film_category fc join category c on c.category_id = fc.category_id
                     where fc.film_id = f.film_id limit 1)) as v from film f`,
  },
  {
    name: 'chinook invoices with lines',
    database: 'chinook',
    query: sql<{ v: unknown }>`select to_jsonb(i) || jsonb_build_object(
        'lines', (select jsonb_agg(jsonb_build_object('track', l.track_id, 'price', l.unit_price,
                  'quantity', l.quantity)) from invoice_line l where l.invoice_id = i.invoice_id)) as v
      from invoice i`,
  },
]

console.log('# Corpus JSON columns')
for (const [dialect, databases] of Object.entries(CORPUS)) {
  const server = dialect === 'postgres' ? PG : MY
  for (const database of databases) {
    await withDb(at(server, database), async (db) => {
      const schema = await db.introspect()
      for (const table of schema.tables) {
        for (const column of table.columns.filter((c) => c.type === 'json')) {
          const name = `${dialect}/${database} ${table.schema ?? ''}${table.schema ? '.' : ''}${table.name}.${column.name}`
          const t = sql.id(...(table.schema ? [table.schema, table.name] : [table.name]))
          const { rows } = await sql<{ v: unknown }>`select ${sql.id(column.name)} as v from ${t}
            where ${sql.id(column.name)} is not null limit 10000`.execute(db.db)
          const documents = rows.flatMap((r) => {
            const parsed = parseJsonValue(r.v)
            return parsed.ok ? [parsed.value] : []
          })
          console.log(`${name}: ${measure(name, documents, column)}`)
        }
      }
    })
  }
}

console.log('\n# Documents built from corpus rows (PostgreSQL)')
for (const derived of DERIVED) {
  await withDb(at(PG, derived.database), async (db) => {
    const { rows } = await derived.query.execute(db.db)
    const column = { name: 'doc', type: 'json', nativeType: 'jsonb', nullable: true, length: null } as Column
    console.log(
      `${derived.name}: ${measure(
        derived.name,
        rows.map((r) => r.v),
        column,
      )}`,
    )
  })
}

console.log(`\n# Sample clinic, ${PATIENTS} patients: encounters.vitals`)
for (const [dialect, server] of [
  ['postgres', PG],
  ['mysql', MY],
] as const) {
  const source = `json_bench_${dialect}_source`
  const target = `json_bench_${dialect}_twin`
  const adminUrl = server
  const run = (statement: string) => withDb(adminUrl, (db) => sql.raw(statement).execute(db.db), false)
  const q = dialect === 'postgres' ? (n: string) => `"${n}"` : (n: string) => `\`${n}\``
  for (const name of [source, target]) {
    await run(`drop database if exists ${q(name)}${dialect === 'postgres' ? ' with (force)' : ''}`)
    await run(`create database ${q(name)}`)
  }
  try {
    await withDb(
      at(server, source),
      async (db) => {
        await createSampleSchema(db)
        await seedSampleData(db, { patients: PATIENTS, seed: 1 })
      },
      false,
    )
    const started = performance.now()
    const model = await learn(at(server, source), { seed: 1 })
    const learnedIn = (performance.now() - started) / 1000
    await generate(model, at(server, target), { seed: 1 })
    const result = await report(at(server, source), at(server, target), { seed: 1 })
    const vitals = result.quality.tables
      .find((t) => t.table.endsWith('encounters'))!
      .columns.find((c) => c.column === 'vitals')!
    const column = model.tables
      .find((t) => t.table.endsWith('encounters'))!
      .columns.find((c) => c.name === 'vitals')!
    const tree = column.kind === 'shaped' ? column.document : undefined
    const read = (url: string) =>
      withDb(url, async (db) => {
        const t = dialect === 'postgres' ? sql.id('clinic', 'encounters') : sql.id('encounters')
        const { rows } = await sql<{ v: unknown }>`select vitals as v from ${t}`.execute(db.db)
        return rows.map((r) => r.v)
      })
    const real = pathRowShares(await read(at(server, source)))
    const twin = pathRowShares(await read(at(server, target)))
    const personal = [...real.keys()].filter((p) => p.startsWith('$[') && p.includes('.'))
    const worst = Math.max(...[...twin].map(([p, s]) => Math.abs(s - (real.get(p) ?? 0))))
    console.log(
      `${dialect}: learn ${learnedIn.toFixed(1)} s; source paths ${real.size} (${personal.length} personal keys), ` +
        `model paths ${tree === undefined ? 0 : jsonPathSet(tree).length}, twin paths ${twin.size}; ` +
        `largest presence gap ${worst.toFixed(3)}; structure score ${vitals.shape}; ` +
        `personal keys in model file: ${personal.filter((p) => formatModelFile(model).includes(JSON.parse(p.slice(2, -1)) as string)).length}, ` +
        `in twin: ${personal.filter((p) => twin.has(p)).length}`,
    )
    console.log(`  twin paths: ${[...twin.keys()].sort().join(' ')}`)
  } finally {
    for (const name of [source, target])
      await run(`drop database if exists ${q(name)}${dialect === 'postgres' ? ' with (force)' : ''}`)
  }
}
