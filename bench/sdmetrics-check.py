#!/usr/bin/env python3
"""
An independent check of `dbtwin report`'s quality score against SDMetrics' published formulas (issue 19).

SDMetrics cannot be installed here and its code may not be copied (license): this file implements the metrics
from their documentation pages only (docs.sdv.dev/sdmetrics: KSComplement, TVComplement, CorrelationSimilarity,
ContingencySimilarity, CardinalityShapeSimilarity, the multi-table Quality Report), in plain Python 3 with no
package, reading both databases through `psql` with its own simple catalog queries and whole tables (no
sampling). It then runs `dbtwin report --json` on the same pair and prints each property both ways.

    python3 bench/sdmetrics-check.py postgres://postgres@127.0.0.1:5432/pagila \
        postgres://postgres@127.0.0.1:5432/h_d19_pagila [--report report.json] [--max-rows N] [--details]

What the documentation defines, and how it is read here:
- Column Shapes: KSComplement (1 - the largest gap between the two empirical CDFs) for numerical and datetime
  columns, TVComplement (1 - half the summed absolute differences of category frequencies) for categorical and
  boolean ones; both ignore missing values. The property is the mean over every column of every table.
- Column Pair Trends: CorrelationSimilarity (1 - |r_real - r_synth| / 2, Pearson by default, missing rows dropped)
  for two numerical/datetime columns; ContingencySimilarity (1 - half the summed absolute differences of the
  normalized contingency tables, missing values one more category) for any other pair, numerical and datetime
  columns first cut into 10 bins whose edges come from the real data only. Mean over every pair of every table.
- Cardinality: CardinalityShapeSimilarity, the KSComplement of the number of children of each parent row (an
  integer >= 0, so childless parents count as 0), per relationship; the property is the mean over relationships.
- Intertable Trends: per relationship, the child rows joined to their parent row, and the Column Pair Trends
  metric of every parent column against every child column; mean over all such pairs of all relationships.
- Overall score: the plain mean of the four properties.

Metadata (which SDMetrics takes as an input, not a formula) is derived the way docs/cli.md says dbtwin derives it:
primary and foreign key columns are ids and left out; text with at most 50 distinct values, each repeated on
average (distinct <= half the non-null values), is categorical; other text is left out; enums and booleans are
categorical. Both sides agree on it by construction, so what is checked is the arithmetic and the aggregation.
"""

import argparse
import bisect
import json
import math
import os
import subprocess
import sys
import tempfile
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

NUMERIC = {'smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision'}
DATETIME = {'date', 'timestamp without time zone', 'timestamp with time zone'}
TEXT = {'character', 'character varying', 'text'}
CATEGORY_LIMIT = 50
BINS = 10


# ---------------------------------------------------------------------------------------------------------------
# Reading: psql, one JSON object per row (no driver needed)


