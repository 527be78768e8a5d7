"""1:many program marts against the generator's truth (issue 5).

A generated warehouse large enough for sampling error to be small (3,000 accounts x 12 months,
seed 11) is built once for this module, only the models the 1:many marts need (`dbt run
--select +fct_program_lift +fct_program_monthly +dim_programs`): a full `dbt build` at this size takes
several minutes, the selection about one. Checks:

- the planted open and click probabilities per program are recovered within 4 binomial
  standard errors (unique human opens / delivered, unique clicks / delivered, clicks / opens);
- every program planted with a usage lift and a holdout has the planted lift inside the
  reported 95% confidence interval, and every program planted with no lift (but a holdout)
  has an interval that contains zero;
- the planted lifts are detected (interval above zero), so the intervals are informative;
- enrollment and holdout counts match the generator.

The 95% intervals cover the truth 95% of the time by construction; the seed is fixed, so the
result is deterministic for a given generator.
"""
from __future__ import annotations

import math

import pytest

from conftest import Warehouse, dbt, generate

ACCOUNTS, MONTHS, SEED = 3000, 12, 11
Z_TOLERANCE = 4.0


@pytest.fixture(scope="module")
def otm_warehouse(tmp_path_factory) -> Warehouse:
    tmp = tmp_path_factory.mktemp("one_to_many")
    db = tmp / "warehouse.duckdb"
    truth = generate(ACCOUNTS, MONTHS, SEED, duckdb_path=db, dirty=False, quiet=True)
    target = tmp / "target"
    # the reference seeds first: the onboarding lift reads onboarding_targets (`dbt run` builds models only)
    dbt(["seed"], db, target)
    proc = dbt(["run",
                "--select", "+fct_program_lift", "+fct_program_monthly", "+dim_programs"], db, target)
    return Warehouse(db, truth, target, proc)


def _rows(wh: Warehouse, sql: str) -> list[dict]:
    with wh.con() as con:
        cur = con.execute(sql)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]


@pytest.fixture(scope="module")
def response(otm_warehouse) -> dict:
    rows = _rows(otm_warehouse, """
        select program_id, sum(deliveries) as deliveries, sum(unique_opens) as unique_opens,
               sum(unique_clicks) as unique_clicks, sum(machine_opened_sends) as machine_opened_sends
        from marts.fct_program_monthly group by program_id
    """)
    return {r["program_id"]: r for r in rows}


@pytest.fixture(scope="module")
def lift(otm_warehouse) -> dict:
    rows = _rows(otm_warehouse, "select * from marts.fct_program_lift where lift_metric = 'usage_per_seat_change'")
    return {r["program_id"]: r for r in rows}


def _within(observed_k: int, n: int, p: float) -> tuple[bool, str]:
    se = math.sqrt(p * (1 - p) / n)
    z = (observed_k / n - p) / se
    return abs(z) <= Z_TOLERANCE, f"observed {observed_k / n:.4f} vs planted {p:.4f} (n={n}, z={z:+.2f})"


def test_planted_open_probability_recovered(otm_warehouse, response):
    programs = otm_warehouse.truth["programs"]
    problems = []
    for pid, t in programs.items():
        r = response[pid]
        assert r["deliveries"] > 300, f"{pid}: too few deliveries ({r['deliveries']}) to test"
        ok, msg = _within(int(r["unique_opens"]), int(r["deliveries"]), t["open_probability"])
        if not ok:
            problems.append(f"{pid} open rate: {msg}")
        # machine opens exist and are kept out: counting them would push the rate far above the truth
        assert r["machine_opened_sends"] > 0, f"{pid}: no machine opens counted"
    assert not problems, "\n".join(problems)


def test_planted_click_probability_recovered(otm_warehouse, response):
    programs = otm_warehouse.truth["programs"]
    problems = []
    for pid, t in programs.items():
        r = response[pid]
        ok, msg = _within(int(r["unique_clicks"]), int(r["deliveries"]), t["click_probability"])
        if not ok:
            problems.append(f"{pid} click rate: {msg}")
        ok, msg = _within(int(r["unique_clicks"]), int(r["unique_opens"]), t["click_to_open_probability"])
        if not ok:
            problems.append(f"{pid} click-to-open rate: {msg}")
    assert not problems, "\n".join(problems)


def test_enrollments_and_holdouts_match_truth(otm_warehouse):
    programs = otm_warehouse.truth["programs"]
    dims = {r["program_id"]: r for r in _rows(otm_warehouse, "select * from marts.dim_programs")}
    for pid, t in programs.items():
        assert dims[pid]["enrollments"] == t["enrolled"], pid
        assert dims[pid]["holdout_enrollments"] == t["holdout"], pid
        assert dims[pid]["has_holdout"] == (t["holdout"] > 0), pid


def test_planted_lift_inside_confidence_interval(otm_warehouse, lift):
    programs = otm_warehouse.truth["programs"]
    planted = {pid: t for pid, t in programs.items() if t["planted_usage_lift_per_seat"] != 0 and t["holdout"] > 0}
    assert planted, "the generator plants no lift on a program with a holdout"
    problems = []
    for pid, t in planted.items():
        r = lift[pid]
        assert r["holdout_n"] >= 30 and r["treated_n"] >= 30, f"{pid}: groups too small ({r})"
        lo, hi, value = float(r["lift_ci95_lower"]), float(r["lift_ci95_upper"]), t["planted_usage_lift_per_seat"]
        if not lo <= value <= hi:
            problems.append(f"{pid}: planted {value} outside [{lo:.4f}, {hi:.4f}] (lift {float(r['lift']):.4f})")
    assert not problems, "\n".join(problems)


def test_planted_lift_is_detected(otm_warehouse, lift):
    """The intervals are informative, not merely wide: at this size every planted lift is told
    from noise (interval above zero) and the estimate is the treated - holdout difference."""
    programs = otm_warehouse.truth["programs"]
    planted = {pid for pid, t in programs.items() if t["planted_usage_lift_per_seat"] != 0 and t["holdout"] > 0}
    for pid in planted:
        r = lift[pid]
        assert r["is_significant"] is True and float(r["lift_ci95_lower"]) > 0, f"{pid}: planted lift not detected ({r})"
        assert abs(float(r["lift"]) - (float(r["treated_value"]) - float(r["holdout_value"]))) < 2e-6, pid


def test_no_lift_programs_interval_contains_zero(otm_warehouse, lift):
    programs = otm_warehouse.truth["programs"]
    null = {pid: t for pid, t in programs.items() if t["planted_usage_lift_per_seat"] == 0 and t["holdout"] > 0}
    assert null, "the generator has no holdout program planted without lift"
    problems = []
    for pid in null:
        r = lift[pid]
        lo, hi = float(r["lift_ci95_lower"]), float(r["lift_ci95_upper"])
        if not lo <= 0 <= hi:
            problems.append(f"{pid}: no lift planted but interval [{lo:.4f}, {hi:.4f}] excludes zero")
        assert r["is_significant"] is False, pid
    assert not problems, "\n".join(problems)


def test_programs_without_holdout_report_no_lift(otm_warehouse, lift):
    for pid, t in otm_warehouse.truth["programs"].items():
        if t["holdout"] == 0:
            assert lift[pid]["holdout_n"] == 0 and lift[pid]["lift"] is None, pid
