import { defineConfig } from 'vitest/config'
import base from './vitest.config.js'

/** The slow properties (test/slow/): `npm run test:slow`, run by CI after `npm test`. */
export default defineConfig({
  test: { ...base.test, include: ['test/slow/**/*.test.ts'], exclude: ['node_modules/**'] },
})
