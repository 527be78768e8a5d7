"""The LookML generator (cs_analytics.lookml) against the built clean warehouse.

Every file parses with `lkml`; one view per public mart; every column a `sql:` names exists in the
built mart and every field's SQL runs on it; ratio measures are ratios of measures of their own view,
never averages of stored rates; explores join existing views on existing fields without fanning out;
and NRR and the CTA success rate computed from the generated SQL equal the marts' own figures.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

lkml = pytest.importorskip("lkml", reason="pip install lkml (the dev extra)")

from cs_analytics import lookml as gen  # noqa: E402

from conftest import dbt  # noqa: E402

REF = re.compile(r"\$\{(\w+)\}")
QUALIFIED_REF = re.compile(r"\$\{(\w+)\.(\w+)\}")
TABLE_COL = re.compile(r"\$\{TABLE\}\.(\w+)")
RATE_COLUMN = re.compile(r"(_rate|grr|nrr|retention)$")
SQL_WORDS = {"case", "when", "then", "else", "end", "and", "or", "not", "is", "null", "true", "false",
             "cast", "as", "varchar", "in", "between", "like"}


@pytest.fixture(scope="module")
def lookml_out(clean_warehouse, tmp_path_factory):
    target = clean_warehouse.target
    if not (target / "semantic_manifest.json").exists():
        dbt(["parse"], clean_warehouse.path, target)
    out = tmp_path_factory.mktemp("lookml")
    rc = gen.main(["--manifest", str(target / "manifest.json"),
                   "--semantic-manifest", str(target / "semantic_manifest.json"), "--out", str(out)])
    assert rc == 0
    files = sorted(out.rglob("*.lkml"))
    parsed = {f.relative_to(out).as_posix(): lkml.load(f.read_text()) for f in files}
    views = {}
    for rel, doc in parsed.items():
        for v in doc.get("views", []):
            views[v["name"]] = v
    return out, parsed, views


@pytest.fixture(scope="module")
def mart_columns(clean_warehouse):
    rows = clean_warehouse.query(
        "select table_name, column_name from information_schema.columns where table_schema = 'marts'")
    cols: dict[str, set[str]] = {}
    for t, c in rows:
        cols.setdefault(t, set()).add(c.lower())
    return cols


def fields(view: dict) -> dict[str, dict]:
    out = {d["name"]: d for d in view.get("dimensions", [])}
    for g in view.get("dimension_groups", []):
        for tf in g.get("timeframes", []):
            out[f"{g['name']}_{tf}"] = g
    return out


def measures(view: dict) -> dict[str, dict]:
    return {m["name"]: m for m in view.get("measures", [])}


def table(view: dict) -> str:
    return view["sql_table_name"]


def dim_sql(field: dict, alias: str) -> str:
    assert "${" not in field["sql"].replace("${TABLE}", ""), field
    return field["sql"].replace("${TABLE}", alias)


def measure_sql(view: dict, name: str, alias: str = "t") -> str:
    """The SQL Looker would aggregate for a measure of a single-view query (no fan-out)."""
    m = measures(view)[name]
    t = m["type"]
    if t == "count":
        return "COUNT(*)"
    if t == "number":
        return REF.sub(lambda r: f"({measure_sql(view, r.group(1), alias)})", m["sql"])
    inner = m["sql"].replace("${TABLE}", alias)
    assert "${" not in inner, m
    if t == "percentile":
        return f"QUANTILE_CONT({inner}, {int(m['percentile']) / 100})"
    wrap = {"sum": "SUM({})", "average": "AVG({})", "count_distinct": "COUNT(DISTINCT {})",
            "min": "MIN({})", "max": "MAX({})", "median": "MEDIAN({})"}[t]
    return wrap.format(inner)


def all_sql(view: dict):
    for kind in ("dimensions", "dimension_groups", "measures"):
        for f in view.get(kind, []):
            if "sql" in f:
                yield kind, f["name"], f["sql"]


# ------------------------------------------------------------------------------------- tests

def test_every_file_parses_and_one_view_per_mart(lookml_out, clean_warehouse):
    out, parsed, views = lookml_out
    manifest = json.loads((clean_warehouse.target / "manifest.json").read_text())
    marts = {n["name"] for n in gen.public_marts(manifest).values()}
    assert len(marts) >= 15
    view_files = [p for p in parsed if p.endswith(".view.lkml")]
    assert sorted(view_files) == sorted(f"views/{m}.view.lkml" for m in marts)
    for rel in view_files:
        assert [v["name"] for v in parsed[rel]["views"]] == [Path(rel).name.split(".")[0]]
    assert set(views) == marts
    assert "cs_analytics.model.lkml" in parsed
    for v in views.values():
        assert table(v) == f"marts.{v['name']}"
        # field names are unique within a view (Looker rejects duplicates)
        names = list(fields(v)) + [g["name"] for g in v.get("dimension_groups", [])] + list(measures(v))
        assert len(names) == len(set(names)), v["name"]
        assert sum(1 for d in v.get("dimensions", []) if d.get("primary_key") == "yes") == 1, v["name"]


def test_every_column_exists_and_every_field_runs(lookml_out, mart_columns, clean_warehouse):
    _, _, views = lookml_out
    with clean_warehouse.con() as con:
        for name, v in views.items():
            cols = mart_columns[name]
            typed = {d["name"]: d["type"] for d in v.get("dimensions", [])}
            # every contracted column is a dimension or a dimension group
            covered = {m.group(1).lower() for _, _, sql in all_sql(v) for m in TABLE_COL.finditer(sql)}
            assert cols <= covered, (name, cols - covered)
            for kind, fname, sql in all_sql(v):
                refs = {m.group(1).lower() for m in TABLE_COL.finditer(sql)}
                assert refs <= cols, (name, fname, refs - cols)
                # plain (unqualified) identifiers: only SQL words, never a bare column name
                bare = re.sub(r"'[^']*'|\$\{[^}]*\}\.\w+|\$\{[^}]*\}", " ", sql)
                words = {w.lower() for w in re.findall(r"\b[A-Za-z_]\w*\b(?!\s*\()", bare)}
                assert not (words - SQL_WORDS), (name, fname, words - SQL_WORDS)
            for d in v.get("dimensions", []):
                con.execute(f"select {dim_sql(d, 't')} from {table(v)} as t limit 3").fetchall()
                if d["type"] == "yesno":
                    assert typed[d["name"]] == "yesno"
            for g in v.get("dimension_groups", []):
                assert g["type"] == "time"
                dtype = con.execute(
                    "select data_type from information_schema.columns where table_schema = 'marts' "
                    f"and table_name = '{name}' and column_name = '{TABLE_COL.search(g['sql']).group(1)}'").fetchone()[0]
                assert (g.get("datatype") == "date") == (dtype.upper() == "DATE"), (name, g["name"], dtype)
            for m in v.get("measures", []):
                con.execute(f"select {measure_sql(v, m['name'])} from {table(v)} as t").fetchall()


def test_ratio_measures_and_no_average_of_rates(lookml_out):
    _, _, views = lookml_out
    ratios = 0
    for name, v in views.items():
        ms = measures(v)
        for m in ms.values():
            if m["type"] == "number":
                refs = REF.findall(m["sql"])
                assert len(refs) == 2 and m["sql"].startswith("1.0 * ") and "NULLIF(" in m["sql"], m
                for r in refs:
                    assert r in ms and ms[r]["type"] != "number", (name, m["name"], r)
                ratios += 1
            if m["type"] in ("average", "median", "percentile", "sum"):
                for col in TABLE_COL.findall(m.get("sql", "")):
                    if m["type"] != "sum" or m["sql"].strip() == f"${{TABLE}}.{col}":
                        assert not RATE_COLUMN.search(col), (name, m["name"], col)
    assert ratios >= 30
    rr = measures(views["fct_revenue_retention"])
    for metric in ("grr", "nrr", "logo_retention"):
        m = rr.get(f"ratio_{metric}") or rr[metric]
        num, den = REF.findall(m["sql"])
        for part in (num, den):   # the trailing-twelve-month column group (the board numbers)
            assert "${TABLE}.trailing_12m_" in rr[part]["sql"], rr[part]


def test_explores_join_existing_views_without_fanout(lookml_out, clean_warehouse):
    _, parsed, views = lookml_out
    model = parsed["cs_analytics.model.lkml"]
    explores = {e["name"]: e for e in model["explores"]}
    assert set(explores) == {v for v in views if v.startswith("fct_")}
    expected = {("fct_ctas", "playbook_id", "dim_playbooks"), ("fct_ctas", "account_id", "dim_accounts"),
                ("fct_ctas", "owner_user_id", "dim_users"), ("fct_csm_monthly", "user_id", "dim_users"),
                ("fct_email_sends", "program_id", "dim_programs"), ("fct_mrr_movements", "csm_user_id", "dim_users")}
    found = set()
    with clean_warehouse.con() as con:
        for ename, e in explores.items():
            base = views[ename]
            aliases = {ename: base}
            for j in e.get("joins", []):
                jv = j.get("from", j["name"])
                assert jv in views, (ename, j)
                assert j["relationship"] == "many_to_one"
                aliases[j["name"]] = views[jv]
            clauses = []
            for j in e.get("joins", []):
                on = j["sql_on"]
                for a, f in QUALIFIED_REF.findall(on):
                    assert a in aliases and f in fields(aliases[a]), (ename, j["name"], a, f)
                sql_on = QUALIFIED_REF.sub(lambda r: dim_sql(fields(aliases[r.group(1)])[r.group(2)], r.group(1)), on)
                clauses.append(f"left join {table(aliases[j['name']])} as {j['name']} on {sql_on}")
                (_, fk), (_, _) = QUALIFIED_REF.findall(on)
                found.add((ename, fk, j.get("from", j["name"])))
            n = con.execute(f"select count(*) from {table(base)} as {ename}").fetchone()[0]
            joined = con.execute(f"select count(*) from {table(base)} as {ename} {' '.join(clauses)}").fetchone()[0]
            assert joined == n, (ename, n, joined)
    assert expected <= found, expected - found


def test_nrr_measure_equals_the_mart(lookml_out, clean_warehouse):
    """The generated NRR (a ratio of sums) grouped by slice = each detail row's stored trailing_12m_nrr; per
    month and pooled over every month it = plain SQL sum-over-sum of the detail rows (never an average)."""
    _, _, views = lookml_out
    v = views["fct_revenue_retention"]
    name = "ratio_nrr" if "ratio_nrr" in measures(v) else "nrr"
    by_slice = clean_warehouse.query(
        f"select t.month_start, t.segment, t.coverage_model, {measure_sql(v, name)} from {table(v)} as t "
        f"group by 1, 2, 3")
    stored = {tuple(r[:3]): r[3] for r in clean_warehouse.query(
        "select month_start, segment, coverage_model, trailing_12m_nrr from marts.fct_revenue_retention "
        "where trailing_12m_starting_arr > 0")}
    assert len(stored) >= 20
    looker = {tuple(r[:3]): r[3] for r in by_slice}
    for key, value in stored.items():
        assert looker[key] is not None and abs(float(looker[key]) - float(value)) < 1e-5, (key, looker[key], value)
    monthly = dict(clean_warehouse.query(f"select t.month_start, {measure_sql(v, name)} from {table(v)} as t group by 1"))
    plain = dict(clean_warehouse.query("""
        select month_start, sum(trailing_12m_ending_arr_of_cohort) / nullif(sum(trailing_12m_starting_arr), 0)
        from marts.fct_revenue_retention group by 1"""))
    checked = 0
    for month, value in plain.items():
        if value is not None:
            assert abs(float(monthly[month]) - float(value)) < 1e-9, (month, monthly[month], value)
            checked += 1
    assert checked >= 6
    pooled = clean_warehouse.query(f"select {measure_sql(v, name)} from {table(v)} as t")[0][0]
    sums = clean_warehouse.query("""select sum(trailing_12m_ending_arr_of_cohort) / sum(trailing_12m_starting_arr)
        from marts.fct_revenue_retention""")[0][0]
    assert abs(float(pooled) - float(sums)) < 1e-9


def test_cta_success_rate_equals_playbook_monthly(lookml_out, clean_warehouse):
    """cta_success_rate over fct_ctas by playbook x closed month = fct_playbook_monthly's success_rate."""
    _, _, views = lookml_out
    v = views["fct_ctas"]
    rows = clean_warehouse.query(f"""
        select t.playbook_id, date_trunc('month', t.closed_date)::date, {measure_sql(v, 'cta_success_rate')}
        from {table(v)} as t where t.closed_date is not null group by 1, 2""")
    looker = {(p, m): r for p, m, r in rows}
    stored = clean_warehouse.query("""select playbook_id, month_start, success_rate, ctas_closed_success, ctas_closed_valid
        from marts.fct_playbook_monthly where ctas_closed_valid > 0""")
    assert len(stored) >= 10
    for p, m, rate, num, den in stored:
        assert abs(float(looker[(p, m)]) - float(rate)) < 1e-5, (p, m, looker[(p, m)], rate)
        assert abs(float(looker[(p, m)]) - num / den) < 1e-9


def test_schema_option(clean_warehouse, tmp_path):
    target = clean_warehouse.target
    gen.generate(target / "manifest.json", target / "semantic_manifest.json", tmp_path, schema="analytics")
    doc = lkml.load((tmp_path / "views" / "fct_ctas.view.lkml").read_text())
    assert doc["views"][0]["sql_table_name"] == "analytics.fct_ctas"
