"""Billing tables (models/staging/billing/): subscription lines that mirror the MRR ledger."""
from __future__ import annotations

import numpy as np

from ..tables import col_cat, col_date, col_id, col_int, col_num, col_ts
from .core import _secs


class BillingTables:
    """billing.subscriptions."""

    # ------------------------------------------------------------------ subscriptions
    def subscriptions(self):
        rng, A, M = self.rng, self.A, self.M
        cents = self.cents
        # segment starts: a change to a positive value (column 0 positive counts as a start)
        prev = np.concatenate([np.zeros((A, 1), np.int64), cents[:, :-1]], axis=1)
        starts = (cents > 0) & (cents != prev)
        # next change index for each (a, t): first t' > t with cents[a, t'] != cents[a, t]
        nxt = np.full((A, M + 1), M + 1, dtype=np.int64)
        for t in range(M - 1, -1, -1):
            changed = cents[:, t + 1] != cents[:, t]
            nxt[:, t] = np.where(changed, t + 1, nxt[:, t + 1])
        ai, ti = np.nonzero(starts)
        end_t = nxt[ai, ti]
        mrr = cents[ai, ti]
        n = len(ai)
        month0 = self.ms[0].astype("datetime64[M]")
        # start date: within the month before the first counted month (or on its first day)
        first_counted = np.where(ti == 0, self.start_m[ai], ti - 1)  # window month index
        fc_day = (month0 + first_counted).astype("datetime64[D]")
        start_date = fc_day - rng.integers(0, 20, n).astype("timedelta64[D]")
        start_date = np.where(rng.random(n) < 0.3, fc_day, start_date)
        # end date: the first month index not counted is end_t - 1 (window index)
        open_ended = end_t > M
        end_day = (month0 + np.minimum(end_t - 1, M)).astype("datetime64[D]")
        end_date = end_day - rng.integers(0, 20, n).astype("timedelta64[D]")
        end_date = np.where(rng.random(n) < 0.3, end_day, end_date)
        # a change inside a month keeps both lines on one change date
        end_date = np.where(open_ended, np.datetime64("NaT"), end_date)
        # split lines of mid-market/enterprise into platform + add-on (overlapping lines)
        split = self.seg[ai] > 0
        addon = np.where(split, (mrr * 0.25 // 100) * 100, 0)
        platform = mrr - addon
        acc = np.concatenate([ai, ai[split]])
        mrr_c = np.concatenate([platform, addon[split]])
        prod = np.concatenate([np.zeros(n, int), np.ones(split.sum(), int)])
        sd = np.concatenate([start_date, start_date[split]])
        ed = np.concatenate([end_date, end_date[split]])
        seats = np.where(prod == 0, np.maximum(1, np.round(mrr_c / 100 / self.pps[acc])), np.nan)
        order = np.lexsort((prod, sd, acc))
        acc, mrr_c, prod, sd, ed, seats = acc[order], mrr_c[order], prod[order], sd[order], ed[order], seats[order]
        k = len(acc)
        upd = np.where(np.isnat(ed), sd, ed).astype("datetime64[s]") + _secs(rng, k)
        self.add("billing", "subscriptions", {
            "subscription_id": col_id("sub", 7, np.arange(k)),
            "account_id": col_id("acc", 6, acc),
            "product": col_cat(["platform", "analytics_addon"], prod),
            "mrr": col_num(mrr_c / 100.0),
            "seats": col_int(seats),
            "start_date": col_date(sd),
            "end_date": col_date(ed),
            "updated_at": col_ts(upd),
        })
        # seats per account per window month (platform lines active on month start)
        self.seats_m = np.maximum(1, np.round(cents[:, 1:] / 100 / self.pps[:, None] * 0.75 + 0.5 * (self.seg[:, None] == 0) * cents[:, 1:] / 100 / self.pps[:, None]))
        self.seats_m = np.where(self.seg[:, None] > 0, np.maximum(1, np.round(np.round(cents[:, 1:] * 0.75 / 100) / self.pps[:, None])), np.maximum(1, np.round(cents[:, 1:] / 100 / self.pps[:, None])))
        # first and last active day (for usage): active while any line active
        self.sub_acc, self.sub_sd, self.sub_ed = acc, sd, ed
        self.sub_seats = np.nan_to_num(seats)
