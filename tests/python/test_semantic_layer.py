"""The MetricFlow semantic layer on the DuckDB build: `mf validate-configs` passes, and `mf query` returns
the same numbers as a direct SQL query over the marts (ratio metrics re-aggregate from numerators and
denominators; the median is a true median over request rows).

How mf finds things: it reads the dbt profile from DBT_PROFILES_DIR (our profiles.yml takes the DuckDB
file from CS_DUCKDB_PATH) and the semantic manifest from `<project dir>/target/semantic_manifest.json`,
a fixed path that ignores DBT_TARGET_PATH. So each test run points DBT_PROJECT_DIR at a scratch
directory that links the project's files and holds the build's own semantic manifest: the repo's
`target/` is never read or written."""
from __future__ import annotations

import csv
import json
import math
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

MF = Path(sys.executable).parent / "mf"

# marts.md, "Semantic layer": every one of these must exist
REQUIRED_METRICS = ["grr", "nrr", "logo_retention", "open_rate", "click_rate", "unsubscribe_rate", "reconversion_rate",
                    "cta_success_rate", "cta_invalid_rate", "lifecycle_compliance_rate", "nps", "median_response_hours",
                    "gross_renewal_rate", "net_renewal_rate", "onboarding_on_time_rate"]
SAVED_QUERIES = ["csm_scorecard", "one_to_many_funnel", "playbook_effectiveness"]


class MetricFlow:
    def __init__(self, project: Path, duckdb_path: Path, scratch: Path):
        self.project, self.scratch = project, scratch
        self.env = dict(os.environ, DBT_PROFILES_DIR=str(ROOT), DBT_PROJECT_DIR=str(project),
                        CS_DUCKDB_PATH=str(duckdb_path), DBT_SEND_ANONYMOUS_USAGE_STATS="false")
        self.env.pop("DBT_TARGET_PATH", None)
        self._n = 0

    def run(self, *args: str) -> str:
        proc = subprocess.run([str(MF), *args], cwd=self.project, env=self.env, capture_output=True, text=True,
                              timeout=600)
        out = proc.stdout + proc.stderr
        assert proc.returncode == 0, f"mf {' '.join(args)} failed ({proc.returncode}):\n{out[-5000:]}"
        return out

    def query(self, metrics: list[str] | None = None, group_by: list[str] | None = None,
              saved_query: str | None = None, where: str | None = None) -> list[dict]:
        self._n += 1
        out_csv = self.scratch / f"query_{self._n}.csv"
        args = ["query", "--csv", str(out_csv)]
        if saved_query:
            args += ["--saved-query", saved_query]
        else:
            args += ["--metrics", ",".join(metrics), "--group-by", ",".join(group_by)]
        if where:
            args += ["--where", where]
        self.run(*args)
        with out_csv.open() as f:
            return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def mf(clean_warehouse, tmp_path_factory) -> MetricFlow:
    assert MF.exists(), "dbt-metricflow is not installed: pip install -e '.[dev]'"
    manifest = clean_warehouse.target / "semantic_manifest.json"
    assert manifest.exists(), "the build wrote no semantic_manifest.json"
    project = tmp_path_factory.mktemp("mf_project")
    for item in ROOT.iterdir():
        if item.name in ("target", "logs", ".git", ".venv", "artifacts") or item.name.startswith(("target_", "warehouse.duckdb")):
            continue
        (project / item.name).symlink_to(item)
    (project / "target").mkdir()
    shutil.copy(manifest, project / "target" / "semantic_manifest.json")
    return MetricFlow(project, clean_warehouse.path, tmp_path_factory.mktemp("mf_out"))


# ---- helpers --------------------------------------------------------------------------------------

def _num(v):
    if v is None or v == "":
        return None
    return float(v)


def _key(v) -> str:
    """Group-by values as text: timestamps cut to the date, booleans and None as text."""
    if v is None:
        return ""
    s = str(v)
    return s[:10] if re.match(r"^\d{4}-\d{2}-\d{2}", s) else s


