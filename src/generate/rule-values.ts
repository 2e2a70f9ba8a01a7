import type { CellValue } from '../schema/cell-value.js'
import { seededRandom } from '../random/seeded-random.js'
import type { Rule } from '../rules/rule-file.js'
import { distinctRewriter, fitTo, valueRewriter, type Rewrite } from '../rules/value-rewriter.js'
import type { PersonField } from '../rules/fake-person.js'
import { fileContent, type FileType } from '../model/binary-content.js'
import {
  emailDomainOf,
  personEntity,
  withDomain,
  personRewrite,
  rowAddressLocale,
  type PersonPlan,
  type PersonSource,
} from '../rules/person-columns.js'
import type { Column } from '../schema/schema.js'
import type { ColumnBounds } from '../schema/check-bounds.js'
import { textFromPattern } from '../schema/pattern-text.js'
import { withinBounds } from '../rules/bounded-rewrite.js'

/**
 * Values for a column a rule rewrites, made without any source value. Each row gets a stand-in of the column's
 * type — a numbered text, a number, a date in the last 25 years — and the rule's rewrite turns it into the value
 * written, the same rewrite `subset` applies to real values. `faker`, `template` and `pick` give realistic values;
 * `hash`, `mask` and `shift-date` give values of the column's format. Nulls follow the null share learned.
 */
export function ruleValues(
  rule: Rule,
  column: Column,
  ctx: { seed: number; stream: string; nullFraction: number; bounds: ColumnBounds | null },
): (row: number) => CellValue {
  const rewrite = withinBounds(
    valueRewriter(rule.action, column, `generate:${ctx.seed}`),
    ctx.bounds,
    `generate:${ctx.seed}`,
  )
  const nulls = seededRandom(ctx.seed, ctx.stream, column.name, 'rule-null')
  const nullFraction = column.nullable ? ctx.nullFraction : 0
  if (column.type === 'binary' && rule.action.kind === 'hash') {
    // Nothing of a ruled column is learned, its sizes neither: a picture or scan of 1 to 8 KB, valid of its type.
    const type = fileTypeFor(rule, column)
    return (row) => {
      if (nulls.next() < nullFraction) return null
      const random = seededRandom(ctx.seed, ctx.stream, column.name, 'file', row)
      const made = fileContent(type, random.int(1024, 8192), random)
      return column.length !== null && made.length > column.length
        ? fileContent(null, column.length, random)
        : made
    }
  }
  const pattern = ctx.bounds?.patterns[0]
  // A stand-in in the CHECK's format (an SSN's ddd-dd-dddd), so a rewrite that keeps formats keeps it: `hash:
  // digits` of the numbered stand-in `ssn111e-0` broke `^[0-9]{3}-[0-9]{2}-[0-9]{4}$`.
  const standIn =
    pattern === undefined
      ? standInFor(column, `${ctx.stream}.${column.name}`)
      : patternStandIn(pattern, column, `${ctx.stream}.${column.name}`)
  return (row) => (nulls.next() < nullFraction ? null : rewrite(standIn(row)))
}

/** A picture column (by its PII kind or name) gets PNGs, a document column PDFs, any other binary column bytes. */
function fileTypeFor(rule: Rule, column: Column): FileType | null {
  if (rule.pii === 'image' || /photo|picture|image|avatar|portrait|headshot|selfie/i.test(column.name))
    return 'image/png'
  if (rule.pii === 'document' || /document|scan|pdf|attachment|contract|passport/i.test(column.name))
    return 'application/pdf'
  return null
}

function patternStandIn(
  pattern: { pattern: string; caseInsensitive: boolean },
  column: Column,
  id: string,
): (row: number) => CellValue {
  const numbered = standInFor(column, id)
  return (row) =>
    textFromPattern(pattern.pattern, seededRandom(id, row), pattern.caseInsensitive) ?? numbered(row)
}

const DAY = 86_400_000
const STAND_IN_EPOCH = Date.UTC(2000, 0, 1)

function standInFor(column: Column, id: string): (row: number) => CellValue {
  switch (column.type) {
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'decimal':
      return (row) => row + 1
    case 'date':
    case 'timestamp':
    case 'timestamptz':
      return (row) => {
        const r = seededRandom(id, row)
        const iso = new Date(
          STAND_IN_EPOCH + r.int(0, 25 * 365) * DAY + r.int(0, 86_399) * 1000,
        ).toISOString()
        return column.type === 'date' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`
      }
    default: {
      // The table's mark in every stand-in: row 1 of customers and row 1 of employees must not become one person.
      const prefix = `${
        column.name
          .replace(/[^A-Za-z]/g, '')
          .slice(0, 3)
          .toLowerCase() || 'v'
      }${Math.floor(seededRandom(id).next() * 36 ** 4).toString(36)}`
      return (row) => {
        const text = `${prefix}-${row + 1}`
        return column.length === null ? text : text.slice(-column.length)
      }
    }
  }
}

/**
 * Values for a column that shows the row's fake person (see planPerson): row r of a table is one person, keyed on
 * (seed, table, r), so its email is made from its name and its zip from its state. `country` is the row's own
 * country value, when the table has a country column, for the address and phone format. A key or unique column's
 * repeats get a numbered suffix (`ana.lopez-2@example.com`).
 */
export function personValues(
  rule: Rule,
  field: PersonField,
  column: Column,
  plan: PersonPlan,
  ctx: {
    seed: number
    stream: string
    nullFraction: number
    bounds: ColumnBounds | null
    unique: boolean
    /** Shared by the table's person columns, so each row's person is made once. */
    people: PersonSource
  },
): (row: number, country: CellValue | undefined) => CellValue {
  const secret = `generate:${ctx.seed}`
  const { people } = ctx
  const domain = emailDomainOf(rule.action)
  // There is no real email to key on: the email is the row's person's, like every other field.
  const emailOf: Rewrite = (_value, entity) => {
    const text = String(entity)
    const at = text.indexOf('\u0000')
    return fitTo(column)(withDomain(people(text.slice(at + 1), plan.locale, text.slice(0, at)).email, domain))
  }
  let fill = field === 'email' ? emailOf : personRewrite(field, column, plan, people)
  if (ctx.unique) fill = distinctRewriter(fill, column)
  const bounded = withinBounds(fill, ctx.bounds, secret)
  const nulls = seededRandom(ctx.seed, ctx.stream, column.name, 'rule-null')
  const nullFraction = column.nullable ? ctx.nullFraction : 0
  return (row, country) =>
    nulls.next() < nullFraction
      ? null
      : bounded(row, personEntity(rowAddressLocale(plan, country), `row:${ctx.stream}:${row}`))
}
