/**
 * `dbtwin/testing`: seed a test database from a model, or start a seeded throwaway server. Docker code is loaded
 * only by startTwinContainer.
 */
export { seedDatabase, type SeedOptions, type SeedResult } from './seed-database.js'
export { startTwinContainer, type TwinContainer, type TwinContainerOptions } from './start-twin-container.js'
export type { ExistingTables } from '../write/generate-into-target.js'
export type { Model } from '../model/model.js'
