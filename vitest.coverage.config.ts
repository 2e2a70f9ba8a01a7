import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import base from './vitest.config.js'

const SRC = fileURLToPath(new URL('./src/', import.meta.url))

/**
 * `npm run coverage`: the suite under c8, which reads the V8 coverage every node process writes to NODE_V8_COVERAGE,
 * the CLI children included. Two changes make the test workers' own share count too (see CONTRIBUTING.md):
 * - Vitest runs src/ through vite-node, in vm scripts whose source maps Node does not record, so c8 would map
 *   their coverage onto the wrong lines. Loaded by Node itself through tsx instead, as the CLI children load it,
 *   every src/ line maps back.
 * - Vitest ends its workers with SIGTERM, on which Node writes no coverage: the setup file writes it after each file.
 */
export default defineConfig({
  test: {
    ...base.test,
    setupFiles: ['test/support/coverage-setup.ts'],
    server: { deps: { external: [new RegExp(`^${SRC.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)] } },
    poolOptions: { forks: { execArgv: ['--import', 'tsx'] } },
  },
})
