import { readdir, readFile, stat } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { z } from 'zod'
import { DbtwinError } from '../errors.js'
import { parseConstraint, type DeclaredConstraint } from './declared-constraints.js'
import { FAKER_LOCALES, unknownFakerMethod, unknownTemplateMethods } from './faker-methods.js'
import { didYouMean } from './nearest-name.js'
import { PII_KINDS, type PiiKind } from '../model/pii-kinds.js'
import { parseYaml, throwFileProblems, yamlValue, type FileProblem } from '../yaml-file.js'

/**
 * Rule files: the reviewed record of what happens to each sensitive column. A rule picks columns by name pattern
 * (`schema.table.column`, `table.column` or `column`, `*` within a part) or by detected PII kind, and gives one
 * action. `keep` and `model` leave real values to the model; every other action rewrites them.
 */

export type RuleAction =
  | { kind: 'faker'; method: string; args: unknown[]; locale: string | null }
  | { kind: 'template'; template: string; locale: string | null }
  /** Letters and digits become `char`, except the first `keepFirst` and last `keepLast`; separators stay. */
  | { kind: 'mask'; keepFirst: number; keepLast: number; char: string }
  /** Keyed and deterministic; `auto` keeps digits digits, emails emails and other text its character classes. */
  | { kind: 'hash'; format: HashFormat }
  /** Moves dates by up to ±days, the same offset for every row of one entity (the `entity` column's value). */
  | { kind: 'shift-date'; days: number; entity: string | null }
  /**
   * Coarsens a quasi-identifier: a date to the first day of its year or month, a code's digits after the first
   * `digits` to 0 (90210 → 90200), a number down to a multiple of `width` (37 → 30).
   */
  | { kind: 'generalize'; to: 'year' | 'month' }
  | { kind: 'generalize'; to: 'digits'; digits: number }
  | { kind: 'generalize'; to: 'bucket'; width: number }
  | { kind: 'null' }
  | { kind: 'constant'; value: Scalar | null }
  | { kind: 'pick'; values: Scalar[] }
  | { kind: 'keep'; reason: string | null }
  | { kind: 'model' }
  /**
   * Text written from the column's learned word model (issue 17, docs/text.md): tokens seen in at least minCount
   * rows only, so free text reads as the source's does without any rare word (a name) of it.
   */
  | { kind: 'words' }

export type ActionKind = RuleAction['kind']
export type HashFormat = 'auto' | 'digits' | 'email' | 'text'
export type Scalar = string | number | boolean

export const ACTION_KINDS: readonly ActionKind[] = [
  'faker',
  'template',
  'mask',
  'hash',
  'shift-date',
  'generalize',
  'null',
  'constant',
  'pick',
  'keep',
  'model',
  'words',
]

export interface Rule {
  /** The column pattern, or null for a rule that matches by PII kind alone. */
  column: string | null
  /** Matches only columns detected as this kind of PII (with `column`, both must hold). */
  pii: PiiKind | null
  action: RuleAction
  /**
   * Whether a fake name, email, username, address or phone joins the row's one fake person (see person-columns);
   * `person: false` in the rule file keeps the action's own, independent values.
   */
  person: boolean
  /** Where it was written, `file:line:column`, for messages. */
  source: string
}

/** Whether an action replaces real values (everything but `keep` and `model`). */
export function rewrites(action: RuleAction): boolean {
  return action.kind !== 'keep' && action.kind !== 'model'
}

/**
 * Whether an action's rewritten values still describe the column (moved or coarsened, not replaced): `learn`
 * learns such a column from its rewritten values, and `generate` draws it from the model.
 */
export function learnedRewritten(kind: ActionKind | undefined): boolean {
  return kind === 'shift-date' || kind === 'generalize'
}

/**
 * Whether an action's values come from the column's model learned from real values: `words` writes from the word
 * model, which releases only tokens seen in minCount rows, so `learn` reads the column as if no rule named it.
 */
export function learnedFromSource(kind: ActionKind | undefined): boolean {
  return kind === 'words'
}

