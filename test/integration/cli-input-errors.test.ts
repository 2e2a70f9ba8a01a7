import { randomBytes } from 'node:crypto'
import { access, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { sql } from 'kysely'
import mysql from 'mysql2/promise'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { learn } from '../../src/learn/learn.js'
import { formatModelFile } from '../../src/model/model-file.js'
import { runCli, type CliResult } from '../support/run-cli.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'
import { withDatabase } from '../support/twin-checks.js'

/** The pieces of the one password every URL here carries; none may reach the terminal, whole or in part. */
const PIECES = ['zqzq', 'xvxv', 'kwkw', 'jyjy']

/** Exit code 1, exactly one line on stderr that names the fix, no stack frame, no piece of a password. */
function expectOneLine(result: CliResult, line: RegExp): void {
  expect(result.code).not.toBe(0)
  const lines = result.stderr.trimEnd().split('\n')
  expect(lines, result.stderr).toHaveLength(1)
  expect(lines[0]).toMatch(/Fix: \S/)
  expect(lines[0]).toMatch(line)
  expect(result.stderr).not.toMatch(/^\s+at /m)
  for (const piece of PIECES) expect(result.stdout + result.stderr).not.toContain(piece)
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  )

let work: string
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'dbtwin-input-'))
})
afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true })
})

describe('a password never reaches the terminal', () => {
  const urls: [string, RegExp][] = [
    ['PostgreS://app:zqzq@127.0.0.1:1/shop', /no PostgreSQL server answers at postgres:\/\/app:\*\*\*@/],
    ['MYSQL://app:zqzq@127.0.0.1:1/shop', /no MySQL\/MariaDB server answers at mysql:\/\/app:\*\*\*@/],
    ['mariadb://app:zqzq@127.0.0.1:1/shop', /no MySQL\/MariaDB server answers at mariadb:\/\/app:\*\*\*@/],
    ['postgresql://app:zqzq@127.0.0.1:1/shop', /no PostgreSQL server answers/],
    ['postgres://app:zqzq%40xvxv%3Akwkw@127.0.0.1:1/shop', /no PostgreSQL server answers at \S+:\*\*\*@127/],
    [
      'postgres://app:zqzq@xvxv:kwkw/jyjy@127.0.0.1:1/shop',
      /"postgres:\/\/app:\*\*\*@127.0.0.1:1\/shop" is not/,
    ],
    [
      'POSTGRES://app:zqzq%ZZ@127.0.0.1:1/shop',
      /the password in "POSTGRES:\/\/app:\*\*\*@\S+" has a malformed %-escape/,
    ],
    [
      'pglite://%zz',
      /the directory in "pglite:\/\/%zz" has a malformed %-escape\. Fix: write each % in it as %25/,
    ],
  ]
  for (const [url, line] of urls) {
    it(`inspect ${url.replace(/:[^/@]+@/, ':…@')}`, async () => {
      expectOneLine(await runCli(['inspect', url]), line)
    })
  }

  it('masks a URL inside an error message, wherever it comes from', async () => {
    expectOneLine(
      await runCli(['inspect', 'prod=postgres://app:zqzq@db/x']),
      /"prod=postgres:\/\/app:\*\*\*@db\/x" is neither a URL nor a target/,
    )
    expectOneLine(
      await runCli(['check', 'pglite:memory', '--rules', 'MySQL://app:zqzq@db/rules?password=xvxv']),
      /cannot read rules at MySQL:\/\/app:\*\*\*@db\/rules\?password=\*\*\*/,
    )
  })
})

