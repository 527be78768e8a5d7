"""Support tables (models/staging/support/): tickets."""
from __future__ import annotations

import numpy as np

from ..tables import col_bool, col_cat, col_id, col_ts
from .core import SEC_PER_DAY, _at


class SupportTables:
    """support.tickets."""

    def tickets(self):
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
        self.ticket_rows = {"acc": ta, "solved": solved, "contact": contact}
