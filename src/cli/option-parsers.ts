import { InvalidArgumentError, Option } from 'commander'
import { SCHEMA_MAPS } from '../schema/table-placement.js'
import type { ExistingTables } from '../write/write-target.js'

/** Parses a whole number ≥ 0 for commander, refusing anything else with a message commander prints. */
export function positiveInteger(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`"${value}" is not a whole number ≥ 0`)
  return n
}

/** Parses a number > 0 (a scale) for commander. */
export function positiveFloat(value: string): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`"${value}" is not a number > 0`)
  return n
}

/**
 * Parses a count that must be at least 1 (rows to sample, a minimum count): 0 learned models that generate refused,
 * and sampled no rows to report on (issue 14).
 */
export function countOfOneOrMore(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`"${value}" is not a whole number ≥ 1. Fix: give a count of 1 or more`)
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

/** The three ways with a target's existing tables, shared by every command that writes one (one of them at most). */
export const existingTableOptions = {
  create: () =>
    new Option(
      '--create',
      "create the target database if the server lacks it (PostgreSQL: with the source database's search_path); refuse if any of the tables exists already",
    ).conflicts(['truncate', 'drop']),
  truncate: () => new Option('--truncate', 'empty existing tables first').conflicts('drop'),
  drop: () => new Option('--drop', 'drop existing tables and create them again'),
}

/** `--keep-grants`, shared by every command that writes a twin (issue 16). */
export const keepGrantsOption = () =>
  new Option(
    '--keep-grants',
    "PostgreSQL and PGlite: give the twin the source's owners and grants (ALTER … OWNER TO, GRANT on schemas, tables, sequences, functions); every role they name must exist on the target (MySQL keeps privileges per account: none written)",
  )

/** `--verbose`, shared by every command that writes a twin: the details behind its one-line notes. */
export const verboseOption = () =>
  new Option(
    '--verbose',
    "across engines, print each of the source's schema objects (index, default, check, view, trigger…) left out or translated, and why",
  )

/** `--schema-map`, shared by every command that writes a twin and by report, which must look where they wrote. */
export const schemaMapOption = () =>
  new Option(
    '--schema-map <map>',
    'how PostgreSQL schemas land in a MySQL target: prefix (<schema>__<table>), merge (bare names), auto (prefix when the tables span more than one schema)',
  )
    .choices(SCHEMA_MAPS)
    .default('auto')
