import mysql from 'mysql2/promise'
import pg from 'pg'

/** The server engines tests run against; PGlite needs no server. */
export type ServerEngine = 'postgres' | 'mysql'

interface EngineSetup {
  label: string
  envVar: string
  localDefault: string
  ping(url: string): Promise<void>
  /** Starts a throwaway server with testcontainers; returns its admin URL and how to stop it. */
  startContainer(): Promise<{ url: string; stop: () => Promise<unknown> }>
}

export const ENGINES: Record<ServerEngine, EngineSetup> = {
  postgres: {
    label: 'PostgreSQL',
    envVar: 'DBTWIN_TEST_PG_URL',
    localDefault: 'postgres://postgres@127.0.0.1:5432/postgres',
    async ping(url) {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
      try {
        await client.connect()
        await client.query('select 1')
      } finally {
        await client.end().catch(() => {})
      }
    },
    async startContainer() {
      const { PostgreSqlContainer } = await import('@testcontainers/postgresql')
      const container = await new PostgreSqlContainer('postgres:15').start()
      return { url: container.getConnectionUri(), stop: () => container.stop() }
    },
  },
  mysql: {
    label: 'MySQL/MariaDB',
    envVar: 'DBTWIN_TEST_MYSQL_URL',
    localDefault: 'mysql://root@127.0.0.1:3306/mysql',
    async ping(url) {
      const connection = await mysql.createConnection({ uri: url, connectTimeout: 3000 })
      try {
        await connection.query('select 1')
      } finally {
        await connection.end().catch(() => {})
      }
    },
    async startContainer() {
      const { MySqlContainer } = await import('@testcontainers/mysql')
      const container = await new MySqlContainer('mariadb:10.11').withRootPassword('dbtwin').start()
      return {
        url: `mysql://root:dbtwin@${container.getHost()}:${container.getPort()}/mysql`,
        stop: () => container.stop(),
      }
    },
  },
}

export type ServerResolution =
  | {
      engine: ServerEngine
      url: string
      source: 'env' | 'local' | 'container'
      stop?: () => Promise<unknown>
    }
  | { engine: ServerEngine; url: null; reason: string }

/**
 * Finds a server for an engine: the URL in its environment variable, else the local default, else a testcontainers
 * server when Docker is available. The URL is an admin URL: tests create their own databases through it.
 */
export async function resolveServer(engine: ServerEngine): Promise<ServerResolution> {
  const setup = ENGINES[engine]
  const fromEnv = process.env[setup.envVar]
  if (fromEnv !== undefined && fromEnv !== '') {
    await setup.ping(fromEnv)
    return { engine, url: fromEnv, source: 'env' }
  }
  try {
    await setup.ping(setup.localDefault)
    return { engine, url: setup.localDefault, source: 'local' }
  } catch (localError) {
    try {
      const started = await setup.startContainer()
      return { engine, url: started.url, source: 'container', stop: started.stop }
    } catch (containerError) {
      return {
        engine,
        url: null,
        reason:
          `${setup.label}: no server at ${setup.localDefault} (${message(localError)}) and no Docker for ` +
          `testcontainers (${message(containerError)}); set ${setup.envVar} or start the server`,
      }
    }
  }
}

function message(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n')[0] ?? text
}