const scalar = z.union([z.string(), z.number(), z.boolean()])
const count = z.number().int().min(0)
const actionSchemas: Record<ActionKind, z.ZodType> = {
  faker: z.union([
    z.string().min(1),
    z.object({ method: z.string().min(1), args: z.array(z.unknown()).optional() }).strict(),
  ]),
  template: z.string().min(1),
  mask: z.union([
    z.literal(true),
    z
      .object({
        'keep-first': count.optional(),
        'keep-last': count.optional(),
        char: z.string().length(1).optional(),
      })
      .strict(),
  ]),
  hash: z.union([z.literal(true), z.enum(['auto', 'digits', 'email', 'text'])]),
  'shift-date': z.union([
    z.number().int().positive(),
    z.object({ days: z.number().int().positive(), entity: z.string().min(1).optional() }).strict(),
  ]),
  generalize: z.union([
    z.enum(['year', 'month']),
    z.object({ digits: z.number().int().positive() }).strict(),
    z.object({ bucket: z.number().positive() }).strict(),
  ]),
  null: z.literal(true),
  constant: scalar.nullable(),
  pick: z.array(scalar).min(1),
  keep: z.union([z.literal(true), z.string().min(1)]),
  model: z.literal(true),
  words: z.literal(true),
}
const RULE_KEYS = ['column', 'pii', 'locale', 'person', ...ACTION_KINDS]
const FILE_KEYS = ['include', 'locale', 'rules', 'tables', 'constraints']
const TABLE_KEYS = ['table', 'reference', 'public']

/**
 * What a rules file says of a whole table (issue 17.1): `reference: keep` copies it whole into every twin as a
 * reference table, `reference: synthesize` never does, whatever referenceTables decides; `public: true` says its
 * rows are public, so a reference table is copied whole under --epsilon too.
 */
export interface TableRule {
  /** `schema.table` or `table`. */
  table: string
  reference: 'keep' | 'synthesize' | null
  /** Null when the rule does not say. */
  public: boolean | null
  source: string
}

/** Rules, table rules and declared constraints, as read from a rules directory or file (see loadRules). */
export interface RuleSet {
  rules: Rule[]
  tables: TableRule[]
  constraints: DeclaredConstraint[]
}

/** A key as a message quotes it: a name as it is, anything else (a line of some other file) not at all. */
const quotedKey = (key: string) => (/^[A-Za-z_][\w-]{0,39}$/.test(key) ? `"${key}"` : '(not a key name)')

/** One problem in a rule file, located for the message. */
type Problem = FileProblem

/**
 * Reads rules from a directory (every `*.yaml`/`*.yml`, in name order) or one file, following `include:` lists.
 * A file is read once however often it is included. Every problem in every file is reported together, each with
 * `file:line:column`, before anything uses the rules.
 */
export async function loadRules(path: RulesSource): Promise<Rule[]> {
  return (await loadRuleSet(path)).rules
}

/**
 * Where rules come from: a rules directory or file, or a RuleSet already in hand (from parseRuleSet, or built in
 * code), so a library caller need not write a file.
 */
export type RulesSource = string | RuleSet

/** loadRules, with the files' table rules (`tables:`) and declared constraints (`constraints:`) too. */
export async function loadRuleSet(path: RulesSource): Promise<RuleSet> {
  if (typeof path !== 'string') return path
  const files = (await isDirectory(path)) ? await ruleFilesIn(path) : [path]
  const rules: Rule[] = []
  const tables: TableRule[] = []
  const constraints: DeclaredConstraint[] = []
  const problems: Problem[] = []
  const seen = new Set<string>()
  const read = async (file: string, includedFrom: string | null): Promise<void> => {
    const absolute = resolve(file)
    if (seen.has(absolute)) return
    seen.add(absolute)
    // Rule files come from repositories and CI configs, which an attacker may edit: an include of /etc/shadow
    // echoed its lines as unknown keys. Only YAML files are read, and keys are quoted only when they are names.
    if (!/\.ya?ml$/i.test(file)) {
      problems.push({ at: includedFrom ?? file, message: `a rule file ends in .yaml or .yml, not ${file}` })
      return
    }
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch {
      problems.push({ at: includedFrom ?? file, message: `cannot read rule file ${file}` })
      return
    }
    const parsed = parseRules(text, file)
    problems.push(...parsed.problems)
    for (const include of parsed.includes) await read(resolve(dirname(file), include.path), include.at)
    rules.push(...parsed.rules)
    tables.push(...parsed.tables)
    constraints.push(...parsed.constraints)
  }
  for (const file of files) await read(file, null)
  throwProblems(problems)
  return { rules, tables, constraints }
}

