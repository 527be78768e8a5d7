"""Inject the defects of real exports into the generated raw tables, and count them.

Every defect lands on its own rows (one permutation per table, cut into slices),
so the counts in the truth file are exact: a row that is copied as a duplicate
is never also padded, re-cased or shifted to a UTC offset.

Defects that staging must *fix* are applied in place (padded and re-cased ids,
UTC offsets, unknown enum values). Defects that staging must *quarantine* are
added as extra rows copied from real ones (so no real record disappears and no
child row becomes an orphan by accident): missing primary keys, unparseable
dates and numbers, future dates, negative MRR, out-of-range scores. Exact
duplicates, superseded CTA versions, orphan foreign keys and email events
before their send are extra rows too.
"""
from __future__ import annotations

import numpy as np

TS_FMT = "%Y-%m-%d %H:%M:%S"

# table -> key column(s), the id column that gets padded / re-cased, a timestamp for
# UTC offsets, an enum, a date/timestamp to make unparseable, a number to make
# unparseable, the event column that gets a future date, the FK to orphan.
CFG = {
    "crm.accounts": dict(key=["account_id"], ts="created_at", enum="segment", bad_date="created_at", num=None, future="created_at"),
    "crm.users": dict(key=["user_id"], ts="hired_at", enum="role", bad_date="hired_at", num="monthly_cost", future="hired_at"),
    "crm.account_team_history": dict(key=["account_id", "user_id", "team_role", "valid_from"], id="account_id", ts=None, enum="team_role", bad_date="valid_from", num=None, future=None),
    "crm.contacts": dict(key=["contact_id"], ts="created_at", enum=None, bad_date="created_at", num=None, future="created_at"),
    "crm.contact_job_changes": dict(key=["contact_id"], ts="detected_at", enum=None, bad_date="detected_at", num=None, future="detected_at", nopk=True),
    "crm.opportunities": dict(key=["opportunity_id"], ts="created_at", enum="lead_source", bad_date="created_at", num="amount_arr", future="created_at", orphan="account_id"),
    "crm.advocacy_events": dict(key=["advocacy_event_id"], ts="occurred_at", enum="event_type", bad_date="occurred_at", num=None, future="occurred_at"),
    "billing.subscriptions": dict(key=["subscription_id"], ts="updated_at", enum=None, bad_date="start_date", num="mrr", future=None),
    "product.account_usage_daily": dict(key=["account_id", "usage_date"], ts=None, enum=None, bad_date="usage_date", num="active_users", future="usage_date", orphan="account_id"),
    "product.feature_usage_daily": dict(key=["account_id", "usage_date", "feature_key"], ts=None, enum=None, bad_date="usage_date", num="events", future="usage_date"),
    "cs_platform.ctas": dict(key=["cta_id"], ts="created_at", enum="cta_type", bad_date="due_date", num=None, future="created_at"),
    "cs_platform.cta_tasks": dict(key=["task_id"], ts="closed_at", enum=None, bad_date="due_date", num=None, future=None),
    "cs_platform.playbooks": dict(key=["playbook_id"], ts=None, enum="category", bad_date=None, num="attribution_window_days", future=None),
    "cs_platform.activities": dict(key=["activity_id"], ts="occurred_at", enum="activity_type", bad_date="occurred_at", num="duration_minutes", future="occurred_at", orphan="account_id"),
    "cs_platform.success_plans": dict(key=["success_plan_id"], ts="updated_at", enum=None, bad_date="due_date", num=None, future="created_at"),
    "cs_platform.milestones": dict(key=["milestone_id"], ts="achieved_at", enum=None, bad_date="achieved_at", num=None, future="achieved_at"),
    "support.tickets": dict(key=["ticket_id"], ts="created_at", enum=None, bad_date="created_at", num=None, future="created_at", orphan="account_id"),
    "digital.programs": dict(key=["program_id"], ts="launched_at", enum="program_type", bad_date="launched_at", num=None, future=None),
    "digital.program_enrollments": dict(key=["enrollment_id"], ts="enrolled_at", enum=None, bad_date="enrolled_at", num=None, future="enrolled_at"),
    "digital.email_sends": dict(key=["send_id"], ts="sent_at", enum=None, bad_date="sent_at", num="step_number", future="sent_at"),
    "digital.email_events": dict(key=["event_id"], ts="occurred_at", enum="event_type", bad_date="occurred_at", num=None, future="occurred_at", orphan="send_id"),
    "digital.program_costs": dict(key=["program_id", "cost_month"], ts=None, enum=None, bad_date="cost_month", num="cost_amount", future=None),
    "surveys.survey_responses": dict(key=["response_id"], ts="responded_at", enum="survey_type", bad_date="responded_at", num="score", future="responded_at"),
}
SCHEMAS = {"crm": "raw_crm", "billing": "raw_billing", "product": "raw_product", "cs_platform": "raw_cs",
           "support": "raw_support", "digital": "raw_digital", "surveys": "raw_surveys"}
