import { sql } from 'kysely'
import { openDatabase } from '../../src/dialects/open-database.js'

/**
 * Per PII column of the sample clinic database, the real values that also appear in a twin or subset (at most five
 * of them, for the failure message): the check that no real PII value reached the target.
 */
export async function leakedPiiValues(
  sourceUrl: string,
  twinUrl: string,
  dialect: string,
): Promise<Record<string, string[]>> {
  const real = await openDatabase(sourceUrl, { readOnly: true })
  const twin = await openDatabase(twinUrl, { readOnly: true })
  const leaked: Record<string, string[]> = {}
  try {
    // Dates are shifted, not replaced: a few may land on another patient's real date, so they are compared by row.
    // Single first or last names are compared as full names: a fake "Maya" may well be someone's real name.
    const checked: [string, string, string][] = [
      ['clinic', 'patients', 'first_name last_name'],
      ['clinic', 'providers', 'first_name last_name'],
      ['clinic', 'patients', 'email'],
      ['clinic', 'patients', 'phone'],
      ['clinic', 'patients', 'ssn'],
      ['clinic', 'patients', 'street'],
      ['clinic', 'patients', 'signup_ip'],
      ['clinic', 'patients', 'mrn'],
      ['clinic', 'providers', 'email'],
      ['clinic', 'encounters', 'notes'],
      ['billing', 'policies', 'payer_iban'],
      ['billing', 'policies', 'policy_number'],
      ['billing', 'payments', 'card_number'],
    ]
    for (const [namespace, table, column] of checked) {
      // A note many visits share (`Wound clean and dry.`) names no one, and a twin written from released words
      // (the clinic's `words` rule) may well write it again: only notes of fewer than 5 rows are personal.
      const rare = column === 'notes' ? sql`having count(*) < 5` : sql``
      const values = async (db: typeof real, shared: typeof rare) => {
        const schema = dialect === 'mysql' ? db.name : namespace
        const parts = column.split(' ').map((c) => sql.ref(c))
        const value = parts.length === 1 ? parts[0]! : sql`concat(${sql.join(parts, sql`, ' ', `)})`
        const rows = await sql<{ v: string }>`select ${value} as v from ${sql.id(schema, table)}
          where ${value} is not null group by ${value} ${shared}`.execute(db.db)
        return new Set(rows.rows.map((r) => String(r.v)))
      }
      const realValues = await values(real, rare)
      const both = [...(await values(twin, sql``))].filter((v) => realValues.has(v))
      if (both.length > 0) leaked[`${table}.${column}`] = both.slice(0, 5)
    }
  } finally {
    await real.close()
    await twin.close()
  }
  return leaked
}
