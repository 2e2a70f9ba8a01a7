import { DbtwinError, type ErrorCode } from '../errors.js'

/**
 * `all` (default) does everything. A load shared by several processes splits it: `schema` creates the tables and
 * stops; `rows` (each shard) only writes rows into tables that exist; `constraints` (once every shard is done) adds
 * the foreign keys and moves identity sequences.
 */
export type WriteStage = 'all' | 'schema' | 'rows' | 'constraints'

/** The steps of a write into a target that one stage runs (see WriteSpec.stage). */
export interface WriteSteps {
  /** Create (or reuse, empty, recreate) the tables and the schema objects around them; else require them. */
  createTables: boolean
  /** Drop the foreign keys the tables have already, before any row. */
  dropForeignKeys: boolean
  /** Let the caller stream the rows. */
  fillRows: boolean
  /** Sums, derived columns, foreign keys, sequences, CHECKs and the objects that follow the load. */
  addConstraints: boolean
}

/**
 * The steps of a stage: `all` runs each; a load shared by shards runs `schema` once, `rows` in every shard (which
 * neither creates tables nor touches keys other shards depend on), then `constraints` once.
 *
 * @example
 * writeSteps('rows') // { createTables: false, dropForeignKeys: false, fillRows: true, addConstraints: false }
 */
export function writeSteps(stage: WriteStage): WriteSteps {
  return {
    createTables: stage === 'all' || stage === 'schema',
    dropForeignKeys: stage !== 'rows',
    fillRows: stage === 'all' || stage === 'rows',
    addConstraints: stage === 'all' || stage === 'constraints',
  }
}

/** Why a write failed: its error, and the interruption's message when the write's signal stopped it. */
export interface Failure {
  code: ErrorCode
  /** The reason the signal was aborted with, null when the write was not interrupted. */
  interrupted: string | null
  cause: unknown
}

/**
 * A failed shard's error: its rows are rolled back with its transaction; without one (MySQL) they may be partly
 * written, and only emptying the tables and running every shard again is safe.
 */
export function shardFailure(failure: Failure, rolledBack: boolean): DbtwinError {
  const code = failure.interrupted === null ? failure.code : 'INTERRUPTED'
  const cause = causeOf(failure)
  if (rolledBack) {
    return new DbtwinError(
      code,
      `${failure.interrupted ?? `this shard failed (${cause})`}: its rows are rolled back`,
      'run this shard again',
      { cause: failure.cause },
    )
  }
  return new DbtwinError(
    code,
    `this shard failed (${cause}); its rows may be partly written`,
    'empty the tables (generate --schema-only --truncate) and run every shard again',
    { cause: failure.cause },
  )
}

/** A failed write's error, once `undone` (what undoing it did) is known. */
export function writeFailure(failure: Failure, what: string, undone: string): DbtwinError {
  const interrupted = failure.interrupted !== null
  return new DbtwinError(
    interrupted ? 'INTERRUPTED' : failure.code,
    `${failure.interrupted ?? `writing the ${what} failed: ${causeOf(failure)}`}: ${undone}`,
    interrupted ? 'run the command again' : 'fix the cause above and run the command again',
    { cause: failure.cause },
  )
}

function causeOf(failure: Failure): string {
  return failure.cause instanceof Error ? failure.cause.message : String(failure.cause)
}
