"""The synthetic raw data generator, one module per source system (mirroring models/staging/<source>/).

- core.py: calendar, random stream, raw schemas, the table loader;
- planted.py: what is planted and recorded in the truth (effects, churn drivers, rule thresholds);
- ledger.py: the latent accounts and the MRR ledger (the truth ledger the marts are checked against);
- crm.py, billing.py, product.py, cs_platform.py, support.py, surveys.py, digital.py: the raw tables
  of each source system, as methods of one Generator (they share the latent state on `self`).

Generator.run() calls the steps in one fixed order: the random stream (and so every byte of the
output for a seed) depends on that order, not on where a step's code lives.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import duckdb
import numpy as np

from .. import dirty as dirty_mod
from ..tables import load_table
from .billing import BillingTables
from .core import SCHEMAS, GeneratorCore
from .crm import CrmTables
from .cs_platform import CsPlatformTables
from .digital import DigitalTables
from .ledger import AccountsAndLedger
from .product import ProductTables
from .support import SupportTables
from .surveys import SurveysTables


class Generator(GeneratorCore, AccountsAndLedger, BillingTables, CrmTables, ProductTables, DigitalTables,
                CsPlatformTables, SupportTables, SurveysTables):
    """Every raw table of one synthetic CS stack, with the truth it planted."""

    # ------------------------------------------------------------------ run
    def run(self):
        self.natural = {f"{s}.{t}": {} for s, t in [
            ("digital", "email_events"), ("cs_platform", "ctas")]}
        steps = [self.accounts, self.ledger, self.ledger_truth, self.subscriptions, self.users, self.team_history,
                 self.contacts, self.accounts_table, self.usage, self.programs, self.simulate, self.program_enrollments,
                 self.ctas, self.finish_usage,
                 self.emails, self.cta_tables, self.activities, self.success_plans_and_milestones,
                 self.tickets, self.surveys, self.opportunities]
        for step in steps:
            step()
        # free the big matrices
        for name in ("u_clean", "effect", "noise"):
            if hasattr(self, name):
                delattr(self, name)


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
    from ..tables import col_id as _cid, col_date as _cd, col_num as _cn, col_cat as _cc
    mov_names = ["new", "expansion", "contraction", "churn", "reactivation", "flat"]
    load_table(con, "truth", "mrr_ledger", {
        "account_id": _cid("acc", 6, lr["account_idx"]),
        "month_start": _cd(lr["month_start"]),
        "mrr": _cn(lr["mrr_cents"] / 100.0),
        "previous_mrr": _cn(lr["previous_mrr_cents"] / 100.0),
        "movement": _cc(mov_names, np.array([mov_names.index(m) for m in lr["movement"]], dtype=np.int32)),
    })
    load_table(con, "truth", "onboarding", g.onboarding_truth)
    load_table(con, "truth", "cta_lost_reasons", g.cta_lost_reasons_truth)
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
    for table in ("mrr_ledger", "onboarding", "cta_lost_reasons"):
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
        con.execute(f"copy (select * from truth.cta_lost_reasons order by cta_id) to '{out / '_truth' / 'cta_lost_reasons.csv'}' (header)")
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
