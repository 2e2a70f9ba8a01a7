import { constants } from 'node:os'
import { DbtwinError } from '../errors.js'

/** What Ctrl-C, a closed terminal, `timeout`, CI cancellation and `docker stop` send. */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

type Signal = (typeof SIGNALS)[number]

/** One AbortController for a run of the CLI, aborted by the first of SIGINT, SIGTERM and SIGHUP. */
export interface Interruption {
  /**
   * Runs a command's work with the signals caught: the first aborts the signal handed to `work` (with a DbtwinError
   * naming it), whose write then rolls back and throws; later ones are ignored, so the rollback is never cut short.
   * Outside it the signals keep their default, which ends the process at once.
   */
  during<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T>
  /** 128 + the number of the signal that interrupted the run (130 for SIGINT, 143 SIGTERM, 129 SIGHUP), or null. */
  exitCode(): number | null
}

export function interruption(): Interruption {
  const controller = new AbortController()
  let received: Signal | null = null
  const handlers = SIGNALS.map((name) => {
    const handler = () => {
      if (received !== null) return
      received = name
      controller.abort(new DbtwinError('INTERRUPTED', `interrupted by ${name}`, 'run the command again'))
    }
    return [name, handler] as const
  })
  return {
    async during(work) {
      for (const [name, handler] of handlers) process.on(name, handler)
      try {
        const result = await work(controller.signal)
        if (received !== null) {
          // The signal came as the write committed, too late to undo it.
          throw new DbtwinError(
            'INTERRUPTED',
            `interrupted by ${received} once the write was done: the target holds all of it`,
            'drop or empty the target if it was not meant to be written',
          )
        }
        return result
      } finally {
        for (const [name, handler] of handlers) process.off(name, handler)
      }
    },
    exitCode: () => (received === null ? null : 128 + constants.signals[received]),
  }
}
