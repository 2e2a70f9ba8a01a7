import cliProgress from 'cli-progress'

export interface ProgressReporter {
  update(stage: string, done: number, total: number, item: string): void
  /** A line that must not be lost under the bar: a warning, say. */
  note(line: string): void
  stop(): void
}

/** A progress bar on a terminal; plain lines on stderr otherwise, so CI logs stay readable. */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  if (stream.isTTY !== true) {
    return {
      update: (stage, done, total, item) => stream.write(`${stage} ${done}/${total}: ${item}\n`),
      note: (line) => stream.write(`${line}\n`),
      stop: () => {},
    }
  }
  let bar: cliProgress.SingleBar | null = null
  let current = ''
  const notes: string[] = []
  return {
    update(stage, done, total, item) {
      if (stage !== current) {
        bar?.stop()
        bar = new cliProgress.SingleBar(
          {
            format: `${stage.padEnd(20)} [{bar}] {value}/{total} {item}`,
            stream,
            hideCursor: true,
            clearOnComplete: false,
          },
          cliProgress.Presets.shades_classic,
        )
        bar.start(total, 0, { item: '' })
        current = stage
      }
      bar?.update(done, { item })
    },
    note: (line) => notes.push(line),
    stop() {
      bar?.stop()
      bar = null
      for (const line of notes.splice(0)) stream.write(`${line}\n`)
    },
  }
}