def _compare(mf_rows: list[dict], sql_rows: list[tuple], keys: list[str], metrics: list[str], tol: float = 1e-6):
    """mf rows (dicts from the CSV) against SQL rows (keys..., metrics...), matched on the keys; a metric that
    is empty on both sides matches. Fails listing the first differences."""
    expected = {tuple(_key(v) for v in r[:len(keys)]): r[len(keys):] for r in sql_rows}
    got = {tuple(_key(r[k]) for k in keys): [_num(r[m]) for m in metrics] for r in mf_rows}
    problems = []
    for k in sorted(set(expected) | set(got)):
        e = [None if v is None else float(v) for v in expected.get(k, [None] * len(metrics))]
        g = got.get(k, [None] * len(metrics))
        for m, a, b in zip(metrics, g, e):
            if a is None and b is None:
                continue
            if a is None or b is None or not math.isclose(a, b, rel_tol=tol, abs_tol=tol):
                problems.append(f"{k} {m}: mf={a} sql={b}")
    assert not problems, f"{len(problems)} differences (of {len(expected)} groups), e.g.:\n" + "\n".join(problems[:15])
    assert any(any(v is not None for v in vals) for vals in expected.values()), "the SQL side has no values at all"


# ---- configuration --------------------------------------------------------------------------------

def test_validate_configs(mf):
    out = mf.run("validate-configs")
    counts = [int(n) for n in re.findall(r"ERRORS: (\d+)", out)]
    assert counts and not any(counts), out[-4000:]
    assert "WARNINGS: 0" in out


def test_required_metrics_and_saved_queries_exist(mf):
    sm = json.loads((mf.project / "target" / "semantic_manifest.json").read_text())
    metrics = {m["name"]: m for m in sm["metrics"]}
    missing = [m for m in REQUIRED_METRICS if m not in metrics]
    assert not missing, f"metrics missing from the semantic layer: {missing}"
    saved = {q["name"] for q in sm.get("saved_queries", [])}
    expected_saved = set(SAVED_QUERIES)
    assert expected_saved <= saved, f"saved queries missing: {expected_saved - saved}"
    # rates are ratio (or derived-from-ratio) metrics, never an average of a stored rate
    measures = {ms["name"]: ms for s in sm["semantic_models"] for ms in s["measures"]}
    averaged = [n for n, ms in measures.items() if ms["agg"] in ("average", "avg")]
    assert not averaged, f"measures that average a stored value: {averaged}"
    for name in (m for m in REQUIRED_METRICS if m in metrics):
        assert metrics[name]["type"] in ("ratio", "derived") or name == "median_response_hours", name
    # every metric is described (docs blocks from models/docs/*_docs.md, rendered)
    undocumented = [n for n, m in metrics.items() if not (m.get("description") or "").strip()]
    assert not undocumented, f"metrics without a description: {undocumented}"


# ---- revenue retention ----------------------------------------------------------------------------

def test_nrr_by_month_matches_the_mart(mf, clean_warehouse):
    rows = mf.query(["nrr", "grr", "logo_retention"], ["metric_time__month"])
    assert len(rows) >= 12
    # the same ratios over the whole company: summed numerators over summed denominators of the detail rows
    sql = clean_warehouse.query("""
        select month_start,
               sum(trailing_12m_ending_arr_of_cohort) / nullif(sum(trailing_12m_starting_arr), 0),
               sum(trailing_12m_gross_retained_arr) / nullif(sum(trailing_12m_starting_arr), 0),
               1.0 * sum(trailing_12m_retained_logos) / nullif(sum(trailing_12m_starting_logos), 0)
        from marts.fct_revenue_retention
        where trailing_12m_starting_arr is not null
        group by month_start
    """)
    _compare(rows, sql, ["metric_time__month"], ["nrr", "grr", "logo_retention"])


def test_single_month_retention_by_segment_re_adds_the_slices(mf, clean_warehouse):
    rows = mf.query(["nrr_single_month", "grr_single_month"], ["metric_time__month", "retention_slice__segment"])
    sql = clean_warehouse.query("""
        select month_start, segment,
               sum(monthly_ending_arr_of_cohort) / nullif(sum(monthly_starting_arr), 0),
               sum(monthly_gross_retained_arr) / nullif(sum(monthly_starting_arr), 0)
        from marts.fct_revenue_retention
        where monthly_starting_arr is not null
        group by month_start, segment
    """)
    _compare(rows, sql, ["metric_time__month", "retention_slice__segment"], ["nrr_single_month", "grr_single_month"])


