import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { longFunctions } from '../../scripts/long-functions.js'

// Issue 22: a function plans or performs one step, and reads in one screen.
describe('function length', () => {
  it('finds no function over 80 lines in src/', () => {
    expect(longFunctions('src', 80)).toEqual([])
  })

  it('counts a function from its first token to its closing brace, an arrow function by its variable', () => {
    const folder = mkdtempSync(join(tmpdir(), 'long-functions-'))
    try {
      const body = (lines: number) => Array.from({ length: lines - 2 }, (_, i) => `  const v${i} = ${i}`)
      const source = [
        'export function long() {',
        ...body(81),
        '}',
        'const short = () => {',
        ...body(80),
        '}',
      ].join('\n')
      writeFileSync(join(folder, 'sample.ts'), source)
      expect(longFunctions(folder, 80)).toEqual([
        { file: join(folder, 'sample.ts'), line: 1, name: 'long', lines: 81 },
      ])
      expect(longFunctions(folder, 79).map((f) => f.name)).toEqual(['long', 'short'])
    } finally {
      rmSync(folder, { recursive: true })
    }
  })
})
