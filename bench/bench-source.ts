import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

/** The server the benchmarks use: DBTWIN_TEST_PG_URL, else the local default. */
export const ADMIN = process.env['DBTWIN_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/**
 * Runs a benchmark script again in a child process (with tsx, from the repository root), so the figure measured —
 * peak RSS above all — is that one run's, and returns the JSON object the child prints last.
 */
export function measureInChild<T>(script: string, args: readonly string[]): T {
  const root = fileURLToPath(new URL('..', import.meta.url))
  const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(script), ...args], {
    encoding: 'utf8',
    cwd: root,
  })
  if (run.status !== 0) throw new Error(run.stderr)
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as T
}

/** Runs one statement on the benchmark server's admin database (creating and dropping databases). */
export async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

/** The URL of another database on the benchmark server. */
export function benchUrl(database: string): string {
  const url = new URL(ADMIN)
  url.pathname = `/${database}`
  return url.href
}

/** customers (10%), orders (40%), order_items (50%): skewed amounts, a status mix, an FK chain. */
export async function buildBenchSource(database: string, total: number): Promise<void> {
  const check = new pg.Client({ connectionString: ADMIN })
  await check.connect()
  const exists =
    (await check.query('select 1 from pg_database where datname = $1', [database])).rowCount === 1
  await check.end()
  if (exists) return
  await admin(`create database ${database}`)
  const url = new URL(ADMIN)
  url.pathname = `/${database}`
  const client = new pg.Client({ connectionString: url.href })
  await client.connect()
  const customers = Math.round(total * 0.1)
  const orders = Math.round(total * 0.4)
  const items = total - customers - orders
  await client.query(`
    create table customers (id bigint primary key, segment text not null, signup date not null, score numeric(6,2));
    insert into customers select i, (array['retail','smb','enterprise','public'])[1 + (i % 7 > 4)::int + (i % 13 = 0)::int * 2],
      date '2015-01-01' + (i % 3650), case when i % 10 = 0 then null else round((50 + 20 * sin(i))::numeric, 2) end
      from generate_series(1, ${customers}) i;
    create table orders (id bigint primary key, customer_id bigint not null references customers, placed_at timestamp not null,
      amount numeric(12,2) not null, status text not null);
    insert into orders select i, 1 + (hashint4(i)::bigint & 2147483647) % ${customers}, timestamp '2020-01-01' + (i % 2000000) * interval '37 seconds',
      round((exp(3 + 1.2 * ((hashint4(i * 7) & 65535) / 65536.0)))::numeric, 2), (array['open','paid','paid','paid','refunded'])[1 + i % 5]
      from generate_series(1, ${orders}) i;
    create table order_items (order_id bigint not null references orders, line int not null, sku text not null, qty int not null,
      price numeric(10,2) not null, primary key (order_id, line));
    insert into order_items select 1 + (i - 1) % ${orders}, 1 + (i - 1) / ${orders}, 'SKU-' || lpad(((hashint4(i) & 65535) % 5000)::text, 5, '0'),
      1 + (hashint4(i * 3) & 7), round((1 + (hashint4(i * 5) & 1023) / 10.0)::numeric, 2)
      from generate_series(1, ${items}) i;
    analyze;`)
  await client.end()
}
