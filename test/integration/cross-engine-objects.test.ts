import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { learn } from '../../src/learn/learn.js'
import type { Model } from '../../src/model/model.js'
import { renderHtml } from '../../src/report/render-html.js'
import { report } from '../../src/report/report-twin.js'
import { generate } from '../../src/write/generate-into-target.js'
import type { WriteEvent } from '../../src/write/write-target.js'
import { runCli } from '../support/run-cli.js'
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.js'

const available = new Map(testDialects().map((d) => [d.name, d.available]))

/** A small PostgreSQL schema with one of each object MySQL cannot hold as it is. */
const SOURCE = `
create domain public.amount as numeric(8,2) check (value > 0);
create table public.account (
  id serial primary key,
  email text not null,
  status text not null check (status in ('open', 'closed')),
  balance public.amount not null,
  touched_at timestamptz not null default now()
);
create index account_open_email on public.account (email) where status = 'open';
create view public.open_accounts as select id, email from public.account where status = 'open';
create function public.touch() returns trigger language plpgsql as $$
begin new.touched_at := now(); return new; end $$;
create trigger account_touch before update on public.account for each row execute function public.touch();
insert into public.account (email, status, balance)
  select 'user' || g || '@example.com', case when g % 3 = 0 then 'closed' else 'open' end, g * 1.25
  from generate_series(1, 40) g;
`

describe.skipIf(available.get('postgres') !== true || available.get('mysql') !== true)(
  'PostgreSQL → MariaDB: each object left out or translated, and why (issue 16)',
  () => {
    let source: TestDatabase
    let model: Model
    const made: TestDatabase[] = []
    const fresh = async () => {
      const database = await createTestDatabase('mysql')
      made.push(database)
      return database
    }

    beforeAll(async () => {
      source = await createTestDatabase('postgres')
      const client = new pg.Client({ connectionString: source.url })
      await client.connect()
      await client.query(SOURCE)
      await client.end()
      model = await learn(source.url, { seed: 1 })
    })
    afterAll(async () => {
      for (const database of made) await database.drop()
      await source.drop()
    })

    it('names every object in the write and in the report, the same in both', async () => {
      const target = await fresh()
      const events: WriteEvent[] = []
      await generate(model, target.url, { seed: 1 }, (e) => events.push(e))
      const notes = events.flatMap((e) => (e.step === 'note' ? [e.message] : []))
      const summary = notes.find((n) => n.startsWith("of the PostgreSQL source's schema objects"))
      expect(summary).toMatch(
        /this MySQL target left out .*; translated .* \(each with its reason: --verbose, or the report\)/,
      )
      for (const counted of ['1 index', '1 view', '1 trigger', '1 function', '1 check', '1 domain'])
        expect(summary).toContain(counted)
      const fates = events.flatMap((e) => (e.step === 'objects' ? e.fates : []))
      expect(fates).toEqual(
        expect.arrayContaining([
          {
            fate: 'left out',
            kind: 'index',
            name: 'public.account_open_email',
            reason: 'a partial index (WHERE …): MySQL has none',
          },
          expect.objectContaining({ fate: 'left out', kind: 'view', name: 'public.open_accounts' }),
          expect.objectContaining({
            fate: 'left out',
            kind: 'trigger',
            name: 'public.account_touch on account',
          }),
          expect.objectContaining({ fate: 'left out', kind: 'function', name: 'public.touch' }),
          expect.objectContaining({ fate: 'translated', kind: 'domain', name: 'public.amount' }),
          expect.objectContaining({
            fate: 'left out',
            kind: 'column default',
            name: 'public.account.touched_at',
            reason: expect.stringContaining('now()') as string,
          }),
          expect.objectContaining({
            fate: 'left out',
            kind: 'check',
            name: 'public.account.account_status_check',
          }),
        ]),
      )

      const twinReport = await report(null, target.url, { model, seed: 1 })
      expect(twinReport.acrossEngines).toEqual({ target: 'mysql', objects: fates })
      const html = renderHtml(twinReport)
      expect(html).toContain('<section id="across-engines">')
      expect(html).toContain('a partial index (WHERE …): MySQL has none')
      // JSON is the report object itself.
      expect(JSON.parse(JSON.stringify(twinReport))).toHaveProperty(
        'acrossEngines.objects.length',
        fates.length,
      )
    })

    it('prints them one a line with --verbose, and only the summary without', async () => {
      const target = await fresh()
      const verbose = await runCli(['clone', '--from', source.url, '--to', target.url, '--verbose'])
      expect(verbose.code, verbose.stderr).toBe(0)
      expect(verbose.stderr).toContain(
        'left out index public.account_open_email: a partial index (WHERE …): MySQL has none',
      )
      expect(verbose.stderr).toMatch(/translated domain public\.amount: MySQL has no domains/)
      const again = await runCli(['clone', '--from', source.url, '--to', target.url, '--drop'])
      expect(again.code, again.stderr).toBe(0)
      expect(again.stderr).toContain("of the PostgreSQL source's schema objects, this MySQL target left out")
      expect(again.stderr).not.toContain('left out index public.account_open_email')
    })
  },
)
