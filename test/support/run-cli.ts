import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/**
 * The command line that runs the CLI, whatever the working directory: the build in dist/ when it is newer than every
 * source file (npm test builds first), else the sources through tsx. The build starts about a second sooner per run
 * (tsx compiles the sources in every child), which over the suite's few hundred runs is minutes on two cores.
 */
function cliArgs(args: string[]): string[] {
  if (builtIsCurrent()) return [`${ROOT}dist/src/cli/run.js`, ...args]
  // tsx by path, so the CLI also runs from another working directory (a project with its own dbtwin.yaml).
  return [
    '--import',
    pathToFileURL(`${ROOT}node_modules/tsx/dist/loader.mjs`).href,
    `${ROOT}src/cli/run.ts`,
    ...args,
  ]
}

let builtCurrent: boolean | undefined
function builtIsCurrent(): boolean {
  if (builtCurrent !== undefined) return builtCurrent
  const built = modified(`${ROOT}dist/src/cli/run.js`)
  builtCurrent =
    built !== null &&
    readdirSync(`${ROOT}src`, { recursive: true })
      .map(String)
      .every((file) => (modified(`${ROOT}src/${file}`) ?? 0) <= built)
  return builtCurrent
}

const modified = (path: string) => {
  try {
    return statSync(path).mtimeMs
  } catch {
    return null
  }
}

/** A CLI run in progress, to be signalled at a chosen moment. */
export interface RunningCli {
  child: ChildProcess
  /** Resolves once stderr holds `text`: a moment of the run, such as a progress line. */
  stderrHas(text: string): Promise<void>
  /** Resolves when the process has exited. */
  result: Promise<CliResult>
}

/** Starts the dbtwin CLI in a child process and returns it while it runs. */
export function startCli(args: string[]): RunningCli {
  const child = spawn(process.execPath, cliArgs(args), {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
  })
  let stdout = ''
  let stderr = ''
  const waiting: { text: string; resolve: () => void }[] = []
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
    for (const w of waiting.filter((w) => stderr.includes(w.text))) w.resolve()
  })
  const result = new Promise<CliResult>((resolve) =>
    child.on('close', (code, signal) =>
      resolve({ code: code ?? (signal === null ? 1 : -1), stdout, stderr }),
    ),
  )
  return {
    child,
    stderrHas: (text) =>
      new Promise<void>((resolve, reject) => {
        if (stderr.includes(text)) return resolve()
        waiting.push({ text, resolve })
        void result.then(() => reject(new Error(`the CLI ended before printing "${text}":\n${stderr}`)))
      }),
    result,
  }
}

/** Runs the dbtwin CLI in a child process, as a user would run it, and collects its output. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      cliArgs(args),
      {
        cwd: options.cwd ?? ROOT,
        env: { ...process.env, NO_COLOR: '1', ...options.env },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1
        resolve({ code, stdout, stderr })
      },
    )
  })
}
