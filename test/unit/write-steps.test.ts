import { describe, expect, it } from 'vitest'
import { DbtwinError } from '../../src/errors.js'
import { shardFailure, writeFailure, writeSteps } from '../../src/write/write-steps.js'

describe('writeSteps', () => {
  it('runs every step for a whole write, and splits them for a sharded load', () => {
    const all = { createTables: true, dropForeignKeys: true, fillRows: true, addConstraints: true }
    expect(writeSteps('all')).toEqual(all)
    expect(writeSteps('schema')).toEqual({ ...all, fillRows: false, addConstraints: false })
    // A shard neither creates tables nor touches the keys the other shards' rows are checked against.
    expect(writeSteps('rows')).toEqual({
      createTables: false,
      dropForeignKeys: false,
      fillRows: true,
      addConstraints: false,
    })
    expect(writeSteps('constraints')).toEqual({ ...all, createTables: false, fillRows: false })
  })

  it('gives creating tables, writing rows and adding constraints each to one stage of a sharded load', () => {
    const stages = (['schema', 'rows', 'constraints'] as const).map(writeSteps)
    for (const step of ['createTables', 'fillRows', 'addConstraints'] as const)
      expect(stages.filter((s) => s[step]).length).toBe(1)
  })
})

describe('write failures', () => {
  const cause = new Error('duplicate key value violates unique constraint "p_pkey"')

  it('tells a shard rolled back with its transaction to run again, one without to start over', () => {
    const rolledBack = shardFailure({ code: 'GENERATE_FAILED', interrupted: null, cause }, true)
    expect(rolledBack).toBeInstanceOf(DbtwinError)
    expect(rolledBack.code).toBe('GENERATE_FAILED')
    expect(rolledBack.message).toBe(`this shard failed (${cause.message}): its rows are rolled back`)
    expect(rolledBack.fix).toBe('run this shard again')
    expect(rolledBack.cause).toBe(cause)
    const partial = shardFailure({ code: 'GENERATE_FAILED', interrupted: null, cause }, false)
    expect(partial.message).toBe(`this shard failed (${cause.message}); its rows may be partly written`)
    expect(partial.fix).toContain('run every shard again')
  })

  it('names an interruption by its reason rather than by the error it caused', () => {
    const failure = { code: 'SUBSET_FAILED' as const, interrupted: 'interrupted by SIGINT', cause }
    expect(shardFailure(failure, true).code).toBe('INTERRUPTED')
    expect(shardFailure(failure, true).message).toBe('interrupted by SIGINT: its rows are rolled back')
    const error = writeFailure(failure, 'subset', 'rolled back, the target is as it was')
    expect(error.code).toBe('INTERRUPTED')
    expect(error.message).toBe('interrupted by SIGINT: rolled back, the target is as it was')
    expect(error.fix).toBe('run the command again')
  })

  it('says what failed and what undoing it did', () => {
    const error = writeFailure(
      { code: 'SUBSET_FAILED', interrupted: null, cause: 'lost' },
      'subset',
      'undone',
    )
    expect(error.code).toBe('SUBSET_FAILED')
    expect(error.message).toBe('writing the subset failed: lost: undone')
    expect(error.fix).toBe('fix the cause above and run the command again')
  })
})
