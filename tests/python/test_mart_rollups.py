"""One row means one thing (issue 13 section 2), checked on a built warehouse.

* Every mart's documented grain holds: the columns that make a row unique are listed here per
  mart (a new mart without an entry fails), the mart's YAML description says what one row is,
  and the built mart has no two rows at the same grain.
* Additive columns roll up to the next level without double counting: summing a mart's
  additive columns over its detail rows gives the same figure as counting/summing the finer
  mart it comes from (or the coarser mart it feeds), per month. A BI user who sums a column
  without a filter gets the right total.
"""
from __future__ import annotations

import json
from decimal import Decimal

import pytest

# mart -> the columns whose combination is one row (the documented grain)
GRAIN = {
    "dim_accounts": ["account_id"],
    "dim_users": ["user_id"],
    "dim_time_spine_days": ["date_day"],
    "dim_programs": ["program_id"],
    "dim_playbooks": ["playbook_id"],
    "dim_alert_rules": ["rule_id"],
    "fct_mrr_movements": ["account_id", "month_start"],
    "fct_revenue_retention": ["month_start", "segment", "coverage_model"],
    "fct_renewals": ["account_id", "renewal_date"],
    "fct_renewal_calendar": ["csm_user_id", "segment", "coverage_model", "renewal_month"],
    "fct_renewal_arr_at_risk": ["health_band", "renewal_month"],
    "fct_csm_monthly": ["user_id", "month_start"],
    "fct_inbound_requests": ["inbound_event_key"],
    "fct_account_health_daily": ["account_id", "health_date"],
    "fct_health_calibration": ["health_band", "month_start"],
    "fct_account_lifecycle_monthly": ["account_id", "month_start"],
    "fct_account_onboarding": ["account_id"],
    "fct_onboarding_cohorts": ["csm_user_id", "segment", "coverage_model", "cohort_month"],
    "fct_advocacy_monthly": ["account_id", "month_start"],
    "fct_email_sends": ["send_id"],
    "fct_program_monthly": ["program_id", "month_start"],
    "fct_program_lift": ["program_id", "lift_metric", "metric_kind", "comparison_group"],
    "fct_one_to_many_monthly": ["coverage_model", "month_start"],
    "fct_ctas": ["cta_id"],
    "fct_playbook_monthly": ["playbook_id", "month_start"],
    "fct_playbook_baselines_monthly": ["baseline", "month_start"],
    "fct_alert_rules_monthly": ["rule_id", "reason", "month_start"],
    "fct_lifecycle_compliance": ["account_id", "activity_type"],
    "fct_success_plans": ["success_plan_id"],
}


@pytest.fixture(scope="module")
def marts(clean_warehouse) -> dict[str, dict]:
    manifest = json.loads((clean_warehouse.target / "manifest.json").read_text())
    return {n["name"]: n for n in manifest["nodes"].values()
            if n["resource_type"] == "model" and n["package_name"] == "cs_analytics"
            and n["original_file_path"].startswith("models/marts/")}


def test_every_mart_has_a_documented_grain(marts):
    assert set(marts) == set(GRAIN), (
        f"marts without a grain here: {sorted(set(marts) - set(GRAIN))}; "
        f"grains for marts that do not exist: {sorted(set(GRAIN) - set(marts))}")
    undocumented = [m for m, n in marts.items() if "one row per" not in " ".join(n["description"].lower().split())]
    assert not undocumented, f"mart descriptions that do not say what one row is ('One row per ...'): {undocumented}"


@pytest.mark.parametrize("mart", sorted(GRAIN))
def test_grain_holds(clean_warehouse, mart):
    cols = GRAIN[mart]
    rows, distinct, null_keys = clean_warehouse.query(
        f"select count(*), count(distinct ({', '.join(cols)})), "
        f"sum(case when {' or '.join(c + ' is null' for c in cols)} then 1 else 0 end) from marts.{mart}")[0]
    assert rows > 0, f"{mart} is empty: the grain check would prove nothing"
    assert distinct == rows, f"{mart}: {rows} rows but {distinct} distinct {cols}"
    # a null in a grain column is allowed only where it means something (e.g. no CSM): the
    # count(distinct) above ignores tuples with nulls, so count them separately
    if null_keys:
        dup = clean_warehouse.query(
            f"select count(*) from (select {', '.join(cols)} from marts.{mart} "
            f"group by {', '.join(cols)} having count(*) > 1) d")[0][0]
        assert dup == 0, f"{mart}: rows repeat at the grain {cols} (with nulls)"


def _as_dict(rows) -> dict:
    return {r[0]: tuple(Decimal(str(v or 0)) for v in r[1:]) for r in rows}