/** Parses one rule file's text; throws with every problem found. Includes are not followed. */
export function parseRuleFile(text: string, file: string): Rule[] {
  return parseRuleSet(text, file).rules
}

/** Parses one rule file's text into its rules and declared constraints; throws with every problem found. */
export function parseRuleSet(text: string, file: string): RuleSet {
  const parsed = parseRules(text, file)
  throwProblems(parsed.problems)
  return { rules: parsed.rules, tables: parsed.tables, constraints: parsed.constraints }
}

/** Throws one DbtwinError listing every problem of the rules, each at its place; nothing when there is none. */
export function throwProblems(problems: readonly Problem[]): void {
  throwFileProblems(
    problems,
    'correct the rules at the places named (docs/rules.md lists every action and its form)',
    'the rules',
  )
}

interface ParsedRules {
  rules: Rule[]
  tables: TableRule[]
  constraints: DeclaredConstraint[]
  includes: { path: string; at: string }[]
  problems: Problem[]
}

function parseRules(text: string, file: string): ParsedRules {
  const yaml = parseYaml(text, file)
  const located = (path: readonly (string | number)[]) => yaml.at(path)
  if (yaml.problems.length > 0) return { ...onlyProblem(yaml.problems[0]!), problems: [...yaml.problems] }
  const problems: Problem[] = []
  const root: unknown = yamlValue(yaml, 'remove the aliases (*name) from the file')
  if (root === null || typeof root !== 'object' || Array.isArray(root))
    return onlyProblem({ at: yaml.at([]), message: 'a rule file is a mapping with a `rules:` list' })
  const data = root as Record<string, unknown>
  for (const key of Object.keys(data)) {
    if (!FILE_KEYS.includes(key))
      problems.push({
        at: located([key]),
        message: `unknown key ${quotedKey(key)}${didYouMean(key, FILE_KEYS)}`,
      })
  }
  const fileLocale = localeOf(data['locale'], located(['locale']), problems)
  const includes = parseIncludes(data['include'], located, problems)
  const tables = parseTableRules(data['tables'], located, problems)
  const entries = data['rules'] ?? []
  if (!Array.isArray(entries)) {
    problems.push({ at: located(['rules']), message: '`rules:` is a list of rules, each starting with `- `' })
    return { rules: [], tables, constraints: [], includes, problems }
  }
  const rules = entries.flatMap((entry: unknown, i) => {
    const rule = parseRule(entry, ['rules', i], located, fileLocale, problems)
    return rule === null ? [] : [rule]
  })
  const declared = data['constraints'] ?? []
  if (!Array.isArray(declared)) {
    problems.push({
      at: located(['constraints']),
      message: '`constraints:` is a list, each entry starting with `- table:`',
    })
    return { rules, tables, constraints: [], includes, problems }
  }
  const constraints = declared.flatMap((entry: unknown, i) => {
    const parsed = parseConstraint(
      entry,
      (key) => located(key === null ? ['constraints', i] : ['constraints', i, key]),
      problems,
    )
    return parsed === null ? [] : [parsed]
  })
  return { rules, tables, constraints, includes, problems }
}

/** A file that could not be read as a rule file at all: nothing in it, and why. */
function onlyProblem(problem: Problem): ParsedRules {
  return { rules: [], tables: [], constraints: [], includes: [], problems: [problem] }
}

/** The `include:` value: a file name or a list of them, each with where it is written. */
function parseIncludes(
  value: unknown,
  located: (path: readonly (string | number)[]) => string,
  problems: Problem[],
): ParsedRules['includes'] {
  const list = typeof value === 'string' ? [value] : (value ?? [])
  if (!Array.isArray(list) || list.some((i) => typeof i !== 'string')) {
    problems.push({ at: located(['include']), message: '`include:` takes a file name or a list of them' })
    return []
  }
  return list.map((path: string, i) => ({
    path,
    at: located(typeof value === 'string' ? ['include'] : ['include', i]),
  }))
}

