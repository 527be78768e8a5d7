"""Synthetic raw data for cs_analytics, with the truth it planted.

Usage::

    python -m cs_analytics.generate --accounts 200 --months 18 --seed 7 --duckdb raw.duckdb
    python -m cs_analytics.generate --accounts 60 --months 12 --seed 42 --out integration_tests/seeds/demo
    ... --dirty      # inject every defect class a real export has (counted in the truth)

Everything is vectorised with NumPy (loops run over months, days or small
vocabularies, never over rows) and loaded into DuckDB through Arrow. The same
seed gives the same bytes.

The truth (``truth.json`` plus the ``truth`` schema / ``_truth/`` CSVs) holds the
MRR ledger per account-month, each playbook's planted usage effect and its
effect on the recovery rate, each program's planted lift over its holdout and
open/click probabilities, each alert rule's realised precision, the planted
false alerts (rules and behavioural triggers fire on the realised usage feed;
these fire without their condition), and the count of every defect per raw table.
"""
from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import duckdb
import numpy as np

from .tables import (
    col_bool,
    col_cat,
    col_date,
    col_id,
    col_int,
    col_num,
    col_str,
    col_ts,
    load_table,
)
from . import dirty as dirty_mod

DAY = np.timedelta64(1, "D")
SEC_PER_DAY = 86400

