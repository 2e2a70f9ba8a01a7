import { Faker, base, en } from '@faker-js/faker'
import type { CellValue } from '../dialects/twin-target.js'
import { seededRandom } from '../random/seeded-random.js'
import type { Rule } from '../rules/rule-file.js'
import type { Column } from '../schema/schema.js'
import { zeroValue } from './column-sampler.js'

/**
 * Values for a column a rule rewrites, generated without any source value: `faker` calls the named faker method,
 * `template` fills a faker template, `constant`, `null` and `pick` do what they say. Actions that transform a real
 * value (`hash`, `mask`, `shift-date`) have none to transform when generating, so they produce a neutral value of
 * the column's type, numbered so unique columns stay unique.
 */
export function ruleValues(
  rule: Rule,
  column: Column,
  seed: number,
  table: string,
): (row: number) => CellValue {
  const faker = new Faker({ locale: [en, base] })
  faker.seed(seededRandom(seed, table, column.name, 'rule').int(0, 2 ** 31 - 1))
  const fit = (value: unknown): CellValue => {
    const text = String(value)
    return column.length === null ? text : [...text].slice(0, column.length).join('')
  }
  switch (rule.action) {
    case 'faker': {
      const method = fakerMethod(faker, String(rule.argument), rule.source)
      return () => fit(method())
    }
    case 'template':
      return () => fit(faker.helpers.fake(String(rule.argument)))
    case 'constant':
      return () => (rule.argument === null ? null : fit(rule.argument))
    case 'null':
      return () => null
    case 'pick': {
      const choices = Array.isArray(rule.argument) ? rule.argument : [rule.argument]
      return () => fit(faker.helpers.arrayElement(choices))
    }
    default:
      return (row) => neutralValue(column, row)
  }
}

function fakerMethod(faker: Faker, path: string, source: string): () => unknown {
  let target: unknown = faker
  let owner: unknown = faker
  for (const part of path.split('.')) {
    owner = target
    target = (target as Record<string, unknown> | undefined)?.[part]
  }
  if (typeof target !== 'function') throw new Error(`${source}: faker has no method "${path}"`)
  const method = target as (this: unknown) => unknown
  return () => method.call(owner)
}

function neutralValue(column: Column, row: number): CellValue {
  switch (column.type) {
    case 'char':
    case 'varchar':
    case 'text': {
      const text = `${column.name.replace(/[^A-Za-z0-9]/g, '').slice(0, 3) || 'v'}-${row + 1}`
      return column.length === null ? text : text.slice(-column.length)
    }
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'decimal':
      return row + 1
    default:
      return zeroValue({ ...column, nullable: false })
  }
}
