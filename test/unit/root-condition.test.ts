import { describe, expect, it } from 'vitest'
import { DbtwinError } from '../../src/errors.js'
import { rootConditionProblem } from '../../src/schema/root-condition.js'
import { parseRoot, parseSubsetConfig } from '../../src/subset/subset-options.js'

/** Conditions both engines run, as users write them. */
const BOTH = [
  'store_id = 1',
  "last_name like 'S%' and active = 1",
  'customer_id in (select customer_id from rental where inventory_id between 10 and 20)',
  "email is not null and (store_id = 2 or first_name in ('MARY', 'PATRICIA'))",
  "note = 'it''s; -- not a comment /* nor this */ commit'",
  'amount >= 2.5e1 and amount < .99e3',
  'coalesce(address_id, 0) > 5 and mod(customer_id, 7) = 3',
  "replace(last_name, 'A', 'B') = 'BBB'",
  'last_update > create_date',
  'exists (select 1 from payment p where p.customer_id = customer.customer_id and p.amount > 5)',
  "substring(first_name from 1 for 2) = 'MA'",
  "first_name = 'back\\\\slash'",
  'note = \'say \\"hi\\"\'',
]

const POSTGRES_ONLY = [
  "create_date::date >= date '2006-01-01'",
  "email ~ '^[a-z]+\\.'",
  "last_update > now() - interval '1 day'",
  'activebool and "customer"."store_id" = 1',
  'note = $$ ; commit; drop table customer; $$',
  "note = $tag$it's $$ fine$tag$",
  '"select" = \'quoted names are names\'',
  'tags @> array[1, 2]',
]

const MYSQL_ONLY = [
  "create_date >= '2006-01-01' and `store_id` = 1",
  'note = "double quoted text; commit"',
  "insert(first_name, 1, 1, 'X') = 'XARY'",
  "last_name regexp '^S' and `select` = 1",
]

