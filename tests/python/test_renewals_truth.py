"""Renewal marts against the generator's truth.

Renewals are recomputed here in plain Python from the raw billing subscription lines (dates) and
the generator's MRR ledger `truth.mrr_ledger` (outcomes), with the rule in DECISIONS.md
("Renewals"): a line with an end date renews on it; an open-ended line renews on each anniversary
of the account's first contract date after it started, up to one year after the as-of date; lines
judged in the same month (the first month starting on or after the date) are one renewal; a line
renews only on a date judged after its first billed month. Nothing
is read from our models except the marts under test.

The planted effect: the generator ends a subscription line exactly when the account's MRR changes,
so every expansion, contraction and churn in the ledger must come back as a due renewal with that
outcome in that month, and every other due renewal must be flat.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import pytest

SEGMENTS = {"smb": "smb", "mid-market": "mid_market", "mid_market": "mid_market", "enterprise": "enterprise"}
COVERAGE = {"high touch": "high_touch", "high_touch": "high_touch", "low touch": "low_touch", "low_touch": "low_touch",
            "tech touch": "one_to_many", "digital": "one_to_many", "pooled": "one_to_many",
            "one_to_many": "one_to_many"}
MOVEMENT_TO_OUTCOME = {"expansion": "renewed_expansion", "contraction": "renewed_contraction", "churn": "churned"}


def cents(value) -> int:
    return int((Decimal(str(value)) * 100).to_integral_value(rounding=ROUND_HALF_UP))


def month_add(d: dt.date, n: int) -> dt.date:
    m = d.year * 12 + d.month - 1 + n
    return dt.date(m // 12, m % 12 + 1, 1)


def add_years(d: dt.date, n: int) -> dt.date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February in a year without one
        return d.replace(year=d.year + n, day=28)


def judged_month(d: dt.date) -> dt.date:
    return d if d.day == 1 else month_add(d.replace(day=1), 1)


@pytest.fixture(scope="module")
def expected(clean_warehouse):
    wh = clean_warehouse
    (as_of,) = wh.query("select max(cast(usage_date as date)) from raw_product.account_usage_daily")[0]
    as_of_month = as_of.replace(day=1)
    horizon = add_years(as_of, 1)
    mrr = {(a, m): cents(v) for a, m, v in wh.query(
        "select account_id, cast(month_start as date), mrr from truth.mrr_ledger")}
    lines = [(a.strip().lower(), Decimal(m), sd, ed) for a, m, sd, ed in wh.query("""
        select account_id, mrr, cast(start_date as date), cast(nullif(end_date, '') as date)
        from raw_billing.subscriptions""")]
    first_contract = {}
    for a, m, sd, _ in lines:
        if m > 0:
            first_contract[a] = min(sd, first_contract.get(a, sd))
    renewing = []  # (account, renewal date, basis, mrr cents, line start)
    for a, m, sd, ed in lines:
        if m <= 0 or a not in first_contract:
            continue
        if ed is not None:
            if ed > sd and ed <= horizon:
                renewing.append((a, ed, "line_end", cents(m), sd))
            continue
        k = 1
        while True:
            ann = add_years(first_contract[a], k)
            if ann > horizon:
                break
            if ann > sd:
                renewing.append((a, ann, "anniversary", cents(m), sd))
            k += 1
    grouped = defaultdict(list)
    for a, d, basis, c, sd in renewing:
        if judged_month(d) <= judged_month(sd):
            continue  # never billed before this date: not a renewal of it
        grouped[(a, judged_month(d))].append((d, basis, c))
    out = {}
    for (a, jm), items in grouped.items():
        date = min(d for d, _, _ in items)
        up = sum(c for _, _, c in items)
        before, after = mrr.get((a, month_add(jm, -1)), 0), mrr.get((a, jm), 0)
        if jm > as_of_month:
            outcome, renewed = "open", None
        else:
            if after == 0:
                outcome = "churned"
            elif after > before:
                outcome = "renewed_expansion"
            elif after < before:
                outcome = "renewed_contraction"
            else:
                outcome = "renewed_flat"
            renewed = 0 if after == 0 else max(0, up + after - before)
        out[(a, date)] = {"judged_month": jm, "arr_up": 12 * up, "outcome": outcome,
                          "renewed": None if renewed is None else 12 * renewed,
                          "gross": None if renewed is None else 12 * min(renewed, up)}
    return {"renewals": out, "as_of_month": as_of_month, "mrr": mrr}


@pytest.fixture(scope="module")
def mart(clean_warehouse):
    rows = clean_warehouse.query("""
        select account_id, renewal_date, renewal_judged_month, arr_up_for_renewal, renewal_outcome, renewed_arr,
               gross_renewed_arr
        from marts.fct_renewals""")
    return {(a, d): {"judged_month": jm, "arr_up": cents(up), "outcome": o,
                     "renewed": None if r is None else cents(r), "gross": None if g is None else cents(g)}
            for a, d, jm, up, o, r, g in rows}


def test_every_renewal_matches_the_recomputed_one(expected, mart):
    exp = expected["renewals"]
    assert len(exp) > 200, "too few renewals to test"
    missing = sorted(set(exp) - set(mart))[:10]
    extra = sorted(set(mart) - set(exp))[:10]
    assert not missing and not extra, f"missing {missing}, extra {extra}"
    wrong = [(k, exp[k], mart[k]) for k in exp if exp[k] != mart[k]]
    assert not wrong, f"{len(wrong)} renewals differ, e.g. {wrong[:5]}"


def test_every_outcome_occurs(mart):
    outcomes = {r["outcome"] for r in mart.values()}
    assert outcomes == {"renewed_flat", "renewed_expansion", "renewed_contraction", "churned", "open"}


def test_planted_mrr_changes_come_back_as_renewal_outcomes(clean_warehouse, expected, mart):
    """Every expansion, contraction and churn month of the ledger is a due renewal of that account
    judged in that month with that outcome; every other due renewal is flat."""
    ledger_changes = {(a, m): MOVEMENT_TO_OUTCOME[mov] for a, m, mov in clean_warehouse.query(
        "select account_id, cast(month_start as date), movement from truth.mrr_ledger")
        if mov in MOVEMENT_TO_OUTCOME}
    judged = {(a, r["judged_month"]): r["outcome"] for (a, _), r in mart.items() if r["outcome"] != "open"}
    changed = {k: v for k, v in judged.items() if v != "renewed_flat"}
    assert changed == ledger_changes


def test_calendar_adds_up_to_the_renewals_by_slice(clean_warehouse, expected):
    accounts = {a.lower(): (SEGMENTS[s.strip().lower()], COVERAGE[c.strip().lower()]) for a, s, c in
                clean_warehouse.query("""
        select trim(account_id), segment, coverage_model
        from raw_crm.accounts
        qualify row_number() over (partition by lower(trim(account_id)) order by updated_at desc) = 1""")}
    exp = defaultdict(lambda: [0, 0, 0, 0, 0, 0])
    for (a, d), r in expected["renewals"].items():
        seg, cov = accounts.get(a, ("unknown", "unknown"))
        row = exp[(d.replace(day=1), seg, cov)]
        row[0] += 1
        row[1] += r["arr_up"]
        if r["outcome"] != "open":
            row[2] += r["arr_up"]
            row[3] += r["gross"]
            row[4] += r["renewed"]
        row[5] += r["outcome"] == "churned"
    got = defaultdict(lambda: [0, 0, 0, 0, 0, 0])
    for m, seg, cov, n, up, due, gross, net, churned in clean_warehouse.query("""
        select renewal_month, segment, coverage_model, renewals_up, arr_up_for_renewal, due_arr_up_for_renewal,
               gross_renewed_arr, net_renewed_arr, churned_renewals
        from marts.fct_renewal_calendar"""):
        row = got[(m, seg, cov)]
        for i, v in enumerate((n, cents(up), cents(due), cents(gross), cents(net), churned)):
            row[i] += v
    assert dict(got) == dict(exp)


def test_calendar_rates_are_their_numerator_over_denominator(clean_warehouse):
    bad = clean_warehouse.query("""
        select renewal_month, segment, coverage_model, csm_user_id
        from marts.fct_renewal_calendar
        where (due_arr_up_for_renewal > 0 and (
                abs(gross_renewal_rate - gross_renewed_arr / due_arr_up_for_renewal) > 0.000001
                or abs(net_renewal_rate - net_renewed_arr / due_arr_up_for_renewal) > 0.000001))
           or (due_arr_up_for_renewal = 0 and (gross_renewal_rate is not null or net_renewal_rate is not null))""")
    assert not bad, bad[:5]


def test_arr_at_risk_brackets_what_churned(clean_warehouse, expected):
    """Over every month whose renewals are all due, the ARR that churned at renewal (recomputed from the
    ledger) lies in the expected churned ARR +/- 1.645 standard deviations (variances summed over rows), and
    the mart's churned ARR is the recomputed one."""
    rows = clean_warehouse.query("""
        select renewal_month, sum(churned_arr), sum(expected_churned_arr), sum(expected_churned_arr_variance),
               sum(arr_up_for_renewal)
        from marts.fct_renewal_arr_at_risk
        group by renewal_month
        having bool_and(is_all_due) and sum(expected_churned_arr) is not null""")
    assert len(rows) >= 6, "too few due months with a calibrated rate"
    months = {m for m, *_ in rows}
    actual = sum(r["arr_up"] for (_, d), r in expected["renewals"].items()
                 if d.replace(day=1) in months and r["outcome"] == "churned")
    assert sum(cents(c) for _, c, *_ in rows) == actual
    exp = sum(Decimal(str(e)) for _, _, e, _, _ in rows) * 100
    sd = Decimal(str(sum(float(v) for _, _, _, v, _ in rows))).sqrt() * 100
    assert exp - Decimal("1.645") * sd <= actual <= exp + Decimal("1.645") * sd, (actual, exp, sd)
    assert sd > 0 and sd < exp, "the interval is degenerate"