/** The `tables:` list: `- { table: public.language, reference: keep, public: true }`. */
function parseTableRules(
  value: unknown,
  located: (path: readonly (string | number)[]) => string,
  problems: Problem[],
): TableRule[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) {
    problems.push({
      at: located(['tables']),
      message: '`tables:` is a list such as `- { table: public.language, reference: keep }`',
    })
    return []
  }
  return value.flatMap((entry: unknown, i): TableRule[] => {
    const path = ['tables', i]
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      problems.push({
        at: located(path),
        message: 'a table rule is a mapping such as `{ table: public.language, reference: keep }`',
      })
      return []
    }
    const fields = entry as Record<string, unknown>
    const before = problems.length
    for (const key of Object.keys(fields).filter((k) => !TABLE_KEYS.includes(k)))
      problems.push({
        at: located([...path, key]),
        message: `unknown key ${quotedKey(key)}${didYouMean(key, TABLE_KEYS)}`,
      })
    const table = fields['table']
    if (typeof table !== 'string' || !/^[^.\p{Cc}]+(\.[^.\p{Cc}]+)?$/u.test(table))
      problems.push({
        at: located([...path, 'table']),
        message: `table ${JSON.stringify(table ?? null)} is not \`schema.table\` or \`table\` (a name holds no control characters)`,
      })
    const reference = fields['reference']
    if (reference !== undefined && reference !== 'keep' && reference !== 'synthesize')
      problems.push({
        at: located([...path, 'reference']),
        message: `reference: expected \`keep\` (copy the table whole) or \`synthesize\`, not ${JSON.stringify(reference)}`,
      })
    const isPublic = fields['public']
    if (isPublic !== undefined && typeof isPublic !== 'boolean')
      problems.push({ at: located([...path, 'public']), message: 'public: expected `true` or `false`' })
    if (reference === undefined && isPublic === undefined)
      problems.push({
        at: located(path),
        message: 'say what to do with the table: `reference:` and/or `public:`',
      })
    if (problems.length > before) return []
    return [
      {
        table: table as string,
        reference: (reference as TableRule['reference'] | undefined) ?? null,
        public: (isPublic as boolean | undefined) ?? null,
        source: located(path),
      },
    ]
  })
}

function parseRule(
  entry: unknown,
  path: (string | number)[],
  located: (path: readonly (string | number)[]) => string,
  fileLocale: string | null,
  problems: Problem[],
): Rule | null {
  const here = located(path)
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    problems.push({ at: here, message: 'a rule is a mapping such as `column: "*.email"` plus one action' })
    return null
  }
  // YAML reads the key of `null: true` as the null value, which toJS turns into "".
  const fields = Object.fromEntries(
    Object.entries(entry).map(([k, v]) => [k === '' ? 'null' : k, v] as const),
  ) as Record<string, unknown>
  const before = problems.length
  const unknownKeys = Object.keys(fields).filter((key) => !RULE_KEYS.includes(key))
  for (const key of unknownKeys) {
    problems.push({
      at: located([...path, key]),
      message: `unknown key ${quotedKey(key)}${didYouMean(key, RULE_KEYS)}`,
    })
  }
  const column = fields['column']
  // A rule file is untrusted input, as a model file is: a control character or NUL is no part of a name (issue 14).
  if (
    column !== undefined &&
    (typeof column !== 'string' || !/^[^.\p{Cc}]+(\.[^.\p{Cc}]+){0,2}$/u.test(column))
  ) {
    problems.push({
      at: located([...path, 'column']),
      message: `column ${JSON.stringify(column)} is not \`schema.table.column\`, \`table.column\` or \`column\` (a name holds no control characters)`,
    })
  }
  const pii = fields['pii']
  if (pii !== undefined && !PII_KINDS.includes(pii as PiiKind)) {
    problems.push({
      at: located([...path, 'pii']),
      message: `unknown PII kind "${String(pii)}"${didYouMean(String(pii), PII_KINDS)}; kinds: ${PII_KINDS.join(', ')}`,
    })
  }
  if (column === undefined && pii === undefined) {
    problems.push({ at: here, message: 'say which columns the rule is for: `column:` and/or `pii:`' })
  }
  const locale = localeOf(fields['locale'], located([...path, 'locale']), problems) ?? fileLocale
  const person = fields['person'] ?? true
  if (typeof person !== 'boolean')
    problems.push({
      at: located([...path, 'person']),
      message: "`person:` is true (the default: join the row's one fake person) or false",
    })
  const actions = ACTION_KINDS.filter((kind) => kind in fields)
  if (actions.length === 0 && unknownKeys.length > 0) return null
  if (actions.length !== 1) {
    problems.push({
      at: here,
      message: `give exactly one action of ${ACTION_KINDS.join(', ')}; found ${actions.join(', ') || 'none'}`,
    })
    return null
  }
  const kind = actions[0]!
  const value = fields[kind]
  const valueAt = located([...path, kind])
  const checked = actionSchemas[kind].safeParse(value)
  if (!checked.success) {
    problems.push({ at: valueAt, message: `${kind}: ${describeIssue(checked.error, kind)}` })
    return null
  }
  const action = toAction(kind, value, locale)
  for (const message of actionProblems(action)) problems.push({ at: valueAt, message })
  if (problems.length > before) return null
  return {
    column: (column as string | undefined) ?? null,
    pii: (pii as PiiKind | undefined) ?? null,
    action,
    person: person !== false,
    source: here,
  }
}

