"""Revenue marts against the generator's truth.

The MRR ledger must match `fct_mrr_movements` row for row; GRR, NRR and logo retention are
recomputed here in plain Python from the ledger, the raw CRM accounts and the raw account team
history (nothing read from our models except the calendar's first month) and must match
`fct_revenue_retention` and `fct_csm_monthly` to the cent (rates to the 6 decimals stored).
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import pytest

WINDOWS = {"single_month": 1, "trailing_12_months": 12}
SEGMENTS = {"smb": "smb", "mid-market": "mid_market", "mid_market": "mid_market", "enterprise": "enterprise"}
COVERAGE = {"high touch": "high_touch", "high_touch": "high_touch", "low touch": "low_touch", "low_touch": "low_touch",
            "tech touch": "one_to_many", "digital": "one_to_many", "pooled": "one_to_many",
            "one_to_many": "one_to_many"}
RATE = Decimal("0.000001")


def cents(value) -> int:
    return int((Decimal(str(value)) * 100).to_integral_value(rounding=ROUND_HALF_UP))


def month_add(d: dt.date, n: int) -> dt.date:
    m = d.year * 12 + d.month - 1 + n
    return dt.date(m // 12, m % 12 + 1, 1)


def rate(num, den):
    if not den:
        return None
    return (Decimal(num) / Decimal(den)).quantize(RATE, rounding=ROUND_HALF_UP)


def close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(Decimal(str(a)) - Decimal(str(b))) <= RATE


@pytest.fixture(scope="module")
def ledger(clean_warehouse):
    rows = clean_warehouse.query(
        "select account_id, cast(month_start as date), mrr, previous_mrr, movement from truth.mrr_ledger")
    return {(a, m): (cents(mrr), cents(prev), mov) for a, m, mrr, prev, mov in rows}


@pytest.fixture(scope="module")
def mrr_by_account_month(ledger):
    return {k: v[0] for k, v in ledger.items()}


@pytest.fixture(scope="module")
def account_slices(clean_warehouse):
    """Segment and coverage model per account from the raw CRM export (latest version)."""
    rows = clean_warehouse.query("""
        select trim(account_id), segment, coverage_model
        from raw_crm.accounts
        qualify row_number() over (partition by lower(trim(account_id)) order by updated_at desc) = 1
    """)
    return {a.lower(): (SEGMENTS[s.strip().lower()], COVERAGE[c.strip().lower()]) for a, s, c in rows}


@pytest.fixture(scope="module")
def owner_on(clean_warehouse):
    """The CSM on the first day of a month from raw account_team_history ([valid_from, valid_to))."""
    rows = clean_warehouse.query("""
        select lower(trim(account_id)), lower(trim(user_id)), cast(valid_from as date),
               cast(nullif(valid_to, '') as date)
        from raw_crm.account_team_history
        where lower(trim(team_role)) = 'csm'
    """)
    periods = defaultdict(list)
    for a, u, vf, vt in rows:
        if vt is not None and vt <= vf:
            continue  # an empty or inverted period never owned a day
        periods[a].append((vf, vt, u))

    def lookup(account: str, month: dt.date):
        live = [(vf, u) for vf, vt, u in periods.get(account, []) if vf <= month and (vt is None or vt > month)]
        return max(live)[1] if live else None

    return lookup


@pytest.fixture(scope="module")
def months(clean_warehouse, ledger):
    first_calendar_month = clean_warehouse.query("select min(month_start) from intermediate.int_months")[0][0]
    last = max(m for _, m in ledger)
    out, m = [], first_calendar_month
    while m <= last:
        out.append(m)
        m = month_add(m, 1)
    return out


def test_clean_build_succeeded(clean_warehouse):
    assert clean_warehouse.build.returncode == 0


def test_every_ledger_row_matches_fct_mrr_movements_both_ways(clean_warehouse, ledger):
    last = max(m for _, m in ledger)
    mart = {
        (a, m): (cents(mrr), cents(prev), mov)
        for a, m, mrr, prev, mov in clean_warehouse.query(
            "select account_id, month_start, mrr, previous_mrr, movement from marts.fct_mrr_movements")
        if m <= last
    }
    missing = sorted(set(ledger) - set(mart))
    extra = sorted(set(mart) - set(ledger))
    wrong = sorted(k for k in set(ledger) & set(mart) if ledger[k] != mart[k])
    assert not missing, f"{len(missing)} ledger rows missing from fct_mrr_movements, e.g. {missing[:5]}"
    assert not extra, f"{len(extra)} fct_mrr_movements rows not in the ledger, e.g. {extra[:5]}"
    assert not wrong, f"{len(wrong)} rows differ, e.g. {[(k, ledger[k], mart[k]) for k in wrong[:5]]}"
    assert {v[2] for v in ledger.values()} == {"new", "expansion", "contraction", "churn", "reactivation", "flat"}


def _python_retention(mrr, slices, months):
    """(month, window, segment, coverage) -> sums in cents, from the ledger alone."""
    accounts = {a for a, _ in mrr}
    first_month = {}
    for (a, m), v in mrr.items():
        if v > 0 and (a not in first_month or m < first_month[a]):
            first_month[a] = m
    out = defaultdict(lambda: defaultdict(int))
    for month in months:
        for window, w in WINDOWS.items():
            cohort_month = month_add(month, -w)
            if cohort_month < months[0]:
                continue
            for a in accounts:
                start, end = mrr.get((a, cohort_month), 0), mrr.get((a, month), 0)
                if start == 0 and end == 0:
                    continue
                seg, cov = slices.get(a, ("unknown", "unknown"))
                for key in ((month, window, seg, cov), (month, window, "all", "all"),
                            (month, window, seg, "all"), (month, window, "all", cov)):
                    s = out[key]
                    if start > 0:
                        s["starting"] += start
                        s["starting_logos"] += 1
                        s["ending_of_cohort"] += end
                        if end == 0:
                            s["churned"] += start
                        elif end > start:
                            s["expansion"] += end - start
                        elif end < start:
                            s["contraction"] += start - end
                        if end > 0:
                            s["retained_logos"] += 1
                    elif first_month[a] > cohort_month:
                        s["new"] += end
                    else:
                        s["reactivation"] += end
    return out


MART_WINDOWS = {"monthly": "single_month", "trailing_12m": "trailing_12_months"}
RETENTION_COLUMNS = ("starting_arr", "expansion_arr", "contraction_arr", "churned_arr", "ending_arr_of_cohort",
                     "new_arr", "reactivation_arr", "starting_logos", "retained_logos", "grr", "nrr", "logo_retention")


def _mart_retention(wh) -> dict:
    """fct_revenue_retention unpivoted: (month, window, segment, coverage) -> the window's columns."""
    cols = ", ".join(f"{p}_{c}" for p in MART_WINDOWS for c in RETENTION_COLUMNS)
    out = {}
    for row in wh.query(f"select month_start, segment, coverage_model, {cols} from marts.fct_revenue_retention"):
        for i, (prefix, window) in enumerate(MART_WINDOWS.items()):
            values = row[3 + i * len(RETENTION_COLUMNS): 3 + (i + 1) * len(RETENTION_COLUMNS)]
            if values[0] is not None:   # no such window for this slice (e.g. before twelve months of history)
                out[(row[0], window, row[1], row[2])] = values
    return out