def test_mrr_by_coverage_model_through_the_account_entity(mf, clean_warehouse):
    rows = mf.query(["mrr", "arr_change"], ["metric_time__month", "account__coverage_model"])
    sql = clean_warehouse.query("""
        select m.month_start, a.coverage_model, sum(m.mrr), sum(m.arr_change)
        from marts.fct_mrr_movements as m
        left join marts.dim_accounts as a on m.account_id = a.account_id
        group by m.month_start, a.coverage_model
    """)
    _compare(rows, sql, ["metric_time__month", "account__coverage_model"], ["mrr", "arr_change"])


# ---- CSM scorecard --------------------------------------------------------------------------------

def test_csm_metrics_per_user_month_equal_the_scorecard(mf, clean_warehouse):
    metrics = ["csm_grr", "csm_nrr", "lifecycle_compliance_rate", "nps", "median_response_hours", "cta_on_time_rate"]
    rows = mf.query(metrics, ["csm", "metric_time__month"])
    sql = clean_warehouse.query("""
        select user_id, month_start, grr, nrr, lifecycle_compliance_rate, portfolio_nps, median_response_hours,
               cta_on_time_rate
        from marts.fct_csm_monthly
    """)
    _compare(rows, sql, ["csm", "metric_time__month"], metrics, tol=1e-4)


def test_csm_rates_re_aggregate_to_team_and_quarter(mf, clean_warehouse):
    """A coarser grain than the mart: ratios of summed numerators and denominators, the median taken over
    the requests themselves (not a median of monthly medians)."""
    metrics = ["csm_grr", "lifecycle_compliance_rate", "nps", "median_response_hours"]
    rows = mf.query(metrics, ["csm__team", "metric_time__quarter"])
    ratios = clean_warehouse.query("""
        select u.team, date_trunc('quarter', c.month_start),
               sum(c.gross_retained_arr) / nullif(sum(c.starting_arr), 0),
               1.0 * sum(c.lifecycle_compliant_accounts) / nullif(sum(c.lifecycle_cadence_accounts), 0),
               100.0 * sum(c.nps_promoters - c.nps_detractors) / nullif(sum(c.nps_responses), 0)
        from marts.fct_csm_monthly as c
        left join marts.dim_users as u on c.user_id = u.user_id
        group by 1, 2
    """)
    medians = dict(((_key(t), _key(q)), m) for t, q, m in clean_warehouse.query("""
        select u.team, date_trunc('quarter', r.month_start),
               quantile_cont(case when r.is_in_response_time then r.response_hours end, 0.5)
        from marts.fct_inbound_requests as r
        left join marts.dim_users as u on r.csm_user_id = u.user_id
        group by 1, 2
    """))
    sql = [(*r, medians.pop((_key(r[0]), _key(r[1])), None)) for r in ratios]
    sql += [(t, q, None, None, None, m) for (t, q), m in medians.items()]
    _compare(rows, sql, ["csm__team", "metric_time__quarter"], metrics, tol=1e-4)


def test_csm_renewal_metrics_equal_the_scorecard_and_re_aggregate(mf, clean_warehouse):
    """Issue 16 section 1: the book's renewal rate and on-time share, per user-month and by team."""
    metrics = ["csm_renewal_rate", "csm_gross_renewal_rate", "csm_on_time_renewal_share"]
    rows = mf.query(metrics, ["csm", "metric_time__month"])
    sql = clean_warehouse.query("""
        select user_id, month_start, renewal_rate, gross_renewal_rate, on_time_renewal_share
        from marts.fct_csm_monthly
    """)
    _compare(rows, sql, ["csm", "metric_time__month"], metrics, tol=1e-4)
    rows = mf.query(metrics, ["csm__team"])
    sql = clean_warehouse.query("""
        select u.team, 1.0 * sum(c.renewals_renewed) / nullif(sum(c.renewals_due), 0),
               sum(c.renewal_gross_renewed_arr) / nullif(sum(c.renewal_arr_due), 0),
               1.0 * sum(c.renewals_on_time) / nullif(sum(c.renewals_judged_on_time), 0)
        from marts.fct_csm_monthly as c
        left join marts.dim_users as u on c.user_id = u.user_id
        group by 1
    """)
    _compare(rows, sql, ["csm__team"], metrics, tol=1e-6)


