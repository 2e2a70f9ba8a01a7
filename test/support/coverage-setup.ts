import { takeCoverage } from 'node:v8'
import { afterAll } from 'vitest'

// Vitest ends a worker with SIGTERM, on which Node writes no NODE_V8_COVERAGE file: write it after each test file.
afterAll(() => {
  takeCoverage()
})
