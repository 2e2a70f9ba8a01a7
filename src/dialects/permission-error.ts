import { DbtwinError } from '../errors.js'

/**
 * A driver's "permission denied" as a DbtwinError naming the object and the GRANT it needs; null for any other
 * error. A login that may not read one table fails in the middle of learning, subsetting or reporting, where it read
 * as an internal bug (issue 14). PostgreSQL and PGlite say SQLSTATE 42501 ("permission denied for table film");
 * MySQL and MariaDB errno 1142 (a table) or 1143 (a column), naming the command and the user.
 *
 * @example permissionError({ code: '42501', message: 'permission denied for table film' })?.toLine()
 * // 'permission denied for table film. Fix: grant it to the user in the URL: GRANT SELECT ON film TO <user>'
 */
export function permissionError(error: unknown): DbtwinError | null {
  if (typeof error !== 'object' || error === null) return null
  const { code, errno, message } = error as { code?: unknown; errno?: unknown; message?: unknown }
  if (typeof message !== 'string') return null
  const fail = (fix: string) =>
    new DbtwinError('PERMISSION_DENIED', message.split('\n')[0]!, fix, { cause: error })
  if (code === '42501') {
    const match = /permission denied for (\w+) (.+)$/m.exec(message)
    if (match === null) return fail('grant the user in the URL the privilege the statement needs')
    const [, kind, name] = match
    const grant = kind === 'schema' ? `USAGE ON SCHEMA ${name}` : `SELECT ON ${name}`
    return fail(`grant it to the user in the URL: GRANT ${grant} TO <user> (INSERT too, for a target)`)
  }
  if (errno === 1142 || errno === 1143) {
    const match =
      /^(\w+) command denied to user ('[^']*'@'[^']*') for (?:column '([^']*)' in )?table (.+)$/.exec(message)
    if (match === null) return fail('grant the user in the URL the privilege the statement needs')
    const [, command, user, column, quoted] = match
    // 1143 quotes its table as a string, 'film'; GRANT takes it as an identifier.
    const table = quoted!.replace(/^'(.*)'$/, '`$1`')
    const on = column === undefined ? `ON ${table}` : `(${column}) ON ${table}`
    return fail(`GRANT ${command} ${on} TO ${user}`)
  }
  return null
}
