import { describe, expect, it } from 'vitest'
import { enumValues, portableType } from '../../src/dialects/mysql/mysql-types.js'

describe('MySQL column types', () => {
  it('reads enum values with quotes, backslashes and newlines as the server escapes them', () => {
    expect(enumValues("enum('a','b''c','d\\\\e','new\\nline')")).toEqual(['a', "b'c", 'd\\e', 'new\nline'])
    expect(enumValues("set('x','y')")).toEqual(['x', 'y'])
  })

  it('reads tinyint(1) as boolean and widens unsigned integers so every value fits elsewhere', () => {
    expect(portableType('tinyint', 'tinyint(1)')).toBe('boolean')
    expect(portableType('int', 'int(10) unsigned')).toBe('bigint')
    expect(portableType('bigint', 'bigint(20) unsigned')).toBe('decimal')
    expect(portableType('timestamp', 'timestamp')).toBe('timestamptz')
    expect(portableType('geometry', 'geometry')).toBe('geometry')
    expect(portableType('whatever', 'whatever')).toBe('unknown')
  })
})
