"""CS platform tables (models/staging/cs_platform/): playbooks, CTAs and tasks, activities,
success plans and milestones, with the playbook, alert-rule and onboarding truth."""
from __future__ import annotations

import numpy as np

from ..tables import col_bool, col_cat, col_date, col_id, col_int, col_ts
from .core import DAY, SEC_PER_DAY, SEGMENTS, _secs, _at
from .planted import (
    PLAYBOOKS,
    PROGRAMS,
    USAGE_RULE_THRESHOLD,
    USAGE_RULE_TRAILING_DAYS,
    PLATFORM_LAG_DAYS,
    FALSE_ALERT_RATE_PER_DAY,
    ONBOARDING_PROGRAM_GO_LIVE_FACTOR,
    ONBOARDING_SEGMENT_SCALE,
    ONBOARDING_STALL_SHARE,
    LOST_REASONS,
    LOST_REASON_TOP,
    LOST_REASON_FILLED_SHARE,
    LOST_REASON_TOP_SHARE,
)

EXEC_REVIEW_SHARE = 0.4  # share of QBRs/EBRs an executive sponsor attends, where the account has one
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


class CsPlatformTables:
    """cs_platform.playbooks, ctas, cta_tasks, activities, success_plans, milestones."""

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
        lost_reason = self._lost_reasons(c, final == 5)
        # the platform's one reason field: the not-valid reason on invalid CTAs, the lost reason on lost ones
        reason_field = np.where(nvr >= 0, nvr, np.where(lost_reason >= 0, len(NOT_VALID_REASONS) + lost_reason, -1))
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
        cols["not_valid_reason"] = col_cat(NOT_VALID_REASONS + LOST_REASONS, np.where(ver == 2, reason_field[idx], -1))
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

    def _lost_reasons(self, c, lost):
        """The lost reason (index into LOST_REASONS, -1 for none) of every CTA closed lost: filled on
        LOST_REASON_FILLED_SHARE of them; the playbook's planted top reason with LOST_REASON_TOP_SHARE,
        else one of the others evenly. Drawn for every CTA from a stream of its own, so the shared stream
        (and every other column) keeps its bytes. Truth: truth["cta_lost_reasons"] and the per-CTA table
        truth.cta_lost_reasons (one row per lost CTA; lost_reason empty where none was planted)."""
        n = len(lost)
        own_rng = np.random.default_rng([self.seed, 16, 3, 6])
        filled = lost & (own_rng.random(n) < LOST_REASON_FILLED_SHARE)
        top = LOST_REASON_TOP[c["pb"]]
        other = own_rng.integers(0, len(LOST_REASONS) - 1, n)
        other = np.where(other >= top, other + 1, other)  # any reason but the top one
        pick = np.where(own_rng.random(n) < LOST_REASON_TOP_SHARE, top, other)
        code = np.where(filled, pick, -1)
        sel = np.nonzero(lost)[0]
        self.cta_lost_reasons_truth = {
            "cta_id": col_id("cta", 7, sel),
            "playbook_id": col_cat([p[0] for p in PLAYBOOKS], c["pb"][sel]),
            "lost_reason": col_cat(LOST_REASONS, code[sel]),
        }
        per_pb = {}
        for pi, p in enumerate(PLAYBOOKS):
            on = sel[c["pb"][sel] == pi]
            per_pb[p[0]] = {"planted_top_reason": LOST_REASONS[LOST_REASON_TOP[pi]], "lost_ctas": int(len(on)),
                            "with_reason": int((code[on] >= 0).sum()),
                            "with_top_reason": int((code[on] == LOST_REASON_TOP[pi]).sum())}
        self.truth["cta_lost_reasons"] = {
            "reasons": list(LOST_REASONS), "filled_share": LOST_REASON_FILLED_SHARE,
            "top_share_of_filled": LOST_REASON_TOP_SHARE, "lost_ctas": int(len(sel)),
            "with_reason": int((code[sel] >= 0).sum()), "playbooks": per_pb,
        }
        return code

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
        contact = self._exec_attended_reviews(aa, tt, contact)
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

    def _exec_attended_reviews(self, aa, tt, contact):
        """Planted (issue 16 s3): EXEC_REVIEW_SHARE of the QBRs and EBRs of accounts with an executive
        sponsor name that sponsor as the activity's contact. Drawn from a stream of its own, so every other
        column keeps its bytes; truth `exec_attended_reviews`."""
        own_rng = np.random.default_rng([self.seed, 163])
        nxt = np.minimum(self.champion_of[aa] + 1, len(self.con_acc) - 1)  # the sponsor is an account's 2nd contact
        has_exec = (self.con_acc[nxt] == aa) & (self.seg[aa] == 2)
        review = np.isin(tt, [3, 4])
        attended = review & has_exec & (own_rng.random(len(aa)) < EXEC_REVIEW_SHARE)
        self.truth["exec_attended_reviews"] = {
            "share": EXEC_REVIEW_SHARE, "reviews_with_a_sponsor": int((review & has_exec).sum()),
            "attended": int(attended.sum()),
        }
        return np.where(attended, nxt, contact)

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
        # planted onboarding-program lift: accounts treated by an onboarding program (a non-holdout
        # enrollment) go live ONBOARDING_PROGRAM_GO_LIVE_FACTOR times as many days after kickoff
        treated = self._onboarding_program_treated()[new]
        speed = np.where(treated, ONBOARDING_PROGRAM_GO_LIVE_FACTOR, 1.0)
        go_live = kickoff + np.round(g_off * ONBOARDING_SEGMENT_SCALE[self.seg[new]] * speed).astype(np.int64)
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
        self._onboarding_truth(*(x[first_time] for x in (new, f0, kickoff, go_live, first_value, stalled, treated)))
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

    def _onboarding_program_treated(self):
        """Per account: has a treated (non-holdout) enrollment in an onboarding program."""
        e_prog, e_acc, _, e_hold = self.scheduled_enr
        treated = np.zeros(self.A, bool)
        for p, a, h in zip(e_prog, e_acc, e_hold):
            if len(p) and PROGRAMS[p[0]][2] == "onboarding":
                treated[a[~h]] = True
        return treated

    def _onboarding_truth(self, acc, start, kickoff, go_live, first_value, stalled, treated):
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
            "is_onboarding_program_treated": col_bool(treated),
        }
        self.truth["onboarding"] = {
            "accounts": int(len(acc)), "stalled": int(stalled.sum()), "stall_share": ONBOARDING_STALL_SHARE,
            "segment_scale": dict(zip(SEGMENTS, ONBOARDING_SEGMENT_SCALE.tolist())),
            "days_kickoff_after_start": [3, 9], "days_go_live_after_kickoff": [20, 59],
            "days_first_value_after_go_live": [15, 44],
            "onboarding_program_go_live_factor": ONBOARDING_PROGRAM_GO_LIVE_FACTOR,
        }
