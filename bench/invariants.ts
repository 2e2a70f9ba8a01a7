/**
 * Invariants (paths that meet, time orders, children by the parent's state, sums, values given an ancestor,
 * sequences; issue 18) in corpus sources and in their twins: learns each source, generates a twin into `<prefix>_inv_<source>`, counts each learned rule's
 * violations there by SQL, prints a table, and drops the twin. A source is `<name>` on PostgreSQL or
 * `mysql:<name>` on MariaDB/MySQL.
 *
 *   node --import tsx bench/invariants.ts pagila chinook sakila mysql:sakila
 *   DBTWIN_CORPUS_PREFIX=mine node --import tsx bench/invariants.ts pagila
 *   WITHOUT=1 node --import tsx bench/invariants.ts pagila   # a twin generated without keeping them, to compare
 */
import { sql } from 'kysely'
import { openDatabase } from '../src/dialects/open-database.js'
import { learn } from '../src/learn/learn.js'
import { describeInvariant, countInvariantViolations } from '../src/report/invariant-violations.js'
import { tableName } from '../src/schema/table-name.js'
import { generate } from '../src/write/generate-into-target.js'

const PG = process.env['DBTWIN_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432'
const MYSQL = process.env['DBTWIN_TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306'
const PREFIX = process.env['DBTWIN_CORPUS_PREFIX'] ?? 'corpus'

async function run(name: string): Promise<void> {
  const mysql = name.startsWith('mysql:')
  const database = mysql ? name.slice(6) : name
  const server = mysql ? MYSQL : PG
  const source = `${server}/${database}`
  const twinName = `${PREFIX}_inv_${database}`
  const twin = `${server}/${twinName}`
  const admin = await openDatabase(mysql ? `${server}/mysql` : `${server}/postgres`)
  const exec = (statement: string) => sql.raw(statement).execute(admin.db)
  await exec(`drop database if exists ${twinName}`)
  await exec(`create database ${twinName}`)
  try {
    const started = performance.now()
    const model = await learn(source, { seed: 1 })
    const learnSeconds = (performance.now() - started) / 1000
    // WITHOUT=1: the twin generated as before invariants were kept, to see how many rules a twin broke then.
    const without = process.env['WITHOUT'] === '1'
    await generate(without ? { ...model, invariants: [] } : model, twin, { seed: 1 })
    const db = await openDatabase(twin, { readOnly: true })
    try {
      const tables = await db.introspect()
      const byName = new Map(tables.tables.map((t) => [t.name, t]))
      const twinOf = (id: string) => {
        const real = model.schema.tables.find((t) => tableName(t) === id)
        return real === undefined ? undefined : byName.get(real.name)
      }
      const kinds = {
        'paths-meet': [0, 0],
        'time-order': [0, 0],
        sequence: [0, 0],
        'children-by-state': [0, 0],
        sum: [0, 0],
        'ancestor-cells': [0, 0],
        'ancestor-categories': [0, 0],
      }
      for (const invariant of model.invariants ?? []) {
        const count = await countInvariantViolations(db, model.schema, twinOf, invariant)
        const kept = count !== null && count.violations === 0
        kinds[invariant.kind][0]! += 1
        if (kept) kinds[invariant.kind][1]! += 1
        console.log(
          [
            name.padEnd(14),
            invariant.kind.padEnd(10),
            `${invariant.table}: ${describeInvariant(invariant)}`.slice(0, 110).padEnd(110),
            (invariant.kind.startsWith('ancestor-')
              ? `source ${invariant.strength} over ${invariant.rows}`
              : `source ${(invariant.strength * 100).toFixed(1)}% of ${invariant.rows}`
            ).padEnd(22),
            count === null
              ? 'twin: missing table'
              : `twin: ${count.violations} of ${count.rows} break it` +
                (count.strength === undefined ? '' : ` (strength ${count.strength.toFixed(4)} in the twin)`),
          ].join(' '),
        )
      }
      console.log(
        `${name}: learned in ${learnSeconds.toFixed(1)} s; kept in the twin${without ? ' made without them' : ''} (zero violations): ` +
          Object.entries(kinds)
            .map(([kind, [n, k]]) => `${kind} ${k}/${n}`)
            .join(', '),
      )
    } finally {
      await db.close()
    }
  } finally {
    await exec(`drop database if exists ${twinName}`)
    await admin.close()
  }
}

for (const name of process.argv.slice(2)) await run(name)