describe('root conditions', () => {
  it.each(BOTH)('accepts %s on both engines', (condition) => {
    expect(rootConditionProblem(condition, 'postgres')).toBeNull()
    expect(rootConditionProblem(condition, 'mysql')).toBeNull()
  })
  it.each(POSTGRES_ONLY)('accepts %s on PostgreSQL', (condition) => {
    expect(rootConditionProblem(condition, 'postgres')).toBeNull()
    expect(rootConditionProblem(condition, 'pglite')).toBeNull()
  })
  it.each(MYSQL_ONLY)('accepts %s on MySQL', (condition) => {
    expect(rootConditionProblem(condition, 'mysql')).toBeNull()
  })

  it.each([
    [
      '1=1; commit; set default_transaction_read_only=off; commit; create table public.x(i int); --',
      /^";" \(character 4\)$/,
    ],
    ['1=1) union select password from staff where (1=1', /"\)" without its "\("/],
    ['(1=1', /"\(" left open/],
    ['1=1 -- and store_id = 1', /the comment "--"/],
    ['1=1 /* hidden */', /the comment "\/\*"/],
    ['pg_sleep(10) is not null', /the function pg_sleep\(\)/],
    ['pg_catalog.pg_sleep (10) is not null', /the function pg_sleep\(\)/],
    ['"pg_sleep"(10) is not null', /the function pg_sleep\(\)/],
    ["set_config('default_transaction_read_only', 'off', false) = 'off'", /set_config\(\)/],
    ["length(pg_read_file('/etc/passwd')) > 0", /pg_read_file\(\)/],
    ["lo_import('/etc/passwd') > 0", /lo_import\(\)/],
    ["dblink_exec('dbname=x', 'drop table y') = 'ok'", /dblink_exec\(\)/],
    ["query_to_xml('select 1', true, true, '') is not null", /query_to_xml\(\)/],
    ["nextval('customer_customer_id_seq') > 0", /nextval\(\)/],
    ['pg_terminate_backend(1234)', /pg_terminate_backend\(\)/],
    ['customer_id in (select customer_id from rental for update)', /locking clause "for update"/],
    ['customer_id in (select customer_id from rental for share)', /locking clause "for share"/],
    ['customer_id in (select customer_id from rental for key share)', /locking clause "for key"/],
    ["1=1 into outfile '/tmp/x'", /"into"/],
    ['store_id in (with d as (delete from payment returning customer_id) select * from d)', /"delete"/],
    ['commit', /"commit"/],
    ["note = E'\\' ; drop table customer; '", /escaped quote/],
    ["note = 'open", /literal left open/],
    ['note = $$ open', /literal \$\$ left open/],
    ['"open = 1', /quoted name left open/],
    ['1e5into outfile', /"into"/],
  ])('refuses %s on PostgreSQL', (condition, problem) => {
    expect(rootConditionProblem(condition, 'postgres')).toMatch(problem)
  })

  it.each([
    ["1=1 into outfile '/tmp/x.txt'", /"into"/],
    ["1=1 union select 1 into dumpfile '/tmp/x'", /"into"/],
    ['1=1 # comment', /the comment "#"/],
    ["note = 'a\\' ; drop table customer; '", /escaped quote/],
    ['note = "a\\" ; commit; "', /escaped quote/],
    ['note = $$ ; commit; $$', /";"/],
    ['sleep(5) = 0', /the function sleep\(\)/],
    ['`sleep`(5) = 0', /the function sleep\(\)/],
    ['"sleep"(5) = 0', /the function sleep\(\)/],
    ["benchmark(100000000, md5('x')) = 0", /benchmark\(\)/],
    ["load_file('/etc/passwd') is not null", /load_file\(\)/],
    ["get_lock('x', 10) = 1", /get_lock\(\)/],
    ['customer_id in (select customer_id from rental lock in share mode)', /"lock"/],
    ['1e5into outfile', /"into"/],
    ["1=1 /*!50000 into outfile '/tmp/x' */", /the comment "\/\*"/],
  ])('refuses %s on MySQL', (condition, problem) => {
    expect(rootConditionProblem(condition, 'mysql')).toMatch(problem)
  })

  it('refuses a statement word used as a bare name, and takes it quoted', () => {
    expect(rootConditionProblem("start > '2020-01-01'", 'postgres')).toMatch(/"start"/)
    expect(rootConditionProblem(`"start" > '2020-01-01'`, 'postgres')).toBeNull()
    expect(rootConditionProblem("`start` > '2020-01-01'", 'mysql')).toBeNull()
  })

  it('names the root and the fix in one line, from a flag and from a config file', () => {
    const refusal = (parse: () => unknown) => {
      try {
        parse()
      } catch (error) {
        return error
      }
      throw new Error('not refused')
    }
    const flag = refusal(() => parseRoot('public.customer where 1=1;\ncommit', 'postgres'))
    expect(flag).toBeInstanceOf(DbtwinError)
    const line = (flag as DbtwinError).toLine()
    expect(line).toBe(
      'root "public.customer where 1=1; commit": ";" (character 4) has no place in a root condition. Fix: a root condition is one boolean expression, e.g. "public.customer where store_id = 1 and customer_id in (select customer_id from public.rental)"; a column named like a SQL keyword goes in quotes',
    )
    const file = refusal(() =>
      parseSubsetConfig(
        'roots: ["public.store", "public.customer where sleep(5) = 0"]',
        'subset.yaml',
        'mysql',
      ),
    ) as DbtwinError
    expect(file.code).toBe('FILE_INVALID')
    expect(file.message).toBe(
      'subset.yaml:1:25: roots.1: root "public.customer where sleep(5) = 0": the function sleep() (character 1) has no place in a root condition',
    )
    // Without a dialect (a library caller), parsing leaves the check to subset().
    expect(parseRoot('public.customer where 1=1; commit')).toMatchObject({ kind: 'where' })
  })
})
