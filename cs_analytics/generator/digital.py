"""Digital (1:many) tables (models/staging/digital/): programs and their costs, enrolments with
holdouts, email sends and events."""
from __future__ import annotations

import numpy as np

from ..tables import col_bool, col_cat, col_date, col_id, col_int, col_num, col_ts
from .core import SEC_PER_DAY, _secs, _at
from .planted import PROGRAM_WINDOW_DAYS, PROGRAMS


class DigitalTables:
    """digital.programs, program_costs, program_enrollments, email_sends, email_events."""

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
