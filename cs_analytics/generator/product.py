"""Product tables (models/staging/product/): the realised usage feed, day by day, with the
rules and behavioural triggers a CS platform fires on it, and the daily usage tables."""
from __future__ import annotations

import numpy as np

from ..tables import col_cat, col_date, col_id, col_int
from .core import DAY
from .planted import (
    PLAYBOOKS,
    USAGE_RULE_THRESHOLD,
    DIPS_PER_YEAR,
    DIP_DAYS,
    DIP_DEPTH,
    USAGE_RULE_TRAILING_DAYS,
    PLATFORM_LAG_DAYS,
    HEALTH_FLOOR,
    HEALTH_TARGET,
    HEALTH_TREND_SHARE,
    HEALTH_RED_BELOW,
    FALSE_ALERT_RATE_PER_DAY,
    PROGRAM_WINDOW_DAYS,
    PROGRAMS,
)

FEATURES = ["dashboards", "reports", "integrations", "automations", "api", "mobile"]
CHUNK = 5000  # accounts per chunk when streaming the big usage tables


class ProductTables:
    """product.account_usage_daily and feature_usage_daily, and the realised feed."""

    # ------------------------------------------------------------------ usage
    def _active_days(self):
        """Boolean (A, D): the account has an active subscription line that day."""
        A, D = self.A, self.D
        act = np.zeros((A, D), dtype=bool)
        sd = ((self.sub_sd - self.start) // DAY).astype(np.int64)
        nat = np.isnat(self.sub_ed)
        ed = np.where(nat, D, ((np.where(nat, self.start, self.sub_ed) - self.start) // DAY)).astype(np.int64)
        sd, ed = np.clip(sd, 0, D), np.clip(ed, 0, D)
        # difference array, then cumulative sum: coverage count per day
        diff = np.zeros((A, D + 1), dtype=np.int32)
        np.add.at(diff, (self.sub_acc, sd), 1)
        np.add.at(diff, (self.sub_acc, ed), -1)
        act = np.cumsum(diff[:, :D], axis=1) > 0
        return act

    def usage(self):
        rng, A, D = self.rng, self.A, self.D
        self.active = self._active_days()
        day_month = ((self.days.astype("datetime64[M]") - self.ms[0].astype("datetime64[M]")).astype(int))
        self.seats_day = self.seats_m.astype(np.float32)[:, day_month]  # (A, D)
        base = self.usage_base  # the latent usage per seat the churn hazard reads (ledger)
        # AR(1) noise: dips that revert by themselves (regression to the mean)
        noise = np.zeros((A, D), dtype=np.float32)
        eps = np.float32(0.045) * rng.standard_normal((A, D), dtype=np.float32)
        x = rng.normal(0, 0.1, A).astype(np.float32)
        for d in range(D):
            x = 0.93 * x + eps[:, d]
            noise[:, d] = x
        dow = ((self.days - np.datetime64("1970-01-05")) // DAY) % 7  # 0 = Monday
        weekly = np.where(dow >= 5, 0.35, 1.0)
        doy = (self.days - self.days.astype("datetime64[Y]")) // DAY
        annual = 1 + 0.07 * np.sin(2 * np.pi * (doy - 80) / 365.25)
        u = noise
        u += base[:, None].astype(np.float32)
        # decline before churn: last active day -> 90 days before it declines to 35%
        churns_in_window = np.zeros(A, bool)
        last_active = np.where(self.active.any(axis=1), D - 1 - np.argmax(self.active[:, ::-1], axis=1), -1)
        churns_in_window = (last_active >= 0) & (last_active < D - 1)
        days_to_end = (last_active[:, None].astype(np.int32) - np.arange(D, dtype=np.int32)[None, :])
        decline = np.where(churns_in_window[:, None] & (days_to_end >= 0) & (days_to_end < 90), np.float32(0.35) + np.float32(0.65 / 90.0) * days_to_end, np.float32(1.0)).astype(np.float32)
        del days_to_end
        champ = np.where((self.champ_left_day[:, None] >= 0) & (np.arange(D)[None, :] >= self.champ_left_day[:, None]), np.float32(0.85), np.float32(1.0))
        self.u_clean = np.clip(u * decline * champ * self._transient_dips(), 0.0, 1.2).astype(np.float32)  # per-seat rate before effects
        self.season = (weekly * annual)[None, :].astype(np.float32)
        self.effect = np.zeros((A, D), dtype=np.float32)  # planted program + playbook effects
        del eps

    def _transient_dips(self):
        """Usage multiplier with temporary dips that revert by themselves (a team on holiday, a
        project paused, a quarter-end freeze): DIPS_PER_YEAR per account on average, usage down
        DIP_DEPTH for DIP_DAYS, then back to normal. The usage-drop rule fires on many of them, so
        a plain before/after credits any risk playbook with the recovery (regression to the mean);
        only a comparison group that had the same trigger removes it. A separate random stream
        keeps the main one (and so every table drawn before the CTAs) unchanged."""
        A, D = self.A, self.D
        rng = np.random.default_rng([self.seed, 6])
        n = rng.poisson(DIPS_PER_YEAR * D / 365.25, A)
        acc = np.repeat(np.arange(A), n)
        start = rng.integers(0, D, len(acc))
        length = rng.integers(DIP_DAYS[0], DIP_DAYS[1] + 1, len(acc))
        depth = rng.uniform(DIP_DEPTH[0], DIP_DEPTH[1], len(acc)).astype(np.float32)
        diff = np.zeros((A, D + 1), dtype=np.float32)
        np.add.at(diff, (acc, start), depth)
        np.add.at(diff, (acc, np.minimum(start + length, D)), -depth)
        drop = np.clip(np.cumsum(diff[:, :D], axis=1), 0.0, 0.9)
        self.truth["usage_dips"] = {"dips": int(len(acc)), "per_account_year": DIPS_PER_YEAR,
                                    "days": list(DIP_DAYS), "depth": list(DIP_DEPTH)}
        return (np.float32(1.0) - drop).astype(np.float32)

    # ------------------------------------------------------------------ realised usage + triggers
    def _warehouse_seats(self):
        """Licensed seats per account and day as the warehouse counts them (int_account_subscription_periods:
        the seats of the subscription lines active that day; add-ons carry none)."""
        A, D = self.A, self.D
        sd = np.clip(((self.sub_sd - self.start) // DAY).astype(np.int64), 0, D)
        nat = np.isnat(self.sub_ed)
        ed = np.clip(np.where(nat, D, ((np.where(nat, self.start, self.sub_ed) - self.start) // DAY)).astype(np.int64), 0, D)
        diff = np.zeros((A, D + 1), dtype=np.float64)
        np.add.at(diff, (self.sub_acc, sd), self.sub_seats)
        np.add.at(diff, (self.sub_acc, ed), -self.sub_seats)
        return np.round(np.cumsum(diff[:, :D], axis=1)).astype(np.float32)  # whole seats: exact in float32

    def simulate(self):
        """Realise the usage feed day by day and fire, on it, what a CS platform fires on it: the
        low-usage rule (CTAs for pb_01 / pb_02) and the behavioural programs' triggers (prg_02 on the
        same trailing per-seat usage, prg_03 on the health score's usage component). Each fires on day
        d + PLATFORM_LAG_DAYS from the feed through day d, so its condition holds in the warehouse on the
        day before it was created; a planted FALSE_ALERT_RATE_PER_DAY fires without it (the truth lists
        them). What a fired CTA or enrolment plants (a playbook's or program's usage effect) starts
        after it fired and shapes the usage later triggers read. A separate random stream keeps the main
        one unchanged for every table drawn before."""
        A, D = self.A, self.D
        srng = np.random.default_rng([self.seed, 19])
        noise = np.float32(0.3) * srng.standard_normal((A, D), dtype=np.float32)
        seats_wh = self._warehouse_seats()
        cust = self.active
        base_rate = self.u_clean * self.season  # (A, D) float32
        pend = np.zeros((A, D + 1), dtype=np.float32)  # effects planted by what fires during the loop
        run = np.zeros(A, dtype=np.float32)
        au = np.zeros((A, D), dtype=np.int32)
        ups = np.zeros((A, D), dtype=np.float64)  # usage per seat as the warehouse computes it (0 off-feed)
        rate_used = np.zeros((A, D), dtype=np.float32)
        T = USAGE_RULE_TRAILING_DAYS
        thr = USAGE_RULE_THRESHOLD
        # CTA attributes per account and alert slot (the k-th alert of an account uses slot k)
        K = D // 90 + 2
        slot_pb = np.where(srng.random((A, K)) < 0.5, 0, 1)  # pb_01 (real effect) or pb_02 (no effect)
        u = srng.random((A, K))
        slot_fate = np.where(u < 0.6, 0, np.where(u < 0.8, 1, 2))  # 0 worked, 1 invalid, 2 untouched
        slot_lag = srng.integers(4, 21, (A, K))
        n_alert = np.zeros(A, dtype=np.int64)
        last = np.full(A, -10_000)
        pb_window = np.array([p[4] or 45 for p in PLAYBOOKS], dtype=np.int64)
        pb_effect = np.array([p[5] for p in PLAYBOOKS], dtype=np.float32)
        c_acc, c_day, c_slot, c_false = [], [], [], []
        # behavioural programs: one enrolment per account, inside the window programs() allows
        bprogs = sorted(self.behavioural_audience)
        b_hold = {p: srng.random(A) < PROGRAMS[p][6] for p in bprogs}
        b_done = {p: ~self.behavioural_audience[p] for p in bprogs}
        b_acc, b_day, b_prog, b_false = [], [], [], []
        first_day, last_day = self.enr_first_day, self.enr_last_day
        for d in range(D):
            run += pend[:, d]
            r = (base_rate[:, d] + self.effect[:, d] + run) * cust[:, d]
            rate_used[:, d] = r
            x = np.round(self.seats_day[:, d] * np.clip(r, 0, 1.2) + noise[:, d]).astype(np.int32)
            au[:, d] = np.clip(x, 0, None) * cust[:, d]
            ups[:, d] = np.where(seats_wh[:, d] > 0, au[:, d] / np.maximum(seats_wh[:, d], 1), 0.0) * cust[:, d]
            if d < T - 1:
                continue
            lo = d - T + 1
            full = cust[:, lo:d + 1].all(axis=1)
            # compared at 9 decimals like the warehouse (a float sum of 4.2 / 14 must not flip a tie)
            below = full & (np.round(ups[:, lo:d + 1].sum(axis=1) / T, 9) < thr)
            false_draw = srng.random(A) < FALSE_ALERT_RATE_PER_DAY
            fd = d + PLATFORM_LAG_DAYS
            # --- the low-usage rule (90-day cooldown per account)
            ready = (d - last >= 90) & (n_alert < K) & (fd < D - 1)
            fire_true = ready & below
            fire_false = ready & full & ~below & false_draw
            fire = fire_true | fire_false
            if fire.any():
                a = np.nonzero(fire)[0]
                k = n_alert[a]
                c_acc.append(a); c_day.append(np.full(len(a), fd)); c_slot.append(k); c_false.append(fire_false[a])
                pb, fate = slot_pb[a, k], slot_fate[a, k]
                close = fd + slot_lag[a, k]
                w = np.nonzero((fate == 0) & (close < D) & (pb_effect[pb] > 0))[0]
                np.add.at(pend, (a[w], close[w]), pb_effect[pb[w]])
                np.add.at(pend, (a[w], np.minimum(close[w] + pb_window[pb[w]], D)), -pb_effect[pb[w]])
                last[a] = d
                n_alert[a] += 1
            # --- behavioural programs
            if not bprogs or d < 55:
                continue
            in_window = (fd >= first_day) & (fd < D - 75) & (fd < last_day - 10)
            for p in bprogs:
                if PROGRAMS[p][2] == "risk":  # health check-in: the health score's usage component is red
                    a28 = au[:, d - 27:d + 1].sum(axis=1, dtype=np.float64)
                    s28 = (seats_wh[:, d - 27:d + 1] * cust[:, d - 27:d + 1]).sum(axis=1, dtype=np.float64)
                    a_prev = au[:, d - 55:d - 27].sum(axis=1, dtype=np.float64)
                    s_prev = (seats_wh[:, d - 55:d - 27] * cust[:, d - 55:d - 27]).sum(axis=1, dtype=np.float64)
                    util = a28 / np.maximum(s28, 1)
                    util_prev = a_prev / np.maximum(s_prev, 1)
                    level = np.clip((util - HEALTH_FLOOR) / (HEALTH_TARGET - HEALTH_FLOOR), 0, 1)
                    trend = np.clip((util / np.where(util_prev > 0, util_prev, 1) - 0.5) / 0.5, 0, 1)
                    score = 100 * np.where((s_prev > 0) & (util_prev > 0),
                                           (1 - HEALTH_TREND_SHARE) * level + HEALTH_TREND_SHARE * trend, level)
                    ok = cust[:, d - 27:d + 1].all(axis=1)
                    cond = ok & (np.round(score, 2) < HEALTH_RED_BELOW)  # the mart rounds the score to 2 decimals
                else:  # low-usage nudge: the low-usage rule's measure
                    ok, cond = full, below
                ready = ~b_done[p] & in_window
                f_true = ready & cond
                f_false = ready & ok & ~cond & false_draw
                f = f_true | f_false
                if f.any():
                    a = np.nonzero(f)[0]
                    b_acc.append(a); b_day.append(np.full(len(a), fd)); b_prog.append(np.full(len(a), p))
                    b_false.append(f_false[a])
                    b_done[p][a] = True
                    lift = np.float32(PROGRAMS[p][9])
                    t = a[~b_hold[p][a]]
                    if lift != 0 and len(t):
                        np.add.at(pend, (t, np.full(len(t), fd)), lift)
                        np.add.at(pend, (t, np.full(len(t), min(fd + PROGRAM_WINDOW_DAYS, D))), -lift)
        cat = lambda xs, dt: np.concatenate(xs).astype(dt) if xs else np.zeros(0, dt)
        ba, bp = cat(b_acc, np.int64), cat(b_prog, np.int64)
        self.behavioural_enr = {"acc": ba, "day": cat(b_day, np.int64), "prog": bp,
                                "hold": np.array([b_hold[p][a] for a, p in zip(ba, bp)], dtype=bool),
                                "false": cat(b_false, bool)}
        ca, ck = cat(c_acc, np.int64), cat(c_slot, np.int64)
        fd = cat(c_day, np.int64)
        pb = slot_pb[ca, ck]
        self.usage_alerts = {"acc": ca, "day": fd, "pb": pb, "fate": slot_fate[ca, ck],
                             "close_day": fd + slot_lag[ca, ck], "false": cat(c_false, bool)}
        self.active_users = au
        self._recovery_truth(rate_used, noise, ups, seats_wh)

    def finish_usage(self):
        rng, A, D = self.rng, self.A, self.D
        au = self.active_users  # realised by simulate()
        # features: each account adopts each feature at some day (or never)
        F = len(FEATURES)
        adopt_p = np.array([0.9, 0.8, 0.55, 0.45, 0.3, 0.35])
        first_day = np.argmax(self.active, axis=1)
        adopt_day = first_day[:, None] + rng.exponential(60, (A, F)).astype(np.int64)
        adopted = (rng.random((A, F)) < adopt_p[None, :] * np.clip(1.1 - 0.15 * self.risk, 0.3, 1.3)[:, None]) & self.active.any(axis=1)[:, None]
        adopt_day = np.where(adopted, adopt_day, D + 1)
        self.adopt_day = adopt_day
        share = np.array([0.6, 0.4, 0.15, 0.2, 0.05, 0.25])
        # the two big tables stream to DuckDB in fixed-size account chunks (bounded memory;
        # the chunk size is a constant, so the output depends on the seed only)
        for c0 in range(0, A, CHUNK):
            c1 = min(A, c0 + CHUNK)
            auc = au[c0:c1]
            ai, di = np.nonzero(auc > 0)
            n = len(ai)
            users_ = auc[ai, di]
            events = np.round(users_ * rng.gamma(4.0, 2.5, n)).astype(np.int64)
            self.add("product", "account_usage_daily", {
                "account_id": col_id("acc", 6, ai + c0),
                "usage_date": col_date(self.days[di]),
                "active_users": col_int(users_.astype(float)),
                "events": col_int(events.astype(float)),
            }, append=c0 > 0)
            del ai, di, users_, events
            fa, fd, ff, fu = [], [], [], []
            for f in range(F):  # loop over six features, vectorised over account-days
                on = (auc > 0) & (np.arange(D)[None, :] >= adopt_day[c0:c1, f][:, None]) & (rng.random((c1 - c0, D), dtype=np.float32) < 0.7)
                a_, d_ = np.nonzero(on)
                users = np.maximum(1, np.round(auc[a_, d_] * share[f] * rng.uniform(0.5, 1.5, len(a_)))).astype(np.int64)
                fa.append(a_); fd.append(d_); ff.append(np.full(len(a_), f)); fu.append(users)
            fa, fd, ff, fu = map(np.concatenate, (fa, fd, ff, fu))
            order = np.lexsort((ff, fd, fa))
            fa, fd, ff, fu = fa[order], fd[order], ff[order], fu[order]
            self.add("product", "feature_usage_daily", {
                "account_id": col_id("acc", 6, fa + c0),
                "usage_date": col_date(self.days[fd]),
                "feature_key": col_cat(FEATURES, ff),
                "active_users": col_int(fu.astype(float)),
                "events": col_int(np.round(fu * rng.gamma(3.0, 2.0, len(fu))).astype(float)),
            }, append=c0 > 0)
            del fa, fd, ff, fu, order
