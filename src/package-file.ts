import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The path of a file shipped with dbtwin (e.g. `rules/pii-pack.yaml`), found by walking up from this module to
 * the package root: the same whether dbtwin runs from src/ under tsx or from dist/ once built.
 */
export function packageFile(relative: string): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`cannot find dbtwin's package root to read ${relative}`)
    dir = parent
  }
  return join(dir, relative)
}
