#!/usr/bin/env python3
"""
A structure-free fill of a PostgreSQL database: the floor a quality score must tell apart from a twin (issue 19).

The target gets the source's tables (`dbtwin generate --schema-only` from a model), the source's row counts, and
values that learn nothing: every key a uniformly random parent, every other value uniform within its column's type
(integers over the type's range, numeric(p, s) within ±10^(p-s), dates and times between the years 1000 and 9999,
booleans and enum labels uniform, text random letters, char(n) n of them). Partition keys and domain-typed columns
stay within the source column's range so the rows can land (pagila's payment partitions, its `year` domain).
Columns of no comparable type (arrays, tsvector, bytea) are NULL where allowed, else their empty value.

    python3 bench/random-fill.py postgres://postgres@127.0.0.1:5432/pagila \
        postgres://postgres@127.0.0.1:5432/h_d19_pagila_random --model pagila.model.yaml [--seed 1]

then compare: python3 bench/sdmetrics-check.py <source> <target>
"""

import argparse
import datetime
import importlib.util
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
_spec = importlib.util.spec_from_file_location('sdmetrics_check', os.path.join(HERE, 'sdmetrics-check.py'))
check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check)

INT_RANGE = {'smallint': 2**15 - 1, 'integer': 2**31 - 1, 'bigint': 2**53 - 1}
EPOCH_LOW = datetime.datetime(1000, 1, 1, tzinfo=datetime.timezone.utc).timestamp()
EPOCH_HIGH = datetime.datetime(9999, 12, 31, tzinfo=datetime.timezone.utc).timestamp()
EMPTY = {'ARRAY': '{}', 'tsvector': '', 'bytea': '\\\\x'}


def dbtwin(*args):
    subprocess.run(['node', '--import', 'tsx', 'src/cli/run.ts', 'generate', *args], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL)


def letters(rng, n):
    return ''.join(rng.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(n))


