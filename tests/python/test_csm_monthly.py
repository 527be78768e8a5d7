"""The CSM scorecard (fct_csm_monthly) on generated data, recomputed from the raw tables.

Activity, response-time, NPS, CTA and CS-credit figures are recomputed in Python from the raw
exports (and the reference seeds), so the scorecard is checked against something our models did
not produce. Rates must equal numerator / denominator on every row.
"""
from __future__ import annotations

import csv
import datetime as dt
import statistics
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import pytest

from conftest import month_of

TOUCH_TYPES_EXCLUDED = {"note", "success_plan_update"}


def cents(value) -> int:
    return int((Decimal(str(value)) * 100).to_integral_value(rounding=ROUND_HALF_UP))


def close(a, b, tolerance=Decimal("0.000001")) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(Decimal(str(a)) - Decimal(str(b))) <= tolerance


@pytest.fixture(scope="module")
def periods(clean_warehouse):
    rows = clean_warehouse.query("""
        select lower(trim(account_id)), lower(trim(user_id)), cast(valid_from as date),
               cast(nullif(valid_to, '') as date)
        from raw_crm.account_team_history where lower(trim(team_role)) = 'csm'
    """)
    out = defaultdict(list)
    for a, u, vf, vt in rows:
        if vt is None or vt > vf:
            out[a].append((vf, vt, u))
    return out


def owner(periods, account, day):
    live = [(vf, u) for vf, vt, u in periods.get(account, []) if vf <= day and (vt is None or vt > day)]
    return max(live)[1] if live else None


@pytest.fixture(scope="module")
def activities(clean_warehouse):
    return clean_warehouse.query("""
        select lower(trim(account_id)), lower(trim(user_id)), lower(activity_type), lower(direction),
               cast(occurred_at as timestamp)
        from raw_cs.activities
    """)


def test_touchpoints_and_lifecycle_counts(scorecard, activities):
    touch, qbr, ebr = defaultdict(int), defaultdict(int), defaultdict(int)
    for _, user, typ, direction, at in activities:
        key = (user, month_of(at))
        if direction in ("inbound", "outbound") and typ not in TOUCH_TYPES_EXCLUDED:
            touch[key] += 1
        qbr[key] += typ == "qbr"
        ebr[key] += typ == "ebr"
    wrong = [(k, r["touchpoints"], touch[k]) for k, r in scorecard.items()
             if (r["touchpoints"], r["qbrs_completed"], r["ebrs_completed"]) != (touch[k], qbr[k], ebr[k])]
    assert not wrong, f"{len(wrong)} user-months differ, e.g. {wrong[:5]}"


def test_median_response_hours_pairs_inbound_with_owners_next_outbound(scorecard, activities, periods):
    outbound = defaultdict(list)
    for account, user, _, direction, at in activities:
        if direction == "outbound":
            outbound[(account, user)].append(at)
    for v in outbound.values():
        v.sort()
    hours = defaultdict(list)
    requests = defaultdict(int)
    for account, _, _, direction, at in activities:
        if direction != "inbound":
            continue
        o = owner(periods, account, at.date())
        if o is None:
            continue
        requests[(o, month_of(at))] += 1
        later = [t for t in outbound[(account, o)] if t > at]
        if later:
            hours[(o, month_of(at))].append((min(later) - at).total_seconds() / 3600)
    checked = 0
    for key, r in scorecard.items():
        assert r["inbound_requests"] == requests[key], key
        want = statistics.median(hours[key]) if hours[key] else None
        got = r["median_response_hours"]
        assert (got is None) == (want is None), key
        if want is not None:
            assert abs(float(got) - want) < 0.001, (key, got, want)
            checked += 1
    assert checked > 20


def test_portfolio_nps_from_raw_surveys(clean_warehouse, scorecard, periods):
    counts = defaultdict(lambda: [0, 0, 0])
    for account, score, at in clean_warehouse.query("""
        select lower(trim(account_id)), cast(score as integer), cast(responded_at as timestamp)
        from raw_surveys.survey_responses where lower(survey_type) = 'nps'
    """):
        m = month_of(at)
        o = owner(periods, account, m)
        if o is None:
            continue
        c = counts[(o, m)]
        c[0] += 1
        c[1] += score >= 9
        c[2] += score <= 6
    for key, r in scorecard.items():
        n, promoters, detractors = counts[key]
        assert (r["nps_responses"], r["nps_promoters"], r["nps_detractors"]) == (n, promoters, detractors), key
        if n:
            assert abs(float(r["portfolio_nps"]) - 100.0 * (promoters - detractors) / n) < 0.0001
            assert -100 <= r["portfolio_nps"] <= 100
        else:
            assert r["portfolio_nps"] is None


