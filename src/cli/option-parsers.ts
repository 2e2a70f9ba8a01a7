import { InvalidArgumentError } from 'commander'

/** Parses a whole number ≥ 0 for commander, refusing anything else with a message commander prints. */
export function positiveInteger(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`"${value}" is not a whole number ≥ 0`)
  return n
}
