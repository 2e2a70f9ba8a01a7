import { describe, expect, it } from 'vitest'
import { csvRows } from '../../src/dialects/postgres/postgres-twin.js'
import { cellValue } from '../../src/schema/cell-value.js'

describe('cellValue', () => {
  it('keeps bytes as bytes, for each writer to encode', () => {
    const buffer = Buffer.from([0x00, 0x5c, 0x27, 0xff])
    const plain = new Uint8Array([1, 2])
    expect(cellValue(buffer)).toBe(buffer)
    expect(cellValue(plain)).toBe(plain)
  })

  it('writes bytea[] elements in bytea hex form inside the array literal', () => {
    expect(cellValue([Buffer.from([0x00, 0xff]), null, new Uint8Array([0x5c])])).toBe(
      '{"\\\\x00ff",NULL,"\\\\x5c"}',
    )
  })
})

describe('csvRows', () => {
  it('writes bytes in bytea hex form, only the bytes of a view, empty bytes apart from NULL', () => {
    const view = Buffer.from([9, 0xab, 0xcd, 9]).subarray(1, 3)
    expect(csvRows([[view, new Uint8Array(0), null]])).toBe('\\xabcd,\\x,\n')
  })
})
