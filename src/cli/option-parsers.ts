import { InvalidArgumentError } from 'commander'
import type { ExistingTables } from '../write/write-target.js'

/** Parses a whole number ≥ 0 for commander, refusing anything else with a message commander prints. */
export function positiveInteger(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`"${value}" is not a whole number ≥ 0`)
  return n
}

/** What `--create`, `--truncate` or `--drop` ask for existing target tables (default: reuse empty ones). */
export function existingTables(flags: {
  create?: boolean
  truncate?: boolean
  drop?: boolean
}): ExistingTables {
  if (flags.drop === true) return 'drop'
  if (flags.truncate === true) return 'truncate'
  return flags.create === true ? 'create' : 'refuse'
}