def test_retention_by_segment_matches_python_recomputation(clean_warehouse, mrr_by_account_month, account_slices,
                                                            months):
    expected_all = _python_retention(mrr_by_account_month, account_slices, months)
    # the mart holds detail rows only; the python totals check that the detail rows add up to them
    expected = {k: v for k, v in expected_all.items() if "all" not in k[2:]}
    mart = _mart_retention(clean_warehouse)
    assert set(mart) == set(expected), (
        f"slices differ: only in mart {sorted(set(mart) - set(expected))[:5]}, "
        f"only in python {sorted(set(expected) - set(mart))[:5]}")
    problems = []
    for key, s in expected.items():
        (start, exp, con, churn, end_c, new, react, logos, kept, grr, nrr, logo_ret) = mart[key]
        want_arr = [12 * s[k] for k in ("starting", "expansion", "contraction", "churned", "ending_of_cohort",
                                        "new", "reactivation")]
        got_arr = [cents(x) for x in (start, exp, con, churn, end_c, new, react)]
        want_rates = (rate(s["starting"] - s["contraction"] - s["churned"], s["starting"]),
                      rate(s["ending_of_cohort"], s["starting"]), rate(s["retained_logos"], s["starting_logos"]))
        if (got_arr != want_arr or (logos, kept) != (s["starting_logos"], s["retained_logos"])
                or not all(close(g, w) for g, w in zip((grr, nrr, logo_ret), want_rates))):
            problems.append((key, got_arr, want_arr, (grr, nrr, logo_ret), want_rates))
    assert not problems, f"{len(problems)} slices differ, e.g. {problems[:3]}"
    # the checks above must have exercised every window type and every movement
    assert any(k[1] == "trailing_12_months" and v["churned"] and v["contraction"] and v["expansion"]
               for k, v in expected.items())