def test_csm_support_survey_and_review_ratios_equal_the_scorecard(mf, clean_warehouse):
    """Issue 16 section 3: first response, CSAT, answers per account and exec-attended share are ratios of
    summed measures, per user-month and re-aggregated to the team."""
    metrics = ["support_first_response_hours", "csat_avg_score", "nps_responses_per_account",
               "csat_responses_per_account", "exec_attended_review_share"]
    rows = mf.query(metrics, ["csm", "metric_time__month"])
    sql = clean_warehouse.query("""
        select user_id, month_start, avg_first_response_hours, avg_csat_score, nps_responses_per_account,
               csat_responses_per_account, 1.0 * exec_attended_reviews / nullif(business_reviews, 0)
        from marts.fct_csm_monthly
    """)
    _compare(rows, sql, ["csm", "metric_time__month"], metrics, tol=1e-4)
    rows = mf.query(metrics, ["csm__team"])
    sql = clean_warehouse.query("""
        select u.team, sum(c.first_response_hours_sum) / nullif(sum(c.tickets_first_responded), 0),
               1.0 * sum(c.csat_score_sum) / nullif(sum(c.csat_responses), 0),
               1.0 * sum(c.nps_responses) / nullif(sum(c.book_accounts), 0),
               1.0 * sum(c.csat_responses) / nullif(sum(c.book_accounts), 0),
               1.0 * sum(c.exec_attended_reviews) / nullif(sum(c.business_reviews), 0)
        from marts.fct_csm_monthly as c
        left join marts.dim_users as u on c.user_id = u.user_id
        group by 1
    """)
    _compare(rows, sql, ["csm__team"], metrics, tol=1e-4)


# ---- health and advocacy --------------------------------------------------------------------------

def test_health_calibration_churn_rate_by_band(mf, clean_warehouse):
    rows = mf.query(["churn_rate_90_days_by_band"], ["health_band_month__health_band"])
    sql = clean_warehouse.query("""
        select health_band, 1.0 * sum(churned_within_90_days) / nullif(sum(accounts), 0)
        from marts.fct_health_calibration
        where is_90_day_window_complete
        group by health_band
    """)
    _compare(rows, sql, ["health_band_month__health_band"], ["churn_rate_90_days_by_band"])


def test_renewal_rates_by_quarter_and_segment_re_add_the_calendar(mf, clean_warehouse):
    metrics = ["gross_renewal_rate", "net_renewal_rate", "arr_up_for_renewal"]
    keys = ["metric_time__quarter", "renewal_slice__segment"]
    rows = mf.query(metrics, keys)
    sql = clean_warehouse.query("""
        select renewal_quarter, segment,
               sum(gross_renewed_arr) / nullif(sum(due_arr_up_for_renewal), 0),
               sum(net_renewed_arr) / nullif(sum(due_arr_up_for_renewal), 0),
               sum(arr_up_for_renewal)
        from marts.fct_renewal_calendar
        group by renewal_quarter, segment
    """)
    _compare(rows, sql, keys, metrics)


def test_onboarding_on_time_rate_by_segment_re_adds_the_cohorts(mf, clean_warehouse):
    metrics = ["onboarding_on_time_rate", "first_value_on_time_rate", "avg_days_to_first_value"]
    keys = ["metric_time__quarter", "onboarding_cohort_slice__segment"]
    rows = mf.query(metrics, keys)
    sql = clean_warehouse.query("""
        select cast(date_trunc('quarter', cohort_month) as date), segment,
               1.0 * sum(live_on_time_accounts) / nullif(sum(go_live_judged_accounts), 0),
               1.0 * sum(first_value_on_time_accounts) / nullif(sum(first_value_judged_accounts), 0),
               1.0 * sum(total_days_to_first_value) / nullif(sum(first_value_accounts), 0)
        from marts.fct_onboarding_cohorts
        group by 1, 2
    """)
    assert any(r[2] is not None for r in sql), "no cohort judged: nothing compared"
    _compare(rows, sql, keys, metrics)


