import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  describeCycle,
  fileImports,
  folderCycles,
  folderGraph,
  impureImports,
} from '../../scripts/folder-imports.js'

/** Writes `files` (path → source) under a fresh folder, runs `check` on it and removes it. */
function withTree<T>(files: Record<string, string>, check: (root: string) => T): T {
  const root = mkdtempSync(join(tmpdir(), 'folder-imports-'))
  try {
    for (const [path, source] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true })
      writeFileSync(join(root, path), source)
    }
    return check(root)
  } finally {
    rmSync(root, { recursive: true })
  }
}

function cyclesIn(root: string): string[] {
  const graph = folderGraph(fileImports(root))
  return folderCycles(graph).map((cycle) => describeCycle(graph, cycle))
}

// Issue 22.2: folders form layers (schema under dialects, model under rules under generate …), so a stage can be
// read, tested and replaced from its own folder down.
describe('import boundaries of src/', () => {
  it('has no cycle between folders', () => {
    expect(cyclesIn('src')).toEqual([])
  })

  it('keeps pure folders clear of drivers, kysely and src/dialects/, also through other files', () => {
    expect(impureImports(fileImports('src'))).toEqual([])
  })
})

describe('folder-imports check', () => {
  it('names a cycle through two folders by its path and the imports that close it', () => {
    const cycles = withTree(
      {
        'a/one.ts': "import { two } from '../b/two.js'\nexport const one = two",
        'b/two.ts': "import type { Three } from '../a/three.js'\nexport const two = 2 as Three",
        'a/three.ts': 'export type Three = number',
        'c/four.ts': "import { one } from '../a/one.js'\nexport const four = one",
        'errors.ts': "import { four } from './c/four.js'\nexport const errors = four",
      },
      cyclesIn,
    )
    expect(cycles).toEqual(['a → b → a (a/one.ts → b/two.ts; b/two.ts → a/three.ts) among a, b'])
  })

  it('finds a cycle through three folders, also when the closing import is dynamic or a re-export', () => {
    const cycles = withTree(
      {
        'a/x.ts': "export { y } from '../b/y.js'",
        'b/y.ts': "export const y = () => import('../c/z.js')",
        'c/z.ts': "import { x } from '../a/x.js'\nexport const z = x",
      },
      cyclesIn,
    )
    expect(cycles).toEqual([
      'a → b → c → a (a/x.ts → b/y.ts; b/y.ts → c/z.ts; c/z.ts → a/x.ts) among a, b, c',
    ])
  })

  it('lets a folder import one below it and files at the root import anything', () => {
    const cycles = withTree(
      {
        'index.ts': "export { a } from './a/a.js'",
        'a/a.ts':
          "import { b } from '../b/b.js'\nimport { error } from '../errors.js'\nexport const a = [b, error]",
        'b/b.ts': "import { error } from '../errors.js'\nexport const b = error",
        'errors.ts': 'export const error = 1',
      },
      cyclesIn,
    )
    expect(cycles).toEqual([])
  })

  it('reports a pure file that reaches a driver or src/dialects/ through another folder, with the path', () => {
    const found = withTree(
      {
        'model/stats.ts': "import { rule } from '../rules/rule.js'\nexport const stats = rule",
        'rules/rule.ts':
          "import type { Kysely } from 'kysely'\nexport const rule = 1 as unknown as Kysely<never>",
        'graph/plan.ts': "import type { Dialect } from '../dialects/dialect.js'\nexport type Plan = Dialect",
        'dialects/dialect.ts': "import pg from 'pg'\nexport type Dialect = typeof pg",
        'report/metrics/score.ts': "import { stats } from '../../model/stats.js'\nexport const score = stats",
        'report/render.ts': "import pg from 'pg'\nexport const render = pg",
      },
      (root) => impureImports(fileImports(root)),
    )
    expect(found).toEqual([
      'graph/plan.ts → dialects/dialect.ts',
      'model/stats.ts → rules/rule.ts → kysely',
      'report/metrics/score.ts → model/stats.ts → rules/rule.ts → kysely',
    ])
  })
})