SEGMENTS = ["smb", "mid_market", "enterprise"]
COVERAGE = ["high_touch", "low_touch", "one_to_many"]
FEATURES = ["dashboards", "reports", "integrations", "automations", "api", "mobile"]
INDUSTRIES = ["software", "financial_services", "healthcare", "retail", "manufacturing", "education", "media"]
REGIONS = ["NA", "EMEA", "APAC", "LATAM"]
FIRST = ["Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jon", "Kira", "Liam",
         "Maya", "Nils", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tara", "Umar", "Vera", "Wes", "Yuki", "Zoe"]
LAST = ["Adams", "Berg", "Costa", "Diaz", "Evans", "Fischer", "Garcia", "Hill", "Ito", "Jensen", "Khan",
        "Lopez", "Moreau", "Novak", "Okafor", "Patel", "Quist", "Rossi", "Silva", "Tanaka", "Ueda", "Vos",
        "Wong", "Xu", "Young", "Zimmer"]
WORDS = ["Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay", "Wonka", "Tyrell",
         "Cyberdyne", "Soylent", "Aperture", "Massive", "Dynamic", "Blue", "Red", "North", "Summit", "Nova"]
SUFFIX = ["Inc", "LLC", "GmbH", "Ltd", "Corp", "Group", "Labs", "Systems"]

# Playbooks and the usage effect (active users per seat per day) planted for them.
PLAYBOOKS = [
    # id, name, category, success_metric, window, planted_effect
    ("pb_01", "Low usage recovery (CSM-led)", "risk", "usage_recovery", 45, 0.10),
    ("pb_02", "Low usage nudge (automated email)", "risk", "usage_recovery", 45, 0.0),
    ("pb_03", "Champion left: re-establish sponsor", "risk", "renewal", 90, 0.0),
    ("pb_04", "Expansion signal (CSQL)", "opportunity", "opportunity", 90, 0.0),
    ("pb_05", "Executive business review", "lifecycle", "completion", None, 0.0),
    ("pb_06", "Renewal preparation", "lifecycle", "renewal", 120, 0.0),
    ("pb_07", "Support escalation follow-up", "risk", "completion", 30, 0.0),
    ("pb_08", "Detractor outreach", "risk", "renewal", 60, 0.0),
]
USAGE_RULE_THRESHOLD = 0.30  # active users per seat, trailing 14 days
# transient usage dips that revert by themselves: regression to the mean for the risk playbooks
DIPS_PER_YEAR = 1.0
DIP_DAYS = (5, 10)  # inclusive: shorter than the 14-day rule window
DIP_DEPTH = (0.60, 0.90)  # share of usage lost during the dip
CHUNK = 5000  # accounts per chunk when streaming the big usage tables
# Churn is driven by the signals the health score reads (recorded in truth["churn_drivers"]):
# monthly hazard = segment base x exp(CHURN_RISK_COEF x risk + CHURN_USAGE_COEF x (USAGE_BASE_CENTRE -
# latent usage per seat)) x CHURN_CHAMPION_MULT once the champion has left, normalised so the
# average hazard stays the segment base. The latent risk also drives adoption, sentiment and support
# load; the latent usage per seat is the level the usage score reads.
CHURN_SEGMENT_HAZARD = (0.022, 0.011, 0.005)
CHURN_RISK_COEF = 0.40
CHURN_USAGE_COEF = 7.0
CHURN_CHAMPION_MULT = 2.5
USAGE_BASE_CENTRE = 0.62
# Rules and behavioural triggers fire on the realised usage feed, the same per-seat measure the
# warehouse computes (int_ctas_joined_to_usage): trailing USAGE_RULE_TRAILING_DAYS days of active users /
# licensed seats (the seats of the subscription lines active that day), every day a customer day.
USAGE_RULE_TRAILING_DAYS = 14  # dbt var usage_rule_trailing_days
PLATFORM_LAG_DAYS = 1  # the feed lands overnight: a rule evaluated on day d's data fires on day d + 1
# health check-in: the usage component of the warehouse's health score (int_account_health_daily,
# default vars) below the red band; the full band also reads tickets, surveys and touches the generator
# draws later, so the usage component is the documented equivalent the platform can evaluate daily
HEALTH_FLOOR, HEALTH_TARGET, HEALTH_TREND_SHARE, HEALTH_RED_BELOW = 0.2, 0.6, 0.3, 40.0
# planted false alerts: per account-day chance that a rule or trigger fires although its condition does
# not hold (a partial feed, a stale seat count); recorded in truth["false_alerts"]
FALSE_ALERT_RATE_PER_DAY = 0.00025
PROGRAM_WINDOW_DAYS = 60

# 1:many programs: id, name, type, trigger, trigger_rule, goal, holdout share,
# P(human open | delivered), P(click | human open), planted usage lift per seat, steps
PROGRAMS = [
    ("prg_01", "Onboarding journey", "onboarding", "scheduled", None, "feature_adoption", 0.30, 0.52, 0.30, 0.10, 4),
    ("prg_02", "Low-usage nudge", "adoption", "behavioral", "active_users_per_seat_14d < 0.3", "usage", 0.20, 0.38, 0.22, 0.08, 3),
    ("prg_03", "Health check-in", "risk", "behavioral", "health_usage_score < 40", "usage", 0.50, 0.30, 0.15, 0.0, 3),
    ("prg_04", "Renewal reminder", "renewal", "scheduled", None, "renewal", 0.15, 0.45, 0.20, 0.0, 3),
    ("prg_05", "Review request", "advocacy", "manual", None, "survey", 0.0, 0.35, 0.12, 0.0, 2),
    ("prg_06", "Product newsletter", "newsletter", "scheduled", None, "usage", 0.0, 0.25, 0.08, 0.0, 1),
]

# Onboarding (issue 16): days from kickoff to go-live are scaled per segment (smb, mid_market,
# enterprise), and a share of new customers stall after kickoff and never go live.
ONBOARDING_SEGMENT_SCALE = np.array([0.6, 1.0, 1.6])
ONBOARDING_STALL_SHARE = 0.10

CTA_STATUS_OPEN = ["New", "Open", "Work in Progress"]
CTA_STATUS = {  # outcome -> picklist values the customer uses
    "success": ["Closed Success", "Closed Won"],
    "lost": ["Closed Lost"],
    "invalid": ["Closed Invalid", "Closed - Not Valid"],
    "auto_resolved": ["Auto Closed"],
    "open": ["Open", "Work in Progress"],
}
NOT_VALID_REASONS = ["Customer seasonal dip", "Data issue", "Already working with customer",
                     "Account in transition", "Duplicate alert"]


def _month_starts(end: np.datetime64, months: int) -> np.ndarray:
    last = end.astype("datetime64[M]")
    return np.arange(last - (months - 1), last + 1).astype("datetime64[D]")


def _first_of_month(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[M]").astype("datetime64[D]")


def _secs(rng, n, lo=8, hi=18):
    """Random seconds inside business hours."""
    return (rng.integers(lo * 3600, hi * 3600, n)).astype("timedelta64[s]")


def _at(days, secs):
    return days.astype("datetime64[s]") + secs


class Generator:
    def __init__(self, accounts: int, months: int, seed: int, end_date: str, con=None):
        self.con = con
        self.counts: dict[str, int] = {}
        self.A = accounts
        self.M = months
        self.seed = seed
        self.rng = np.random.default_rng(seed)
        self.end = np.datetime64(end_date, "D")
        self.ms = _month_starts(self.end, months)  # window month starts
        self.start = self.ms[0]
        self.days = np.arange(self.start, self.end + DAY)
        self.D = len(self.days)
        self.tables: dict[tuple[str, str], dict] = {}
        self.truth: dict = {"parameters": {"accounts": accounts, "months": months, "seed": seed,
                                           "end_date": str(self.end), "window_start": str(self.start)}}

    def add(self, source, table, cols, append=False):
        """Load a table (or one more chunk of it) into DuckDB as raw text."""
        key = f"{source}.{table}"
        offset = self.counts.get(key, 0) if append else 0
        n = load_table(self.con, SCHEMAS[source], table, cols, append=append, rn_offset=offset)
        self.counts[key] = offset + n

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
        # accounts whose first ever month is before the window started at start_m (<0)

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

    # ------------------------------------------------------------------ users & team
    def users(self):
        rng = self.rng
        n_ht = int(((self.cov == 0) & ~self.is_prospect).sum())
        n_lt = int(((self.cov == 1) & ~self.is_prospect).sum())
        self.n_csm = max(3, int(np.ceil(n_ht / 25 + n_lt / 60)))
        self.n_dcsm = max(1, int(np.ceil(((self.cov == 2).sum()) / 800)))
        self.n_ae = max(2, self.n_csm // 2)
        n_mgr = max(1, self.n_csm // 8)
        roles = np.concatenate([np.zeros(self.n_csm, int), np.ones(self.n_dcsm, int), np.full(self.n_ae, 2), np.full(n_mgr, 3)])
        U = len(roles)
        self.U = U
        self.csm_ids = np.arange(self.n_csm)
        self.dcsm_ids = np.arange(self.n_csm, self.n_csm + self.n_dcsm)
        self.ae_ids = np.arange(self.n_csm + self.n_dcsm, self.n_csm + self.n_dcsm + self.n_ae)
        self.mgr_ids = np.arange(U - n_mgr, U)
        fn, ln = rng.integers(0, len(FIRST), U), rng.integers(0, len(LAST), U)
        names = np.char.add(np.char.add(np.array(FIRST)[fn], " "), np.array(LAST)[ln])
        emails = np.char.add(np.char.lower(np.char.add(np.char.add(np.array(FIRST)[fn], "."), np.array(LAST)[ln])), np.char.add(np.char.mod("%d", np.arange(U)), "@vendor.example"))
        hired = self.start - rng.integers(30, 1500, U).astype("timedelta64[D]")
        term = np.where((roles == 0) & (rng.random(U) < 0.1), self.end - rng.integers(10, 200, U).astype("timedelta64[D]"), np.datetime64("NaT"))
        cost = np.array([9500.0, 8500.0, 12000.0, 15000.0])[roles] * rng.uniform(0.9, 1.1, U)
        mgr = np.where(roles == 3, -1, self.mgr_ids[rng.integers(0, n_mgr, U)])
        self.csm_skill = rng.normal(0, 1, U)  # diligence / quality
        self.csm_resp_hours = np.exp(rng.normal(np.log(8), 0.5, U))
        self.add("crm", "users", {
            "user_id": col_id("usr", 4, np.arange(U)),
            "full_name": col_str(names),
            "email": col_str(emails),
            "role": col_cat(["csm", "digital_csm", "ae", "cs_manager"], roles),
            "team": col_cat(["Enterprise CS", "Scaled CS", "Sales", "CS Leadership"], roles),
            "region": col_cat(REGIONS, rng.integers(0, 4, U)),
            "manager_user_id": col_id("usr", 4, mgr),
            "hired_at": col_ts(_at(hired, _secs(rng, U))),
            "terminated_at": col_ts(np.where(np.isnat(term), np.datetime64("NaT"), _at(term, _secs(rng, U)))),
            "monthly_cost": col_num(np.round(cost, 2)),
        })
        self.user_roles = roles

    def team_history(self):
        """CSM / AE / exec-sponsor ownership (SCD2) with hand-overs, some on month boundaries."""
        rng, A = self.rng, self.A
        owner0 = np.where(self.cov == 2, self.dcsm_ids[rng.integers(0, self.n_dcsm, A)], self.csm_ids[rng.integers(0, self.n_csm, A)])
        # hand-over: 30% of non-digital accounts change hands once, some twice
        h1 = (self.cov < 2) & (rng.random(A) < 0.30)
        d1 = rng.integers(20, self.D - 20, A)
        on_boundary = rng.random(A) < 0.3
        d1_day = np.where(on_boundary, _first_of_month(self.days[d1]), self.days[d1])
        owner1 = self.csm_ids[(np.searchsorted(self.csm_ids, owner0) + rng.integers(1, self.n_csm, A)) % self.n_csm]
        h2 = h1 & (rng.random(A) < 0.25) & (d1 < self.D - 60)
        d2 = np.minimum(d1 + rng.integers(30, 200, A), self.D - 1)
        d2_day = self.days[d2]
        owner2 = self.csm_ids[(np.searchsorted(self.csm_ids, owner1) + rng.integers(1, self.n_csm, A)) % self.n_csm]
        cust_start = self.acc_created.astype("datetime64[D]")
        acc, usr, role, vf, vt = [], [], [], [], []
        nat = np.datetime64("NaT", "D")
        a = np.arange(A)
        # first owner
        acc.append(a); usr.append(owner0); role.append(np.zeros(A, int)); vf.append(cust_start)
        vt.append(np.where(h1, d1_day, nat))
        sel = np.nonzero(h1)[0]
        acc.append(sel); usr.append(owner1[sel]); role.append(np.zeros(len(sel), int)); vf.append(d1_day[sel])
        vt.append(np.where(h2[sel], d2_day[sel], nat))
        sel2 = np.nonzero(h2)[0]
        acc.append(sel2); usr.append(owner2[sel2]); role.append(np.zeros(len(sel2), int)); vf.append(d2_day[sel2]); vt.append(np.full(len(sel2), nat))
        # AE and exec sponsor (manager) rows
        acc.append(a); usr.append(self.ae_ids[rng.integers(0, self.n_ae, A)]); role.append(np.ones(A, int)); vf.append(cust_start); vt.append(np.full(A, nat))
        ent = np.nonzero(self.seg == 2)[0]
        acc.append(ent); usr.append(self.mgr_ids[rng.integers(0, len(self.mgr_ids), len(ent))]); role.append(np.full(len(ent), 2)); vf.append(cust_start[ent]); vt.append(np.full(len(ent), nat))
        acc, usr, role = np.concatenate(acc), np.concatenate(usr), np.concatenate(role)
        vf, vt = np.concatenate(vf), np.concatenate(vt)
        order = np.lexsort((vf, role, acc))
        acc, usr, role, vf, vt = acc[order], usr[order], role[order], vf[order], vt[order]
        self.add("crm", "account_team_history", {
            "account_id": col_id("acc", 6, acc),
            "user_id": col_id("usr", 4, usr),
            "team_role": col_cat(["csm", "ae", "exec_sponsor"], role),
            "valid_from": col_date(vf),
            "valid_to": col_date(vt),
        })
        # owner per account per window day (for activities)
        self.owner_day = np.repeat(owner0[:, None], self.D, axis=1)
        didx = np.arange(self.D)[None, :]
        d1_idx = ((d1_day - self.start) // DAY).astype(int)
        d2_idx = ((d2_day - self.start) // DAY).astype(int)
        self.owner_day = np.where(h1[:, None] & (didx >= d1_idx[:, None]), owner1[:, None], self.owner_day)
        self.owner_day = np.where(h2[:, None] & (didx >= d2_idx[:, None]), owner2[:, None], self.owner_day)
        self.owner_day = self.owner_day.astype(np.int32)

    # ------------------------------------------------------------------ contacts
    def contacts(self):
        rng, A = self.rng, self.A
        n_per = np.array([2, 4, 6])[self.seg] + rng.integers(0, 3, A)
        acc = np.repeat(np.arange(A), n_per)
        pos = np.concatenate([np.arange(k) for k in n_per])
        C = len(acc)
        champ = pos == 0
        execs = (pos == 1) & (self.seg[acc] == 2)
        refable = rng.random(C) < np.where(champ, 0.30, 0.08)
        created = self.acc_created[acc] + rng.integers(0, 60 * SEC_PER_DAY, C).astype("timedelta64[s]")
        left_day = np.where(champ, self.champ_left_day[acc], np.where(rng.random(C) < 0.06, rng.integers(0, self.D, C), -1))
        left_at = np.where(left_day >= 0, _at(self.days[np.maximum(left_day, 0)], _secs(rng, C)), np.datetime64("NaT"))
        fn, ln = rng.integers(0, len(FIRST), C), rng.integers(0, len(LAST), C)
        names = np.char.add(np.char.add(np.array(FIRST)[fn], " "), np.array(LAST)[ln])
        emails = np.char.add(np.char.add(np.char.lower(np.array(FIRST)[fn]), np.char.mod(".%d@customer.example", np.arange(C))), "")
        titles = ["VP Operations", "Director of IT", "Head of Analytics", "Ops Manager", "Admin", "CFO", "Analyst"]
        title_c = np.where(champ, 2, np.where(execs, 5, rng.integers(0, len(titles), C)))
        self.con_acc, self.con_left_day, self.con_refable, self.con_champ = acc, left_day, refable, champ
        self.champion_of = np.searchsorted(acc, np.arange(A))  # first contact per account = champion
        self.add("crm", "contacts", {
            "contact_id": col_id("con", 7, np.arange(C)),
            "account_id": col_id("acc", 6, acc),
            "email": col_str(emails),
            "full_name": col_str(names),
            "title": col_cat(titles, title_c),
            "is_champion": col_bool(champ.astype(np.int8)),
            "is_exec_sponsor": col_bool(execs.astype(np.int8)),
            "is_referenceable": col_bool(refable.astype(np.int8)),
            "created_at": col_ts(created),
            "left_at": col_ts(left_at),
        })
        # job changes for contacts that left
        moved = np.nonzero((left_day >= 0) & (rng.random(C) < 0.6))[0]
        k = len(moved)
        to_acc = np.where(rng.random(k) < 0.45, rng.integers(0, A, k), -1)
        to_acc = np.where(to_acc == acc[moved], -1, to_acc)
        detected = left_at[moved] + rng.integers(5 * SEC_PER_DAY, 60 * SEC_PER_DAY, k).astype("timedelta64[s]")
        detected = np.minimum(detected, self.end.astype("datetime64[s]") + np.timedelta64(0, "s"))
        cw, cs = rng.integers(0, len(WORDS), k), rng.integers(0, len(SUFFIX), k)
        cname = np.char.add(np.char.add(np.array(WORDS)[cw], " "), np.array(SUFFIX)[cs])
        self.moves = {"contact": moved, "to_acc": to_acc, "detected": detected}
        self.add("crm", "contact_job_changes", {
            "contact_id": col_id("con", 7, moved),
            "from_account_id": col_id("acc", 6, acc[moved]),
            "to_account_id": col_id("acc", 6, to_acc),
            "to_company_name": col_str(cname),
            "detected_at": col_ts(detected),
        })

    def accounts_table(self):
        rng, A = self.rng, self.A
        w1, w2, s = rng.integers(0, len(WORDS), A), rng.integers(0, len(WORDS), A), rng.integers(0, len(SUFFIX), A)
        names = np.char.add(np.char.add(np.char.add(np.char.add(np.array(WORDS)[w1], " "), np.array(WORDS)[w2]), " "), np.array(SUFFIX)[s])
        names = np.char.add(names, np.char.mod(" %d", np.arange(A)))
        parent = np.where(rng.random(A) < 0.05, rng.integers(0, A, A), -1)
        parent = np.where(parent == np.arange(A), -1, parent)
        upd = self.acc_created + rng.integers(1, 300, A).astype("timedelta64[D]")
        upd = np.minimum(upd, self.end.astype("datetime64[s]"))
        seg_labels = ["SMB", "Mid-Market", "Enterprise", "smb", "mid_market", "enterprise"]
        cov_labels = ["High Touch", "Low Touch", "Tech Touch", "high_touch", "low_touch", "one_to_many", "Digital", "Pooled"]
        seg_code = np.where(rng.random(A) < 0.5, self.seg, self.seg + 3)
        cov_code = np.where(rng.random(A) < 0.5, self.cov, self.cov + 3)
        cov_code = np.where((self.cov == 2) & (rng.random(A) < 0.2), rng.integers(6, 8, A), cov_code)
        # re-exported versions: 10% of accounts appear twice, the older copy with an older updated_at
        self.add("crm", "accounts", {
            "account_id": col_id("acc", 6, np.arange(A)),
            "account_name": col_str(names),
            "segment": col_cat(seg_labels, seg_code),
            "coverage_model": col_cat(cov_labels, cov_code),
            "industry": col_cat(INDUSTRIES, rng.integers(0, len(INDUSTRIES), A)),
            "region": col_cat(REGIONS, rng.integers(0, 4, A)),
            "parent_account_id": col_id("acc", 6, parent),
            "created_at": col_ts(self.acc_created),
            "updated_at": col_ts(upd),
            "is_deleted": col_bool(np.zeros(A, np.int8)),
        })

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

    def _recovery_truth(self, rate_used, noise, ups, seats_wh):
        """The recovery a playbook planted: for each worked low-usage CTA whose condition held, whether the
        trailing per-seat usage reached the threshold in the after window (from the close day, for the
        attribution window, the warehouse's definition) with the playbook's effect and without it (the
        same feed minus this CTA's effect). Their mean difference per playbook is its planted effect on
        the recovery rate (0 where no effect was planted)."""
        A, D = self.A, self.D
        T, thr = USAGE_RULE_TRAILING_DAYS, USAGE_RULE_THRESHOLD
        al = self.usage_alerts
        out = {}
        for pi in (0, 1):
            pid, window, effect = PLAYBOOKS[pi][0], PLAYBOOKS[pi][4], np.float32(PLAYBOOKS[pi][5])
            sel = np.nonzero((al["pb"] == pi) & (al["fate"] == 0) & ~al["false"]
                             & (al["close_day"] + window <= D))[0]
            diffs = []
            for i in sel:
                a, c = al["acc"][i], al["close_day"][i]
                lo = c - T + 1
                days = np.arange(lo, c + window)
                r_cf = rate_used[a, days] - effect * (days >= c) * self.active[a, days]
                au_cf = np.clip(np.round(self.seats_day[a, days] * np.clip(r_cf, 0, 1.2) + noise[a, days]), 0, None) * self.active[a, days]
                ups_cf = np.where(seats_wh[a, days] > 0, au_cf / np.maximum(seats_wh[a, days], 1), 0.0) * self.active[a, days]
                ups_act = ups[a, days]
                cust = self.active[a, days].astype(np.int64)
                kern = np.ones(T)
                full = np.convolve(cust, kern, "valid") == T
                rec = lambda v: bool(((np.convolve(v, kern, "valid") / T >= thr) & full).any())
                if not full.any():
                    continue
                diffs.append(int(rec(ups_act)) - int(rec(ups_cf)))
            out[pid] = {"worked_ctas_judged": len(diffs),
                        "planted_recovery_effect": round(float(np.mean(diffs)), 6) if diffs else 0.0}
        self.truth["recovery_effect"] = out

    # ------------------------------------------------------------------ programs (1:many)
    def programs(self):
        rng, A, D = self.rng, self.A, self.D
        P = len(PROGRAMS)
        owner = self.dcsm_ids[np.arange(P) % self.n_dcsm]
        launched = self.start - np.array([200, 150, 120, 90, 60, 300]).astype("timedelta64[D]")
        self.add("digital", "programs", {
            "program_id": col_cat([p[0] for p in PROGRAMS], np.arange(P)),
            "program_name": col_cat([p[1] for p in PROGRAMS], np.arange(P)),
            "program_type": col_cat([p[2] for p in PROGRAMS], np.arange(P)),
            "trigger_type": col_cat([p[3] for p in PROGRAMS], np.arange(P)),
            "trigger_rule": col_cat([p[4] or "" for p in PROGRAMS], np.where([p[4] is None for p in PROGRAMS], -1, np.arange(P))),
            "goal_metric": col_cat([p[5] for p in PROGRAMS], np.arange(P)),
            "owner_user_id": col_id("usr", 4, owner),
            "launched_at": col_ts(_at(launched, _secs(rng, P))),
        })
        # enrollments: digital and low-touch customers; one enrollment per account per program
        eligible = (self.cov >= 1) & self.active.any(axis=1)
        first_day = np.argmax(self.active, axis=1)
        last_day = D - 1 - np.argmax(self.active[:, ::-1], axis=1)
        e_prog, e_acc, e_day, e_hold = [], [], [], []
        share = [0.9, 0.45, 0.60, 0.40, 0.25, 0.8]
        self.behavioural_audience = {}
        for p in range(P):
            pick = eligible & (rng.random(A) < share[p] * np.where(self.cov == 2, 1.0, 0.5))
            if PROGRAMS[p][3] == "behavioral":
                # enrolled by the platform when the trigger fires on the usage feed (simulate())
                self.behavioural_audience[p] = pick
                continue
            if PROGRAMS[p][2] == "onboarding":
                pick &= first_day > 0
                day = first_day + rng.integers(1, 10, A)
                pick &= (day < D - 75) & (day < last_day - 10)
            else:
                # any day the account is a customer: a scheduled send does not know whether the account
                # will churn, so it must not avoid the months before a churn (a comparison of accounts
                # not sent to would otherwise hold every declining account and none of the recipients)
                day = first_day + rng.integers(0, np.maximum(1, last_day - first_day + 1), A)
                pick &= (day < D - 75) & (day <= last_day)
            idx = np.nonzero(pick)[0]
            e_prog.append(np.full(len(idx), p)); e_acc.append(idx); e_day.append(day[idx])
            e_hold.append(rng.random(len(idx)) < PROGRAMS[p][6])
        self.scheduled_enr = [e_prog, e_acc, e_day, e_hold]
        self.enr_first_day, self.enr_last_day = first_day, last_day
        # planted usage lift of the scheduled and manual programs (behavioural ones: simulate())
        lift = np.array([p[9] for p in PROGRAMS])
        ep, ea, ed, eh = map(np.concatenate, (e_prog, e_acc, e_day, e_hold))
        t_idx = np.nonzero(~eh & (lift[ep] != 0))[0]
        if len(t_idx):
            diff = np.zeros((A, D + 1), dtype=np.float32)
            np.add.at(diff, (ea[t_idx], ed[t_idx]), lift[ep[t_idx]])
            np.add.at(diff, (ea[t_idx], np.minimum(ed[t_idx] + PROGRAM_WINDOW_DAYS, D)), -lift[ep[t_idx]])
            self.effect += np.cumsum(diff[:, :D], axis=1)
        # program costs per month
        pc_p = np.repeat(np.arange(P), self.M)
        pc_m = np.tile(np.arange(self.M), P)
        cost = np.array([1500, 900, 900, 700, 400, 600])[pc_p] * rng.uniform(0.9, 1.1, len(pc_p))
        self.add("digital", "program_costs", {
            "program_id": col_cat([p[0] for p in PROGRAMS], pc_p),
            "cost_month": col_date(self.ms[pc_m]),
            "cost_amount": col_num(np.round(cost, 2)),
        })

    def program_enrollments(self):
        """The enrolment table: scheduled and manual enrolments drawn in programs(), behavioural ones
        fired by simulate() from the realised usage feed (with its planted false triggers)."""
        rng, A, D, P = self.rng, self.A, self.D, len(PROGRAMS)
        e_prog, e_acc, e_day, e_hold = self.scheduled_enr
        b = self.behavioural_enr
        ep = np.concatenate(e_prog + [b["prog"]])
        ea = np.concatenate(e_acc + [b["acc"]])
        ed = np.concatenate(e_day + [b["day"]])
        eh = np.concatenate(e_hold + [b["hold"]])
        ef = np.concatenate([np.zeros(len(x), bool) for x in e_prog] + [b["false"]])
        order = np.lexsort((ea, ed, ep))
        ep, ea, ed, eh, ef = ep[order], ea[order], ed[order], eh[order], ef[order]
        E = len(ep)
        window = PROGRAM_WINDOW_DAYS
        ex = ed + window
        contact = self.champion_of[ea] + (rng.random(E) < 0.3)
        contact = np.where(self.con_acc[np.minimum(contact, len(self.con_acc) - 1)] == ea, contact, self.champion_of[ea])
        enrolled_at = _at(self.days[ed], _secs(rng, E))
        self.add("digital", "program_enrollments", {
            "enrollment_id": col_id("enr", 7, np.arange(E)),
            "program_id": col_cat([p[0] for p in PROGRAMS], ep),
            "account_id": col_id("acc", 6, ea),
            "contact_id": col_id("con", 7, contact),
            "enrolled_at": col_ts(enrolled_at),
            "exited_at": col_ts(np.where(ex < D, _at(self.days[np.minimum(ex, D - 1)], _secs(rng, E)), np.datetime64("NaT"))),
            "is_holdout": col_bool(eh.astype(np.int8)),
        })
        self.enr = {"prog": ep, "acc": ea, "day": ed, "hold": eh, "contact": contact, "exit": ex}
        self.truth.setdefault("false_alerts", {})["enrollment_ids"] = [f"enr_{k:07d}" for k in np.nonzero(ef)[0]]
        # program truth
        self.truth["programs"] = {
            PROGRAMS[p][0]: {
                "program_type": PROGRAMS[p][2], "holdout_share": PROGRAMS[p][6],
                "open_probability": PROGRAMS[p][7],
                "click_probability": round(PROGRAMS[p][7] * PROGRAMS[p][8], 6),
                "click_to_open_probability": PROGRAMS[p][8],
                "planted_usage_lift_per_seat": PROGRAMS[p][9],
                "program_window_days": window,
                "enrolled": int((ep == p).sum()), "holdout": int(((ep == p) & eh).sum()),
                "false_triggers": int(((ep == p) & ef).sum()),
            } for p in range(P)
        }

    def emails(self):
        rng, D = self.rng, self.D
        e = self.enr
        treated = np.nonzero(~e["hold"])[0]
        steps = np.array([p[10] for p in PROGRAMS])[e["prog"][treated]]
        s_enr = np.repeat(treated, steps)
        s_step = np.concatenate([np.arange(1, k + 1) for k in steps]) if len(steps) else np.zeros(0, int)
        s_day = e["day"][s_enr] + (s_step - 1) * 7
        ok = s_day < D
        s_enr, s_step, s_day = s_enr[ok], s_step[ok], s_day[ok]
        S = len(s_enr)
        sent_at = _at(self.days[s_day], _secs(rng, S, 6, 20))
        sp = e["prog"][s_enr]
        self.add("digital", "email_sends", {
            "send_id": col_id("snd", 8, np.arange(S)),
            "program_id": col_cat([p[0] for p in PROGRAMS], sp),
            "account_id": col_id("acc", 6, e["acc"][s_enr]),
            "contact_id": col_id("con", 7, e["contact"][s_enr]),
            "step_number": col_int(s_step.astype(float)),
            "sent_at": col_ts(sent_at),
        })
        self.sends = {"enr": s_enr, "prog": sp, "sent_at": sent_at, "acc": e["acc"][s_enr]}
        p_open = np.array([p[7] for p in PROGRAMS])[sp]
        p_cto = np.array([p[8] for p in PROGRAMS])[sp]
        bounce = rng.random(S) < 0.03
        delivered = ~bounce
        machine = delivered & (rng.random(S) < 0.2)
        human_open = delivered & (rng.random(S) < p_open)
        reopens = np.where(human_open, rng.poisson(0.6, S), 0)
        click = human_open & (rng.random(S) < p_cto)
        unsub = delivered & (rng.random(S) < 0.006)
        spam = delivered & (rng.random(S) < 0.0015)
        ev_send, ev_type, ev_machine, ev_delay = [], [], [], []

        def emit(mask, etype, machine_flag, delay_lo, delay_hi, repeat=None):
            if repeat is not None:
                idx = np.repeat(np.arange(S), repeat)
            else:
                idx = np.nonzero(mask)[0]
            ev_send.append(idx)
            ev_type.append(np.full(len(idx), etype))
            ev_machine.append(np.full(len(idx), machine_flag, dtype=np.int8))
            ev_delay.append(rng.integers(delay_lo, delay_hi, len(idx)))

        types = ["delivered", "open", "click", "bounce", "unsubscribe", "spam_report"]
        emit(delivered, 0, -1, 5, 120)
        emit(bounce, 3, -1, 5, 120)
        emit(machine, 1, 1, 60, 600)
        # human opens: is_machine_open false (70%) or null (30%: the ESP does not say)
        emit(human_open, 1, 0, 600, 3 * SEC_PER_DAY)
        emit(None, 1, 0, 3600, 6 * SEC_PER_DAY, repeat=reopens)
        emit(click, 2, -1, 3 * SEC_PER_DAY + 10, 4 * SEC_PER_DAY)
        emit(unsub, 4, -1, 4 * SEC_PER_DAY, 5 * SEC_PER_DAY)
        emit(spam, 5, -1, 4 * SEC_PER_DAY, 5 * SEC_PER_DAY)
        es, et, em, edl = map(np.concatenate, (ev_send, ev_type, ev_machine, ev_delay))
        em = np.where((et == 1) & (em == 0) & (rng.random(len(em)) < 0.3), -1, em)
        occurred = self.sends["sent_at"][es] + edl.astype("timedelta64[s]")
        url = np.where(et == 2, rng.integers(0, 3, len(es)), -1)
        # webhook retries: 3% of events arrive twice, identical (same event_id)
        dup = rng.random(len(es)) < 0.03
        ids = np.arange(len(es))
        es, et, em, occurred, ids, url = (np.concatenate([x, x[dup]]) for x in (es, et, em, occurred, ids, url))
        order = np.lexsort((ids, occurred))
        es, et, em, occurred, ids, url = es[order], et[order], em[order], occurred[order], ids[order], url[order]
        self.add("digital", "email_events", {
            "event_id": col_id("evt", 9, ids),
            "send_id": col_id("snd", 8, es),
            "event_type": col_cat(types, et),
            "is_machine_open": col_bool(np.where(et == 1, em, -1).astype(np.int8)),
            "url": col_cat(["https://app.example/feature", "https://help.example/guide", "https://app.example/upgrade"], url),
            "occurred_at": col_ts(occurred),
        })
        self.natural["digital.email_events"]["exact_duplicate"] = int(dup.sum())
        self.sends.update({"clicked": click})

    # ------------------------------------------------------------------ CTAs & playbooks
    def ctas(self):
        rng, A, D = self.rng, self.A, self.D
        self.add("cs_platform", "playbooks", {
            "playbook_id": col_cat([p[0] for p in PLAYBOOKS], np.arange(len(PLAYBOOKS))),
            "playbook_name": col_cat([p[1] for p in PLAYBOOKS], np.arange(len(PLAYBOOKS))),
            "category": col_cat(["risk", "opportunity", "lifecycle"], [["risk", "opportunity", "lifecycle"].index(p[2]) for p in PLAYBOOKS]),
            "success_metric": col_cat(["usage_recovery", "renewal", "opportunity", "completion"], [["usage_recovery", "renewal", "opportunity", "completion"].index(p[3]) for p in PLAYBOOKS]),
            "attribution_window_days": col_int([np.nan if p[4] is None else p[4] for p in PLAYBOOKS]),
        })
        # --- usage-drop alerts: fired by simulate() on the realised usage feed (effects planted there)
        al = self.usage_alerts
        n = len(al["acc"])
        usage_cta = {"acc": al["acc"], "day": al["day"], "pb": al["pb"], "fate": al["fate"], "close_day": al["close_day"],
                     "reason": np.zeros(n, int), "rule": np.zeros(n, int), "type": np.zeros(n, int), "false": al["false"]}
        self.truth["playbooks"] = {
            p[0]: {"planted_usage_lift_per_seat": p[5], "attribution_window_days": p[4], "category": p[2]} for p in PLAYBOOKS
        }
        self.truth["usage_rule_threshold_per_seat"] = USAGE_RULE_THRESHOLD

        # --- champion-left alerts
        ca = np.nonzero((self.champ_left_day >= 0) & (self.champ_left_day < D - 3))[0]
        cd = self.champ_left_day[ca] + rng.integers(1, 4, len(ca))
        k = len(ca)
        u = rng.random(k)
        champ_cta = {"acc": ca, "day": cd, "pb": np.full(k, 2), "fate": np.where(u < 0.75, 0, np.where(u < 0.9, 1, 2)), "close_day": cd + rng.integers(7, 40, k), "reason": np.ones(k, int), "rule": np.ones(k, int), "type": np.zeros(k, int), "false": np.zeros(k, bool)}
        # --- EBR-due lifecycle CTAs (high touch) every 180 days
        ht = np.nonzero((self.cov == 0) & self.active.any(axis=1))[0]
        n_e = D // 180 + 1
        ea = np.repeat(ht, n_e)
        ed = np.tile(np.arange(n_e) * 180, len(ht)) + rng.integers(0, 60, len(ea))
        ok = (ed < D) & self.active[ea, np.minimum(ed, D - 1)]
        ea, ed = ea[ok], ed[ok]
        k = len(ea)
        u = rng.random(k)
        ebr_cta = {"acc": ea, "day": ed, "pb": np.full(k, 4), "fate": np.where(u < 0.8, 0, np.where(u < 0.85, 1, 2)), "close_day": ed + rng.integers(10, 50, k), "reason": np.full(k, 2), "rule": np.full(k, -1), "type": np.full(k, 2), "false": np.zeros(k, bool)}
        # --- expansion signals (opportunity CTAs / CSQLs), manual
        xa = np.nonzero(self.active.any(axis=1) & (rng.random(A) < 0.25))[0]
        xd = rng.integers(0, D - 30, len(xa))
        ok = self.active[xa, xd]
        xa, xd = xa[ok], xd[ok]
        k = len(xa)
        u = rng.random(k)
        exp_cta = {"acc": xa, "day": xd, "pb": np.full(k, 3), "fate": np.where(u < 0.55, 0, np.where(u < 0.75, 1, 2)), "close_day": xd + rng.integers(5, 45, k), "reason": np.full(k, 3), "rule": np.full(k, -1), "type": np.ones(k, int), "false": np.zeros(k, bool)}
        parts = [usage_cta, champ_cta, ebr_cta, exp_cta]
        cta = {key: np.concatenate([p[key] for p in parts]) for key in usage_cta}
        order = np.lexsort((cta["acc"], cta["day"]))
        cta = {k_: v[order] for k_, v in cta.items()}
        self.cta = cta
        self.cta_n = len(cta["acc"])
        fa = self.truth.setdefault("false_alerts", {})
        fa["cta_ids"] = [f"cta_{k:07d}" for k in np.nonzero(cta["false"])[0]]
        fa["rate_per_account_day"] = FALSE_ALERT_RATE_PER_DAY
        fa["platform_lag_days"] = PLATFORM_LAG_DAYS
        fa["low_usage_ctas"] = int(n)
        fa["low_usage_false_share"] = round(float(al["false"].mean()), 6) if n else 0.0

    def cta_tables(self):
        rng, D = self.rng, self.D
        c = self.cta
        n = self.cta_n
        reasons = ["low_usage", "champion_left", "ebr_due", "expansion_signal"]
        rules = ["rule_low_usage_14d", "rule_champion_left"]
        cta_types = ["risk", "opportunity", "lifecycle"]
        owner = self.owner_day[c["acc"], np.minimum(c["day"], D - 1)]
        created = _at(self.days[np.minimum(c["day"], D - 1)], _secs(rng, n, 6, 9))
        due = self.days[np.minimum(c["day"], D - 1)] + np.where(c["type"] == 2, 30, 14).astype("timedelta64[D]")
        orig_due = due.copy()
        moved_due = rng.random(n) < 0.15
        due = np.where(moved_due, due + rng.integers(3, 15, n).astype("timedelta64[D]"), due)
        closed_ok = c["close_day"] < D
        fate = c["fate"]
        # untouched CTAs: half auto-closed by the rule after 30 days, half still open
        auto = (fate == 2) & (rng.random(n) < 0.5) & (c["day"] + 30 < D)
        close_day = np.where(auto, c["day"] + 30, c["close_day"])
        is_closed = ((fate < 2) & closed_ok) | auto
        closed_at = np.where(is_closed, _at(self.days[np.minimum(close_day, D - 1)], _secs(rng, n)), np.datetime64("NaT"))
        success = rng.random(n) < np.where(c["pb"] == 3, 0.45, 0.7)
        # final status label
        lab_success = rng.integers(0, 2, n)
        lab_invalid = rng.integers(0, 2, n)
        status_labels = ["New", "Open", "Work in Progress", "Closed Success", "Closed Won", "Closed Lost", "Closed Invalid", "Closed - Not Valid", "Auto Closed"]
        final = np.where(~is_closed, np.where(rng.random(n) < 0.5, 1, 2),
                         np.where(auto, 8, np.where(fate == 1, 6 + lab_invalid, np.where(success, 3 + lab_success, 5))))
        self.cta_outcome = np.where(~is_closed, "open", np.where(auto, "auto_resolved", np.where(fate == 1, "invalid", np.where(success, "success", "lost"))))
        nvr = np.where(final >= 6, np.where(final <= 7, rng.integers(0, len(NOT_VALID_REASONS), n), -1), -1)
        close_src = np.where(~is_closed, -1, np.where(auto, 1, 0))
        source = np.where(c["rule"] >= 0, 0, 1)
        # versions: the first version (status New) exported at creation; closed CTAs also have
        # a "Work in Progress" version. The latest version is the final state.
        upd_final = np.where(is_closed, closed_at, created + rng.integers(3600, 5 * SEC_PER_DAY, n).astype("timedelta64[s]"))
        pri = np.where(c["reason"] == 1, 0, rng.integers(0, 3, n))
        base = {
            "cta_id": col_id("cta", 7, np.arange(n)),
            "account_id": col_id("acc", 6, c["acc"]),
            "owner_user_id": col_id("usr", 4, owner),
            "cta_type": col_cat(cta_types, c["type"]),
            "reason": col_cat(reasons, c["reason"]),
            "priority": col_cat(["High", "Medium", "Low"], pri),
            "status": None,
            "playbook_id": col_cat([p[0] for p in PLAYBOOKS], c["pb"]),
            "source": col_cat(["rule", "manual", "api"], source),
            "rule_id": col_cat(rules, c["rule"]),
            "not_valid_reason": None,
            "created_at": col_ts(created),
            "due_date": col_date(due),
            "original_due_date": col_date(orig_due),
            "closed_at": None,
            "close_source": None,
            "success_plan_id": col_id("spl", 6, np.full(n, -1)),
            "parent_cta_id": col_id("cta", 7, np.full(n, -1)),
            "updated_at": None,
        }
        # three stacked versions: v0 New (all), v1 WIP (closed ones), v2 final (all; for open ones v2 = v0 state later)
        has_v1 = is_closed
        idx = np.concatenate([np.arange(n), np.nonzero(has_v1)[0], np.arange(n)])
        ver = np.concatenate([np.zeros(n, int), np.ones(has_v1.sum(), int), np.full(n, 2)])
        status = np.where(ver == 0, 0, np.where(ver == 1, 2, final[idx]))
        v1_time = created[idx] + ((closed_at[idx] - created[idx]) // 2)
        upd = np.where(ver == 0, created[idx], np.where(ver == 1, v1_time, upd_final[idx]))
        cols = {}
        for k_, v in base.items():
            if v is not None:
                cols[k_] = type(v)(v.kind, v.values[idx], v.prefix, v.width, v.categories)
        cols["status"] = col_cat(status_labels, status)
        cols["not_valid_reason"] = col_cat(NOT_VALID_REASONS, np.where(ver == 2, nvr[idx], -1))
        cols["closed_at"] = col_ts(np.where(ver == 2, closed_at[idx], np.datetime64("NaT")))
        cols["close_source"] = col_cat(["manual", "rule"], np.where(ver == 2, close_src[idx], -1))
        cols["updated_at"] = col_ts(upd)
        order = np.lexsort((ver, idx))
        cols = {k_: type(v)(v.kind, v.values[order], v.prefix, v.width, v.categories) for k_, v in cols.items()}
        ordered = {k_: cols[k_] for k_ in base}
        self.add("cs_platform", "ctas", ordered)
        self.natural["cs_platform.ctas"]["superseded_version"] = int(len(idx) - n)
        self.cta_closed_at, self.cta_is_closed, self.cta_owner, self.cta_created = closed_at, is_closed, owner, created
        # truth: outcome per CTA and realised precision of each rule
        self._rule_precision(created, c)
        # tasks: 1-3 per CTA
        k = rng.integers(1, 4, n)
        t_cta = np.repeat(np.arange(n), k)
        T = len(t_cta)
        t_due = due[t_cta] - rng.integers(0, 7, T).astype("timedelta64[D]")
        t_closed = np.where(is_closed[t_cta] & (rng.random(T) < 0.9), closed_at[t_cta] - rng.integers(0, 3 * SEC_PER_DAY, T).astype("timedelta64[s]"), np.datetime64("NaT"))
        self.add("cs_platform", "cta_tasks", {
            "task_id": col_id("tsk", 8, np.arange(T)),
            "cta_id": col_id("cta", 7, t_cta),
            "owner_user_id": col_id("usr", 4, owner[t_cta]),
            "status": col_cat(["Open", "Completed"], (~np.isnat(t_closed)).astype(int)),
            "due_date": col_date(t_due),
            "closed_at": col_ts(t_closed),
        })

    def _rule_precision(self, created, c, window_days=90):
        """Share of each rule's alerts followed by churn or contraction within the window.

        A movement in month M follows an alert created on day d when d < first day of M <= d + window.
        """
        out = {}
        prev = np.concatenate([np.zeros((self.A, 1), np.int64), self.cents[:, :-1]], axis=1)[:, 1:]
        cur = self.cents[:, 1:]
        bad = (prev > 0) & (cur < prev)  # churn or contraction, per window month
        cday = created.astype("datetime64[D]")
        for r, name in enumerate(["rule_low_usage_14d", "rule_champion_left"]):
            sel = np.nonzero(c["rule"] == r)[0]
            if not len(sel):
                continue
            ms = self.ms[None, :]
            d = cday[sel][:, None]
            in_win = (ms > d) & (ms <= d + np.timedelta64(window_days, "D"))
            hit = (bad[c["acc"][sel]] & in_win).any(axis=1)
            out[name] = {"alerts": int(len(sel)), "followed_by_churn_or_contraction": int(hit.sum()),
                         "precision": round(float(hit.mean()), 6), "window_days": window_days}
        self.truth["alert_rules"] = out

    # ------------------------------------------------------------------ activities etc.
    def activities(self):
        rng, A, D = self.rng, self.A, self.D
        cust = self.active
        rate = np.array([4.0, 1.5, 0.15])[self.cov] / 30.0  # touches per active day
        acc_list, day_list, type_list, dir_list = [], [], [], []
        # ordinary touches: Bernoulli per active account-day
        hit = cust & (rng.random((A, D), dtype=np.float32) < rate[:, None])
        a_, d_ = np.nonzero(hit)
        n = len(a_)
        t = rng.choice([0, 1, 2, 9, 8], n, p=[0.3, 0.25, 0.3, 0.1, 0.05])  # call meeting email note training
        dr = rng.choice([0, 1, 2], n, p=[0.25, 0.65, 0.10])
        acc_list.append(a_); day_list.append(d_); type_list.append(t); dir_list.append(dr)
        # lifecycle cadence: qbr (high 90d, low 180d), ebr (high 180d), check_in (high 30d, low 60d)
        for atype, cad in ((3, {0: 90, 1: 180}), (4, {0: 180}), (5, {0: 30, 1: 60})):
            for cv, every in cad.items():
                accs = np.nonzero((self.cov == cv) & cust.any(axis=1))[0]
                kmax = D // every + 2
                gaps = np.round(every * rng.lognormal(0.05, 0.2, (len(accs), kmax))).astype(int)
                first = np.argmax(cust[accs], axis=1) + rng.integers(5, every, len(accs))
                when = first[:, None] + np.concatenate([np.zeros((len(accs), 1), int), np.cumsum(gaps, axis=1)[:, :-1]], axis=1)
                missed = rng.random(when.shape) < 0.12
                ok = (when < D) & ~missed
                ai_, ki = np.nonzero(ok)
                aa, dd = accs[ai_], when[ai_, ki]
                still = cust[aa, dd]
                aa, dd = aa[still], dd[still]
                acc_list.append(aa); day_list.append(dd); type_list.append(np.full(len(aa), atype)); dir_list.append(np.ones(len(aa), int))
        # success plan updates: high touch, monthly-ish
        sp = cust & (self.cov[:, None] == 0) & (rng.random((A, D), dtype=np.float32) < 1 / 35)
        a_, d_ = np.nonzero(sp)
        acc_list.append(a_); day_list.append(d_); type_list.append(np.full(len(a_), 7)); dir_list.append(np.full(len(a_), 2))
        aa, dd, tt, dr = map(np.concatenate, (acc_list, day_list, type_list, dir_list))
        owner = self.owner_day[aa, dd]
        secs = _secs(rng, len(aa))
        occ = _at(self.days[dd], secs)
        # responses: each inbound gets the owner's next outbound touch after a lag
        inbound = np.nonzero(dr == 0)[0]
        lag_h = rng.exponential(self.csm_resp_hours[owner[inbound]])
        resp_at = occ[inbound] + (lag_h * 3600).astype("timedelta64[s]") + np.timedelta64(60, "s")
        ok = resp_at < self.end.astype("datetime64[s]") + np.timedelta64(SEC_PER_DAY - 1, "s")
        inbound, resp_at = inbound[ok], resp_at[ok]
        r_dd = ((resp_at.astype("datetime64[D]") - self.start) // DAY).astype(int)
        aa = np.concatenate([aa, aa[inbound]])
        tt = np.concatenate([tt, np.where(rng.random(len(inbound)) < 0.5, 0, 2)])
        dr = np.concatenate([dr, np.ones(len(inbound), int)])
        owner = np.concatenate([owner, self.owner_day[aa[-len(inbound):] if len(inbound) else aa[:0], r_dd]])
        occ = np.concatenate([occ, resp_at])
        # CTA work logged against CTAs
        worked = np.nonzero(self.cta_is_closed)[0]
        cta_link = np.full(len(aa), -1)
        w_acc = self.cta["acc"][worked]
        w_at = self.cta_created[worked] + ((self.cta_closed_at[worked] - self.cta_created[worked]) // 3)
        aa = np.concatenate([aa, w_acc]); tt = np.concatenate([tt, np.zeros(len(worked), int)])
        dr = np.concatenate([dr, np.ones(len(worked), int)]); owner = np.concatenate([owner, self.cta_owner[worked]])
        occ = np.concatenate([occ, w_at]); cta_link = np.concatenate([cta_link, worked])
        order = np.lexsort((aa, occ))
        aa, tt, dr, owner, occ, cta_link = aa[order], tt[order], dr[order], owner[order], occ[order], cta_link[order]
        N = len(aa)
        sent_base = 0.45 - 0.25 * self.risk[aa]
        u = rng.random(N) + sent_base * 0.5
        sentiment = np.where(rng.random(N) < 0.4, -1, np.where(u > 0.9, 0, np.where(u > 0.35, 1, 2)))
        types = ["call", "meeting", "email", "qbr", "ebr", "check_in", "training", "success_plan_update", "roi_review", "note"]
        dur = np.where(np.isin(tt, [0, 1, 3, 4, 5, 6]), rng.integers(15, 90, N), np.nan)
        contact = np.where(rng.random(N) < 0.7, self.champion_of[aa], -1)
        self.add("cs_platform", "activities", {
            "activity_id": col_id("act", 8, np.arange(N)),
            "account_id": col_id("acc", 6, aa),
            "user_id": col_id("usr", 4, owner),
            "contact_id": col_id("con", 7, contact),
            "activity_type": col_cat(types, tt),
            "direction": col_cat(["inbound", "outbound", "internal"], dr),
            "occurred_at": col_ts(occ),
            "duration_minutes": col_int(dur),
            "cta_id": col_id("cta", 7, cta_link),
            "sentiment": col_cat(["positive", "neutral", "negative"], sentiment),
        })
        self.act = {"acc": aa, "type": tt, "owner": owner, "occ": occ, "contact": contact}

    def success_plans_and_milestones(self):
        rng, A, D = self.rng, self.A, self.D
        ht = np.nonzero((self.cov == 0) & self.active.any(axis=1))[0]
        k = len(ht)
        first = np.argmax(self.active[ht], axis=1)
        created = _at(self.days[first], _secs(rng, k))
        upd = created + rng.integers(5, max(6, D // 2), k).astype("timedelta64[D]").astype("timedelta64[s]")
        upd = np.minimum(upd, self.end.astype("datetime64[s]"))
        closed = np.where(rng.random(k) < 0.3, upd, np.datetime64("NaT"))
        self.add("cs_platform", "success_plans", {
            "success_plan_id": col_id("spl", 6, np.arange(k)),
            "account_id": col_id("acc", 6, ht),
            "owner_user_id": col_id("usr", 4, self.owner_day[ht, first]),
            "status": col_cat(["Active", "Completed"], (~np.isnat(closed)).astype(int)),
            "created_at": col_ts(created),
            "updated_at": col_ts(upd),
            "closed_at": col_ts(closed),
            "due_date": col_date(self.days[first] + np.timedelta64(180, "D")),
        })
        # milestones: onboarding for accounts that started in the window, feature adoption, usage recovery
        new = np.nonzero(self.active.any(axis=1) & (np.argmax(self.active, axis=1) > 0))[0]
        f0 = np.argmax(self.active[new], axis=1)  # day of the first contract start
        m_acc, m_type, m_day, m_cta = [], [], [], []
        # planted onboarding timing (issue 16): kickoff 3-9 days after the contract starts; go-live a
        # segment-scaled 20-59 days after kickoff (ONBOARDING_SEGMENT_SCALE); first value 15-44 days
        # after go-live; ONBOARDING_STALL_SHARE of accounts stall after kickoff and never go live. The
        # same three draws of the shared stream as before, so the later tables keep their bytes; the
        # stall draw comes from a stream of its own.
        k_off, g_off, v_off = (rng.integers(lo, hi, len(new)) for lo, hi in ((3, 10), (20, 60), (30, 90)))
        own_rng = np.random.default_rng([self.seed, 16])
        stalled = own_rng.random(len(new)) < ONBOARDING_STALL_SHARE
        n_before = int(sum((f0 + o < D).sum() for o in (k_off, g_off, v_off)))  # rows the old timing wrote
        kickoff = f0 + k_off
        go_live = kickoff + np.round(g_off * ONBOARDING_SEGMENT_SCALE[self.seg[new]]).astype(np.int64)
        first_value = go_live + v_off // 2
        never = np.iinfo(np.int64).max // 2
        go_live, first_value = np.where(stalled, never, go_live), np.where(stalled, never, first_value)
        # a customer returning after a churn (a line that ended by the window's first day) is not onboarded again
        first_sd = np.full(A, np.datetime64("2100-01-01"), dtype="datetime64[D]")
        np.minimum.at(first_sd, self.sub_acc, self.sub_sd.astype("datetime64[D]"))
        first_time = first_sd[new] >= self.days[f0]
        for mt, d in ((0, kickoff), (1, go_live), (2, first_value)):
            ok = (d < D) & first_time
            m_acc.append(new[ok]); m_type.append(np.full(ok.sum(), mt)); m_day.append(d[ok]); m_cta.append(np.full(ok.sum(), -1))
        self._onboarding_truth(*(x[first_time] for x in (new, f0, kickoff, go_live, first_value, stalled)))
        fa, ff = np.nonzero(self.adopt_day < D)
        m_acc.append(fa); m_type.append(np.full(len(fa), 3)); m_day.append(self.adopt_day[fa, ff]); m_cta.append(np.full(len(fa), -1))
        rec = np.nonzero((self.cta_outcome == "success") & (self.cta["reason"] == 0))[0]
        m_acc.append(self.cta["acc"][rec]); m_type.append(np.full(len(rec), 4))
        m_day.append(np.minimum(((self.cta_closed_at[rec].astype("datetime64[D]") - self.start) // DAY).astype(int), D - 1)); m_cta.append(rec)
        ma, mt, md, mc = map(np.concatenate, (m_acc, m_type, m_day, m_cta))
        _secs(rng, len(ma) - sum(len(a) for a in m_acc[:3]) + n_before)  # the shared stream advances as before
        order = np.lexsort((mt, md, ma))
        ma, mt, md, mc = ma[order], mt[order], md[order], mc[order]
        self.add("cs_platform", "milestones", {
            "milestone_id": col_id("mil", 7, np.arange(len(ma))),
            "account_id": col_id("acc", 6, ma),
            "milestone_type": col_cat(["kickoff", "go_live", "first_value", "feature_adopted", "usage_recovered"], mt),
            "achieved_at": col_ts(_at(self.days[md], _secs(own_rng, len(ma)))),
            "cta_id": col_id("cta", 7, mc),
        })

    def _onboarding_truth(self, acc, start, kickoff, go_live, first_value, stalled):
        """Truth table `onboarding`: per account that started in the window, the planted milestone days."""
        D = self.D

        def day(d):
            return np.where(d < D, self.days[np.minimum(d, D - 1)], np.datetime64("NaT"))

        self.onboarding_truth = {
            "account_id": col_id("acc", 6, acc),
            "segment": col_cat(SEGMENTS, self.seg[acc]),
            "contract_start_date": col_date(self.days[start]),
            "kickoff_date": col_date(day(kickoff)),
            "go_live_date": col_date(day(go_live)),
            "first_value_date": col_date(day(first_value)),
            "is_stalled": col_bool(stalled),
        }
        self.truth["onboarding"] = {
            "accounts": int(len(acc)), "stalled": int(stalled.sum()), "stall_share": ONBOARDING_STALL_SHARE,
            "segment_scale": dict(zip(SEGMENTS, ONBOARDING_SEGMENT_SCALE.tolist())),
            "days_kickoff_after_start": [3, 9], "days_go_live_after_kickoff": [20, 59],
            "days_first_value_after_go_live": [15, 44],
        }

    def tickets_and_surveys(self):
        rng, A, D = self.rng, self.A, self.D
        rate = np.array([0.6, 1.5, 3.5])[self.seg] * np.exp(0.25 * self.risk) / 30.0
        hit = self.active & (rng.random((A, D), dtype=np.float32) < rate[:, None])
        ta, td = np.nonzero(hit)
        T = len(ta)
        created = _at(self.days[td], rng.integers(0, SEC_PER_DAY, T).astype("timedelta64[s]"))
        first_resp = created + (rng.exponential(4, T) * 3600).astype("timedelta64[s]")
        solved = np.where(rng.random(T) < 0.92, first_resp + (rng.exponential(30, T) * 3600).astype("timedelta64[s]"), np.datetime64("NaT"))
        solved = np.where(solved > self.end.astype("datetime64[s]"), np.datetime64("NaT"), solved)
        esc = rng.random(T) < 0.05 + 0.03 * (self.risk[ta] > 1)
        contact = self.champion_of[ta]
        self.add("support", "tickets", {
            "ticket_id": col_id("tkt", 8, np.arange(T)),
            "account_id": col_id("acc", 6, ta),
            "contact_id": col_id("con", 7, contact),
            "priority": col_cat(["Low", "Normal", "High", "Urgent"], rng.choice(4, T, p=[0.3, 0.5, 0.15, 0.05])),
            "status": col_cat(["Open", "Solved"], (~np.isnat(solved)).astype(int)),
            "is_escalated": col_bool(esc.astype(np.int8)),
            "created_at": col_ts(created),
            "first_response_at": col_ts(first_resp),
            "solved_at": col_ts(solved),
        })
        # surveys: quarterly NPS, CSAT after solved tickets, post-EBR after EBRs
        q_days = np.arange(45, D, 91)
        na, nq = np.nonzero(self.active[:, q_days] & (rng.random((A, len(q_days))) < 0.35))
        nd = q_days[nq] + rng.integers(0, 30, len(na))
        ok = nd < D
        na, nd = na[ok], nd[ok]
        health = np.clip(self.active_users[na, nd] / np.maximum(self.seats_day[na, nd], 1), 0, 1)
        nps = np.clip(np.round(7.2 - 1.3 * self.risk[na] + 2.0 * (health - 0.5) + rng.normal(0, 1.6, len(na))), 0, 10)
        solved_t = np.nonzero(~np.isnat(solved) & (rng.random(T) < 0.3))[0]
        csat = np.clip(np.round(4.1 - 0.3 * self.risk[ta[solved_t]] + rng.normal(0, 0.8, len(solved_t))), 1, 5)
        ebr = np.nonzero((self.act["type"] == 4) & (rng.random(len(self.act["type"])) < 0.6))[0]
        pe = np.clip(np.round(3.8 + 0.4 * self.csm_skill[self.act["owner"][ebr]] + rng.normal(0, 0.7, len(ebr))), 1, 5)
        s_type = np.concatenate([np.zeros(len(na), int), np.ones(len(solved_t), int), np.full(len(ebr), 2)])
        s_acc = np.concatenate([na, ta[solved_t], self.act["acc"][ebr]])
        s_con = np.concatenate([self.champion_of[na], contact[solved_t], self.champion_of[self.act["acc"][ebr]]])
        s_score = np.concatenate([nps, csat, pe])
        s_at = np.concatenate([_at(self.days[nd], _secs(rng, len(na))), solved[solved_t] + np.timedelta64(3600, "s"),
                               self.act["occ"][ebr] + rng.integers(3600, 3 * SEC_PER_DAY, len(ebr)).astype("timedelta64[s]")])
        s_act = np.concatenate([np.full(len(na) + len(solved_t), -1), ebr])
        s_rated = np.concatenate([np.full(len(na) + len(solved_t), -1), self.act["owner"][ebr]])
        order = np.lexsort((s_type, s_at))
        s_type, s_acc, s_con, s_score, s_at, s_act, s_rated = (x[order] for x in (s_type, s_acc, s_con, s_score, s_at, s_act, s_rated))
        n = len(s_type)
        comments = ["Great support", "Too expensive", "Missing features", "Love the dashboards", "Onboarding was slow"]
        self.add("surveys", "survey_responses", {
            "response_id": col_id("rsp", 7, np.arange(n)),
            "survey_type": col_cat(["nps", "csat", "post_ebr"], s_type),
            "account_id": col_id("acc", 6, s_acc),
            "contact_id": col_id("con", 7, s_con),
            "score": col_int(s_score),
            "comment": col_cat(comments, np.where(rng.random(n) < 0.3, rng.integers(0, len(comments), n), -1)),
            "responded_at": col_ts(s_at),
            "related_activity_id": col_id("act", 8, s_act),
            "rated_user_id": col_id("usr", 4, s_rated),
        })

    def opportunities(self):
        """Won new-logo and expansion deals that mirror the ledger, plus lost/open pipeline,
        CSQLs from opportunity CTAs, 1:many-sourced leads and champion-move deals."""
        rng, A, M, D = self.rng, self.A, self.M, self.D
        prev = np.concatenate([np.zeros((A, 1), np.int64), self.cents[:, :-1]], axis=1)[:, 1:]
        cur = self.cents[:, 1:]
        lead_names = ["sales", "marketing", "cs", "one_to_many", "referral", "other"]
        rows = {k: [] for k in ("acc", "type", "won", "closed", "amount", "lead", "infl", "created", "closed_at", "prog", "cta", "ref", "sal", "user")}

        def add(acc, typ, won, closed, amount, lead, infl, created, closed_at, prog, cta, ref, sal, user):
            for k, v in zip(rows, (acc, typ, won, closed, amount, lead, infl, created, closed_at, prog, cta, ref, sal, user)):
                rows[k].append(np.asarray(v))

        month_day = lambda t: self.ms[t]
        # new logos in the window
        na, nt = np.nonzero((prev == 0) & (cur > 0))
        first = ~np.isin(na, np.nonzero(self.cents[:, 0] > 0)[0])
        na, nt = na[first], nt[first]
        k = len(na)
        lead = rng.choice([0, 1, 4], k, p=[0.55, 0.35, 0.10])
        close = _at(month_day(nt) - rng.integers(1, 20, k).astype("timedelta64[D]"), _secs(rng, k))
        add(na, np.zeros(k, int), np.ones(k, int), np.ones(k, int), cur[na, nt] * 12 / 100.0, lead, np.zeros(k, int),
            close - rng.integers(30, 120, k).astype("timedelta64[D]"), close, np.full(k, -1), np.full(k, -1), np.full(k, -1), np.ones(k, int), self.ae_ids[rng.integers(0, self.n_ae, k)])
        # expansions in the window (won), sourced by sales / cs / one_to_many / referral
        ea, et = np.nonzero((prev > 0) & (cur > prev))
        k = len(ea)
        digital = self.cov[ea] == 2
        u = rng.random(k)
        lead = np.where(digital, np.where(u < 0.5, 3, np.where(u < 0.8, 0, 2)), np.where(u < 0.4, 2, np.where(u < 0.9, 0, 4)))
        infl = (lead == 0) & (rng.random(k) < 0.5)
        close = _at(month_day(et) - rng.integers(1, 20, k).astype("timedelta64[D]"), _secs(rng, k))
        created = close - rng.integers(20, 90, k).astype("timedelta64[D]")
        # 1:many-sourced: the program the account was enrolled in (treated), else the newsletter
        e = self.enr
        prog = np.full(k, -1)
        if len(e["acc"]):
            treated = ~e["hold"]
            last_prog = np.full(A, 5)
            last_prog[e["acc"][treated]] = e["prog"][treated]
            prog = np.where(lead == 3, last_prog[ea], -1)
        owner_d = np.clip(((created.astype("datetime64[D]") - self.start) // DAY).astype(int), 0, D - 1)
        user = np.where(lead == 2, self.owner_day[ea, owner_d], np.where(lead == 3, self.dcsm_ids[0], self.ae_ids[rng.integers(0, self.n_ae, k)]))
        add(ea, np.ones(k, int), np.ones(k, int), np.ones(k, int), (cur[ea, et] - prev[ea, et]) * 12 / 100.0, lead, infl,
            created, close, prog, np.full(k, -1), np.full(k, -1), np.ones(k, int), user)
        # CSQLs from expansion-signal CTAs that were worked: lost or open pipeline (won ones are above)
        csql = np.nonzero((self.cta["reason"] == 3) & (self.cta_outcome == "success"))[0]
        k = len(csql)
        created = self.cta_closed_at[csql]
        closed = rng.random(k) < 0.6
        close_at = np.where(closed, created + rng.integers(15, 60, k).astype("timedelta64[D]"), np.datetime64("NaT"))
        closed &= close_at <= self.end.astype("datetime64[s]")
        close_at = np.where(closed, close_at, np.datetime64("NaT"))
        won = closed & (rng.random(k) < 0.35)
        amt = np.round(self.base_mrr[self.cta["acc"][csql]] * 12 * rng.uniform(0.1, 0.4, k), -1)
        add(self.cta["acc"][csql], np.ones(k, int), won.astype(int), closed.astype(int), amt, np.full(k, 2), np.zeros(k, int),
            created, close_at, np.full(k, -1), csql, np.full(k, -1), (rng.random(k) < 0.7).astype(int), self.cta_owner[csql])
        # 1:many leads from clicks on upgrade links
        cl = np.nonzero(self.sends["clicked"] & (rng.random(len(self.sends["clicked"])) < 0.08))[0]
        k = len(cl)
        created = self.sends["sent_at"][cl] + rng.integers(1, 20, k).astype("timedelta64[D]")
        ok = created <= self.end.astype("datetime64[s]")
        cl, created = cl[ok], created[ok]
        k = len(cl)
        closed = rng.random(k) < 0.5
        close_at = np.where(closed, created + rng.integers(10, 45, k).astype("timedelta64[D]"), np.datetime64("NaT"))
        closed &= close_at <= self.end.astype("datetime64[s]")
        close_at = np.where(closed, close_at, np.datetime64("NaT"))
        won = closed & (rng.random(k) < 0.4)
        amt = np.round(self.base_mrr[self.sends["acc"][cl]] * 12 * rng.uniform(0.05, 0.3, k), -1)
        add(self.sends["acc"][cl], np.ones(k, int), won.astype(int), closed.astype(int), amt, np.full(k, 3), np.zeros(k, int),
            created, close_at, self.sends["prog"][cl], np.full(k, -1), np.full(k, -1), (rng.random(k) < 0.6).astype(int), np.full(k, self.dcsm_ids[0]))
        # champion moves: a new-logo deal at the new employer, referred by the moved contact
        mv = self.moves
        sel = np.nonzero((mv["to_acc"] >= 0) & (rng.random(len(mv["to_acc"])) < 0.6))[0]
        k = len(sel)
        created = mv["detected"][sel] + rng.integers(10, 60, k).astype("timedelta64[D]")
        ok = created <= self.end.astype("datetime64[s]")
        sel, created = sel[ok], created[ok]
        k = len(sel)
        closed = rng.random(k) < 0.6
        close_at = np.where(closed, created + rng.integers(20, 90, k).astype("timedelta64[D]"), np.datetime64("NaT"))
        closed &= close_at <= self.end.astype("datetime64[s]")
        close_at = np.where(closed, close_at, np.datetime64("NaT"))
        won = closed & (rng.random(k) < 0.45)
        to = mv["to_acc"][sel]
        add(to, np.zeros(k, int), won.astype(int), closed.astype(int), np.round(self.base_mrr[to] * 12, -1), np.full(k, 4), np.zeros(k, int),
            created, close_at, np.full(k, -1), np.full(k, -1), mv["contact"][sel], np.ones(k, int), self.ae_ids[rng.integers(0, self.n_ae, k)])
        # renewals lost at churn
        ca, ct = np.nonzero((prev > 0) & (cur == 0))
        k = len(ca)
        close = _at(month_day(ct) - rng.integers(1, 20, k).astype("timedelta64[D]"), _secs(rng, k))
        add(ca, np.full(k, 2), np.zeros(k, int), np.ones(k, int), prev[ca, ct] * 12 / 100.0, np.zeros(k, int), np.zeros(k, int),
            close - rng.integers(30, 90, k).astype("timedelta64[D]"), close, np.full(k, -1), np.full(k, -1), np.full(k, -1), np.ones(k, int), self.ae_ids[rng.integers(0, self.n_ae, k)])
        r = {k_: np.concatenate(v) for k_, v in rows.items()}
        order = np.lexsort((r["acc"], r["created"]))
        r = {k_: v[order] for k_, v in r.items()}
        O = len(r["acc"])
        stage = np.where(r["closed"] == 0, rng.integers(0, 3, O), np.where(r["won"] == 1, 3, 4))
        self.opp_ref = r["ref"]
        self.add("crm", "opportunities", {
            "opportunity_id": col_id("opp", 7, np.arange(O)),
            "account_id": col_id("acc", 6, r["acc"]),
            "opportunity_type": col_cat(["new_logo", "expansion", "renewal"], r["type"]),
            "stage": col_cat(["Prospecting", "Discovery", "Negotiation", "Closed Won", "Closed Lost"], stage),
            "is_sales_accepted": col_bool(r["sal"].astype(np.int8)),
            "is_closed": col_bool(r["closed"].astype(np.int8)),
            "is_won": col_bool(r["won"].astype(np.int8)),
            "amount_arr": col_num(np.round(r["amount"].astype(float), 2)),
            "lead_source": col_cat(lead_names, r["lead"]),
            "is_cs_influenced": col_bool(r["infl"].astype(np.int8)),
            "sourced_by_user_id": col_id("usr", 4, r["user"]),
            "source_program_id": col_cat([p[0] for p in PROGRAMS], r["prog"]),
            "source_cta_id": col_id("cta", 7, r["cta"]),
            "referring_contact_id": col_id("con", 7, r["ref"]),
            "created_at": col_ts(r["created"]),
            "closed_at": col_ts(r["closed_at"]),
        })
        self.opp_acc, self.opp_created = r["acc"], r["created"]
        # advocacy events from referenceable contacts
        refc = np.nonzero(self.con_refable)[0]
        k_ev = rng.poisson(1.2, len(refc))
        ev_c = np.repeat(refc, k_ev)
        E = len(ev_c)
        ev_type = rng.choice(5, E, p=[0.35, 0.1, 0.3, 0.05, 0.2])
        ev_at = _at(self.days[rng.integers(0, D, E)], _secs(rng, E))
        # referral events influence a new-logo opportunity created after them
        new_logo = np.nonzero(r["type"] == 0)[0]
        infl = np.where((ev_type == 4) & (rng.random(E) < 0.7) & (len(new_logo) > 0), new_logo[rng.integers(0, max(1, len(new_logo)), E)] if len(new_logo) else -1, -1)
        self.add("crm", "advocacy_events", {
            "advocacy_event_id": col_id("adv", 6, np.arange(E)),
            "account_id": col_id("acc", 6, self.con_acc[ev_c]),
            "contact_id": col_id("con", 7, ev_c),
            "event_type": col_cat(["reference_call", "case_study", "review", "speaking", "referral"], ev_type),
            "occurred_at": col_ts(ev_at),
            "influenced_opportunity_id": col_id("opp", 7, infl),
        })

    # ------------------------------------------------------------------ run
    def run(self):
        self.natural = {f"{s}.{t}": {} for s, t in [
            ("digital", "email_events"), ("cs_platform", "ctas")]}
        steps = [self.accounts, self.ledger, self.ledger_truth, self.subscriptions, self.users, self.team_history,
                 self.contacts, self.accounts_table, self.usage, self.programs, self.simulate, self.program_enrollments,
                 self.ctas, self.finish_usage,
                 self.emails, self.cta_tables, self.activities, self.success_plans_and_milestones,
                 self.tickets_and_surveys, self.opportunities]
        for step in steps:
            step()
        # free the big matrices
        for name in ("u_clean", "effect", "noise"):
            if hasattr(self, name):
                delattr(self, name)


SCHEMAS = {"crm": "raw_crm", "billing": "raw_billing", "product": "raw_product", "cs_platform": "raw_cs",
           "support": "raw_support", "digital": "raw_digital", "surveys": "raw_surveys"}


def generate(accounts=200, months=18, seed=7, end_date="2026-10-31", duckdb_path=None, out_dir=None,
             dirty=False, truth_path=None, quiet=False, con=None):
    """Generate every raw table; return the truth dict."""
    t0 = time.time()
    own = con is None
    if con is None:
        con = duckdb.connect(str(duckdb_path) if duckdb_path else ":memory:")
    con.execute("set preserve_insertion_order = true")
    g = Generator(accounts, months, seed, end_date, con=con)
    g.run()
    counts = g.counts
    # truth ledger
    lr = g.ledger_rows
    from .tables import col_id as _cid, col_date as _cd, col_num as _cn, col_cat as _cc
    mov_names = ["new", "expansion", "contraction", "churn", "reactivation", "flat"]
    load_table(con, "truth", "mrr_ledger", {
        "account_id": _cid("acc", 6, lr["account_idx"]),
        "month_start": _cd(lr["month_start"]),
        "mrr": _cn(lr["mrr_cents"] / 100.0),
        "previous_mrr": _cn(lr["previous_mrr_cents"] / 100.0),
        "movement": _cc(mov_names, np.array([mov_names.index(m) for m in lr["movement"]], dtype=np.int32)),
    })
    load_table(con, "truth", "onboarding", g.onboarding_truth)
    truth = g.truth
    defects = {name: {"raw_rows": n, **g.natural.get(name, {})} for name, n in counts.items()}
    if dirty:
        dirty_mod.inject(con, defects, seed, g.end)
    for name in defects:
        schema, table = SCHEMAS[name.split(".")[0]], name.split(".")[1]
        defects[name]["raw_rows"] = con.execute(f"select count(*) from {schema}.{table}").fetchone()[0]
    truth["staging"] = defects
    truth["dirty"] = bool(dirty)
    # drop the generator's row-order helper column
    for name in defects:
        schema, table = SCHEMAS[name.split(".")[0]], name.split(".")[1]
        con.execute(f"alter table {schema}.{table} drop column _rn")
    for table in ("mrr_ledger", "onboarding"):
        con.execute(f"alter table truth.{table} drop column _rn")
    if out_dir:
        out = Path(out_dir)
        for name in defects:
            source, table = name.split(".")
            (out / source).mkdir(parents=True, exist_ok=True)
            con.execute(f"copy (select * from {SCHEMAS[source]}.{table}) to '{out / source / (table + '.csv')}' (header, delimiter ',')")
        (out / "_truth").mkdir(parents=True, exist_ok=True)
        con.execute(f"copy (select * from truth.mrr_ledger order by account_id, month_start) to '{out / '_truth' / 'mrr_ledger.csv'}' (header)")
        con.execute(f"copy (select * from truth.onboarding order by account_id) to '{out / '_truth' / 'onboarding.csv'}' (header)")
        truth_path = truth_path or out / "_truth" / "truth.json"
    elif duckdb_path and not truth_path:
        truth_path = Path(str(duckdb_path) + ".truth.json")
    if truth_path:
        Path(truth_path).write_text(json.dumps(truth, indent=2, sort_keys=True) + "\n")
    if own:
        con.close()
    if not quiet:
        total = sum(v["raw_rows"] for v in defects.values())
        print(f"generated {total:,} raw rows in {len(defects)} tables in {time.time() - t0:.1f}s (seed {seed}, {accounts} accounts, {months} months{', dirty' if dirty else ''})")
    return truth


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--accounts", type=int, default=200)
    p.add_argument("--months", type=int, default=18)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--end-date", default="2026-10-31", help="last day of generated activity (fixed, so output is reproducible)")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--out", help="write CSVs to DIR/<source>/<table>.csv and the truth to DIR/_truth/")
    g.add_argument("--duckdb", help="write raw_* schemas (and the truth schema) into this DuckDB file")
    p.add_argument("--truth", help="where to write truth.json (default beside the output)")
    p.add_argument("--dirty", action="store_true", help="inject every defect class a real export has")
    a = p.parse_args(argv)
    if a.duckdb and os.path.exists(a.duckdb):
        os.remove(a.duckdb)
    generate(a.accounts, a.months, a.seed, a.end_date, duckdb_path=a.duckdb, out_dir=a.out, dirty=a.dirty, truth_path=a.truth)


if __name__ == "__main__":
    main()
