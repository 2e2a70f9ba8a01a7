import { readFileSync } from 'node:fs'

/** dbtwin's version, read from its package file (two levels up from src/, three from dist/src/). */
export const VERSION: string = (() => {
  for (const path of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as {
        name?: string
        version?: string
      }
      if (pkg.name === 'dbtwin' && pkg.version !== undefined) return pkg.version
    } catch {
      // not at this level
    }
  }
  return '0.0.0'
})()