def psql(url, query):
    out = subprocess.run(
        ['psql', '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', query],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def rows_of(url, query):
    return psql(url, f'select row_to_json(row_)::text from ({query}) row_')


def ident(name):
    return '"' + name.replace('"', '""') + '"'


def catalog(url):
    """Tables (partitions folded into their parent) with their columns, primary key and foreign keys."""
    tables = rows_of(
        url,
        """select c.oid::int as oid, n.nspname as schema, c.relname as name from pg_class c
           join pg_namespace n on n.oid = c.relnamespace
           where c.relkind in ('r', 'p') and not c.relispartition
             and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
           order by 2, 3""",
    )
    columns = rows_of(
        url,
        """select table_schema as schema, table_name as name, column_name as column, data_type as type,
                  udt_name as udt, (select t.typtype::text from pg_type t where t.typname = c.udt_name limit 1) as typtype
           from information_schema.columns c order by ordinal_position""",
    )
    keys = rows_of(
        url,
        # A partitioned table's foreign keys may be declared on each partition alone (pagila's payment): they are
        # the parent's, once.
        """select coalesce(pg_partition_root(k.conrelid), k.conrelid)::oid::int as oid, k.contype::text as kind,
                  k.conname as name,
                  array(select a.attname from unnest(k.conkey) with ordinality u(n, i)
                        join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.i) as cols,
                  k.confrelid::int as parent,
                  array(select a.attname from unnest(k.confkey) with ordinality u(n, i)
                        join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n order by u.i) as pcols
           from pg_constraint k where k.contype in ('p', 'f') and k.conparentid = 0 order by k.conname""",
    )
    by_oid = {}
    for t in tables:
        t['columns'] = [c for c in columns if c['schema'] == t['schema'] and c['name'] == t['name']]
        t['pk'] = []
        t['fks'] = []
        by_oid[t['oid']] = t
    for k in keys:
        t = by_oid.get(k['oid'])
        if t is None:
            continue
        if k['kind'] == 'p':
            t['pk'] = t['pk'] or k['cols']
        elif k['parent'] in by_oid and not any(
            f['cols'] == k['cols'] and f['parent']['oid'] == k['parent'] and f['pcols'] == k['pcols'] for f in t['fks']
        ):
            t['fks'].append({'name': k['name'], 'cols': k['cols'], 'parent': by_oid[k['parent']], 'pcols': k['pcols']})
    return tables


def qualified(t):
    return f'{ident(t["schema"])}.{ident(t["name"])}'


def select_expression(column, sdtype, prefix=''):
    c = prefix + ident(column['column'])
    if sdtype == 'datetime':
        return f'extract(epoch from {c})::float8'
    if sdtype == 'numerical':
        return f'{c}::float8'
    if column['type'] == 'character':
        return f'rtrim({c})'
    return f'{c}::text'


def sdtype_of(url, table, column, ids):
    """SDMetrics' sdtype of a column, or None when the quality report leaves it out (ids, free text, others)."""
    if column['column'] in ids:
        return None
    kind = column['type']
    if kind in NUMERIC:
        return 'numerical'
    if kind in DATETIME:
        return 'datetime'
    if kind == 'boolean' or column['typtype'] == 'e':
        return 'categorical'
    if kind in TEXT:
        c = ident(column['column'])
        [stats] = rows_of(url, f'select count(distinct {c}) as d, count({c}) as n from {qualified(table)}')
        return 'categorical' if stats['d'] <= CATEGORY_LIMIT and stats['d'] <= 0.5 * stats['n'] else None
    return None


# ---------------------------------------------------------------------------------------------------------------
# The metrics, as the documentation states them


def ks_complement(real, synth):
    """1 - max over every observed value v of |F_real(v) - F_synth(v)|, the empirical CDFs; missing ignored."""
    r = sorted(v for v in real if v is not None)
    s = sorted(v for v in synth if v is not None)
    if not r or not s:
        return 1.0 if len(r) == len(s) else 0.0
    gap = 0.0
    for v in set(r) | set(s):
        gap = max(gap, abs(bisect.bisect_right(r, v) / len(r) - bisect.bisect_right(s, v) / len(s)))
    return 1.0 - gap


def tv_complement(real, synth):
    """1 - TVD, TVD = 1/2 sum over categories of |R_w - S_w|, frequencies as proportions; missing ignored."""
    r = Counter(v for v in real if v is not None)
    s = Counter(v for v in synth if v is not None)
    nr, ns = sum(r.values()), sum(s.values())
    if nr == 0 or ns == 0:
        return 1.0 if nr == ns else 0.0
    return 1.0 - 0.5 * sum(abs(r[w] / nr - s[w] / ns) for w in set(r) | set(s))


def pearson(xs, ys):
    pairs = [(x, y) for x, y in zip(xs, ys) if x is not None and y is not None]
    n = len(pairs)
    if n < 2:
        return None
    mx = sum(x for x, _ in pairs) / n
    my = sum(y for _, y in pairs) / n
    sxx = sum((x - mx) ** 2 for x, _ in pairs)
    syy = sum((y - my) ** 2 for _, y in pairs)
    if sxx == 0 or syy == 0:
        return None
    sxy = sum((x - mx) * (y - my) for x, y in pairs)
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


def correlation_similarity(real_x, real_y, synth_x, synth_y):
    """1 - |S - R| / 2 with Pearson's coefficients; None when either is undefined (a constant side)."""
    r = pearson(real_x, real_y)
    s = pearson(synth_x, synth_y)
    if r is None or s is None:
        return None
    return 1.0 - abs(s - r) / 2.0


def bin_edges(real):
    """10 equal-width bins over the real values' range; a single value is widened by 0.5 either side."""
    values = [v for v in real if v is not None]
    if not values:
        return None
    lo, hi = min(values), max(values)
    if lo == hi:
        lo, hi = lo - 0.5, hi + 0.5
    return [lo + (hi - lo) * k / BINS for k in range(1, BINS)]


def discretize(values, inner):
    """A bin number per value, values past the real range in the outer bins; missing values their own bin."""
    if inner is None:
        return ['missing' if v is None else 'all' for v in values]
    return ['missing' if v is None else bisect.bisect_right(inner, v) for v in values]


def contingency_similarity(real_a, real_b, synth_a, synth_b):
    """1 - 1/2 sum over (a, b) of |S_ab - R_ab| on the normalized contingency tables; missing = one category."""
    r = Counter(zip(real_a, real_b))
    s = Counter(zip(synth_a, synth_b))
    nr, ns = sum(r.values()), sum(s.values())
    # Undefined in the documentation: no real rows (film -> language by original_language_id, never set in pagila)
    # leave nothing to compare, so the pair is left out; real rows and no synthetic ones are as different as can be.
    if nr == 0:
        return None
    if ns == 0:
        return 0.0
    return 1.0 - 0.5 * sum(abs(r[k] / nr - s[k] / ns) for k in set(r) | set(s))


def pair_trend(a, b):
    """The Column Pair Trends metric of two columns, each (sdtype, real values, synthetic values)."""
    (ta, ra, sa), (tb, rb, sb) = a, b
    continuous = ('numerical', 'datetime')
    if ta in continuous and tb in continuous:
        return correlation_similarity(ra, rb, sa, sb)
    if ta in continuous:
        edges = bin_edges(ra)
        ra, sa = discretize(ra, edges), discretize(sa, edges)
    if tb in continuous:
        edges = bin_edges(rb)
        rb, sb = discretize(rb, edges), discretize(sb, edges)
    return contingency_similarity(ra, rb, sa, sb)


def mean(xs):
    xs = [x for x in xs if x is not None]
    return sum(xs) / len(xs) if xs else None


# ---------------------------------------------------------------------------------------------------------------
# The multi-table quality report


def reference(real_url, synth_url):
    tables = catalog(real_url)
    sdtypes = {}
    for t in tables:
        ids = set(t['pk']) | {c for fk in t['fks'] for c in fk['cols']}
        sdtypes[t['oid']] = {}
        for column in t['columns']:
            kind = sdtype_of(real_url, t, column, ids)
            if kind is not None:
                sdtypes[t['oid']][column['column']] = (kind, column)

    def read(url, t):
        kinds = sdtypes[t['oid']]
        if not kinds:
            return {}
        select = ', '.join(f'{select_expression(c, k)} as {ident(n)}' for n, (k, c) in kinds.items())
        data = rows_of(url, f'select {select} from {qualified(t)}')
        return {n: (k, [r[n] for r in data]) for n, (k, _) in kinds.items()}

    shapes, pairs, cardinality, intertable = {}, {}, {}, {}
    for t in tables:
        name = f'{t["schema"]}.{t["name"]}'
        real, synth = read(real_url, t), read(synth_url, t)
        names = list(real)
        for n in names:
            kind, rv = real[n]
            sv = synth[n][1]
            shapes[(name, n)] = tv_complement(rv, sv) if kind == 'categorical' else ks_complement(rv, sv)
        for i, x in enumerate(names):
            for y in names[i + 1 :]:
                score = pair_trend((real[x][0], real[x][1], synth[x][1]), (real[y][0], real[y][1], synth[y][1]))
                if score is not None:
                    pairs[(name,) + tuple(sorted((x, y)))] = score
        for fk in t['fks']:
            parent = fk['parent']
            cardinality[(name, fk['name'])] = ks_complement(
                children_per_parent(real_url, t, fk), children_per_parent(synth_url, t, fk)
            )
            pkinds, ckinds = sdtypes[parent['oid']], sdtypes[t['oid']]
            if not pkinds or not ckinds:
                continue
            rj, sj = joined(real_url, t, fk, pkinds, ckinds), joined(synth_url, t, fk, pkinds, ckinds)
            for p, (pk, _) in pkinds.items():
                for c, (ck, _) in ckinds.items():
                    score = pair_trend((pk, rj['p.' + p], sj['p.' + p]), (ck, rj['c.' + c], sj['c.' + c]))
                    if score is not None:
                        intertable[(name, fk['name'], p, c)] = score
    properties = {
        'columnShapes': mean(shapes.values()),
        'columnPairs': mean(pairs.values()),
        'cardinality': mean(cardinality.values()),
        'interTable': mean(intertable.values()),
    }
    properties['score'] = mean(properties.values())
    return properties, {'columnShapes': shapes, 'columnPairs': pairs, 'cardinality': cardinality, 'interTable': intertable}


def children_per_parent(url, child, fk):
    """One integer per parent row: how many child rows refer to it (0 for none)."""
    pkey = ', '.join(ident(c) for c in fk['pcols'])
    ckey = ', '.join(ident(c) for c in fk['cols'])
    set_ = ' and '.join(f'{ident(c)} is not null' for c in fk['cols'])
    parents = [tuple(r.values()) for r in rows_of(url, f'select {pkey} from {qualified(fk["parent"])}')]
    refs = Counter(tuple(r.values()) for r in rows_of(url, f'select {ckey} from {qualified(child)} where {set_}'))
    return [refs.get(p, 0) for p in parents]


def joined(url, child, fk, pkinds, ckinds):
    """The denormalized rows: every child row with its parent row's columns (p.<name>) beside its own (c.<name>)."""
    on = ' and '.join(f'c.{ident(c)} = p.{ident(pc)}' for c, pc in zip(fk['cols'], fk['pcols']))
    select = [f'{select_expression(col, k, "p.")} as {ident("p." + n)}' for n, (k, col) in pkinds.items()]
    select += [f'{select_expression(col, k, "c.")} as {ident("c." + n)}' for n, (k, col) in ckinds.items()]
    data = rows_of(url, f'select {", ".join(select)} from {qualified(child)} c join {qualified(fk["parent"])} p on {on}')
    names = [f'p.{n}' for n in pkinds] + [f'c.{n}' for n in ckinds]
    return {n: [r[n] for r in data] for n in names}


# ---------------------------------------------------------------------------------------------------------------
# dbtwin's side, and the comparison


def dbtwin_report(real_url, synth_url, max_rows, path):
    if path is None:
        path = os.path.join(tempfile.mkdtemp(prefix='sdm-check-'), 'report.json')
        subprocess.run(
            ['node', '--import', 'tsx', 'src/cli/run.ts', 'report', '--real', real_url, '--twin', synth_url,
             '--json', path, '--max-rows', str(max_rows)],
            check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
        )
    with open(path) as f:
        report = json.load(f)
    quality = report['quality']
    items = {'columnShapes': {}, 'columnPairs': {}, 'cardinality': {}, 'interTable': {}}
    for t in quality['tables']:
        for c in t['columns']:
            if c['kind'] != 'text' and c['kind'] != 'json' and c.get('shape') is not None:
                items['columnShapes'][(t['table'], c['column'])] = c['shape']
        for p in t['pairs']:
            items['columnPairs'][(t['table'],) + tuple(sorted((p['a'], p['b'])))] = p['score']
        for c in t['cardinality']:
            items['cardinality'][(t['table'], c['foreignKey'])] = c['score']
        for c in t['interTable']:
            items['interTable'][(t['table'], c['foreignKey'], c['parentColumn'], c['childColumn'])] = c['score']
    properties = dict(quality['parts'])
    properties['score'] = quality['score']
    return properties, items


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('real')
    parser.add_argument('twin')
    parser.add_argument('--report', help='a `dbtwin report --json` file of this pair, instead of running it')
    parser.add_argument('--max-rows', type=int, default=100_000, help='dbtwin report --max-rows (default 100000)')
    parser.add_argument('--details', action='store_true', help='list the items that differ by more than 0.02')
    args = parser.parse_args()

    ref, ref_items = reference(args.real, args.twin)
    ours, our_items = dbtwin_report(args.real, args.twin, args.max_rows, args.report)

    print(f'{args.twin.rsplit("/", 1)[-1]} against {args.real.rsplit("/", 1)[-1]}')
    print(f'{"property":<14} {"dbtwin":>8} {"reference":>10} {"diff":>8}   items (dbtwin / reference / both)')
    worst = 0.0
    for prop in ('columnShapes', 'columnPairs', 'cardinality', 'interTable', 'score'):
        a, b = ours.get(prop), ref.get(prop)
        diff = None if a is None or b is None else a - b
        if diff is not None:
            worst = max(worst, abs(diff))
        counts = ''
        if prop != 'score':
            mine, theirs = our_items[prop], ref_items[prop]
            counts = f'{len(mine)} / {len(theirs)} / {len(set(mine) & set(theirs))}'
        fmt = lambda x: '-' if x is None else f'{x:.4f}'
        print(f'{prop:<14} {fmt(a):>8} {fmt(b):>10} {("-" if diff is None else f"{diff:+.4f}"):>8}   {counts}')
    print(f'largest difference {worst:.4f} ({"within" if worst <= 0.02 else "OUTSIDE"} 0.02)')
    if args.details:
        for prop in ('columnShapes', 'columnPairs', 'cardinality', 'interTable'):
            mine, theirs = our_items[prop], ref_items[prop]
            only_mine = sorted(set(mine) - set(theirs))
            only_ref = sorted(set(theirs) - set(mine))
            off = sorted(
                ((abs(mine[k] - theirs[k]), k) for k in set(mine) & set(theirs) if abs(mine[k] - theirs[k]) > 0.02),
                reverse=True,
            )
            if only_mine or only_ref or off:
                print(f'\n{prop}:')
            for k in only_mine[:10]:
                print(f'  dbtwin only     {k} {mine[k]:.4f}')
            for k in only_ref[:10]:
                print(f'  reference only  {k} {theirs[k]:.4f}')
            for d, k in off[:10]:
                print(f'  differs {d:.4f}  {k} dbtwin {mine[k]:.4f} reference {theirs[k]:.4f}')
    return 0 if worst <= 0.02 else 1


if __name__ == '__main__':
    sys.exit(main())
