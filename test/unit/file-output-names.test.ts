import { describe, expect, it } from 'vitest'
import { tableFile } from '../../src/write/file-output.js'

describe('tableFile', () => {
  it('numbers a table file in load order and keeps readable names', () => {
    expect(tableFile('out', 3, { schema: 'clinic', name: 'lab results' }, 'csv')).toBe(
      'out/03-clinic.lab results.csv',
    )
    expect(tableFile('out', 12, { schema: 'public', name: 'café' }, 'sql')).toBe('out/12-public.café.sql')
  })

  it('keeps a name made to climb out of the folder inside it', () => {
    for (const name of ['../../../../tmp/pwned', '..\\..\\evil', '/etc/passwd', 'a\u0000b'])
      expect(tableFile('/work/out', 1, { schema: '..', name }, 'csv')).toMatch(
        /^\/work\/out\/01-[^/\\]+\.csv$/,
      )
  })
})