def test_retention_rows_sum_to_the_company_and_segment_totals(clean_warehouse, mrr_by_account_month,
                                                              account_slices, months):
    """One row means one thing: a BI tool's plain SUM over a month's rows (or a segment's) is the ledger total."""
    expected = _python_retention(mrr_by_account_month, account_slices, months)
    for prefix, window in MART_WINDOWS.items():
        for group, key_of in (("company", lambda m, s, c: (m, window, "all", "all")),
                              ("segment", lambda m, s, c: (m, window, s, "all")),
                              ("coverage model", lambda m, s, c: (m, window, "all", c))):
            sums = defaultdict(lambda: [0, 0, 0, 0])
            for m, seg, cov, start, churn, new, logos in clean_warehouse.query(f"""
                    select month_start, segment, coverage_model, {prefix}_starting_arr, {prefix}_churned_arr,
                           {prefix}_new_arr, {prefix}_starting_logos
                    from marts.fct_revenue_retention where {prefix}_starting_arr is not null"""):
                acc = sums[key_of(m, seg, cov)]
                for i, v in enumerate((cents(start), cents(churn), cents(new), logos)):
                    acc[i] += v
            assert sums, f"no {window} rows"
            wrong = [(k, v) for k, v in sums.items()
                     if v != [12 * expected[k]["starting"], 12 * expected[k]["churned"], 12 * expected[k]["new"],
                              expected[k]["starting_logos"]]]
            assert not wrong, f"{window}: summed {group} rows differ from the ledger, e.g. {wrong[:3]}"


def test_retention_per_csm_matches_python_recomputation(clean_warehouse, ledger, owner_on):
    """Point-in-time attribution: the owner on the 1st of M gets M's outcome (single month and trailing 12)."""
    monthly = defaultdict(lambda: defaultdict(int))
    for (a, m), (mrr, prev, mov) in ledger.items():
        owner = owner_on(a, m)
        if owner is None:
            continue
        s = monthly[(owner, m)]
        if prev > 0:
            s["starting"] += prev
            s["starting_logos"] += 1
            s["ending_of_cohort"] += mrr
            if mov == "churn":
                s["churned"] += prev
                s["churned_logos"] += 1
            elif mov == "expansion":
                s["expansion"] += mrr - prev
            elif mov == "contraction":
                s["contraction"] += prev - mrr
            if mrr > 0:
                s["retained_logos"] += 1
    rows = clean_warehouse.query("""
        select user_id, month_start, starting_arr, expansion_arr, contraction_arr, churned_arr, ending_arr_of_cohort,
               starting_logos, retained_logos, grr, nrr, logo_retention, trailing_12m_arr_exposure,
               trailing_12m_churned_arr, trailing_12m_contraction_arr, trailing_12m_expansion_arr,
               trailing_12m_annualised_grr, trailing_12m_annualised_nrr
        from marts.fct_csm_monthly
    """)
    assert rows, "fct_csm_monthly is empty"
    problems = []
    for (user, m, start, exp, con, churn, end_c, logos, kept, grr, nrr, logo_ret,
         t12_exposure, t12_churn, t12_con, t12_exp, t12_grr, t12_nrr) in rows:
        s = monthly.get((user, m), defaultdict(int))
        got = [cents(x) for x in (start, exp, con, churn, end_c)] + [logos, kept]
        want = [12 * s[k] for k in ("starting", "expansion", "contraction", "churned", "ending_of_cohort")]
        want += [s["starting_logos"], s["retained_logos"]]
        want_rates = (rate(s["starting"] - s["contraction"] - s["churned"], s["starting"]),
                      rate(s["ending_of_cohort"], s["starting"]), rate(s["retained_logos"], s["starting_logos"]))
        # trailing twelve months: the monthly credited outcomes summed; exposure = sum of starting ARR / 12
        t12 = defaultdict(int)
        for back in range(12):
            for k, v in monthly.get((user, month_add(m, -back)), {}).items():
                t12[k] += v
        exposure = Decimal(12 * t12["starting"]) / 12  # cents of ARR
        lost = 12 * (t12["churned"] + t12["contraction"])
        want_t12 = [12 * t12["churned"], 12 * t12["contraction"], 12 * t12["expansion"]]
        got_t12 = [cents(x) for x in (t12_churn, t12_con, t12_exp)]
        want_t12_rates = (rate(exposure - lost, exposure) if exposure else None,
                          rate(exposure + 12 * t12["expansion"] - lost, exposure) if exposure else None)
        if (got != want or not all(close(g, w) for g, w in zip((grr, nrr, logo_ret), want_rates))
                or got_t12 != want_t12 or abs(cents(t12_exposure) - exposure) > Decimal("0.5")
                or not all(close(g, w) for g, w in zip((t12_grr, t12_nrr), want_t12_rates))):
            problems.append((user, m, got, want, (grr, nrr, logo_ret), want_rates, got_t12, want_t12,
                             (t12_grr, t12_nrr), want_t12_rates))
    assert not problems, f"{len(problems)} CSM-months differ, e.g. {problems[:3]}"
    # every credited starting book in the scorecard's months is in the mart
    first = min(r[1] for r in rows)
    credited = {k for k, v in monthly.items() if k[1] >= first and v["starting"] > 0}
    assert credited <= {(r[0], r[1]) for r in rows}


