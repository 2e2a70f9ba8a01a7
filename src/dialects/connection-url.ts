import { createHash } from 'node:crypto'
import { resolve } from 'node:path'
import { DbtwinError } from '../errors.js'

/** A database on a server, named by a `postgres://` or `mysql://` URL. */
export interface ServerUrl<D extends 'postgres' | 'mysql'> {
  dialect: D
  host: string
  port: number
  user: string
  password: string | undefined
  database: string
  /** Query parameters passed through to the driver (e.g. `sslmode`). */
  params: Record<string, string>
  /** The URL with the password replaced by `***`: the only form that appears in messages. */
  display: string
}

/** An embedded PGlite database: a data directory, or memory when `dataDir` is null. */
export interface PgliteUrl {
  dialect: 'pglite'
  dataDir: string | null
  display: string
}

/** A database named by one URL, split into what each driver needs. */
export type ConnectionUrl = ServerUrl<'postgres'> | ServerUrl<'mysql'> | PgliteUrl

const SERVER_SCHEMES: Record<string, { dialect: 'postgres' | 'mysql'; port: number }> = {
  'postgres:': { dialect: 'postgres', port: 5432 },
  'postgresql:': { dialect: 'postgres', port: 5432 },
  'mysql:': { dialect: 'mysql', port: 3306 },
  'mariadb:': { dialect: 'mysql', port: 3306 },
}

const EXAMPLES = 'postgres://user@host:5432/db, mysql://user@host:3306/db, pglite://./dir or pglite:memory'

/**
 * Parses a database URL: `postgres://…`, `mysql://…` (MariaDB too; `mariadb://` is an alias), `pglite://<dir>` or
 * `pglite:memory`.
 *
 * @example parseConnectionUrl('pglite://.dbtwin/clinic') // { dialect: 'pglite', dataDir: '.dbtwin/clinic', … }
 */
export function parseConnectionUrl(text: string): ConnectionUrl {
  // Schemes are case-insensitive (RFC 3986): POSTGRES:// is postgres://, PGLITE://dir is pglite://dir.
  if (/^pglite:(memory|\/\/:memory:)$/i.test(text)) {
    return { dialect: 'pglite', dataDir: null, display: 'pglite:memory' }
  }
  if (/^pglite:\/\//i.test(text)) {
    const dataDir = decoded(text.slice('pglite://'.length), 'directory', text)
    if (dataDir === '') {
      throw new DbtwinError(
        'URL_INVALID',
        'pglite URL "pglite://" names no directory',
        `use pglite://<dir> or pglite:memory`,
      )
    }
    return { dialect: 'pglite', dataDir, display: text }
  }
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new DbtwinError(
      'URL_INVALID',
      `"${maskPasswords(text)}" is not a database URL`,
      `write it as ${EXAMPLES}`,
    )
  }
  const scheme = SERVER_SCHEMES[url.protocol]
  if (scheme === undefined) {
    throw new DbtwinError(
      'URL_SCHEME',
      `unknown database scheme "${url.protocol.replace(/:$/, '')}" in ${redact(url)}`,
      `use one of postgres://, mysql:// (MariaDB too), pglite://<dir> or pglite:memory`,
    )
  }
  const database = decoded(url.pathname.replace(/^\//, ''), 'database name', text)
  if (database === '') {
    throw new DbtwinError(
      'URL_INVALID',
      `${redact(url)} names no database`,
      `add it after the host, e.g. ${url.protocol}//${url.host}/mydb`,
    )
  }
  const server = {
    host: url.hostname === '' ? 'localhost' : url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? scheme.port : Number(url.port),
    user: decoded(url.username, 'user', text) || (scheme.dialect === 'postgres' ? 'postgres' : 'root'),
    password: url.password === '' ? undefined : decoded(url.password, 'password', text),
    database,
    params: Object.fromEntries(url.searchParams),
    display: redact(url),
  }
  return scheme.dialect === 'postgres' ? { dialect: 'postgres', ...server } : { dialect: 'mysql', ...server }
}

function redact(url: URL): string {
  const copy = new URL(url.href)
  if (copy.password !== '') copy.password = '***'
  return maskPasswords(copy.href)
}

/** A %-decoded part of a URL; a malformed escape (`%ZZ`, a lone `%`) names the part and how to write a `%`. */
function decoded(part: string, what: string, text: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    throw new DbtwinError(
      'URL_INVALID',
      `the ${what} in "${maskPasswords(text)}" has a malformed %-escape`,
      'write each % in it as %25, and other special characters as %XX (e.g. @ as %40)',
    )
  }
}

/**
 * Masks every password in a text that may hold URLs: whatever follows `scheme://user:` up to the last `@` of the
 * word (a raw password may itself hold `@`, `:` or `/`), and `password=` values. Any scheme, in any case, parsed or
 * not: the CLI passes every line it prints through here, driver messages included, which can echo a URL (issue 14).
 *
 * @example maskPasswords('cannot reach POSTGRES://app:s3cret@db/x') // 'cannot reach POSTGRES://app:***@db/x'
 */
export function maskPasswords(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/[^\s/:@]*):\S*@/gi, '$1:***@')
    .replace(/\b(password|passwd|pwd)=[^&\s]*/gi, '$1=***')
}

/**
 * A short, one-way fingerprint of the database a URL names (engine, host, port, database; a PGlite directory's
 * absolute path), with no credentials. The model keeps its source's, so `generate` can refuse to write into the
 * source without the model revealing where the source is.
 */
export function databaseFingerprint(text: string): string {
  const url = parseConnectionUrl(text)
  const where =
    url.dialect === 'pglite'
      ? `pglite|${url.dataDir === null ? 'memory' : resolve(url.dataDir)}`
      : `${url.dialect}|${['localhost', '::1'].includes(url.host) ? '127.0.0.1' : url.host.toLowerCase()}|${url.port}|${url.database}`
  return createHash('sha256').update(where).digest('hex').slice(0, 16)
}
