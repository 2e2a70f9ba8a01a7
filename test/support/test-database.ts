import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import mysql from 'mysql2/promise'
import pg from 'pg'
import { inject } from 'vitest'
import type { DialectName } from '../../src/schema/schema.js'

/** A dialect a test runs against, and whether it can run here. */
export interface TestDialect {
  name: DialectName
  /** False when the dialect's server is unavailable: its suite is skipped (see global-setup). */
  available: boolean
}

/** The dialects tests loop over, honouring `DIALECTS=postgres,mysql,pglite`. */
export function testDialects(): TestDialect[] {
  const urls = inject('serverUrls')
  const wanted = (process.env['DIALECTS'] ?? 'postgres,mysql,pglite').split(',')
  return (['postgres', 'mysql', 'pglite'] as const)
    .filter((name) => wanted.includes(name))
    .map((name) => ({ name, available: name === 'pglite' || urls[name] !== null }))
}

/** A fresh, uniquely named database for one test; `drop()` removes it. */
export interface TestDatabase {
  url: string
  /** The database name on the server (the directory for PGlite). */
  name: string
  drop(): Promise<void>
}

/** Creates an empty, uniquely named database, so tests can run concurrently and leave nothing behind. */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  const name = `dbtwin_t_${randomBytes(5).toString('hex')}`
  if (dialect === 'pglite') {
    const dir = await mkdtemp(join(tmpdir(), `${name}-`))
    return { url: `pglite://${dir}`, name: dir, drop: () => rm(dir, { recursive: true, force: true }) }
  }
  const admin = inject('serverUrls')[dialect]
  if (admin === null) throw new Error(`no ${dialect} server for this test run`)
  const url = new URL(admin)
  url.pathname = `/${name}`
  if (dialect === 'postgres') {
    await withPostgres(admin, (c) => c.query(`create database "${name}"`))
    return {
      url: url.href,
      name,
      drop: () => withPostgres(admin, (c) => c.query(`drop database if exists "${name}" with (force)`)),
    }
  }
  await withMysql(admin, (c) =>
    c.query(`create database \`${name}\` character set utf8mb4 collate utf8mb4_unicode_ci`),
  )
  return {
    url: url.href,
    name,
    drop: () => withMysql(admin, (c) => c.query(`drop database if exists \`${name}\``)),
  }
}

/** A uniquely named database that does not exist yet (for `--create`): `exists()` asks the server, `drop()` cleans up. */
export function absentTestDatabase(
  dialect: 'postgres' | 'mysql',
): TestDatabase & { exists(): Promise<boolean> } {
  const name = `dbtwin_t_${randomBytes(5).toString('hex')}`
  const admin = inject('serverUrls')[dialect]
  if (admin === null) throw new Error(`no ${dialect} server for this test run`)
  const url = new URL(admin)
  url.pathname = `/${name}`
  let found = false
  const exists = async () => {
    if (dialect === 'postgres') {
      await withPostgres(admin, async (c) => {
        found = (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1
      })
    } else {
      await withMysql(admin, async (c) => {
        const [rows] = await c.query('select 1 from information_schema.schemata where schema_name = ?', [
          name,
        ])
        found = (rows as unknown[]).length === 1
      })
    }
    return found
  }
  const drop = () =>
    dialect === 'postgres'
      ? withPostgres(admin, (c) => c.query(`drop database if exists "${name}" with (force)`))
      : withMysql(admin, (c) => c.query(`drop database if exists \`${name}\``))
  return { url: url.href, name, exists, drop }
}

async function withPostgres(url: string, work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await work(client)
  } finally {
    await client.end()
  }
}

async function withMysql(url: string, work: (c: mysql.Connection) => Promise<unknown>): Promise<void> {
  const connection = await mysql.createConnection({ uri: url })
  try {
    await work(connection)
  } finally {
    await connection.end()
  }
}
