"""Health and advocacy marts on generated data (300 accounts x 18 months, seed 11): the health
score must predict churn (red churns clearly more than green), its components and weights must
be well-formed, the day spine must cover exactly the customer days, and the advocacy counts must
reconcile to the CRM."""
from __future__ import annotations

import math

import pytest

Z95 = 1.959964


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """95% Wilson score interval of a binomial proportion."""
    if n == 0:
        return 0.0, 1.0
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def band_totals(wh, window: int) -> dict[str, tuple[int, int]]:
    rows = wh.query(f"""
        select health_band, sum(accounts), sum(churned_within_{window}_days)
        from marts.fct_health_calibration
        where is_{window}_day_window_complete and is_score_history_complete
        group by health_band""")
    return {band: (int(n), int(churned)) for band, n, churned in rows}


def test_red_churns_clearly_more_than_green_within_180_days(clean_warehouse):
    totals = band_totals(clean_warehouse, 180)
    assert {"red", "green"} <= set(totals), f"both bands must be observed: {totals}"
    (n_red, c_red), (n_green, c_green) = totals["red"], totals["green"]
    assert n_red >= 30 and n_green >= 100, f"too few accounts to calibrate: {totals}"
    red_rate, green_rate = c_red / n_red, c_green / n_green
    assert red_rate > 2 * green_rate, f"red {c_red}/{n_red} vs green {c_green}/{n_green}"
    # the difference is outside the noise: the two 95% intervals do not overlap
    red_low, _ = wilson(c_red, n_red)
    _, green_high = wilson(c_green, n_green)
    assert red_low > green_high, (
        f"red {red_rate:.3f} (95% low {red_low:.3f}) vs green {green_rate:.3f} (95% high {green_high:.3f})")
    # and the bands are ordered: yellow sits between
    if "yellow" in totals:
        n_yellow, c_yellow = totals["yellow"]
        assert green_rate <= c_yellow / n_yellow <= red_rate


def test_red_churns_more_than_green_within_90_days(clean_warehouse):
    totals = band_totals(clean_warehouse, 90)
    (n_red, c_red), (n_green, c_green) = totals["red"], totals["green"]
    assert c_red / n_red > 2 * c_green / n_green, totals


def test_recent_months_are_flagged_and_never_read_as_low_churn(clean_warehouse):
    wh = clean_warehouse
    as_of = wh.query("select max(as_of_date) from intermediate.int_months")[0][0]
    rows = wh.query("""
        select month_start, is_90_day_window_complete, is_180_day_window_complete,
               churn_rate_90_days, churn_rate_180_days, accounts, churned_within_180_days
        from marts.fct_health_calibration""")
    assert rows
    for month, complete_90, complete_180, rate_90, rate_180, accounts, churned in rows:
        if (as_of - month).days < 180:
            assert not complete_180 and rate_180 is None, f"{month}: 180-day window cannot be complete"
        if complete_180:
            assert float(rate_180) == pytest.approx(churned / accounts, abs=1e-6)
        if not complete_90:
            assert rate_90 is None
    assert any(r[2] for r in rows) and any(not r[2] for r in rows)


def test_component_scores_within_0_100_and_bands_follow_thresholds(clean_warehouse):
    columns = ["health_score", "usage_score", "adoption_score", "engagement_score", "sentiment_score",
               "support_score", "relationship_score"]
    checks = ", ".join(f"min({c}), max({c})" for c in columns)
    values = clean_warehouse.query(f"select {checks} from marts.fct_account_health_daily")[0]
    for name, low, high in zip(columns, values[0::2], values[1::2]):
        assert low is not None and 0 <= float(low) <= float(high) <= 100, (name, low, high)
    wrong_band = clean_warehouse.query("""
        select count(*) from marts.fct_account_health_daily
        where health_band <> case when health_score < 40 then 'red' when health_score < 70 then 'yellow'
                                  else 'green' end""")[0][0]
    assert wrong_band == 0
    bands = dict(clean_warehouse.query(
        "select health_band, count(*) from marts.fct_account_health_daily group by 1"))
    assert set(bands) == {"red", "yellow", "green"}, bands


