import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { DbtwinError } from '../errors.js'
import { didYouMean } from '../rules/nearest-name.js'
import { loadYaml, throwFileProblems, type FileProblem } from '../yaml-file.js'

/**
 * `dbtwin.yaml`, the project file: named sources and targets, the rules, scale, seed and subset options a team
 * shares, so `dbtwin clone` runs with no flags. Secrets stay out of it: `${NAME}` is replaced by the environment
 * variable NAME when the file is read, and a variable that is not set is an error naming it.
 *
 * ```yaml
 * sources:
 *   prod: ${PROD_DATABASE_URL}
 * targets:
 *   local: pglite://.dbtwin/twin
 *   staging: ${STAGING_DATABASE_URL}
 * default: { from: prod, to: local }
 * rules: rules/
 * scale: 0.1
 * seed: 7
 * subset:
 *   roots: ["clinic.patients where zip = '10001'"]
 * ```
 */
export interface ProjectConfig {
  /** Where the file was read from, for messages. */
  file: string
  sources: Record<string, string>
  targets: Record<string, string>
  default: { from?: string; to?: string }
  rules?: string
  scale?: number
  seed?: number
  /** Options of `dbtwin subset`, as in its --config file. */
  subset?: Record<string, unknown>
}

export const PROJECT_FILE = 'dbtwin.yaml'

const shape = z
  .object({
    sources: z.record(z.string(), z.string()).default({}),
    targets: z.record(z.string(), z.string()).default({}),
    default: z.object({ from: z.string().optional(), to: z.string().optional() }).strict().default({}),
    rules: z.string().optional(),
    scale: z.number().positive().optional(),
    seed: z.number().int().nonnegative().optional(),
    subset: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()

/** Reads `dbtwin.yaml` from a directory (default: the working directory), or null when there is none. */
export async function loadProjectConfig(
  dir = process.cwd(),
  env: Record<string, string | undefined> = process.env,
): Promise<ProjectConfig | null> {
  const file = join(dir, PROJECT_FILE)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return null
  }
  return parseProjectConfig(text, file, env)
}

/** Parses a project file's text; every problem is reported, each at `file:line:column`. */
export function parseProjectConfig(
  text: string,
  file: string,
  env: Record<string, string | undefined> = process.env,
): ProjectConfig {
  const { data: config, yaml } = loadYaml(text, file, shape, KEYS_FIX, {
    suggest: (key) => didYouMean(key, Object.keys(shape.shape)),
    empty: {},
  })
  const unset: FileProblem[] = []
  const names = new Set<string>()
  const expand = (value: string, path: (string | number)[]) =>
    value.replace(/\$\{(\w+)\}/g, (_, name: string) => {
      const found = env[name]
      if (found !== undefined) return found
      unset.push({ at: yaml.at(path), message: `environment variable ${name} is not set` })
      names.add(name)
      return ''
    })
  const expandAll = (record: Record<string, string>, key: string) =>
    Object.fromEntries(Object.entries(record).map(([name, value]) => [name, expand(value, [key, name])]))
  const sources = expandAll(config.sources, 'sources')
  const targets = expandAll(config.targets, 'targets')
  throwFileProblems(
    unset,
    `export ${[...names].map((n) => `${n}=…`).join(' ')} before running dbtwin`,
    file,
    { file },
  )
  return {
    file,
    sources,
    targets,
    default: config.default,
    rules: config.rules,
    scale: config.scale,
    seed: config.seed,
    subset: config.subset,
  }
}

const KEYS_FIX = 'see docs/cli.md, "dbtwin.yaml", for the keys a project file takes'

/**
 * A database given on the command line: a URL as it is, or the name of a source or target in the project file.
 * `undefined` takes the project's default.
 */
export function resolveDatabase(
  config: ProjectConfig | null,
  kind: 'source' | 'target',
  given: string | undefined,
): string {
  const names = config === null ? {} : kind === 'source' ? config.sources : config.targets
  const name = given ?? (kind === 'source' ? config?.default.from : config?.default.to)
  const flag = kind === 'source' ? '--from' : '--to'
  if (name === undefined) {
    throw new DbtwinError(
      'USAGE',
      `no ${kind} database: pass ${flag} <url>${config === null ? '' : ` or set default.${kind === 'source' ? 'from' : 'to'} in ${config.file}`}`,
      `name a database with ${flag}, or add it to ${PROJECT_FILE} (see docs/cli.md, "dbtwin.yaml")`,
    )
  }
  if (hasScheme(name)) return name
  const url = names[name]
  if (url === undefined) {
    throw new DbtwinError(
      'USAGE',
      `"${name}" is neither a URL nor a ${kind} in ${config?.file ?? PROJECT_FILE}${didYouMean(name, Object.keys(names))}`,
      `give a URL such as postgres://…, or one of the ${kind}s named in ${PROJECT_FILE}: ${Object.keys(names).join(', ') || 'none yet'}`,
    )
  }
  return url
}

/**
 * For commands that take a database as an argument: a URL as it is, or a name from `dbtwin.yaml` in the working
 * directory (sources first, then targets).
 */
export async function databaseArgument(given: string): Promise<string> {
  if (hasScheme(given)) return given
  const config = await loadProjectConfig()
  const source = config?.sources[given]
  return source ?? resolveDatabase(config, 'target', given)
}

/** A URL rather than a name: it starts with a scheme, in any case (`POSTGRES://` is a URL too; issue 14). */
function hasScheme(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(text)
}