def test_hand_overs_split_the_book_by_month(clean_warehouse, owner_on):
    """Accounts that changed hands are credited to each owner only for the months they held them."""
    rows = clean_warehouse.query("""
        select account_id, month_start, csm_user_id from marts.fct_mrr_movements
        where account_id in (
            select account_id from marts.fct_mrr_movements group by account_id having count(distinct csm_user_id) > 1
        )
    """)
    assert rows, "the generated data should contain hand-overs"
    wrong = [(a, m, u, owner_on(a, m)) for a, m, u in rows if owner_on(a, m) != u]
    assert not wrong, f"{len(wrong)} account-months credited to the wrong owner, e.g. {wrong[:5]}"
    on_the_first = clean_warehouse.query("""
        select count(*) from intermediate.int_account_csm_assignments
        where extract(day from valid_from) = 1
    """)[0][0]
    assert on_the_first > 0, "the generated data should contain hand-overs dated on the 1st"


def test_dirty_build_succeeds_and_keeps_revenue(dirty_warehouse):
    assert dirty_warehouse.build.returncode == 0, dirty_warehouse.build.stdout[-4000:]
    n, negatives = dirty_warehouse.query(
        "select count(*), sum(case when mrr < 0 or previous_mrr < 0 then 1 else 0 end) from marts.fct_mrr_movements")[0]
    assert n > 0 and negatives == 0
    dupes = dirty_warehouse.query("""
        select count(*) from (
            select account_id, month_start from marts.fct_mrr_movements group by 1, 2 having count(*) > 1
        ) as d
    """)[0][0]
    assert dupes == 0


def test_arr_change_split_matches_python_recomputation(clean_warehouse):
    """Issue 16 s3: expansion split into products, seats and price. Recomputed here from the raw
    billing lines (clean data: raw = clean) by the documented rule: per product, lines active on the
    1st; a product new this month is products, a product gone is products; a product held both months
    with seats on every line both months: (seats now - seats before) x MRR before / seats before is
    seats; the rest is price. Every expansion/contraction/flat row of fct_mrr_movements must match to
    the cent, and the three parts must add up to arr_change."""
    lines = clean_warehouse.query(
        "select account_id, coalesce(product, 'unknown'), cast(mrr as decimal(28, 6)), "
        "cast(seats as integer), cast(start_date as date), cast(end_date as date) "
        "from raw_billing.subscriptions")
    rows = clean_warehouse.query(
        "select account_id, month_start, movement, arr_change, arr_change_from_products, arr_change_from_seats, "
        "arr_change_from_price from marts.fct_mrr_movements where movement in ('expansion', 'contraction', 'flat')")
    by_account = defaultdict(list)
    for acc, prod, mrr, seats, sd, ed in lines:
        by_account[acc].append((prod, Decimal(mrr), seats, sd, ed))

    def products_on(acc, day):
        out = {}
        for prod, mrr, seats, sd, ed in by_account[acc]:
            if sd <= day and (ed is None or ed > day):
                m, s, n, ns = out.get(prod, (Decimal(0), 0, 0, 0))
                out[prod] = (m + mrr, s + (seats or 0), n + 1, ns + (seats is not None))
        return {p: (m, s if ns == n and s > 0 else None) for p, (m, s, n, ns) in out.items() if m > 0}

    checked = seat_rows = price_rows = 0
    problems = []
    for acc, month, movement, arr_change, from_products, from_seats, from_price in rows:
        before, now = products_on(acc, month_add(month, -1)), products_on(acc, month)
        products = seats_part = Decimal(0)
        for p in set(before) | set(now):
            if p not in before:
                products += now[p][0]
            elif p not in now:
                products -= before[p][0]
            elif before[p][1] and now[p][1]:
                seats_part += (Decimal(now[p][1] - before[p][1]) * before[p][0] / Decimal(before[p][1]))
        exp_products = (12 * products).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        exp_seats = (12 * seats_part).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        exp_price = arr_change - exp_products - exp_seats
        got = (from_products, from_seats, from_price)
        # seats: the package rounds the MRR part to 6 decimals before x12: allow one cent
        if (from_products != exp_products or abs(from_seats - exp_seats) > Decimal("0.01")
                or from_products + from_seats + from_price != arr_change):
            problems.append((acc, month, movement, arr_change, got, (exp_products, exp_seats, exp_price)))
        checked += 1
        seat_rows += exp_seats != 0
        price_rows += exp_price != 0
    assert checked > 100 and seat_rows > 5 and price_rows > 5, (checked, seat_rows, price_rows)
    assert not problems, f"{len(problems)} of {checked} rows differ, e.g. {problems[:3]}"
