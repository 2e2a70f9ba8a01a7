import type { TestProject } from 'vitest/node'
import { resolveServer, type ServerEngine } from './servers.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL per server engine, or null when no server could be found (its tests are then skipped). */
    serverUrls: Record<ServerEngine, string | null>
  }
}

/**
 * Finds the PostgreSQL and MySQL servers once per run. Without one, its tests are skipped with one line saying
 * so — except under CI=true, where a missing server fails the run instead of passing it silently.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const wanted = (process.env['DIALECTS'] ?? 'postgres,mysql,pglite').split(',')
  const engines = (['postgres', 'mysql'] as const).filter((e) => wanted.includes(e))
  const resolved = await Promise.all(engines.map((e) => resolveServer(e)))
  const serverUrls: Record<ServerEngine, string | null> = { postgres: null, mysql: null }
  for (const server of resolved) {
    if (server.url === null) {
      if (process.env['CI'] === 'true')
        throw new Error(`CI=true and a test server is missing. ${server.reason}`)
      console.warn(`dbtwin tests skipped: ${server.reason}`)
    } else {
      serverUrls[server.engine] = server.url
    }
  }
  project.provide('serverUrls', serverUrls)
  return async () => {
    await Promise.all(resolved.map((s) => ('stop' in s && s.stop !== undefined ? s.stop() : undefined)))
  }
}
