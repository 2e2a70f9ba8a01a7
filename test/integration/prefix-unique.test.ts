import mysql from 'mysql2/promise'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { learn } from '../../src/learn/learn.js'
import { clone } from '../../src/write/clone.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'

const available = testDialects().find((d) => d.name === 'mysql')?.available === true

async function query<T>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const connection = await mysql.createConnection({ uri: url })
  try {
    return (await connection.query(text, values))[0] as T[]
  } finally {
    await connection.end()
  }
}

describe.skipIf(!available)('a unique key on a column prefix (MariaDB/MySQL, issue 16)', () => {
  let source: TestDatabase
  const made: TestDatabase[] = []

  beforeAll(async () => {
    source = await createTestDatabase('mysql')
    await query(
      source.url,
      'create table book (id int primary key, title varchar(120) not null, unique key uq_title (title(2)))',
    )
    // Unique on their first two characters (10 … 89), alike after: drawn titles share those two often, and a
    // suffix at the end, as whole-value keys get, would leave them the same where the key looks.
    const rows = Array.from({ length: 80 }, (_, i) => [i + 1, `${i + 10} chapter of the story`])
    await query(source.url, 'insert into book (id, title) values ?', [rows])
  })
  afterAll(async () => {
    for (const database of made) await database.drop()
    await source.drop()
  })

  it('reads the prefix length of the key', async () => {
    const model = await learn(source.url, { seed: 1 })
    expect(model.schema.tables[0]?.uniques).toEqual([
      expect.objectContaining({ name: 'uq_title', columns: ['title'], index: true, prefixes: [2] }),
    ])
  })

  it('generates titles unique on the prefix the target checks', async () => {
    for (const seed of [1, 2, 3]) {
      const target = await createTestDatabase('mysql')
      made.push(target)
      await clone(source.url, target.url, { seed })
      const [counts] = await query<{ n: number; prefixes: number }>(
        target.url,
        'select count(*) as n, count(distinct left(title, 2)) as prefixes from book',
      )
      expect(counts).toEqual({ n: 80, prefixes: 80 })
    }
  })
})
