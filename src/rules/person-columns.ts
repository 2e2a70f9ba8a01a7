import { createHmac } from 'node:crypto'
import { cellText, type CellValue } from '../schema/cell-value.js'
import type { Column, Table } from '../schema/schema.js'
import { fakePerson, localeForCountry, type FakePerson, type PersonField } from './fake-person.js'
import type { Rule, RuleAction } from './rule-file.js'
import { fitTo, type Rewrite } from './value-rewriter.js'

/**
 * Which ruled columns of one table share the row's fake person, and how a row finds its person (issue 17.8).
 * Every `faker`/`template` rule that fakes a name, email, username, address part or phone joins, unless it says
 * `person: false`. The person is keyed, in this order, on the row's real email, username, name (first and last,
 * or full), phone — the first of them the row has — so the same real person gives the same fake person in every
 * table that holds one of these; a row with none of them is keyed on its primary key.
 */
export interface PersonPlan {
  /** Column name → the person's field written there. */
  fields: Map<string, PersonField>
  /** The locale names (and so emails and usernames) are made in: the first locale the group's rules name. */
  locale: string
  /** The locale addresses and phones are made in when the row has no country column to say otherwise. */
  addressLocale: string
  /** A column outside the group that says the row's country (`country`, `country_code`…), or null. */
  countryColumn: string | null
  /** The person's key from the row's real values (read by column name), or null when the row has none of them. */
  keyOf(value: (column: string) => CellValue): string | null
}

/** The person field a rule's action fakes, or null for an action that fakes something else. */
export function personFieldOf(action: RuleAction): PersonField | null {
  if (action.kind === 'template') return /@/.test(action.template) ? 'email' : null
  if (action.kind !== 'faker') return null
  const options = action.args[0] as { abbreviated?: unknown } | undefined
  if (action.method === 'location.state')
    return options?.abbreviated === true ? 'stateCode' : action.args.length === 0 ? 'state' : null
  if (action.args.length > 0) return null
  return FAKER_FIELDS[action.method] ?? null
}

const FAKER_FIELDS: Record<string, PersonField> = {
  'person.firstName': 'firstName',
  'person.lastName': 'lastName',
  'person.fullName': 'fullName',
  'internet.email': 'email',
  'internet.exampleEmail': 'email',
  'internet.username': 'username',
  'internet.userName': 'username',
  'location.streetAddress': 'street',
  'location.city': 'city',
  'location.zipCode': 'zip',
  'location.country': 'country',
  'location.countryCode': 'countryCode',
  'phone.number': 'phone',
}

const IDENTITY: ReadonlySet<PersonField> = new Set(['firstName', 'lastName', 'fullName', 'email', 'username'])
const COUNTRY_COLUMN = /^(country|country_?name|country_?code|nation|land|pays|pais)$/i

/**
 * The person plan of a table, or null when no ruled column fakes a person's field.
 *
 * @param ruleOf the rule that rewrites a column, if any
 * @param linked columns that join other tables (foreign keys, referenced keys): they keep their rule's own rewrite,
 *   so both sides of a join stay equal — except an email, whose person rewrite depends on the email alone
 */
export function planPerson(
  table: Table,
  ruleOf: (column: string) => Rule | undefined,
  linked: (column: string) => boolean,
): PersonPlan | null {
  const fields = new Map<string, PersonField>()
  const rules: Rule[] = []
  for (const column of table.columns) {
    const rule = ruleOf(column.name)
    if (rule === undefined || !rule.person) continue
    const field = personFieldOf(rule.action)
    if (field === null || (field !== 'email' && linked(column.name))) continue
    fields.set(column.name, field)
    rules.push(rule)
  }
  if (fields.size === 0) return null
  const localeOf = (rule: Rule) =>
    rule.action.kind === 'faker' || rule.action.kind === 'template' ? rule.action.locale : null
  const identityRule = rules.find((r) => IDENTITY.has(personFieldOf(r.action)!) && localeOf(r) !== null)
  const addressRule = rules.find((r) => !IDENTITY.has(personFieldOf(r.action)!) && localeOf(r) !== null)
  const locale = (identityRule === undefined ? null : localeOf(identityRule)) ?? 'en_US'
  const with_ = (field: PersonField) => [...fields].filter(([, f]) => f === field).map(([c]) => c)
  const [first, last, full] = [with_('firstName')[0], with_('lastName')[0], with_('fullName')[0]]
  const keys: ((value: (column: string) => CellValue) => string | null)[] = [
    ...with_('email').map((c) => keyed('email', c)),
    ...with_('username').map((c) => keyed('username', c)),
    ...(full === undefined ? [] : [keyed('name', full)]),
    ...(first === undefined || last === undefined
      ? []
      : [
          (value: (column: string) => CellValue) => {
            const [f, l] = [value(first), value(last)]
            return f === null || l === null ? null : `name:${norm(f)} ${norm(l)}`
          },
        ]),
    ...with_('phone').map((c) => keyed('phone', c)),
  ]
  const countryColumn =
    table.columns.find((c) => !fields.has(c.name) && COUNTRY_COLUMN.test(c.name))?.name ?? null
  return {
    fields,
    locale,
    addressLocale: (addressRule === undefined ? null : localeOf(addressRule)) ?? locale,
    countryColumn,
    keyOf(value) {
      for (const key of keys) {
        const text = key(value)
        if (text !== null) return text
      }
      return null
    },
  }
}

