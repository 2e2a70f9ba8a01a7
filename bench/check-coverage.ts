/**
 * How many of a database's CHECKs generation can read: fully (every row decided in JavaScript), partly (some
 * conjuncts bound the columns, the rest call functions), or not at all; with the most common unread forms.
 *
 *   node --import tsx bench/check-coverage.ts postgres://postgres@127.0.0.1:5432/musicbrainz
 */
import { openDatabase } from '../src/dialects/open-database.js'
import { isFullyParsed, parseCheck, type CheckExpression } from '../src/schema/check-expression.js'

const url = process.argv[2]
if (url === undefined) throw new Error('usage: check-coverage.ts <database url>')
const db = await openDatabase(url, { readOnly: true })
try {
  const schema = await db.introspect()
  const family = schema.dialect === 'mysql' ? 'mysql' : 'postgres'
  const checks = schema.tables.flatMap((t) => [
    ...t.checks,
    ...t.columns.flatMap((c) => c.domainChecks ?? []),
  ])
  const counts = { full: 0, partial: 0, none: 0 }
  const unread = new Map<string, number>()
  for (const check of checks) {
    const expression = parseCheck(check.expression, family)
    if (isFullyParsed(expression)) counts.full++
    else {
      if (readsSomething(expression)) counts.partial++
      else counts.none++
      const form = check.expression.replace(/\b[a-z_][a-z0-9_]*\b(?!\()/g, 'x')
      unread.set(form, (unread.get(form) ?? 0) + 1)
    }
  }
  console.log(
    `${schema.database}: ${checks.length} CHECKs, ${counts.full} read fully, ${counts.partial} partly, ${counts.none} not at all`,
  )
  for (const [form, n] of [...unread].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`  ${n}  ${form}`)
} finally {
  await db.close()
}

function readsSomething(e: CheckExpression): boolean {
  if (e.kind === 'and' || e.kind === 'or') return e.items.some(readsSomething)
  if (e.kind === 'not') return readsSomething(e.item)
  if (e.kind === 'opaque') return false
  return isFullyParsed(e)
}
