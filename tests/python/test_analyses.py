"""The answers in analyses/ compile (`dbt build` does not compile analyses, so this is their CI) and run
against the built warehouse, each returning rows."""
from __future__ import annotations

import pytest

from conftest import ROOT, dbt

ANALYSES = sorted(p.stem for p in (ROOT / "analyses").glob("*.sql"))


@pytest.fixture(scope="module")
def compiled(clean_warehouse, tmp_path_factory):
    target = tmp_path_factory.mktemp("analyses")
    dbt(["compile", "--select", "resource_type:analysis"],
        clean_warehouse.path, target)
    return target / "compiled" / "cs_analytics" / "analyses"


@pytest.mark.parametrize("name", ANALYSES)
def test_analysis_compiles_and_runs(name, compiled, clean_warehouse):
    sql_file = compiled / f"{name}.sql"
    assert sql_file.exists(), f"{name} did not compile"
    head = (ROOT / "analyses" / f"{name}.sql").read_text().lstrip()
    assert head.startswith(("{#", "--", "/*")), f"{name}: no documented header"
    rows = clean_warehouse.query(sql_file.read_text())
    assert rows, f"{name} returned no rows on the generated warehouse"


def test_csm_metrics_to_hold_judges_every_candidate(compiled, clean_warehouse):
    with clean_warehouse.con() as con:
        cur = con.execute((compiled / "csm_metrics_to_hold.sql").read_text())
        cols = [d[0] for d in cur.description]
        rows = [dict(zip(cols, r)) for r in cur.fetchall()]
    by_name = {r["metric_name"]: r for r in rows}
    assert len(by_name) == len(rows) >= 12
    assert by_name["portfolio_nps"]["recommendation"].startswith("track"), "NPS is context, never a CSM target"
    assert by_name["grr_vs_expected"]["recommendation"].startswith("hold")
    assert all(r["recommendation"] for r in rows)
    for r in rows:
        share = r["between_csm_share"]
        assert share is None or -1e-9 <= share <= 1 + 1e-9, r


def test_value_nrr_misses_starts_from_the_marts_nrr(compiled, clean_warehouse):
    with clean_warehouse.con() as con:
        cur = con.execute((compiled / "value_nrr_misses.sql").read_text())
        cols = [d[0] for d in cur.description]
        rows = [dict(zip(cols, r)) for r in cur.fetchall()]
        mart = dict(con.execute("""
            select month_start, nrr from marts.fct_revenue_retention
            where window_type = 'trailing_12_months' and segment = 'all' and coverage_model = 'all'
        """).fetchall())
    assert rows
    for r in rows:
        assert r["nrr"] == mart[r["month_start"]]
        assert r["advocacy_won_arr_low"] <= r["advocacy_won_arr_high"]
        if r["nrr"] is not None:
            assert float(r["nrr_with_advocacy_low"]) >= float(r["nrr"]) - 1e-9
