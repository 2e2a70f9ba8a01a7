import { describe, expect, it } from 'vitest'
import { permissionError } from '../../src/dialects/permission-error.js'

describe('permissionError', () => {
  it('names the table and the GRANT for PostgreSQL 42501', () => {
    const error = permissionError({ code: '42501', message: 'permission denied for table film' })
    expect(error?.code).toBe('PERMISSION_DENIED')
    expect(error?.toLine()).toBe(
      'permission denied for table film. Fix: grant it to the user in the URL: GRANT SELECT ON film TO <user> (INSERT too, for a target)',
    )
    expect(
      permissionError({ code: '42501', message: 'permission denied for schema billing' })?.fix,
    ).toContain('GRANT USAGE ON SCHEMA billing TO')
  })

  it('names the table, column and user for MySQL 1142 and 1143', () => {
    expect(
      permissionError({
        errno: 1142,
        message: "SELECT command denied to user 'ro'@'10.0.0.1' for table `shop`.`orders`",
      })?.fix,
    ).toBe("GRANT SELECT ON `shop`.`orders` TO 'ro'@'10.0.0.1'")
    expect(
      permissionError({
        errno: 1143,
        message: "SELECT command denied to user 'ro'@'%' for column 'email' in table 'users'",
      })?.fix,
    ).toBe("GRANT SELECT (email) ON `users` TO 'ro'@'%'")
  })

  it('leaves every other error alone', () => {
    expect(permissionError(new Error('boom'))).toBeNull()
    expect(permissionError({ code: '23505', message: 'duplicate key' })).toBeNull()
    expect(permissionError('text')).toBeNull()
  })
})
