import type { RulesSource } from '../rules/rule-file.js'
import type { SchemaMap } from '../schema/table-placement.js'
import { z } from 'zod'
import { DbtwinError } from '../errors.js'
import type { DialectName } from '../schema/schema.js'
import { rootConditionProblem } from '../schema/root-condition.js'
import type { ExistingTables } from '../write/write-target.js'
import {
  parseYaml,
  throwFileProblems,
  yamlValue,
  zodProblems,
  type FileProblem,
  type YamlFile,
} from '../yaml-file.js'

/** Where a subset starts: rows of one table, chosen by a SQL condition, a random percentage or a row count. */
export type RootSelection =
  | { table: string; kind: 'where'; condition: string }
  | { table: string; kind: 'percent'; percent: number }
  | { table: string; kind: 'limit'; rows: number }
  | { table: string; kind: 'all' }

/** How far to follow foreign keys down from selected rows to their children. */
export interface ChildrenPolicy {
  /** For child tables not named below: every child (`all`), or none. */
  default: 'all' | 'none'
  /** At most N children per parent row, by child table (`schema.table` or table name); 0 means none. */
  perTable: Record<string, number>
}

/** A relation the schema does not declare, followed like a foreign key: `from` columns reference `to` columns. */
export interface VirtualForeignKey {
  from: { table: string; columns: string[] }
  to: { table: string; columns: string[] }
}

export interface SubsetOptions {
  /** Rules directory or file: every PII column is rewritten on the way (required by the CLI). */
  rules?: RulesSource
  roots: RootSelection[]
  children?: ChildrenPolicy
  /** Small lookup tables copied whole. */
  passthrough?: string[]
  /** Reference tables (see referenceTables), by `tableName`: copied whole, as passthrough tables are. */
  reference?: string[]
  /** Tables left out; tables whose NOT NULL foreign keys need them are left out too, and said so. */
  exclude?: string[]
  virtualForeignKeys?: VirtualForeignKey[]
  /**
   * `include` (default): a nullable foreign key pulls its parent row in like any other. `null`: it does not; the
   * reference is kept when the parent is in the subset anyway and written NULL otherwise.
   */
  optionalParents?: 'include' | 'null'
  /** Seed of percentage roots. */
  seed?: number
  existing?: ExistingTables
  /** How the source's schemas land on a MySQL target (see SchemaMap); `auto` by default. */
  schemaMap?: SchemaMap
  /** Write the source's owners and grants too (see WriteSpec.keepGrants). */
  keepGrants?: boolean
}

/**
 * Parses a root as the CLI takes it: `schema.table where <SQL condition>`, `schema.table 2%`,
 * `schema.table limit 100`, or just `schema.table` (every row). Given the source's dialect, a condition that is
 * not one boolean expression is refused here, before anything connects (see checkRoot).
 *
 * @example parseRoot("clinic.patients where zip = '10001'") // { table: 'clinic.patients', kind: 'where', … }
 */
