import { loadavg } from 'node:os'

/**
 * One figure a bench script measured against a goal of issue 21, printed as one line that `npm run bench`
 * (bench/all.ts) collects from the scripts it runs. Each script still prints its own table for a reader.
 */
export interface BenchFigure {
  /** What is measured, as the goal names it: "learn / one full read". */
  figure: string
  /** Rows of the source measured on, or null for a figure no source sizes (start-up). */
  rows: number | null
  value: number
  /** The value is a bound: the figure is below it (a baseline stopped before it finished). */
  below?: true
  unit: '×' | 's' | 'MB'
  /** The goal's bound, and on which side of it the value must be. */
  bound: number
  side: 'at most' | 'at least'
  /** The load average when measured: the machine is shared, so a figure is read with it. */
  load: string
}

const PREFIX = 'bench-figure '

/** The 1, 5 and 15-minute load averages, as /proc/loadavg prints them: every figure is read with them. */
export function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
}

export function printFigure(figure: Omit<BenchFigure, 'load'>, load: string): void {
  console.log(`${PREFIX}${JSON.stringify({ ...figure, load })}`)
}

/** The figures among a script's output lines. */
export function figuresIn(output: string): BenchFigure[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith(PREFIX))
    .map((line) => JSON.parse(line.slice(PREFIX.length)) as BenchFigure)
}

export const met = (f: BenchFigure): boolean =>
  f.side === 'at most' ? f.value <= f.bound : f.value >= f.bound
