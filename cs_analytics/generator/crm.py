"""CRM tables (models/staging/crm/): users, account team history, contacts and job changes,
accounts, opportunities and advocacy events."""
from __future__ import annotations

import numpy as np

from ..tables import col_bool, col_cat, col_date, col_id, col_num, col_str, col_ts
from .core import DAY, SEC_PER_DAY, _first_of_month, _secs, _at
from .planted import PROGRAMS

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


class CrmTables:
    """crm.users, account_team_history, contacts, contact_job_changes, accounts, opportunities, advocacy_events."""

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
