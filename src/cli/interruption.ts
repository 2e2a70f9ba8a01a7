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
  let received: Signal | 'SIGPIPE' | null = null
  let running = false
  const interrupt = (name: Signal | 'SIGPIPE') => {
    if (received !== null) return
    received = name
    controller.abort(new DbtwinError('INTERRUPTED', `interrupted by ${name}`, 'run the command again'))
  }
  const handlers = SIGNALS.map(
    (name) =>
      [
        name,
        () => {
          interrupt(name)
        },
      ] as const,
  )
  // A reader that stops early (`dbtwin learn URL | head`) closes stdout, and Node turns the SIGPIPE into an EPIPE
  // error on the stream, which unhandled would end the run with a stack trace. Outside a command's work it ends the
  // process at once, as SIGPIPE would; during it, it interrupts the work like a signal, so a write still rolls back.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
    if (!running) process.exit(128 + constants.signals.SIGPIPE)
    interrupt('SIGPIPE')
  })
  return {
    async during(work) {
      for (const [name, handler] of handlers) process.on(name, handler)
      running = true
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
        running = false
        for (const [name, handler] of handlers) process.off(name, handler)
      }
    },
    exitCode: () => (received === null ? null : 128 + constants.signals[received]),
  }
}