export function parseRoot(text: string, dialect?: DialectName): RootSelection {
  const trimmed = text.trim()
  const match = /^("[^"]+"|[^\s]+)(?:\s+(.*))?$/s.exec(trimmed)
  if (match === null) throw usage(`root "${text}" names no table`)
  const table = match[1]!.replace(/"/g, '')
  const rest = (match[2] ?? '').trim()
  if (rest === '') return { table, kind: 'all' }
  const where = /^where\s+(.+)$/is.exec(rest)
  if (where !== null) {
    const root: RootSelection = { table, kind: 'where', condition: where[1]!.trim() }
    return dialect === undefined ? root : checkRoot(root, dialect)
  }
  const percent = /^(-?[\d.]+)\s*%$/.exec(rest)
  if (percent !== null) {
    const value = Number(percent[1])
    if (!(value > 0 && value <= 100)) throw usage(`root "${text}": ${percent[1]}% is outside (0, 100]`)
    return { table, kind: 'percent', percent: value }
  }
  const limit = /^limit\s+(\d+)$/i.exec(rest)
  if (limit !== null) return { table, kind: 'limit', rows: Number(limit[1]) }
  throw usage(`root "${text}": after the table comes \`where <condition>\`, \`N%\` or \`limit N\``)
}

/**
 * Refuses a root whose condition is anything but one boolean expression over the source (see
 * rootConditionProblem): it is sent to the source as SQL.
 */
export function checkRoot(root: RootSelection, dialect: DialectName): RootSelection {
  if (root.kind !== 'where') return root
  const problem = rootConditionProblem(root.condition, dialect)
  if (problem === null) return root
  throw new DbtwinError(
    'USAGE',
    `root "${root.table} where ${root.condition.replace(/\s+/g, ' ')}": ${problem} has no place in a root condition`,
    `a root condition is one boolean expression, e.g. "public.customer where store_id = 1 and customer_id in (select customer_id from public.rental)"; a column named like a SQL keyword goes in quotes`,
  )
}

/** Parses `--children` values: `all`, `none`, or `table=N`, in any combination. */
export function parseChildren(values: readonly string[]): ChildrenPolicy {
  const policy: ChildrenPolicy = { default: 'all', perTable: {} }
  for (const value of values) {
    if (value === 'all' || value === 'none') policy.default = value
    else {
      const match = /^(.+)=(\d+)$/.exec(value)
      if (match === null) throw usage(`--children "${value}": give all, none, or table=N`)
      policy.perTable[match[1]!] = Number(match[2])
    }
  }
  return policy
}

/** Parses `schema.child(col, …) -> schema.parent(col, …)`. */
export function parseVirtualForeignKey(text: string): VirtualForeignKey {
  const side = String.raw`\s*("?[^"(]+"?)\s*\(([^)]+)\)\s*`
  const match = new RegExp(`^${side}->${side}$`).exec(text)
  if (match === null)
    throw usage(`virtual foreign key "${text}": write it as child_table(col) -> parent_table(col)`)
  const columns = (list: string) => list.split(',').map((c) => c.trim())
  const from = { table: match[1]!.replace(/"/g, '').trim(), columns: columns(match[2]!) }
  const to = { table: match[3]!.replace(/"/g, '').trim(), columns: columns(match[4]!) }
  if (from.columns.length !== to.columns.length) {
    throw usage(
      `virtual foreign key "${text}": ${from.columns.length} columns reference ${to.columns.length}`,
    )
  }
  return { from, to }
}

const configShape = z
  .object({
    rules: z.string().optional(),
    roots: z.array(z.string()).min(1),
    children: z.union([z.string(), z.array(z.string())]).optional(),
    passthrough: z.array(z.string()).optional(),
    exclude: z.array(z.string()).optional(),
    virtualForeignKeys: z.array(z.string()).optional(),
    optionalParents: z.enum(['include', 'null']).optional(),
    seed: z.number().int().optional(),
  })
  .strict()

/**
 * Reads a subset config file (YAML): the CLI's options under the same names, e.g.
 * `roots: ["clinic.patients where zip = '10001'"]`, `children: [all, billing.payments=1]`. Roots are checked
 * for the source's dialect when it is given (see parseRoot). Every problem is reported, each at its line and column.
 */
export function parseSubsetConfig(text: string, file: string, dialect?: DialectName): SubsetOptions {
  const yaml = parseYaml(text, file)
  throwFileProblems(yaml.problems, `fix the YAML syntax; ${CONFIG_FIX}`, file, { file })
  return subsetConfig(yamlValue(yaml, CONFIG_FIX), yaml.at, file, dialect)
}

/**
 * The subset options of a value already read, such as dbtwin.yaml's `subset:`, named `file` in messages (that
 * file's own reader gave no places for it).
 */
export function subsetConfigOf(value: unknown, file: string, dialect?: DialectName): SubsetOptions {
  return subsetConfig(value, () => file, file, dialect)
}

function subsetConfig(
  value: unknown,
  at: YamlFile['at'],
  file: string,
  dialect: DialectName | undefined,
): SubsetOptions {
  const checked = configShape.safeParse(value)
  if (!checked.success) throwFileProblems(zodProblems(at, checked.error), CONFIG_FIX, file, { file })
  const c = checked.data!
  const problems: FileProblem[] = []
  const fixes = new Set<string>()
  // Each value the CLI would parse is parsed here too, and each one that fails is a problem at its place.
  const parsed = <T>(path: (string | number)[], parse: () => T): T | undefined => {
    try {
      return parse()
    } catch (error) {
      if (!(error instanceof DbtwinError)) throw error
      problems.push({ at: at(path), message: `${path.join('.')}: ${error.message}` })
      fixes.add(error.cliFix)
      return undefined
    }
  }
  const roots = c.roots.map((root, i) => parsed(['roots', i], () => parseRoot(root, dialect)))
  const children =
    c.children === undefined ? undefined : parsed(['children'], () => parseChildren([c.children!].flat()))
  const virtualForeignKeys = c.virtualForeignKeys?.map((text, i) =>
    parsed(['virtualForeignKeys', i], () => parseVirtualForeignKey(text)),
  )
  // One kind of mistake keeps its own fix (what a root condition may hold); mixed ones point at the docs.
  throwFileProblems(problems, fixes.size === 1 ? [...fixes][0]! : CONFIG_FIX, file, { file })
  return {
    rules: c.rules,
    roots: roots as RootSelection[],
    children,
    passthrough: c.passthrough,
    exclude: c.exclude,
    virtualForeignKeys: virtualForeignKeys as VirtualForeignKey[] | undefined,
    optionalParents: c.optionalParents,
    seed: c.seed,
  }
}

const CONFIG_FIX = 'see docs/cli.md, "dbtwin subset", for the config file keys'

function usage(message: string): DbtwinError {
  return new DbtwinError('USAGE', message, 'see `dbtwin subset --help` for the forms a subset option takes')
}
