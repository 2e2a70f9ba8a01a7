import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The million-value properties run apart: `npm run test:slow` (vitest.slow.config.ts), and in CI.
    exclude: ['test/slow/**', 'node_modules/**'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Test files spend most of their time waiting on the servers and on CLI child processes, so three at a time
    // keep this 2-core machine busy; Vitest's default here was one worker, and the suite took 20 minutes.
    maxWorkers: 3,
    minWorkers: 1,
  },
})
