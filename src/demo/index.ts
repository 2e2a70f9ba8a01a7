/**
 * `dbtwin/demo`: the sample clinic database and the demo, apart from the package root so that importing dbtwin does
 * not load them (issue 22.5).
 */
export { createSampleSchema } from '../sample/create-sample-schema.js'
export { seedSampleData, type SeedOptions } from '../sample/seed-sample-data.js'
export { sampleMigrations } from '../../migrations/index.js'
export { runDemo, type DemoOptions, type DemoEvent, type DemoResult } from './run-demo.js'