def test_cta_quality_from_raw_ctas_and_the_status_seed(clean_warehouse, scorecard, root):
    with open(root / "seeds" / "reference" / "cta_status_outcomes.csv") as f:
        outcome_of = {r["status"].strip().lower(): r["outcome"] for r in csv.DictReader(f)}
    closed, valid, success = defaultdict(int), defaultdict(int), defaultdict(int)
    for user, status, closed_at in clean_warehouse.query("""
        select lower(trim(owner_user_id)), status, cast(closed_at as timestamp)
        from raw_cs.ctas
        qualify row_number() over (partition by lower(trim(cta_id)) order by updated_at desc) = 1
    """):
        outcome = outcome_of.get(status.strip().lower(), "unmapped")
        if closed_at is None or outcome in ("open", "unmapped"):
            continue
        key = (user, month_of(closed_at))
        closed[key] += 1
        valid[key] += outcome != "invalid"
        success[key] += outcome == "success"
    for key, r in scorecard.items():
        assert (r["ctas_closed"], r["ctas_closed_valid"], r["ctas_successful"]) == (
            closed[key], valid[key], success[key]), key


def test_cs_sourced_and_influenced_arr_are_separate(clean_warehouse, scorecard, periods):
    sourced, influenced = defaultdict(int), defaultdict(int)
    for lead, user, account, infl, amount, closed_at in clean_warehouse.query("""
        select lower(lead_source), lower(trim(sourced_by_user_id)), lower(trim(account_id)),
               lower(is_cs_influenced) = 'true', amount_arr, cast(closed_at as timestamp)
        from raw_crm.opportunities where lower(is_won) = 'true' and closed_at is not null
    """):
        m = month_of(closed_at)
        if lead == "cs":
            sourced[(user, m)] += cents(amount)
        elif infl:
            o = owner(periods, account, m)
            if o:
                influenced[(o, m)] += cents(amount)
    first = min(m for _, m in scorecard)
    for key, r in scorecard.items():
        assert cents(r["cs_sourced_arr"]) == sourced[key], key
        assert cents(r["cs_influenced_arr"]) == influenced[key], key
    assert sum(v for k, v in sourced.items() if k[1] >= first) > 0


@pytest.mark.parametrize("rate_col,num,den", [
    ("grr", "gross_retained_arr", "starting_arr"),
    ("nrr", "ending_arr_of_cohort", "starting_arr"),
    ("logo_retention", "retained_logos", "starting_logos"),
    ("accounts_touched_rate", "accounts_touched", "book_accounts"),
    ("lifecycle_compliance_rate", "lifecycle_compliant_accounts", "lifecycle_cadence_accounts"),
    ("cta_success_rate", "ctas_successful", "ctas_closed_valid"),
    ("cta_on_time_rate", "ctas_closed_on_time", "ctas_closed_with_due_date"),
    ("adoption_milestones_on_time_rate", "adoption_milestones_on_time", "adoption_milestones_due"),
    ("pct_accounts_healthy", "healthy_accounts", "scored_accounts"),
    ("advocates_rate", "referenceable_accounts", "book_accounts"),
    ("expected_grr", "expected_gross_retained_arr", "starting_arr"),
])
def test_every_rate_is_its_numerator_over_its_denominator(scorecard, rate_col, num, den):
    for key, r in scorecard.items():
        if not r[den]:
            assert r[rate_col] is None, (key, rate_col)
            continue
        want = Decimal(r[num]) / Decimal(r[den])
        # expected_gross_retained_arr is stored to the cent, so its rate carries that rounding
        tolerance = Decimal("0.00001") if rate_col == "expected_grr" else Decimal("0.000001")
        assert abs(Decimal(r[rate_col]) - want) <= tolerance, (key, rate_col, r[rate_col], want)
        if rate_col not in ("nrr",):
            assert 0 <= r[rate_col] <= 1, (key, rate_col)


def test_normalisation_columns_are_sane(scorecard):
    ranked = [r for r in scorecard.values() if r["grr"] is not None]
    assert ranked
    for r in ranked:
        assert r["expected_grr"] is not None and 0 < r["expected_grr"] <= 1
        assert close(r["grr_vs_expected"], Decimal(r["grr"]) - Decimal(r["expected_grr"]))
        assert r["grr_percent_rank"] is None or 0 <= r["grr_percent_rank"] <= 1
        assert r["team_median_grr"] is not None
    for r in scorecard.values():
        if r["scored_accounts"]:
            assert 0 <= r["avg_health_score"] <= 100, r
            assert close(r["avg_health_score"], Decimal(r["health_score_sum"]) / r["scored_accounts"], Decimal("0.0001"))
    assert any(r["scored_accounts"] for r in scorecard.values())
    with_book = [r for r in scorecard.values() if r["book_accounts"]]
    assert all(r["target_grr"] is not None and r["target_coverage_model"] for r in with_book)


