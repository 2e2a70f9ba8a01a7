import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { inject } from 'vitest'
import type { TestDatabase } from './test-database.js'
import { withDatabase } from './twin-checks.js'

/** A login made for one test: `url` connects as it to the test database; `drop()` removes it. */
export interface TestLogin {
  url: string
  drop(): Promise<void>
}

/**
 * Creates a uniquely named login with a random password and runs `grants` for it through the database's admin
 * URL. Each grant gets the login as the GRANT statement names it: `'dbtwin_ro_…'@'%'` on MySQL, the role on
 * PostgreSQL. Drop the login after the database on PostgreSQL, whose roles own their grants inside it.
 */
export async function createTestLogin(
  dialect: 'postgres' | 'mysql',
  database: TestDatabase,
  grants: (login: string) => string[],
): Promise<TestLogin> {
  const admin = inject('serverUrls')[dialect]
  if (admin === null) throw new Error(`no ${dialect} server for this test run`)
  const name = `dbtwin_ro_${randomBytes(5).toString('hex')}`
  const password = randomBytes(12).toString('hex')
  const login = dialect === 'mysql' ? `'${name}'@'%'` : name
  const created =
    dialect === 'mysql'
      ? `create user ${login} identified by '${password}'`
      : `create role ${login} login password '${password}'`
  await withDatabase(database.url, async (db) => {
    for (const statement of [created, ...grants(login)]) await sql.raw(statement).execute(db.db)
  })
  const url = new URL(database.url)
  url.username = name
  url.password = password
  return {
    url: url.href,
    drop: async () => {
      await withDatabase(admin, (db) =>
        sql.raw(`drop ${dialect === 'mysql' ? 'user' : 'role'} if exists ${login}`).execute(db.db),
      )
    },
  }
}
