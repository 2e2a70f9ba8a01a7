import { readFile } from 'node:fs/promises'
import mysql from 'mysql2/promise'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { learn } from '../../src/learn/learn.js'
import { formatModelFile, parseModelFile } from '../../src/model/model-file.js'
import { clone } from '../../src/write/clone.js'
import { generate } from '../../src/write/generate-into-target.js'
import { mysqlShowCreate, showCreateDiffs } from '../support/mysql-show-create.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'

const FIXTURE = new URL('../fixtures/mysql-objects/', import.meta.url)
const dialects = testDialects()
const available = (name: string) => dialects.find((d) => d.name === name)?.available === true

const notes = (events: { step: string; message?: string }[]) =>
  events.flatMap((e) => (e.step === 'note' && e.message !== undefined ? [e.message] : []))

async function query(url: string, text: string): Promise<Record<string, unknown>[]> {
  const connection = await mysql.createConnection({ uri: url, multipleStatements: true })
  try {
    const [rows] = await connection.query(text)
    return rows as Record<string, unknown>[]
  } finally {
    await connection.end()
  }
}

describe.skipIf(!available('mysql'))('a MariaDB twin keeps the source schema (issue 16)', () => {
  let source: TestDatabase
  const made: TestDatabase[] = []
  const fresh = async (dialect: 'postgres' | 'mysql') => {
    const database = await createTestDatabase(dialect)
    made.push(database)
    return database
  }

  beforeAll(async () => {
    source = await createTestDatabase('mysql')
    // The server parses each compound statement (a procedure's BEGIN … END) whole.
    for (const file of ['schema.sql', 'rows.sql'])
      await query(source.url, await readFile(new URL(file, FIXTURE), 'utf8'))
  })
  afterAll(async () => {
    for (const database of made) await database.drop()
    await source?.drop()
  })

  it('clones MariaDB into MariaDB with the SHOW CREATE of every object the same', async () => {
    const target = await fresh('mysql')
    const events: { step: string; message?: string }[] = []
    await clone(source.url, target.url, { seed: 3 }, (e) => events.push(e))
    expect(notes(events).filter((n) => /left out|refused|there already/.test(n))).toEqual([])
    const before = await mysqlShowCreate(source.url)
    // Tables, views, the function, the procedure, the trigger and the event.
    expect([...before.keys()].sort()).toEqual([
      'event purge_log',
      'function with_tax',
      'procedure restock',
      'table category',
      'table item',
      'table item_log',
      'table place',
      'table visit',
      'trigger item_logged',
      'view cheap_count',
      'view cheap_item',
    ])
    expect(showCreateDiffs(before, await mysqlShowCreate(target.url))).toEqual([])
    // The visits were written into the partitions their dates choose.
    const [visits] = await query(
      target.url,
      `select (select count(*) from visit) as n, (select count(*) from visit partition (p2024)) as early,
        (select count(*) from visit partition (p2024) where year(visited) >= 2025) as misplaced`,
    )
    expect(Number(visits?.['n'])).toBe(6)
    expect(Number(visits?.['early'])).toBeGreaterThan(0)
    expect(Number(visits?.['misplaced'])).toBe(0)

    // The trigger was created after the load: it fired on no written row, so item_log holds its generated rows only.
    const [logged] = await query(target.url, 'select count(*) as n from item_log')
    expect(Number(logged?.['n'])).toBe(6)
    // An insert that gives no id, code, price or timestamp: AUTO_INCREMENT and the defaults fill them, and the
    // trigger fires now.
    await query(target.url, "insert into item (category_id, title) values (1, 'Fresh')")
    const [fresh1] = await query(
      target.url,
      `select i.code, i.price, i.stock, i.created is not null as created, i.last_update is not null as touched,
        (select count(*) from item_log l where l.note = 'INSERT Fresh' and l.item_id = i.item_id) as fired
       from item i where i.title = 'Fresh'`,
    )
    expect(fresh1).toEqual({ code: 'NEW', price: '4.99', stock: 3, created: 1, touched: 1, fired: 1 })
    const [counted] = await query(target.url, 'select count(*) as n from cheap_count')
    expect(Number(counted?.['n'])).toBe(1)
  })

  it("generates from an untrusted model file with every table's SHOW CREATE the same, and no code", async () => {
    const model = parseModelFile(formatModelFile(await learn(source.url, { seed: 3 })), 'shop.yaml')
    const target = await fresh('mysql')
    const events: { step: string; message?: string }[] = []
    await generate(model, target.url, { seed: 3 }, (e) => events.push(e))
    // Only the code is left out: the tables' options, column definitions, keys and partitioning are written.
    expect(notes(events).filter((n) => /left out/.test(n))).toEqual([
      expect.stringMatching(
        /^left out 1 procedure, 1 function, 2 views, 1 trigger, 1 event \(.*\) of the model file: a model file is untrusted, so its code is not run/,
      ),
    ])
    const tables = (shown: Map<string, string>) =>
      new Map([...shown].filter(([key]) => key.startsWith('table ')))
    const before = tables(await mysqlShowCreate(source.url))
    expect(before.size).toBe(5)
    expect(showCreateDiffs(before, tables(await mysqlShowCreate(target.url)))).toEqual([])
  })

  it.skipIf(!available('postgres'))('leaves them out of a PostgreSQL twin, in one line', async () => {
    const target = await fresh('postgres')
    const events: { step: string; message?: string }[] = []
    await clone(source.url, target.url, { seed: 3 }, (e) => events.push(e))
    expect(notes(events).filter((n) => /MySQL source's schema objects/.test(n))).toEqual([
      expect.stringMatching(
        /^of the MySQL source's schema objects, this PostgreSQL target left out .*\d+ views?.*; translated .* \(each with its reason: --verbose, or the report\); write to MySQL or MariaDB to keep them as they are$/,
      ),
    ])
  })
})
