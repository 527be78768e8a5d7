"""Survey tables (models/staging/surveys/): NPS, CSAT after solved tickets, post-EBR surveys."""
from __future__ import annotations

import numpy as np

from ..tables import col_cat, col_id, col_int, col_ts
from .core import SEC_PER_DAY, _secs, _at


class SurveysTables:
    """surveys.survey_responses."""

    def surveys(self):
        rng, A, D = self.rng, self.A, self.D
        ta, solved, contact = self.ticket_rows["acc"], self.ticket_rows["solved"], self.ticket_rows["contact"]
        T = len(ta)
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