describe('a model file is untrusted input', () => {
  let source: TestDatabase
  let modelText: string
  const table = `../../../../tmp/pwned_${randomBytes(4).toString('hex')}`

  beforeAll(async () => {
    source = await createTestDatabase('pglite')
    await withDatabase(source.url, async ({ db }) => {
      await sql`create table parent (id int primary key, name text)`.execute(db)
      await sql`create table child (id int primary key, parent_id int not null references parent)`.execute(db)
      await sql`create table ${sql.id(table)} (id int primary key)`.execute(db)
      await sql`insert into parent select g, 'p' || g from generate_series(1, 20) g`.execute(db)
      await sql`insert into child select g, 1 + g % 20 from generate_series(1, 40) g`.execute(db)
    })
    modelText = formatModelFile(await learn(source.url))
    await writeFile(join(work, 'model.yaml'), modelText)
  })
  afterAll(async () => {
    await source?.drop()
  })

  it('keeps the files of a table named ../../../../tmp/pwned inside --out', async () => {
    const out = join(work, 'files')
    const result = await runCli(['generate', '--model', join(work, 'model.yaml'), '--out', out])
    expect(result.code, result.stderr).toBe(0)
    for (const position of ['01', '02', '03']) {
      const wouldBe = resolve(join(out, `${position}-public.${table}.csv`))
      expect(wouldBe.startsWith(resolve(out))).toBe(false)
      expect(await exists(wouldBe)).toBe(false)
    }
    const files = await readdir(out)
    expect(files).toHaveLength(3)
    expect(files.filter((f) => f.endsWith(`-public.${table.replaceAll('/', '_')}.csv`))).toHaveLength(1)
  })

  it('refuses a table or column name with a control character or NUL, naming where it is', async () => {
    for (const [i, bad] of ['pa\\u0000rent', 'pa\\nrent'].entries()) {
      const file = join(work, `bad-${i}.yaml`)
      await writeFile(file, modelText.replace('name: parent\n', `name: "${bad}"\n`))
      expectOneLine(
        await runCli(['generate', '--model', file, '--out', join(work, 'never')]),
        /\.yaml:\d+:\d+: schema\.tables\.[\w.]*name: a name may not hold control characters or NUL/,
      )
      expect(await exists(join(work, 'never'))).toBe(false)
    }
  })

  it('refuses the same in a rule file', async () => {
    const rules = join(work, 'control.yaml')
    await writeFile(rules, 'rules:\n  - column: "parent.na\\u0007me"\n    null: true\n')
    expectOneLine(
      await runCli([
        'generate',
        '--model',
        join(work, 'model.yaml'),
        '--out',
        join(work, 'r'),
        '--rules',
        rules,
      ]),
      /control\.yaml:2:\d+: column "parent\.na\\u0007me" is not `schema\.table\.column`/,
    )
  })

  it('refuses --rows for a child table or an unknown one, listing the tables that take a count', async () => {
    const model = join(work, 'model.yaml')
    for (const [rows, why] of [
      ['public.child=5', 'its rows follow from its parents'],
      ['nosuch=5', 'no such table in the model'],
    ] as const) {
      const out = join(work, `rows-${rows}`)
      expectOneLine(
        await runCli(['generate', '--model', model, '--out', out, '--rows', rows]),
        new RegExp(
          `rows for ${rows.split('=')[0]}: ${why}.*Fix: give --rows one of the tables generation .*public\\.parent`,
        ),
      )
      expect(await exists(out)).toBe(false)
    }
    const parentRows = await runCli([
      'generate',
      '--model',
      model,
      '--out',
      join(work, 'p'),
      '--rows',
      'parent=3',
    ])
    expect(parentRows.code, parentRows.stderr).toBe(0)
    const parentFile = (await readdir(join(work, 'p'))).find((f) => f.endsWith('-public.parent.csv'))!
    const parentCsv = await readFile(join(work, 'p', parentFile), 'utf8')
    expect(parentCsv.trimEnd().split('\n')).toHaveLength(1 + 3)
  })

  it('names a missing model file, or a folder in its place', async () => {
    expectOneLine(
      await runCli(['generate', '--model', join(work, 'none.yaml'), '--out', join(work, 'x')]),
      /--model \S+none\.yaml: no such file\. Fix: give --model the path of a file you can read/,
    )
    expectOneLine(
      await runCli(['report', '--model', work, '--twin', 'pglite:memory']),
      /--model \S+: a folder, not a file/,
    )
  })

  it('refuses an --out folder it cannot write in before generating anything', async () => {
    expectOneLine(
      await runCli(['generate', '--model', join(work, 'model.yaml'), '--out', '/sys/kernel']),
      /--out \/sys\/kernel: cannot create files in \/sys\/kernel/,
    )
    const file = join(work, 'a-file')
    await writeFile(file, '')
    expectOneLine(
      await runCli(['generate', '--model', join(work, 'model.yaml'), '--out', join(file, 'sub')]),
      /--out \S+: \S+a-file is not a folder/,
    )
  })
})