# (name, finer/source query, rolled-up query): both return (month, additive totals...) and
# must agree month by month (a month missing on one side counts as zeros).
ROLLUPS = [
    ("MRR movements sum to the retention mart's ending ARR in its months",
     "select month_start, sum(arr), count(case when arr > 0 then 1 end) from marts.fct_mrr_movements "
     "where month_start in (select month_start from marts.fct_revenue_retention) group by 1",
     "select month_start, sum(monthly_ending_arr), sum(monthly_ending_logos) from marts.fct_revenue_retention group by 1"),
    ("CSM scorecards sum to the owned accounts' movements in the scorecard's months (no account in two books)",
     "select month_start, sum(previous_arr), sum(case when movement = 'churn' then -arr_change else 0 end), "
     "sum(case when movement = 'expansion' then arr_change else 0 end) "
     "from marts.fct_mrr_movements where csm_user_id is not null "
     "and month_start in (select month_start from marts.fct_csm_monthly) group by 1",
     "select month_start, sum(starting_arr), sum(churned_arr), sum(expansion_arr) from marts.fct_csm_monthly "
     "group by 1"),
    ("email sends sum to the program months",
     "select sent_month, count(*), sum(case when was_delivered then 1 else 0 end), "
     "sum(case when was_clicked then 1 else 0 end), sum(case when was_unsubscribed then 1 else 0 end) "
     "from marts.fct_email_sends group by 1",
     "select month_start, sum(sends), sum(deliveries), sum(unique_clicks), sum(unsubscribes) "
     "from marts.fct_program_monthly group by 1"),
    ("email sends sum to the coverage-model months",
     "select sent_month, count(*), sum(case when was_delivered then 1 else 0 end) from marts.fct_email_sends group by 1",
     "select month_start, sum(sends), sum(deliveries) from marts.fct_one_to_many_monthly group by 1"),
    ("CTAs created sum to the playbook months",
     "select created_month, count(*) from marts.fct_ctas group by 1",
     "select month_start, sum(ctas_created) from marts.fct_playbook_monthly group by 1"),
    ("CTAs closed sum to the playbook months",
     "select closed_month, count(*), sum(case when is_invalid then 1 else 0 end) from marts.fct_ctas "
     "where is_closed group by 1",
     "select month_start, sum(ctas_closed), sum(ctas_closed_invalid) from marts.fct_playbook_monthly group by 1"),
    ("CTAs sum to the alert-rule months (manual CTAs under rule 'manual')",
     "select created_month, count(*) from marts.fct_ctas group by 1",
     "select month_start, sum(alerts_fired) from marts.fct_alert_rules_monthly group by 1"),
    ("renewals sum to the renewal calendar",
     "select renewal_month, count(*), sum(arr_up_for_renewal), "
     "sum(case when renewal_outcome = 'churned' then arr_up_for_renewal else 0 end) from marts.fct_renewals group by 1",
     "select renewal_month, sum(renewals_up), sum(arr_up_for_renewal), sum(churned_arr) "
     "from marts.fct_renewal_calendar group by 1"),
    ("the renewal calendar sums to ARR at risk by health band",
     "select renewal_month, sum(renewals_up), sum(arr_up_for_renewal), sum(churned_arr) "
     "from marts.fct_renewal_calendar group by 1",
     "select renewal_month, sum(renewals_up), sum(arr_up_for_renewal), sum(churned_arr) "
     "from marts.fct_renewal_arr_at_risk group by 1"),
    ("onboarding accounts sum to the cohorts",
     "select cohort_month, count(*), sum(case when is_live then 1 else 0 end), "
     "sum(case when is_live_on_time then 1 else 0 end) from marts.fct_account_onboarding group by 1",
     "select cohort_month, sum(onboarding_accounts), sum(live_accounts), sum(live_on_time_accounts) "
     "from marts.fct_onboarding_cohorts group by 1"),
    ("inbound requests sum to the CSM scorecards",
     "select month_start, sum(case when inbound_source = 'activity' then 1 else 0 end), "
     "sum(case when inbound_source = 'ticket' then 1 else 0 end) "
     "from marts.fct_inbound_requests where csm_user_id is not null group by 1",
     "select month_start, sum(inbound_requests), sum(support_tickets) from marts.fct_csm_monthly group by 1"),
    ("accounts' current ARR sums to the CSMs' portfolios",
     "select 'now', sum(current_arr), count(*) from marts.dim_accounts "
     "where current_csm_user_id is not null and is_active_customer",
     "select 'now', sum(current_portfolio_arr), sum(current_portfolio_accounts) from marts.dim_users"),
]


@pytest.mark.parametrize("name,detail,rollup", ROLLUPS, ids=[r[0] for r in ROLLUPS])
def test_additive_columns_roll_up(clean_warehouse, name, detail, rollup):
    a, b = _as_dict(clean_warehouse.query(detail)), _as_dict(clean_warehouse.query(rollup))
    width = len(next(iter(a.values()), ()) or next(iter(b.values()), ()))
    zero = tuple(Decimal(0) for _ in range(width))
    assert any(any(v) for v in a.values()), f"{name}: nothing to roll up (the check would prove nothing)"
    diff = {k: (a.get(k, zero), b.get(k, zero)) for k in set(a) | set(b) if a.get(k, zero) != b.get(k, zero)}
    assert not diff, f"{name}: differs in {len(diff)} month(s), e.g. {sorted(diff.items(), key=str)[:3]}"