def test_advocacy_value_by_csm_team(mf, clean_warehouse):
    rows = mf.query(["influenced_won_arr", "champion_move_won_arr", "referral_events"], ["csm__team"])
    sql = clean_warehouse.query("""
        select u.team, sum(a.influenced_won_arr), sum(a.champion_move_won_arr), sum(a.referral_events)
        from marts.fct_advocacy_monthly as a
        left join marts.dim_users as u on a.csm_user_id = u.user_id
        group by u.team
    """)
    _compare(rows, sql, ["csm__team"], ["influenced_won_arr", "champion_move_won_arr", "referral_events"])


def test_one_to_many_rates_by_program_equal_the_program_mart(mf, clean_warehouse):
    """Ratio metrics over fct_email_sends (one row per send) against the stored numerators and
    denominators of fct_program_monthly, an independent aggregation of the same sends."""
    rows = mf.query(["open_rate", "click_rate", "unsubscribe_rate"], ["program"])
    assert len(rows) >= 3
    sql = clean_warehouse.query("""
        select program_id,
               sum(unique_opens) * 1.0 / nullif(sum(deliveries), 0),
               sum(unique_clicks) * 1.0 / nullif(sum(deliveries), 0),
               sum(unsubscribes) * 1.0 / nullif(sum(deliveries), 0)
        from marts.fct_program_monthly
        group by program_id
        having sum(deliveries) > 0
    """)
    _compare(rows, sql, ["program"], ["open_rate", "click_rate", "unsubscribe_rate"])


def test_cta_rates_by_playbook_equal_the_playbook_mart(mf, clean_warehouse):
    """CTA success and invalid rates from fct_ctas against fct_playbook_monthly's stored counts:
    invalid CTAs out of the success denominator, in the invalid rate's numerator."""
    rows = mf.query(["cta_success_rate", "cta_invalid_rate"], ["playbook"])
    assert len(rows) >= 3
    sql = clean_warehouse.query("""
        select playbook_id,
               sum(ctas_closed_success) * 1.0 / nullif(sum(ctas_closed_valid), 0),
               sum(ctas_closed_invalid) * 1.0 / nullif(sum(ctas_closed), 0)
        from marts.fct_playbook_monthly
        group by playbook_id
        having sum(ctas_closed) > 0
    """)
    _compare(rows, sql, ["playbook"], ["cta_success_rate", "cta_invalid_rate"])


def test_recovery_and_reconversion_rates_follow_the_new_definitions(mf, clean_warehouse):
    """Issue 19: the usage recovery rate counts only worked CTAs whose usage was low at fire, and the
    reconversion rate only sends to accounts in the goal's lapsed state; the semantic metrics equal the
    marts' stored numerators and denominators, which follow those definitions."""
    rows = mf.query(["usage_recovery_rate"], ["playbook"])
    sql = clean_warehouse.query("""
        select playbook_id, sum(worked_ctas_recovered) * 1.0 / nullif(sum(worked_ctas_recovery_judged), 0)
        from marts.fct_playbook_monthly
        group by playbook_id
        having sum(worked_ctas_recovery_judged) > 0
    """)
    assert sql
    _compare(rows, sql, ["playbook"], ["usage_recovery_rate"])
    rows = mf.query(["reconversion_rate"], ["program"])
    sql = clean_warehouse.query("""
        select program_id, sum(reconversions) * 1.0 / nullif(sum(reconversion_eligible_sends), 0)
        from marts.fct_program_monthly
        group by program_id
        having sum(reconversion_eligible_sends) > 0
    """)
    assert sql
    _compare(rows, sql, ["program"], ["reconversion_rate"])
    judged_not_low = clean_warehouse.query("""
        select count(*) from marts.fct_ctas where did_usage_recover is not null and not was_usage_low_at_fire""")
    assert judged_not_low[0][0] == 0