BAD_DATES = ["31/02/2025", "2025-13-01", "n/a", "yesterday"]
BAD_NUMBERS = ["n/a", "12,5", "abc", "--"]


def _k(n: int) -> int:
    return int(min(max(1, n // 400), 150))


def inject(con, defects: dict, seed: int, end) -> None:
    rng = np.random.default_rng(seed + 1_000_003)
    # contact_job_changes has no primary key of its own in the contract: keyed by contact
    for name, cfg in CFG.items():
        source, table = name.split(".")
        fq = f"{SCHEMAS[source]}.{table}"
        n = con.execute(f"select count(*) from {fq}").fetchone()[0]
        if n < 20:
            k = 1
        else:
            k = _k(n)
        cols = [r[0] for r in con.execute(f"select column_name from information_schema.columns where table_schema = '{SCHEMAS[source]}' and table_name = '{table}' order by ordinal_position").fetchall()]
        data_cols = [c for c in cols if c != "_rn"]
        key = cfg["key"]
        idcol = cfg.get("id", key[0])
        pk = key[0]
        ops = []  # (defect, n_rows)
        ops.append("exact_duplicate")
        ops.append("missing_primary_key")
        ops.append("padded_id")
        ops.append("case_id")
        if cfg["ts"]:
            ops.append("utc_offset")
        if cfg["enum"]:
            ops.append("unknown_enum")
        if cfg["bad_date"]:
            ops.append("unparseable_date")
        if cfg["num"]:
            ops.append("unparseable_number")
        if cfg["future"]:
            ops.append("future_date")
        if name == "billing.subscriptions":
            ops.append("negative_mrr")
        if name == "surveys.survey_responses":
            ops.append("score_out_of_range")
        if name == "cs_platform.ctas":
            ops.append("superseded_version")
        if cfg.get("orphan"):
            ops.append("orphan_fk")
        if name == "digital.email_events":
            ops.append("event_before_send")
        if n < len(ops) * k:
            k = max(1, n // (len(ops) + 1))
        # rows that already have an exact twin (webhook retries) are left alone, so a
        # re-cased or padded copy never turns a natural duplicate into a "version"
        part = ", ".join(data_cols)
        eligible = con.execute(
            f"select _rn from {fq} qualify count(*) over (partition by {part}) = 1 order by _rn").fetchnumpy()["_rn"].astype(np.int64)
        perm = eligible[rng.permutation(len(eligible))]
        counts = defects.setdefault(name, {})
        for i, op in enumerate(ops):
            rows = perm[i * k:(i + 1) * k]
            con.execute("create or replace temp table _pick as select unnest($1::bigint[]) as rn", [rows.tolist()])
            sel = f"_rn in (select rn from _pick)"
            newkey = f"{pk} || '_dq{i}'"

            def copy(overrides: dict, where: str = sel):
                exprs = [overrides.get(c, c) + f" as {c}" for c in data_cols]
                return con.execute(f"insert into {fq} ({', '.join(data_cols)}, _rn) select {', '.join(exprs)}, -1 from {fq} where {where}").fetchone()

            if op == "exact_duplicate":
                copy({})
            elif op == "missing_primary_key":
                copy({pk: "case when _rn % 2 = 0 then null else '   ' end"})
            elif op == "padded_id":
                con.execute(f"update {fq} set {idcol} = '  ' || {idcol} || ' ' where {sel} and {idcol} is not null")
            elif op == "case_id":
                con.execute(f"update {fq} set {idcol} = upper({idcol}) where {sel} and {idcol} is not null")
            elif op == "utc_offset":
                c = cfg["ts"]
                con.execute(f"update {fq} set {c} = strftime(cast({c} as timestamp) + interval 2 hour, '{TS_FMT}') || '+02:00' where {sel} and {c} is not null")
            elif op == "unknown_enum":
                c = cfg["enum"]
                con.execute(f"update {fq} set {c} = 'legacy value ' || cast(_rn % 3 as varchar) where {sel}")
            elif op == "unparseable_date":
                c = cfg["bad_date"]
                bad = " ".join(f"when _rn % 4 = {j} then '{v}'" for j, v in enumerate(BAD_DATES))
                over = {c: f"case {bad} end"}
                if len(key) == 1:
                    over[pk] = newkey
                copy(over)
            elif op == "unparseable_number":
                c = cfg["num"]
                bad = " ".join(f"when _rn % 4 = {j} then '{v}'" for j, v in enumerate(BAD_NUMBERS))
                over = {c: f"case {bad} end"}
                if len(key) == 1:
                    over[pk] = newkey
                copy(over)
            elif op == "future_date":
                c = cfg["future"]
                val = "'2099-01-01'" if c.endswith("_date") else "'2099-01-01 09:00:00'"
                over = {c: val}
                if len(key) == 1:
                    over[pk] = newkey
                copy(over)
            elif op == "negative_mrr":
                copy({pk: newkey, "mrr": "'-' || mrr"})
            elif op == "score_out_of_range":
                copy({pk: newkey, "score": "case when survey_type = 'nps' then '11' else '7' end"})
            elif op == "superseded_version":
                copy({pk: pk, "status": "'Open'", "closed_at": "null", "close_source": "null",
                      "updated_at": f"strftime(cast(updated_at as timestamp) - interval 30 day, '{TS_FMT}')"},
                     where=f"{sel} and updated_at is not null")
            elif op == "orphan_fk":
                c = cfg["orphan"]
                over = {c: f"'orphan_' || cast(_rn as varchar)"}
                if len(key) == 1:
                    over[pk] = newkey
                copy(over)
            elif op == "event_before_send":
                exprs = []
                for c in data_cols:
                    if c == "event_id":
                        exprs.append(f"e.event_id || '_dq{i}' as event_id")
                    elif c == "occurred_at":
                        exprs.append(f"strftime(cast(s.sent_at as timestamp) - interval 1 day, '{TS_FMT}') as occurred_at")
                    else:
                        exprs.append(f"e.{c}")
                con.execute(f"insert into {fq} ({', '.join(data_cols)}, _rn) select {', '.join(exprs)}, -1 from {fq} as e "
                            f"join {SCHEMAS['digital']}.email_sends as s on s.send_id = e.send_id where e.{sel}")
            # count what was actually written
            if op in ("padded_id", "case_id", "utc_offset", "unknown_enum"):
                col = {"padded_id": idcol, "case_id": idcol, "utc_offset": cfg["ts"], "unknown_enum": cfg["enum"]}[op]
                cnt = con.execute(f"select count(*) from {fq} where {sel} and {col} is not null").fetchone()[0]
            elif op == "superseded_version":
                cnt = con.execute(f"select count(*) from {fq} where {sel} and updated_at is not null").fetchone()[0]
            elif op == "event_before_send":
                cnt = con.execute(f"select count(*) from {fq} as e join {SCHEMAS['digital']}.email_sends as s on s.send_id = e.send_id where e.{sel}").fetchone()[0]
            else:
                cnt = len(rows)
            counts[op] = counts.get(op, 0) + int(cnt)
        con.execute("drop table if exists _pick")
