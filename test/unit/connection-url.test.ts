import { describe, expect, it } from 'vitest'
import { maskPasswords, parseConnectionUrl } from '../../src/dialects/connection-url.js'
import { DbtwinError } from '../../src/errors.js'

describe('parseConnectionUrl', () => {
  it('splits a PostgreSQL URL and masks its password for display', () => {
    expect(parseConnectionUrl('postgres://app:s3cr%40t@db.example:6543/shop?sslmode=require')).toEqual({
      dialect: 'postgres',
      host: 'db.example',
      port: 6543,
      user: 'app',
      password: 's3cr@t',
      database: 'shop',
      params: { sslmode: 'require' },
      display: 'postgres://app:***@db.example:6543/shop?sslmode=require',
    })
  })

  it('fills default ports and users, and accepts the postgresql:// and mariadb:// aliases', () => {
    expect(parseConnectionUrl('postgresql://127.0.0.1/x')).toMatchObject({
      dialect: 'postgres',
      port: 5432,
      user: 'postgres',
    })
    expect(parseConnectionUrl('mariadb://127.0.0.1/x')).toMatchObject({
      dialect: 'mysql',
      port: 3306,
      user: 'root',
    })
  })

  it('decodes a database name with spaces and non-ASCII letters', () => {
    expect(parseConnectionUrl('mysql://root@h/caf%C3%A9%20db')).toMatchObject({ database: 'café db' })
  })

  it('reads PGlite directories and memory', () => {
    expect(parseConnectionUrl('pglite:memory')).toEqual({
      dialect: 'pglite',
      dataDir: null,
      display: 'pglite:memory',
    })
    expect(parseConnectionUrl('pglite://.dbtwin/clinic')).toMatchObject({ dataDir: '.dbtwin/clinic' })
    expect(parseConnectionUrl('pglite:///var/data/twin')).toMatchObject({ dataDir: '/var/data/twin' })
  })

  const failures: [string, string, RegExp][] = [
    ['oracle://u:pw@h/db', 'URL_SCHEME', /unknown database scheme "oracle".*Fix: use one of postgres:\/\//],
    ['postgres://u:pw@h:5432', 'URL_INVALID', /names no database.*Fix: add it after the host/],
    ['not a url', 'URL_INVALID', /is not a database URL/],
    ['pglite://', 'URL_INVALID', /names no directory/],
  ]
  for (const [url, code, line] of failures) {
    it(`rejects ${url} with ${code}, one line, no password`, () => {
      let error: unknown
      try {
        parseConnectionUrl(url)
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(DbtwinError)
      const dbtwinError = error as DbtwinError
      expect(dbtwinError.code).toBe(code)
      expect(dbtwinError.toLine()).toMatch(line)
      expect(dbtwinError.toLine()).not.toContain('pw')
      expect(dbtwinError.toLine()).not.toContain('\n')
    })
  }
})

describe('maskPasswords', () => {
  const cases: [string, string][] = [
    ['POSTGRES://app:s3cret@db:5432/x', 'POSTGRES://app:***@db:5432/x'],
    ['at PostgreS://app:s%40c%3Aret@db/x, retrying', 'at PostgreS://app:***@db/x, retrying'],
    ['"mysql://app:p@ss:w/rd@db/x" is bad', '"mysql://app:***@db/x" is bad'],
    ['mariadb://:only@db/x', 'mariadb://:***@db/x'],
    [
      'postgresql://app@db/x?sslmode=require&password=s3cret',
      'postgresql://app@db/x?sslmode=require&password=***',
    ],
    ['host=db password=s3cret user=app', 'host=db password=*** user=app'],
    ['a postgres://a:one@h/x and mysql://b:two@h/y', 'a postgres://a:***@h/x and mysql://b:***@h/y'],
  ]
  for (const [text, masked] of cases) {
    it(`masks ${text}`, () => {
      expect(maskPasswords(text)).toBe(masked)
      expect(maskPasswords(masked)).toBe(masked)
    })
  }

  it('leaves text without a password as it is', () => {
    for (const text of ['postgres://app@db:5432/x', 'pglite://./twin', 'wrote 5 rows to mysql://root@h/x'])
      expect(maskPasswords(text)).toBe(text)
  })

  it('reads schemes in any case, and refuses a malformed %-escape in one line', () => {
    expect(parseConnectionUrl('POSTGRES://app:pw@h/x')).toMatchObject({ dialect: 'postgres', password: 'pw' })
    expect(parseConnectionUrl('PGLITE://twin')).toMatchObject({ dialect: 'pglite', dataDir: 'twin' })
    expect(() => parseConnectionUrl('mysql://app:p%zzw@h/x')).toThrow(
      /^the password in "mysql:\/\/app:\*\*\*@h\/x" has a malformed %-escape$/,
    )
  })
})
