import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseDocument } from 'yaml'
import { z } from 'zod'
import { DbtwinError } from '../errors.js'
import type { Schema } from '../schema/schema.js'

/**
 * What a rule does to a column. `keep` records a reviewed decision that the column is safe and `model` asks for
 * the learned model (the default); every other action rewrites the column, so its real values are never learned.
 */
export const RULE_ACTIONS = [
  'faker',
  'template',
  'mask',
  'hash',
  'shift-date',
  'null',
  'constant',
  'pick',
  'keep',
  'model',
] as const
export type RuleAction = (typeof RULE_ACTIONS)[number]

export interface Rule {
  /** `schema.table.column`; `*` matches any run of characters within one part. */
  column: string
  action: RuleAction
  /** The action's argument as written (a faker method, a template, …). */
  argument: unknown
  /** Where the rule was written, for messages: `file:line:column`. */
  source: string
}

const ruleEntry = z
  .object({ column: z.string().min(1) })
  .catchall(z.unknown())
  .superRefine((entry, ctx) => {
    const actions = Object.keys(entry).filter((k) => k !== 'column')
    if (actions.length !== 1 || !RULE_ACTIONS.includes(actions[0] as RuleAction)) {
      ctx.addIssue({
        code: 'custom',
        message: `give exactly one action of ${RULE_ACTIONS.join(', ')}; found ${actions.join(', ') || 'none'}`,
      })
    }
  })
const ruleFile = z.object({ rules: z.array(ruleEntry) })

/** Reads every `*.yaml` / `*.yml` rule file in a directory (or one file), in name order. */
export async function loadRules(path: string): Promise<Rule[]> {
  const files = path.endsWith('.yaml') || path.endsWith('.yml') ? [path] : await ruleFilesIn(path)
  const rules: Rule[] = []
  for (const file of files) rules.push(...parseRuleFile(await readFile(file, 'utf8'), file))
  return rules
}

async function ruleFilesIn(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir))
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .map((f) => join(dir, f))
  } catch (error) {
    throw new DbtwinError(
      'FILE_INVALID',
      `cannot read the rules directory ${dir}`,
      'pass a directory of *.yaml rule files, e.g. --rules rules/',
      {
        cause: error,
      },
    )
  }
}

/** Parses one rule file, naming `file:line:column` of the first problem. */
export function parseRuleFile(text: string, file: string): Rule[] {
  const document = parseDocument(text, { keepSourceTokens: true })
  const at = (offset: number | undefined) => {
    if (offset === undefined) return file
    const before = text.slice(0, offset).split('\n')
    return `${file}:${before.length}:${(before.at(-1)?.length ?? 0) + 1}`
  }
  const syntax = document.errors[0]
  if (syntax !== undefined) {
    throw new DbtwinError(
      'FILE_INVALID',
      `${at(syntax.pos[0])}: ${syntax.message.split('\n')[0]}`,
      'fix the YAML syntax',
    )
  }
  const parsed = ruleFile.safeParse(document.toJS())
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const node = document.getIn(issue?.path ?? [], true) as { range?: [number, number, number] } | undefined
    throw new DbtwinError(
      'FILE_INVALID',
      `${at(node?.range?.[0])}: ${issue?.path.length ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? 'invalid rule file'}`,
      'write each rule as `- column: schema.table.column` plus one action, e.g. `faker: person.lastName`',
    )
  }
  return parsed.data.rules.map((entry, i) => {
    const action = Object.keys(entry).find((k) => k !== 'column') as RuleAction
    const node = document.getIn(['rules', i], true) as { range?: [number, number, number] } | undefined
    return { column: entry.column, action, argument: entry[action], source: at(node?.range?.[0]) }
  })
}

/**
 * The rule that rewrites each column of a schema, by `schema.table.column`. The last matching rule wins, so a later
 * `keep` can release a column an earlier glob caught; columns left to the model are not in the map.
 */
export function rewritingRules(schema: Schema, rules: readonly Rule[]): Map<string, Rule> {
  const matchers = rules.map((r) => ({ rule: r, pattern: globPattern(r.column) }))
  const rewritten = new Map<string, Rule>()
  for (const table of schema.tables) {
    for (const column of table.columns) {
      const id = `${table.schema}.${table.name}.${column.name}`
      const last = matchers.filter((m) => m.pattern.test(id)).at(-1)
      if (last !== undefined && last.rule.action !== 'keep' && last.rule.action !== 'model')
        rewritten.set(id, last.rule)
    }
  }
  return rewritten
}

/** The columns of a schema that rules rewrite, as `schema.table.column`. */
export function ruledColumns(schema: Schema, rules: readonly Rule[]): Set<string> {
  return new Set(rewritingRules(schema, rules).keys())
}

function globPattern(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^.]*')
  return new RegExp(`^${body}$`, 'u')
}
