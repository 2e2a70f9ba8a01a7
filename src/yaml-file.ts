import { isMap, LineCounter, parseDocument, type Document } from 'yaml'
import type { z } from 'zod'
import { DbtwinError } from './errors.js'

/**
 * The one way dbtwin reads a YAML file — model, schema, rule, subset and project files (issue 22.4). Every problem
 * is named at `file:line:column` and all of a file's problems are reported together, so a hand edit is fixed in one
 * pass rather than one error per run (sqlc's habit; before, three loaders of four named only the first).
 */

/** One problem of a file: where it is (`model.yaml:12:7`) and what is wrong there. */
export interface FileProblem {
  at: string
  message: string
}

/** A parsed YAML file that can say where each of its nodes is. */
export interface YamlFile {
  readonly file: string
  readonly document: Document
  /** Syntax errors, every one with its place. */
  readonly problems: readonly FileProblem[]
  /**
   * `file:line:column` of the node at `path`, or of the key `key` in the mapping there; for a node that is not in
   * the file (a missing key), the place of the nearest node around it.
   */
  at: (path: readonly PropertyKey[], key?: string) => string
}

/** Parses YAML text, keeping positions. Syntax errors are not thrown but listed in `problems`. */
export function parseYaml(text: string, file: string): YamlFile {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, { lineCounter })
  const place = (offset: number | undefined) => {
    if (offset === undefined) return file
    const { line, col } = lineCounter.linePos(offset)
    return `${file}:${line}:${col}`
  }
  const at = (path: readonly PropertyKey[], key?: string) => {
    for (let n = path.length; n >= 0; n--) {
      const node = document.getIn(path.slice(0, n), true)
      if (key !== undefined && n === path.length && isMap(node)) {
        const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key)
        const range = (pair?.key as { range?: [number, number, number] } | null)?.range
        if (range !== undefined) return place(range[0])
      }
      const range = (node as { range?: [number, number, number] } | undefined)?.range
      if (range !== undefined) return place(range[0])
    }
    return place(0)
  }
  const problems = document.errors.map((error) => ({
    at: place(error.pos[0]),
    message: syntaxMessage(text, error.message, error.pos[0]),
  }))
  return { file, document, problems, at }
}

/**
 * The parser's message without its own `at line …` (the place is given before it), and the line it points at: the
 * offending line, or the last written one when it points past the end.
 */
function syntaxMessage(text: string, message: string, offset: number): string {
  const lines = text.slice(0, offset).split('\n')
  const offending =
    [text.split('\n')[lines.length - 1], ...lines.reverse()].find((l) => l?.trim())?.trim() ?? ''
  return `${message.split(' at line')[0]!.split('\n')[0]!}, in "${offending}"`
}

/**
 * The file's value. The files come from other machines and repositories, so they are untrusted: an alias bomb
 * (aliases of aliases, 10⁹ nodes from a few lines) is refused as a bad file — the yaml library stops it at 100
 * aliases — instead of escaping as an internal error (issue 14).
 */
export function yamlValue(yaml: YamlFile, fix: string): unknown {
  try {
    return yaml.document.toJS({ maxAliasCount: 100 })
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw new DbtwinError('FILE_INVALID', `${yaml.file}: ${message}`, fix, { data: { file: yaml.file } })
  }
}

export interface LoadOptions {
  /** What follows an unknown key's problem, e.g. ` (did you mean "targets"?)`. */
  suggest?: (key: string, path: readonly PropertyKey[]) => string
  /** The value of an empty file (YAML reads it as null). */
  empty?: unknown
}

/**
 * Every issue of a failed validation at its place: the node's for a wrong value, the key's for an unknown key, the
 * enclosing mapping's for a missing one. The message starts with the path inside the file (`tables.0.rows: …`).
 */
export function zodProblems(at: YamlFile['at'], error: z.ZodError, options: LoadOptions = {}): FileProblem[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path
    const inside = path.length === 0 ? '' : `${path.join('.')}: `
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        at: at(path, key),
        message: `${inside}unknown key "${key}"${options.suggest?.(key, path) ?? ''}`,
      }))
    }
    // zod says `expected object, received undefined` of a key the file lacks.
    const message = issue.message.replace(
      /^Invalid input: expected (.+), received undefined$/,
      'missing ($1 expected)',
    )
    return [{ at: at(path), message: `${inside}${message}` }]
  })
}

/**
 * One DbtwinError for every problem found, or nothing when there is none. One problem reads `place: message`; more
 * read `what: N problems` on the first line, then one line each (DbtwinError.toLine puts the fix after the first).
 */
export function throwFileProblems(
  problems: readonly FileProblem[],
  fix: string,
  what: string,
  options: { cliFix?: string; file?: string } = {},
): void {
  if (problems.length === 0) return
  const lines = problems.map((p) => `${p.at}: ${p.message}`)
  throw new DbtwinError(
    'FILE_INVALID',
    lines.length === 1 ? lines[0]! : `${what}: ${lines.length} problems\n  ${lines.join('\n  ')}`,
    fix,
    { cliFix: options.cliFix, data: { file: options.file, problems: [...problems] } },
  )
}

/**
 * Reads a YAML file into the value `shape` describes, or throws one DbtwinError naming every syntax error or every
 * place where the value does not fit the shape, at `file:line:column`.
 *
 * @example const options = loadYaml('roots: ["public.film limit 5"]\n', 'subset.yaml', configShape, 'see docs/cli.md')
 */
export function loadYaml<Shape extends z.ZodType>(
  text: string,
  file: string,
  shape: Shape,
  fix: string,
  options: LoadOptions = {},
): { data: z.infer<Shape>; yaml: YamlFile } {
  const yaml = parseYaml(text, file)
  throwFileProblems(yaml.problems, `fix the YAML syntax; ${fix}`, file, { file })
  const parsed = shape.safeParse(yamlValue(yaml, fix) ?? options.empty ?? null)
  if (!parsed.success) throwFileProblems(zodProblems(yaml.at, parsed.error, options), fix, file, { file })
  return { data: parsed.data as z.infer<Shape>, yaml }
}