def when(rng, low, high, kind):
    t = datetime.datetime.fromtimestamp(rng.uniform(low, high), tz=datetime.timezone.utc)
    return t.strftime('%Y-%m-%d') if kind == 'date' else t.strftime('%Y-%m-%d %H:%M:%S+00')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('source')
    parser.add_argument('target')
    parser.add_argument('--model', required=True, help='a model of the source, for the target tables')
    parser.add_argument('--seed', type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    tables = check.catalog(args.source)
    counts = {t['oid']: check.rows_of(args.source, f'select count(*) as n from {check.qualified(t)}')[0]['n'] for t in tables}
    enums = {}
    for r in check.rows_of(args.source, 'select t.typname as t, e.enumlabel as l from pg_enum e join pg_type t on t.oid = e.enumtypid order by e.enumsortorder'):
        enums.setdefault(r['t'], []).append(r['l'])
    pinned = {(r['t'], r['c']) for r in check.rows_of(
        args.source,
        """select p.partrelid::int as t, a.attname as c from pg_partitioned_table p
           join pg_attribute a on a.attrelid = p.partrelid and a.attnum = any(p.partattrs::int2[])""")}
    domains = {(r['schema'], r['name'], r['column']) for r in check.rows_of(
        args.source,
        """select table_schema as schema, table_name as name, column_name as column from information_schema.columns
           where domain_name is not null""")}
    columns = {
        (r['schema'], r['name'], r['column']): r
        for r in check.rows_of(
            args.source,
            """select table_schema as schema, table_name as name, column_name as column, is_nullable = 'YES' as nullable,
                      character_maximum_length as length, numeric_precision as precision, numeric_scale as scale
               from information_schema.columns""")
    }
    uniques = check.rows_of(
        args.source,
        """select i.indrelid::int as t, array(select a.attname from unnest(i.indkey) k
                  join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k) as cols
           from pg_index i where i.indisunique""")

    dbtwin('--model', args.model, '--to', args.target, '--create', '--schema-only', '--seed', str(args.seed))
    for t in tables:
        n = counts[t['oid']]
        keys = {c: fk for fk in t['fks'] for c in fk['cols']}
        unique_sets = [u['cols'] for u in uniques if u['t'] == t['oid']]

        def range_of(name):
            [r] = check.rows_of(args.source, f'select min({check.ident(name)}) as lo, max({check.ident(name)}) as hi from {check.qualified(t)}')
            return r

        def draw_column(column):
            name, kind = column['column'], column['type']
            info = columns[(t['schema'], t['name'], name)]
            if name in t['pk'] and name not in keys and kind in INT_RANGE:
                return [str(i + 1) for i in range(n)]
            if name in keys:
                fk = keys[name]
                parents = counts[fk['parent']['oid']]
                single_unique = [name] in unique_sets
                if single_unique:
                    return [str(i + 1) for i in rng.sample(range(parents), n)]
                return [str(rng.randrange(parents) + 1) for _ in range(n)]
            if (t['oid'], name) in pinned or (t['schema'], t['name'], name) in domains:
                if kind in check.DATETIME:
                    lo, hi = (check.rows_of(args.source, f'select extract(epoch from min({check.ident(name)}))::float8 as lo, extract(epoch from max({check.ident(name)}))::float8 as hi from {check.qualified(t)}')[0][k] for k in ('lo', 'hi'))
                    return [when(rng, lo, hi, kind) for _ in range(n)]
                r = range_of(name)
                return [str(rng.randint(int(r['lo']), int(r['hi']))) for _ in range(n)]
            if kind in INT_RANGE:
                m = INT_RANGE[kind]
                return [str(rng.randint(-m, m)) for _ in range(n)]
            if kind == 'numeric':
                p, s = info['precision'] or 12, info['scale'] or 0
                m = 10 ** (p - s) - 10 ** -s
                return [f'{rng.uniform(-m, m):.{s}f}' for _ in range(n)]
            if kind in ('real', 'double precision'):
                return [repr(rng.uniform(-1e6, 1e6)) for _ in range(n)]
            if kind in check.DATETIME:
                return [when(rng, EPOCH_LOW, EPOCH_HIGH, kind) for _ in range(n)]
            if kind == 'boolean':
                return [rng.choice(('t', 'f')) for _ in range(n)]
            if column['typtype'] == 'e':
                return [rng.choice(enums[column['udt']]) for _ in range(n)]
            if kind == 'character':
                return [letters(rng, info['length'] or 1) for _ in range(n)]
            if kind in check.TEXT:
                top = min(info['length'] or 20, 20)
                return [letters(rng, rng.randint(1, top)) for _ in range(n)]
            return ['\\N' if info['nullable'] else EMPTY.get(kind, '') for _ in range(n)]

        names = [c['column'] for c in t['columns']]
        values = [draw_column(c) for c in t['columns']]
        rows = list(zip(*values))
        # Keys made of foreign keys (film_actor's pair) must not repeat: draw again until they do not.
        for cols in [u for u in unique_sets if len(u) > 1 and all(c in keys for c in u)]:
            at = [names.index(c) for c in cols]
            seen = set()
            for i, row in enumerate(rows):
                row = list(row)
                while tuple(row[j] for j in at) in seen:
                    for j in at:
                        row[j] = str(rng.randrange(counts[keys[names[j]]['parent']['oid']]) + 1)
                seen.add(tuple(row[j] for j in at))
                rows[i] = tuple(row)
        data = ''.join('\t'.join(r) + '\n' for r in rows)
        column_list = ', '.join(check.ident(c) for c in names)
        subprocess.run(['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', args.target, '-c',
                        f'copy {check.qualified(t)} ({column_list}) from stdin'], input=data, text=True, check=True)
        print(f'{t["schema"]}.{t["name"]}: {n} rows', file=sys.stderr)
    dbtwin('--model', args.model, '--to', args.target, '--constraints-only', '--seed', str(args.seed))


if __name__ == '__main__':
    main()