def mid_rank(values: list, value) -> float | None:
    """Average-rank percentile: (values below + (tied - 1) / 2) / (n - 1); None for a group of one."""
    if len(values) < 2:
        return None
    below = sum(1 for v in values if v < value)
    tied = sum(1 for v in values if v == value)
    return (below + (tied - 1) / 2) / (len(values) - 1)


@pytest.mark.parametrize("column", ["grr", "nrr", "grr_vs_expected", "touchpoints"])
def test_percent_ranks_share_ties_and_skip_groups_of_one(scorecard, column):
    """Issue 19 section 4: tied users share their average position, a group of one has no rank."""
    groups = defaultdict(list)
    for r in scorecard.values():
        if r[column] is not None:
            groups[(r["month_start"], r["owner_role"])].append(Decimal(r[column]))
    tied_groups = singles = 0
    for r in scorecard.values():
        rank = r[f"{column}_percent_rank"]
        if r[column] is None:
            assert rank is None
            continue
        values = groups[(r["month_start"], r["owner_role"])]
        want = mid_rank(values, Decimal(r[column]))
        if want is None:
            assert rank is None, r
            singles += 1
            continue
        tied_groups += values.count(Decimal(r[column])) > 1
        # ranks are computed on unrounded rates; a tie hidden by the 6-decimal rounding would differ
        assert abs(float(rank) - want) <= 1e-6 or column == "grr_vs_expected", (r["user_id"], r["month_start"], rank, want)
    assert singles > 0, "the generated team has a lone digital CSM: a group of one"
    if column in ("grr", "touchpoints"):
        assert tied_groups > 0, "ties must occur (several CSMs keep their whole book in a month)"


def test_renewals_and_on_time_share_from_raw_lines(clean_warehouse, scorecard, periods):
    """Issue 16 section 1: renewals due in the month of the book owned on the 1st (outcomes from
    fct_renewals, truth-tested in test_renewals_truth.py), renewed on time when a raw subscription
    line with MRR covers the renewal date + 7 days (var renewal_on_time_grace_days)."""
    as_of = clean_warehouse.query("select max(as_of_date) from intermediate.int_months")[0][0]
    lines = defaultdict(list)
    for a, start, end, mrr in clean_warehouse.query("""
            select lower(trim(account_id)), cast(start_date as date), cast(nullif(end_date, '') as date),
                   cast(mrr as double)
            from raw_billing.subscriptions"""):
        if mrr and mrr > 0 and start is not None:
            lines[a].append((start, end))
    expected = defaultdict(lambda: defaultdict(int))
    for a, day, outcome, due, arr, gross in clean_warehouse.query("""
            select account_id, renewal_date, renewal_outcome, is_renewal_due, arr_up_for_renewal, gross_renewed_arr
            from marts.fct_renewals"""):
        if not due:
            continue
        month = dt.date(day.year, day.month, 1)
        user = owner(periods, a, month)
        if user is None:
            continue
        e = expected[(user, month)]
        e["renewals_due"] += 1
        e["renewal_arr_due"] += Decimal(arr)
        e["renewal_gross_renewed_arr"] += Decimal(gross)
        if outcome != "churned":
            e["renewals_renewed"] += 1
            by = day + dt.timedelta(days=7)
            if by <= as_of:
                e["renewals_judged_on_time"] += 1
                e["renewals_on_time"] += any(s <= by and (f is None or f > by) for s, f in lines[a])
    first_month = min(m for _, m in scorecard)
    keys = {k for k in expected if k[1] >= first_month} | set(scorecard)
    columns = ["renewals_due", "renewals_renewed", "renewal_arr_due", "renewal_gross_renewed_arr",
               "renewals_judged_on_time", "renewals_on_time"]
    for key in keys:
        row = scorecard.get(key)
        assert row is not None, f"renewals credited to {key} but no scorecard row"
        for c in columns:
            assert Decimal(row[c]) == Decimal(expected[key][c] if key in expected else 0), (key, c, row[c])
        for rate, num, den in [("renewal_rate", "renewals_renewed", "renewals_due"),
                               ("gross_renewal_rate", "renewal_gross_renewed_arr", "renewal_arr_due"),
                               ("on_time_renewal_share", "renewals_on_time", "renewals_judged_on_time")]:
            if row[den]:
                assert close(row[rate], Decimal(row[num]) / Decimal(row[den])), (key, rate)
            else:
                assert row[rate] is None, (key, rate)
    totals = {c: sum(r[c] for r in scorecard.values()) for c in columns}
    assert totals["renewals_due"] > totals["renewals_renewed"] > 0, totals
    assert totals["renewals_judged_on_time"] > totals["renewals_on_time"] > 0, "both on-time and late renewals"
