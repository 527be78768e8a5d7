"""Issue 19 section 5 on generated data (300 accounts x 18 months, seed 11): every coverage tier has a
cost per customer and per retained ARR, the named-CSM cost recomputed from the raw users and account
team history, and the playbook baselines shared by several playbooks are held once and flagged where
they repeat, so a sum cannot count them twice."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from test_csm_monthly import owner, periods  # noqa: F401  (fixture re-used)


def next_month(m: dt.date) -> dt.date:
    return dt.date(m.year + (m.month == 12), m.month % 12 + 1, 1)


def test_named_csm_cost_from_raw_users_allocated_by_book_share(clean_warehouse, periods):  # noqa: F811
    users = {u: (cost, hired, term) for u, role, cost, hired, term in clean_warehouse.query("""
        select lower(trim(user_id)), lower(trim(role)), cast(monthly_cost as double),
               cast(hired_at as timestamp), cast(nullif(terminated_at, '') as timestamp)
        from raw_crm.users""") if role == "csm"}
    tiers = dict(clean_warehouse.query(
        "select account_id, coalesce(coverage_model, 'unknown') from intermediate.int_accounts_unified"))
    paying = defaultdict(list)
    for a, m in clean_warehouse.query("select account_id, month_start from intermediate.int_account_mrr_monthly where mrr > 0"):
        paying[m].append(a)
    mart = {(t, m): r for t, m, *r in clean_warehouse.query("""
        select coverage_model, month_start, accounts, csm_cost_allocated, one_to_many_cost, coverage_cost,
               cost_per_customer, cost_per_retained_arr, trailing_12m_gross_retained_arr
        from marts.fct_one_to_many_monthly""")}
    assert mart
    checked = 0
    for month in {m for _, m in mart}:
        books = defaultdict(lambda: defaultdict(int))
        for a in paying[month]:
            u = owner(periods, a, month)
            if u in users:
                books[u][tiers[a]] += 1
        want = defaultdict(float)
        for u, book in books.items():
            cost, hired, term = users[u]
            start, end = dt.datetime.combine(month, dt.time()), dt.datetime.combine(next_month(month), dt.time())
            if (hired is None or hired < end) and (term is None or term >= start):
                total = sum(book.values())
                for tier, n in book.items():
                    want[tier] += cost * n / total
        for (tier, m), (accounts, csm_cost, otm_cost, coverage, per_customer, per_arr, retained) in mart.items():
            if m != month:
                continue
            assert abs(float(csm_cost) - want[tier]) <= 0.01 * max(1, len(books)), (tier, month, csm_cost, want[tier])
            assert coverage == otm_cost + csm_cost
            if accounts:
                assert abs(per_customer - (coverage / accounts).quantize(Decimal("0.01"))) <= Decimal("0.01")
            if retained and retained > 0:
                assert abs(float(per_arr) - 12 * float(coverage) / float(retained)) <= 1e-5
            checked += 1
    assert checked
    # every tier with a book has a cost: high- and low-touch no longer read 0.00
    for tier in ("high_touch", "low_touch", "one_to_many"):
        rows = [r for (t, _), r in mart.items() if t == tier and r[0] > 0]
        assert rows, tier
        assert sum(1 for r in rows if r[4] > 0) >= 0.9 * len(rows), (tier, [r[4] for r in rows])


def test_renewal_baseline_held_once_and_flagged_where_it_repeats(clean_warehouse):
    baseline = {m: (n, r, e) for m, n, r, e in clean_warehouse.query("""
        select month_start, renewals_observed, renewals_renewed, renewals_expanded
        from marts.fct_playbook_baselines_monthly where baseline = 'no_sponsor_loss_renewal'""")}
    rows = clean_warehouse.query("""
        select playbook_id, month_start, no_sponsor_loss_renewals_observed, no_sponsor_loss_renewed,
               no_sponsor_loss_expanded, is_renewal_baseline_repeat
        from marts.fct_playbook_monthly where success_metric = 'renewal'""")
    by_month = defaultdict(list)
    for pb, m, n, r, e, repeat in rows:
        by_month[m].append((pb, repeat))
        assert (n, r, e) == baseline.get(m, (0, 0, 0)), (pb, m)  # shown beside each renewal playbook
    assert len({pb for pb, *_ in rows}) >= 2, "the generator has several renewal playbooks sharing the baseline"
    for m, pbs in by_month.items():
        pbs.sort()
        assert [repeat for _, repeat in pbs] == [False] + [True] * (len(pbs) - 1), (m, pbs)
    # a BI sum over the non-repeated rows equals the baseline counted once
    summed = sum(n for _, m, n, *_, repeat in rows if not repeat)
    assert summed == sum(v[0] for m, v in baseline.items() if m in by_month) > 0


def test_shared_comparison_groups_are_flagged(clean_warehouse):
    worked = clean_warehouse.query("""
        select distinct playbook_id, created_month, reason
        from marts.fct_ctas
        where is_worked and is_after_window_complete and usage_before is not null and usage_after is not null""")
    playbooks_by_reason = defaultdict(set)
    for pb, m, reason in worked:
        playbooks_by_reason[(reason, m)].add(pb)
    want = defaultdict(bool)
    for pb, m, reason in worked:
        want[(pb, m)] |= len(playbooks_by_reason[(reason, m)]) > 1
    got = {(pb, m): shared for pb, m, shared in clean_warehouse.query(
        "select playbook_id, month_start, is_comparison_group_shared from marts.fct_playbook_monthly")}
    for key, shared in got.items():
        assert shared == want[key], key
    assert any(got.values()), "two usage playbooks share the low_usage comparison group"
