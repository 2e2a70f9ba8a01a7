import { DbtwinError } from '../errors.js'
import type { Model } from '../model/model.js'
import { loadModel } from './load-model.js'
import { seedDatabase, type SeedOptions } from './seed-database.js'

export interface TwinContainerOptions extends Omit<SeedOptions, 'existing'> {
  engine: 'postgres' | 'mysql'
  /** A model, or the path of a model file. */
  model: Model | string
  /** The image to run (default `postgres:16-alpine` or `mysql:8.4`). */
  image?: string
}

export interface TwinContainer {
  /** The seeded database's dbtwin URL, password included: `postgres://…` or `mysql://…`. */
  url: string
  /** Stops and removes the container. */
  stop(): Promise<void>
}

const DEFAULT_IMAGES = { postgres: 'postgres:16-alpine', mysql: 'mysql:8.4' } as const

/**
 * Starts a throwaway PostgreSQL or MySQL server with testcontainers and seeds it from a model with
 * {@link seedDatabase}. Needs a Docker engine, and `@testcontainers/postgresql` or `@testcontainers/mysql`
 * installed next to dbtwin; neither is loaded until this is called.
 *
 * @example
 * import { afterAll, beforeAll } from 'vitest'
 * import { startTwinContainer, type TwinContainer } from 'dbtwin/testing'
 *
 * let twin: TwinContainer
 * beforeAll(async () => {
 *   twin = await startTwinContainer({ engine: 'postgres', model: 'test/model.yaml', scale: 0.1, seed: 1 })
 *   process.env.DATABASE_URL = twin.url
 * }, 120_000)
 * afterAll(() => twin?.stop())
 */
export async function startTwinContainer(options: TwinContainerOptions): Promise<TwinContainer> {
  const { engine, model, image = DEFAULT_IMAGES[options.engine], ...seedOptions } = options
  // A broken model file fails here, before seconds are spent starting a container.
  const loaded = await loadModel(model)
  const container = await startContainer(engine, image)
  try {
    await seedDatabase(container.url, loaded, seedOptions)
  } catch (error) {
    // The seeding error is the one worth reporting; a failure to stop must not replace it.
    await container.stop().catch(() => {})
    throw error
  }
  return container
}

async function startContainer(engine: TwinContainerOptions['engine'], image: string): Promise<TwinContainer> {
  if (engine === 'postgres') {
    const { PostgreSqlContainer } = await importModule(
      '@testcontainers/postgresql',
      () => import('@testcontainers/postgresql'),
    )
    const c = await started(image, () => new PostgreSqlContainer(image).start())
    return {
      url: `postgres://${credentials(c.getUsername(), c.getPassword())}@${address(c.getHost(), c.getPort())}/${c.getDatabase()}`,
      stop: async () => {
        await c.stop()
      },
    }
  }
  const { MySqlContainer } = await importModule(
    '@testcontainers/mysql',
    () => import('@testcontainers/mysql'),
  )
  const c = await started(image, () => new MySqlContainer(image).start())
  // root, so a suite can do on this server whatever it could on its own PostgreSQL container.
  return {
    url: `mysql://${credentials('root', c.getRootPassword())}@${address(c.getHost(), c.getPort())}/${c.getDatabase()}`,
    stop: async () => {
      await c.stop()
    },
  }
}

async function importModule<T>(name: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load()
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_MODULE_NOT_FOUND') throw error
    throw new DbtwinError(
      'USAGE',
      `startTwinContainer needs ${name}, which is not installed`,
      `npm install --save-dev ${name}`,
      { cause: error },
    )
  }
}

async function started<T>(image: string, start: () => Promise<T>): Promise<T> {
  try {
    return await start()
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error)
    throw new DbtwinError(
      'CONNECTION_FAILED',
      `could not start a ${image} container: ${reason}`,
      'start a Docker engine (testcontainers needs one), or seed a server you run with seedDatabase',
      { cause: error },
    )
  }
}

function credentials(user: string, password: string): string {
  return `${encodeURIComponent(user)}:${encodeURIComponent(password)}`
}

function address(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`
}
