import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/dialects/open-database.js'
import { DbtwinError } from '../../src/errors.js'
import { testDialects } from '../support/test-database.js'
import { inject } from 'vitest'

async function openError(url: string): Promise<DbtwinError> {
  try {
    const database = await openDatabase(url)
    await database.close()
  } catch (error) {
    if (error instanceof DbtwinError) return error
    throw error
  }
  throw new Error(`opened ${url}`)
}

const servers = inject('serverUrls')
const available = new Map(testDialects().map((d) => [d.name, d.available]))

describe.skipIf(available.get('postgres') !== true)('PostgreSQL connection failures', () => {
  const admin = new URL(servers.postgres ?? 'postgres://x')
  it('reports a database that does not exist, with the fix', async () => {
    const error = await openError(`postgres://${admin.username}:hunter2@${admin.host}/dbtwin_no_such_db`)
    expect(error.code).toBe('DATABASE_NOT_FOUND')
    expect(error.toLine()).toMatch(
      /database "dbtwin_no_such_db" does not exist .*Fix: create it \(createdb dbtwin_no_such_db\)/,
    )
    expect(error.toLine()).not.toContain('hunter2')
  })
  it('reports a login the server refuses', async () => {
    const error = await openError(`postgres://dbtwin_no_such_role:hunter2@${admin.host}/postgres`)
    expect(error.code).toBe('AUTH_FAILED')
    expect(error.toLine()).toMatch(/Fix: check the user and password/)
    expect(error.toLine()).not.toContain('hunter2')
  })
})

describe.skipIf(available.get('mysql') !== true)('MySQL connection failures', () => {
  const admin = new URL(servers.mysql ?? 'mysql://x')
  it('reports a database that does not exist', async () => {
    const error = await openError(
      `mysql://${admin.username}${admin.password === '' ? '' : `:${admin.password}`}@${admin.host}/dbtwin_no_such_db`,
    )
    expect(error.code).toBe('DATABASE_NOT_FOUND')
    expect(error.toLine()).toMatch(/dbtwin_no_such_db.*Fix: create it/)
  })
  it('reports a wrong password without printing it', async () => {
    const error = await openError(`mysql://dbtwin_no_such_user:hunter2@${admin.host}/mysql`)
    expect(error.code).toBe('AUTH_FAILED')
    expect(error.toLine()).not.toContain('hunter2')
  })
})
