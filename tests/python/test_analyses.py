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
            select month_start, sum(trailing_12m_ending_arr_of_cohort) / nullif(sum(trailing_12m_starting_arr), 0)
            from marts.fct_revenue_retention where trailing_12m_starting_arr is not null group by month_start
        """).fetchall())
    assert rows
    for r in rows:
        want = mart[r["month_start"]]
        assert (r["nrr"] is None) == (want is None) and (want is None or abs(float(r["nrr"]) - float(want)) < 1e-6)
        assert r["advocacy_won_arr_low"] <= r["advocacy_won_arr_high"]
        if r["nrr"] is not None:
            assert float(r["nrr_with_advocacy_low"]) >= float(r["nrr"]) - 1e-9