describe('output files are checked before any work', () => {
  // The source cannot be reached: an output problem reported first shows it was checked before connecting.
  const source = 'postgres://app:zqzq@127.0.0.1:1/shop'

  it('-o in a missing folder, or naming a folder', async () => {
    const missing = join(work, 'missing', 'model.yaml')
    expectOneLine(
      await runCli(['learn', source, '-o', missing]),
      /--out \S+model\.yaml: folder \S+missing does not exist/,
    )
    expect(await exists(join(work, 'missing'))).toBe(false)
    expectOneLine(await runCli(['inspect', source, '-o', work]), /--out \S+: \S+ is a folder/)
  })

  it('--html and --json where no file can be made, leaving nothing behind', async () => {
    expectOneLine(
      await runCli(['report', '--twin', source, '--html', '/sys/kernel/report.html']),
      /--html \/sys\/kernel\/report\.html: cannot create files in \/sys\/kernel/,
    )
    expectOneLine(
      await runCli(['report', '--twin', source, '--json', join(work, 'no', 'r.json')]),
      /--json \S+r\.json: folder \S+no does not exist/,
    )
    expectOneLine(
      await runCli([
        'subset',
        '--from',
        source,
        '--to',
        'pglite:memory',
        '--root',
        'x limit 1',
        '--report',
        work,
      ]),
      /--report \S+: \S+ is a folder/,
    )
  })

  it('a missing --config', async () => {
    expectOneLine(
      await runCli([
        'subset',
        '--config',
        join(work, 'subset.yaml'),
        '--from',
        source,
        '--to',
        'pglite:memory',
      ]),
      /--config \S+subset\.yaml: no such file/,
    )
  })

  it('counts that must be 1 or more', async () => {
    for (const args of [
      ['report', '--twin', source, '--max-rows', '0'],
      ['learn', source, '--min-count', '0'],
      ['learn', source, '--sample-rows', '0'],
    ]) {
      expectOneLine(await runCli(args), new RegExp(`${args.at(-2)} <\\w+>' argument '0' is invalid.*≥ 1`))
    }
  })
})

describe('a folder that is not a PGlite database', () => {
  it('refuses a non-empty folder without PG_VERSION, and writes nothing into it', async () => {
    const folder = join(work, 'documents')
    await mkdir(folder)
    await writeFile(join(folder, 'notes.txt'), 'mine')
    expectOneLine(
      await runCli(['inspect', `pglite://${folder}`]),
      /holds files but no PGlite database \(no PG_VERSION\)\. Fix: name a PGlite database folder, or a new or empty/,
    )
    expect(await readdir(folder)).toEqual(['notes.txt'])
  })

  it('refuses /proc at once, and a folder it cannot write in', async () => {
    expectOneLine(await runCli(['inspect', 'pglite:///proc/self']), /holds files but no PGlite database/)
    const unwritable = await runCli(['inspect', 'pglite:///sys/kernel/dbtwin'])
    expectOneLine(unwritable, /cannot create files in \/sys\/kernel/)
    expect(unwritable.stderr).not.toContain('[object Object]')
  })
})

const servers = inject('serverUrls')
for (const dialect of testDialects().filter((d) => d.name !== 'pglite')) {
  describe.skipIf(!dialect.available)(`permission denied on a ${dialect.name} table`, () => {
    const login = `dbtwin_ro_${randomBytes(4).toString('hex')}`
    let database: TestDatabase
    let url: string

    beforeAll(async () => {
      database = await createTestDatabase(dialect.name)
      const dbUrl = new URL(database.url)
      dbUrl.username = login
      dbUrl.password = PIECES.join('')
      url = dbUrl.href
      if (dialect.name === 'postgres') {
        const client = new pg.Client({ connectionString: database.url })
        await client.connect()
        await client.query(`create role ${login} login password '${PIECES.join('')}'`)
        await client.query(
          'create table open_table (id int primary key); create table secret (id int primary key, email text)',
        )
        await client.query(`grant select on open_table to ${login}`)
        await client.end()
      } else {
        const connection = await mysql.createConnection({ uri: database.url })
        await connection.query(`create user '${login}'@'%' identified by '${PIECES.join('')}'`)
        await connection.query('create table open_table (id int primary key)')
        await connection.query('create table secret (id int primary key, email text)')
        await connection.query(`grant select on \`${database.name}\`.open_table to '${login}'@'%'`)
        // INSERT alone shows the table to the login, which then may not read it.
        await connection.query(`grant insert on \`${database.name}\`.secret to '${login}'@'%'`)
        await connection.end()
      }
    })
    afterAll(async () => {
      await database?.drop()
      const admin = servers[dialect.name as 'postgres' | 'mysql']
      if (admin === null || admin === undefined) return
      if (dialect.name === 'postgres') {
        const client = new pg.Client({ connectionString: admin })
        await client.connect()
        await client.query(`drop role if exists ${login}`)
        await client.end()
      } else {
        const connection = await mysql.createConnection({ uri: admin })
        await connection.query(`drop user if exists '${login}'@'%'`)
        await connection.end()
      }
    })

    it('scan names the table and the GRANT it needs', async () => {
      const result = await runCli(['scan', url])
      expectOneLine(
        result,
        dialect.name === 'postgres'
          ? new RegExp(
              `login ${login} cannot SELECT from table public\\.secret.*Fix: run GRANT SELECT ON public\\.secret TO ${login}`,
            )
          : new RegExp(
              `login '${login}'@'%' cannot SELECT from table ${database.name}\\.secret.*Fix: run GRANT SELECT ON \`${database.name}\`\\.\`secret\` TO '${login}'@`,
            ),
      )
    })
  })
}