function keyed(kind: string, column: string) {
  return (value: (column: string) => CellValue) => {
    const v = value(column)
    return v === null || cellText(v).trim() === '' ? null : `${kind}:${norm(v)}`
  }
}

/** Case and surrounding spaces say nothing about who a person is: `Ana@X.com ` is `ana@x.com`. */
function norm(value: Exclude<CellValue, null>): string {
  return cellText(value).trim().toLowerCase()
}

/**
 * The fake people of one run, keyed by a secret: the same key and locales give the same person. The last person
 * is remembered, since a row asks for it once per column.
 */
export function personSource(secret: string) {
  const key = createHmac('sha256', secret).update('dbtwin person').digest()
  let last: { id: string; person: FakePerson } | null = null
  return (keyText: string, locale: string, addressLocale: string): FakePerson => {
    const id = `${locale}\u0000${addressLocale}\u0000${keyText}`
    if (last?.id === id) return last.person
    const digest = createHmac('sha256', key).update(`${locale}\u0000${keyText}`).digest()
    const seed = [0, 4, 8, 12].map((at) => digest.readUInt32LE(at))
    last = { id, person: fakePerson(seed, locale, addressLocale) }
    return last.person
  }
}

export type PersonSource = ReturnType<typeof personSource>

/** The locale a row's addresses are made in: its country's, when it has a country column that names one. */
export function rowAddressLocale(plan: PersonPlan, country: CellValue | undefined): string {
  if (country === null || country === undefined || typeof country === 'object') return plan.addressLocale
  return localeForCountry(String(country)) ?? plan.addressLocale
}

/**
 * The rewrite of one person column. `entity` carries the row's person as `addressLocale\0key` (see
 * personEntity); an email ignores it and keys on its own real value, so it is the same wherever that email is.
 */
export function personRewrite(
  ruled: PersonField,
  column: Column,
  plan: PersonPlan,
  people: PersonSource,
  domain: string | null = null,
): Rewrite {
  const fit = fitTo(column)
  // A state or country column of two or three characters holds the code (`CA`, `DE`), not the name.
  const short = column.length !== null && column.length <= 3
  const field =
    short && ruled === 'state' ? 'stateCode' : short && ruled === 'country' ? 'countryCode' : ruled
  if (field === 'email')
    return (value) =>
      value === null
        ? null
        : fit(withDomain(people(`email:${norm(value)}`, plan.locale, plan.addressLocale).email, domain))
  return (value, entity) => {
    if (value === null) return null
    const text = typeof entity === 'string' ? entity : ''
    const at = text.indexOf('\u0000')
    return fit(people(text.slice(at + 1), plan.locale, text.slice(0, at))[field])
  }
}

/**
 * The domain a rule's email template writes literally (`{{person.firstName}}@corp.example` → `corp.example`), kept
 * for the person's email; null for a template or method that makes its own.
 */
export function emailDomainOf(action: RuleAction): string | null {
  if (action.kind !== 'template') return null
  return /@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)\s*$/.exec(action.template)?.[1] ?? null
}

/** The email at another domain, or as it is when `domain` is null. */
export function withDomain(email: string, domain: string | null): string {
  return domain === null ? email : `${email.slice(0, email.lastIndexOf('@'))}@${domain}`
}

/** What personRewrite reads as the row's person. */
export function personEntity(addressLocale: string, key: string): string {
  return `${addressLocale}\u0000${key}`
}