def test_weights_per_tier_sum_to_one(clean_warehouse):
    seed = clean_warehouse.query(
        "select coverage_model, sum(weight) from reference.health_score_weights group by 1")
    assert {tier for tier, _ in seed} == {"high_touch", "low_touch", "one_to_many"}
    for tier, total in seed:
        assert float(total) == pytest.approx(1.0), tier
    bad = clean_warehouse.query("""
        select coverage_model, count(*) from marts.fct_account_health_daily
        where abs(usage_weight + adoption_weight + engagement_weight + sentiment_weight + support_weight
                  + relationship_weight - 1) > 1e-9
        group by 1""")
    assert not bad, bad


def test_health_score_is_the_weighted_average_of_the_scored_components(clean_warehouse):
    rows = clean_warehouse.query("""
        select health_score, scored_weight,
               usage_score, usage_weight, adoption_score, adoption_weight, engagement_score, engagement_weight,
               sentiment_score, sentiment_weight, support_score, support_weight,
               relationship_score, relationship_weight
        from marts.fct_account_health_daily using sample 5000 rows (reservoir, 7)""")
    for score, scored_weight, *parts in rows:
        pairs = [(float(parts[i]) if parts[i] is not None else None, float(parts[i + 1]))
                 for i in range(0, len(parts), 2)]
        weight = sum(w for s, w in pairs if s is not None)
        assert float(scored_weight) == pytest.approx(weight)
        expected = sum(s * w for s, w in pairs if s is not None) / weight
        assert float(score) == pytest.approx(expected, abs=0.0051)


def test_day_spine_is_every_customer_day_in_the_window(clean_warehouse):
    """Recount customer days straight from the staged subscription lines, day by day."""
    expected = clean_warehouse.query("""
        with bounds as (
            select (select min(usage_date) from staging.stg_product__account_usage_daily) as window_start,
                   (select max(as_of_date) from intermediate.int_months) as as_of
        ),
        days as (
            select cast(d as date) as day
            from bounds, range(bounds.window_start, bounds.as_of + interval 1 day, interval 1 day) as t(d)
        ),
        covered as (
            select distinct s.account_id, days.day
            from staging.stg_billing__subscriptions as s
            join days on s.start_date <= days.day and (s.end_date is null or s.end_date > days.day)
            where s.account_id in (select account_id from staging.stg_crm__accounts)
        )
        select count(*), count(distinct account_id) from covered""")[0]
    actual = clean_warehouse.query(
        "select count(*), count(distinct account_id) from marts.fct_account_health_daily")[0]
    assert actual == expected


def test_usage_daily_keeps_every_usage_day_of_known_accounts(clean_warehouse):
    staged = clean_warehouse.query("""
        select count(*), sum(active_users) from staging.stg_product__account_usage_daily
        where account_id in (select account_id from staging.stg_crm__accounts)""")[0]
    modelled = clean_warehouse.query(
        "select count(*), sum(active_users) from intermediate.int_account_usage_daily")[0]
    assert modelled == staged


def test_advocacy_reconciles_to_the_crm(clean_warehouse):
    wh = clean_warehouse
    # whole days: an event at 13:05 on the as-of day is in the as-of month
    in_calendar = """between (select min(month_start) from intermediate.int_months)
                     and (select max(as_of_date) from intermediate.int_months)"""
    events = wh.query(f"select count(*) from staging.stg_crm__advocacy_events where cast(occurred_at as date) {in_calendar}")[0][0]
    moves = wh.query(f"select count(*) from staging.stg_crm__contact_job_changes where cast(detected_at as date) {in_calendar}")[0][0]
    mart = wh.query("""
        select sum(advocacy_events), sum(champion_moves), sum(champion_move_opportunities),
               sum(champion_move_won_arr), sum(influenced_opportunities)
        from marts.fct_advocacy_monthly""")[0]
    assert (int(mart[0]), int(mart[1])) == (events, moves)
    assert events > 0 and moves > 0
    # the generator plants new-logo deals at the moved champions' new employers, referred by them
    assert int(mart[2]) > 0 and float(mart[3]) > 0 and int(mart[4]) > 0