function toAction(kind: ActionKind, value: unknown, locale: string | null): RuleAction {
  const v = value as never
  switch (kind) {
    case 'faker':
      return typeof value === 'string'
        ? { kind, method: value, args: [], locale }
        : {
            kind,
            method: (v as { method: string }).method,
            args: (v as { args?: unknown[] }).args ?? [],
            locale,
          }
    case 'template':
      return { kind, template: v, locale }
    case 'mask': {
      const options = (value === true ? {} : v) as {
        'keep-first'?: number
        'keep-last'?: number
        char?: string
      }
      return {
        kind,
        keepFirst: options['keep-first'] ?? 0,
        keepLast: options['keep-last'] ?? (value === true ? 4 : 0),
        char: options.char ?? '*',
      }
    }
    case 'hash':
      return { kind, format: value === true ? 'auto' : v }
    case 'shift-date':
      return typeof value === 'number'
        ? { kind, days: value, entity: null }
        : { kind, days: (v as { days: number }).days, entity: (v as { entity?: string }).entity ?? null }
    case 'generalize':
      if (typeof value === 'string') return { kind, to: v }
      return 'digits' in (v as object)
        ? { kind, to: 'digits', digits: (v as { digits: number }).digits }
        : { kind, to: 'bucket', width: (v as { bucket: number }).bucket }
    case 'null':
      return { kind }
    case 'constant':
      return { kind, value: v }
    case 'pick':
      return { kind, values: v }
    case 'keep':
      return { kind, reason: value === true ? null : v }
    case 'model':
    case 'words':
      return { kind }
  }
}

/** What the schema cannot catch: faker names, template placeholders. */
function actionProblems(action: RuleAction): string[] {
  if (action.kind === 'faker') {
    const problem = unknownFakerMethod(action.method)
    return problem === null ? [] : [problem]
  }
  if (action.kind === 'template') return unknownTemplateMethods(action.template)
  return []
}

function localeOf(value: unknown, at: string, problems: Problem[]): string | null {
  if (value === undefined) return null
  if (typeof value === 'string' && FAKER_LOCALES.includes(value)) return value
  problems.push({
    at,
    message: `unknown locale "${String(value)}"${didYouMean(String(value), FAKER_LOCALES)}`,
  })
  return null
}

const ACTION_FORMS: Record<ActionKind, string> = {
  faker: 'a method such as `person.lastName`, or `{ method: number.int, args: [{ min: 1, max: 9 }] }`',
  template: 'a text with `{{module.method}}` placeholders',
  mask: '`true` (keep the last 4) or `{ keep-first: N, keep-last: N, char: "*" }`',
  hash: '`true`, `digits`, `email` or `text`',
  'shift-date': 'a number of days, or `{ days: N, entity: column }`',
  generalize: '`year` or `month` (dates), `{ digits: N }` (codes) or `{ bucket: WIDTH }` (numbers)',
  null: '`true`',
  constant: 'one value',
  pick: 'a list of values',
  keep: '`true` or the reason the column is safe',
  model: '`true`',
  words: '`true`',
}

function describeIssue(error: z.ZodError, kind: ActionKind): string {
  const unknownKey = error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys : []))[0]
  if (unknownKey !== undefined) return `unknown option "${unknownKey}"; expected ${ACTION_FORMS[kind]}`
  return `expected ${ACTION_FORMS[kind]}`
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch (error) {
    throw new DbtwinError(
      'FILE_INVALID',
      `cannot read rules at ${path}`,
      'give a rules directory or a .yaml rule file, e.g. rules/',
      {
        cause: error,
        data: { file: path },
        cliFix: 'pass a rules directory or a .yaml rule file, e.g. --rules rules/',
      },
    )
  }
}

async function ruleFilesIn(dir: string): Promise<string[]> {
  return (await readdir(dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f))
}
