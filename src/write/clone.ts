import type { Connection } from '../dialects/connection.js'
import { databaseFingerprint, parseConnectionUrl } from '../dialects/connection-url.js'
import { DbtwinError } from '../errors.js'
import { learn, type LearnEvent } from '../learn/learn.js'
import type { RulesSource } from '../rules/rule-file.js'
import type { Model } from '../model/model.js'
import type { Schema } from '../schema/schema.js'
import type { SchemaMap } from '../schema/table-placement.js'
import { checkTarget } from './write-target.js'
import {
  generate,
  type ExistingTables,
  type GenerateEvent,
  type GenerateResult,
} from './generate-into-target.js'

export interface CloneOptions {
  rules?: RulesSource
  scale?: number
  seed?: number
  existing?: ExistingTables
  /** Aborting it stops learning, or stops the write and rolls it back. */
  signal?: AbortSignal
  /** How the source's schemas land on a MySQL target (see SchemaMap); `auto` by default. */
  schemaMap?: SchemaMap
  /** Write the source's owners and grants too (see WriteSpec.keepGrants). */
  keepGrants?: boolean
}

/**
 * `learn` then `generate` in one go, the model kept in memory: a synthetic twin of `from` written into `to`.
 *
 * @example
 * const { result } = await clone('postgres://readonly@replica/clinic', 'pglite://.dbtwin/twin', { rules: 'rules/' })
 */
export async function clone(
  from: Connection,
  to: Connection,
  options: CloneOptions = {},
  onEvent: (e: LearnEvent | GenerateEvent) => void = () => {},
): Promise<{ model: Model; result: GenerateResult }> {
  // Two URLs are compared here; a caller's connection is compared by the server's identity when the write opens.
  if (
    typeof from === 'string' &&
    typeof to === 'string' &&
    databaseFingerprint(from) === databaseFingerprint(to)
  ) {
    throw new DbtwinError(
      'TARGET_IS_SOURCE',
      `the source and the target both name ${parseConnectionUrl(to).display}`,
      'write the twin into another database',
      { data: { target: parseConnectionUrl(to).display } },
    )
  }
  const { rules, seed, signal } = options
  // The target is checked against the source's tables before learning, which can take minutes (issue 15).
  const beforeReading = (schema: Schema, identity: string) =>
    checkTarget(to, {
      schema,
      source: { dialect: schema.dialect, identity },
      existing: options.existing ?? 'refuse',
      what: 'twin',
    })
  const model = await learn(from, { rules, seed, signal, beforeReading }, onEvent)
  const result = await generate(
    model,
    to,
    // Learned from the live source just now: its schema objects are the source's own, code included.
    {
      scale: options.scale,
      seed,
      rules,
      existing: options.existing,
      signal,
      schemaMap: options.schemaMap,
      trustModel: true,
      keepGrants: options.keepGrants,
    },
    onEvent,
  )
  return { model, result }
}