# --- issue 19 section 6: bands that rank churn, or say they do not -------------------------------

def test_wilson_intervals_and_within_noise_flags_match_the_counts(clean_warehouse):
    """Each complete band-month carries the 95% Wilson interval of its counts, and the within-noise
    flag is true exactly when a neighbouring band's interval overlaps its own that month."""
    rows = clean_warehouse.query("""
        select month_start, health_band_order, accounts, churned_within_180_days,
               churn_rate_180_days_ci95_lower, churn_rate_180_days_ci95_upper, is_within_noise_180_days,
               churned_within_90_days, churn_rate_90_days_ci95_lower, churn_rate_90_days_ci95_upper,
               is_180_day_window_complete
        from marts.fct_health_calibration""")
    by_month: dict = {}
    checked = 0
    for month, order, n, c180, lo, hi, noise, c90, lo90, hi90, complete in rows:
        if not complete:
            assert lo is None and hi is None and noise is None
            continue
        exp_lo, exp_hi = wilson(c180, n)
        assert float(lo) == pytest.approx(exp_lo, abs=2e-6) and float(hi) == pytest.approx(exp_hi, abs=2e-6)
        assert float(lo90) == pytest.approx(wilson(c90, n)[0], abs=2e-6)
        by_month.setdefault(month, {})[order] = (exp_lo, exp_hi, noise)
        checked += 1
    assert checked > 10
    flagged = {True: 0, False: 0}
    for bands in by_month.values():
        for order, (lo, hi, noise) in bands.items():
            neighbours = [bands[o] for o in (order - 1, order + 1) if o in bands]
            if not neighbours:
                assert noise is None
                continue
            expected = any(lo <= n_hi and n_lo <= hi for n_lo, n_hi, _ in neighbours)
            assert noise == expected, (order, lo, hi, neighbours)
            flagged[expected] += 1
    assert flagged[True] > 0, "small monthly bands must show overlapping intervals somewhere"


@pytest.fixture(scope="module")
def calibration_1000(tmp_path_factory):
    """1,000 accounts x 18 months (seed 11), built up to the calibration mart only."""
    from conftest import dbt
    from cs_analytics.generate import generate
    import duckdb

    tmp = tmp_path_factory.mktemp("calibration_1000")
    db = tmp / "warehouse.duckdb"
    truth = generate(1000, 18, 11, duckdb_path=db, quiet=True)
    dbt(["seed"], db, tmp / "target")
    dbt(["run", "--select", "+fct_health_calibration"], db, tmp / "target")
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("""
            select health_band, sum(accounts), sum(churned_within_180_days)
            from marts.fct_health_calibration
            where is_180_day_window_complete and is_score_history_complete
            group by health_band""").fetchall()
    return truth, {band: (int(n), int(churned)) for band, n, churned in rows}


def test_planted_churn_drivers_are_recorded(calibration_1000):
    truth, _ = calibration_1000
    drivers = truth["churn_drivers"]
    assert drivers["log_hazard_per_usage_per_seat_below_centre"] > 0
    assert drivers["champion_left_hazard_multiplier"] > 1
    low, mid, high = drivers["churned_accounts_by_usage_tercile"]
    assert low > mid > high, drivers  # planted: low usage churns more


def test_bands_rank_churn_red_over_yellow_over_green_at_1000_accounts(calibration_1000):
    """With churn driven by the signals the score reads, 180-day churn is ordered red > yellow > green
    (pooled over complete months), and red stands clear of green beyond the noise."""
    _, totals = calibration_1000
    assert set(totals) == {"red", "yellow", "green"}, totals
    rates = {band: c / n for band, (n, c) in totals.items()}
    assert rates["red"] > rates["yellow"] > rates["green"], totals
    assert wilson(*totals["red"][::-1])[0] > wilson(*totals["green"][::-1])[1], totals
    assert wilson(*totals["yellow"][::-1])[0] > wilson(*totals["green"][::-1])[1], totals
