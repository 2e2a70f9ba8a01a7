/**
 * Compares SHOW CREATE of every table, view, routine, trigger and event between a MySQL/MariaDB source and its
 * twin (issue 16): `node --import tsx bench/mysql-show-create.ts <source url> <twin url>` prints each difference
 * and a count.
 */
import { mysqlShowCreate, showCreateDiffs } from '../test/support/mysql-show-create.js'

const [source, twin] = process.argv.slice(2)
if (source === undefined || twin === undefined)
  throw new Error('usage: mysql-show-create.ts <source url> <twin url>')
const before = await mysqlShowCreate(source)
const diffs = showCreateDiffs(before, await mysqlShowCreate(twin))
for (const d of diffs) console.log(d)
console.log(
  `${before.size - diffs.filter((d) => !d.includes('only on the twin')).length} of ${before.size} objects identical`,
)
