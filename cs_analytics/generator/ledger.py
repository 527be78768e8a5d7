"""The latent state of each account (segment, coverage, risk, start month, champion departure) and the
MRR ledger it implies, month by month, with the truth ledger the marts are checked against."""
from __future__ import annotations

import numpy as np

from .core import SEGMENTS, _secs, _at
from .planted import (
    CHURN_SEGMENT_HAZARD,
    CHURN_RISK_COEF,
    CHURN_USAGE_COEF,
    CHURN_CHAMPION_MULT,
    USAGE_BASE_CENTRE,
)


class AccountsAndLedger:
    """Latent accounts and the MRR ledger (truth: mrr_ledger, churn drivers)."""

    # ------------------------------------------------------------------ accounts
    def accounts(self):
        rng, A = self.rng, self.A
        seg = rng.choice(3, A, p=[0.55, 0.30, 0.15])
        cov = np.empty(A, dtype=np.int64)
        u = rng.random(A)
        cov[seg == 2] = np.where(u[seg == 2] < 0.9, 0, 1)
        cov[seg == 1] = np.where(u[seg == 1] < 0.3, 0, np.where(u[seg == 1] < 0.9, 1, 2))
        cov[seg == 0] = np.where(u[seg == 0] < 0.3, 1, 2)
        self.seg, self.cov = seg, cov
        self.is_prospect = rng.random(A) < 0.08
        self.risk = rng.normal(0, 1, A)
        # customer start month index relative to window month 0 (negative = before window)
        existing = rng.random(A) < 0.65
        self.start_m = np.where(existing, -rng.integers(1, 37, A), rng.integers(0, self.M, A))
        base_mean = np.array([450.0, 2600.0, 12500.0])[seg]
        self.base_mrr = np.round(base_mean * rng.lognormal(0, 0.35, A), -1)
        self.pps = np.array([40.0, 50.0, 60.0])[seg]  # price per seat
        created = self.ms[0] + (np.minimum(self.start_m, 0) * 30 - rng.integers(20, 120, A)).astype("timedelta64[D]")
        created = np.where(self.start_m > 0, self.ms[np.clip(self.start_m, 0, self.M - 1)] - rng.integers(20, 120, A).astype("timedelta64[D]"), created)
        self.acc_created = _at(created, _secs(self.rng, A))
        # champion departure: day index within the window, -1 = none
        self.champ_left_day = np.where(rng.random(A) < 0.18, rng.integers(30, self.D, A), -1)

    # ------------------------------------------------------------------ MRR ledger
    def ledger(self):
        rng, A, M = self.rng, self.A, self.M
        # the latent usage per seat the usage score reads (drawn on its own stream so the ledger can use it)
        usage_noise = np.random.default_rng([self.seed, 7]).normal(0, 0.08, A)
        self.usage_base = np.clip(USAGE_BASE_CENTRE - 0.10 * self.risk + usage_noise, 0.12, 0.95)
        log_hazard = CHURN_RISK_COEF * self.risk + CHURN_USAGE_COEF * (USAGE_BASE_CENTRE - self.usage_base)
        hazard = np.array(CHURN_SEGMENT_HAZARD)[self.seg] * np.exp(log_hazard - log_hazard.var() / 2)
        p_exp = np.array([0.020, 0.030, 0.040])[self.seg] * np.exp(-0.3 * self.risk)
        p_con = 0.012 * np.exp(0.3 * self.risk)
        cents = np.zeros((A, M + 1), dtype=np.int64)  # column 0 = month before the window
        base = (self.base_mrr * 100).astype(np.int64)
        cents[:, 0] = np.where((self.start_m < 0) & ~self.is_prospect, base, 0)
        churn_m = np.full(A, -99)
        react_flag = rng.random(A) < 0.25
        react_gap = rng.integers(2, 7, A)
        reactivated = np.zeros(A, bool)
        champ_m = np.where(self.champ_left_day >= 0, (self.days[np.maximum(self.champ_left_day, 0)].astype("datetime64[M]") - self.ms[0].astype("datetime64[M]")).astype(int), 999)
        self.lead = np.full((A, M + 1), -1, dtype=np.int64)  # opportunity lead source code for expansions
        for t in range(M):
            prev = cents[:, t]
            cur = prev.copy()
            active = prev > 0
            h = hazard * np.where(champ_m < t, CHURN_CHAMPION_MULT, 1.0)
            u = rng.random(A)
            churn = active & (u < h)
            expand = active & ~churn & (u >= h) & (u < h + p_exp)
            contract = active & ~churn & ~expand & (u >= h + p_exp) & (u < h + p_exp + p_con)
            cur[churn] = 0
            churn_m[churn] = t
            grow = rng.uniform(0.10, 0.50, A)
            cur[expand] = (np.round(prev[expand] * (1 + grow[expand]) / 1000) * 1000).astype(np.int64)
            shrink = rng.uniform(0.10, 0.40, A)
            cur[contract] = np.maximum(1000, (np.round(prev[contract] * (1 - shrink[contract]) / 1000) * 1000)).astype(np.int64)
            new = ~active & (self.start_m == t) & ~self.is_prospect & (churn_m < -1)
            cur[new] = base[new]
            react = ~active & react_flag & ~reactivated & (churn_m >= 0) & (t - churn_m == react_gap)
            cur[react] = (np.round(base[react] * rng.uniform(0.6, 1.0, A)[react] / 1000) * 1000).astype(np.int64)
            reactivated |= react
            cents[:, t + 1] = cur
        self.cents = cents
        self.truth["churn_drivers"] = {
            "monthly_hazard_by_segment": dict(zip(SEGMENTS, CHURN_SEGMENT_HAZARD)),
            "log_hazard_per_risk_sd": CHURN_RISK_COEF,
            "log_hazard_per_usage_per_seat_below_centre": CHURN_USAGE_COEF,
            "usage_per_seat_centre": USAGE_BASE_CENTRE,
            "champion_left_hazard_multiplier": CHURN_CHAMPION_MULT,
            "signals": "risk drives usage per seat, feature adoption, NPS/CSAT/activity sentiment and support "
                       "load; usage per seat and champion departure enter the hazard directly",
            # planted: accounts that churned in the window, by tercile of latent usage per seat (low first)
            "churned_accounts_by_usage_tercile": np.bincount(
                np.digitize(self.usage_base, np.quantile(self.usage_base, [1 / 3, 2 / 3])),
                weights=(churn_m >= 0).astype(float), minlength=3).astype(int).tolist(),
        }

    def ledger_truth(self):
        """Movement per account-month, for every month from the first contract month."""
        A, M = self.A, self.M
        cents = self.cents
        prev = np.concatenate([np.zeros((A, 1), np.int64), cents[:, :-1]], axis=1)
        ever_before = np.cumsum(prev > 0, axis=1) > 0
        # months before the window are flat at the starting MRR (existing customers)
        mov = np.full(cents.shape, "flat", dtype=object)
        mov[(prev == 0) & (cents > 0)] = "new"
        mov[(prev == 0) & (cents > 0) & ever_before] = "reactivation"
        mov[(prev > 0) & (cents == 0)] = "churn"
        mov[(prev > 0) & (cents > prev) & (cents > 0)] = "expansion"
        mov[(prev > 0) & (cents < prev) & (cents > 0)] = "contraction"
        keep = (cents > 0) | (prev > 0)
        # column 0 = month -1; existing accounts had a 'new' month at start_m and flat months after
        ai, ti = np.nonzero(keep[:, 1:])
        ti = ti + 1
        rows = {
            "account_idx": ai, "month_start": (self.ms[0].astype("datetime64[M]") + (ti - 1)).astype("datetime64[D]"),
            "mrr_cents": cents[ai, ti], "previous_mrr_cents": prev[ai, ti], "movement": mov[ai, ti],
        }
        # pre-window history of existing customers: new at start_m, flat until month -1
        ex = np.nonzero(cents[:, 0] > 0)[0]
        n_pre = -self.start_m[ex]  # months from start_m to -1 inclusive
        rep = np.repeat(ex, n_pre)
        offs = np.concatenate([np.arange(k) for k in n_pre]) if len(n_pre) else np.zeros(0, int)
        m_idx = np.repeat(self.start_m[ex], n_pre) + offs
        pre = {
            "account_idx": rep,
            "month_start": (self.ms[0].astype("datetime64[M]") + m_idx).astype("datetime64[D]"),
            "mrr_cents": cents[rep, 0],
            "previous_mrr_cents": np.where(offs == 0, 0, cents[rep, 0]),
            "movement": np.where(offs == 0, "new", "flat").astype(object),
        }
        self.ledger_rows = {k: np.concatenate([pre[k], rows[k]]) for k in rows}
