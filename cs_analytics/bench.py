"""Benchmark: generation, full build, incremental run and the floor, at several sizes.

    python -m cs_analytics.bench --sizes 1000 10000 100000 --months 24 [--out bench.json]

For each size it reports: generation time; full `dbt build` wall time and peak
memory (RSS summed over the whole process tree, sampled every 0.2 s); the ten
slowest models; an incremental `dbt build` after appending one new day plus
late rows for the three days before it; and the *floor*: one plain DuckDB
script that reads every raw table once and aggregates it to the grain the marts
consume (usage to account x day, email events to send, CTA versions to CTA,
subscriptions to account x month). The full build is reported as a multiple of
the floor.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import duckdb

from .generate import generate

ROOT = Path(__file__).resolve().parents[1]
HELD_BACK_DAYS = 3  # late rows: held back from the full build, delivered with the new day

FLOOR_SQL = """
create or replace temp table f_usage as
    select lower(trim(account_id)) as account_id, try_cast(usage_date as date) as d,
           sum(try_cast(active_users as integer)) as au, sum(try_cast(events as bigint)) as ev
    from raw_product.account_usage_daily group by 1, 2;
create or replace temp table f_features as
    select lower(trim(account_id)) as account_id, try_cast(usage_date as date) as d,
           count(distinct feature_key) as features, sum(try_cast(events as bigint)) as ev
    from raw_product.feature_usage_daily group by 1, 2;
create or replace temp table f_sends as
    select lower(trim(send_id)) as send_id,
           max(case when event_type = 'open' and coalesce(is_machine_open, 'false') <> 'true' then 1 else 0 end) as opened,
           max(case when event_type = 'click' then 1 else 0 end) as clicked,
           max(case when event_type = 'bounce' then 1 else 0 end) as bounced
    from (select distinct * from raw_digital.email_events) group by 1;
create or replace temp table f_ctas as
    select * from (select *, row_number() over (partition by lower(trim(cta_id)) order by updated_at desc) as rn
                   from raw_cs.ctas) where rn = 1;
create or replace temp table f_mrr as
    select s.account_id, m.month_start, sum(try_cast(s.mrr as decimal(18, 2))) as mrr
    from raw_billing.subscriptions as s
    join (select distinct date_trunc('month', try_cast(usage_date as date)) as month_start
          from raw_product.account_usage_daily) as m
      on try_cast(s.start_date as date) <= m.month_start
     and (s.end_date is null or try_cast(s.end_date as date) > m.month_start)
    group by 1, 2;
create or replace temp table f_activities as
    select lower(trim(account_id)) as account_id, date_trunc('month', try_cast(occurred_at as timestamp)) as m, count(*) as n
    from raw_cs.activities group by 1, 2;
"""


class PeakRSS:
    """Peak resident memory of a process and all its descendants (Linux /proc)."""

    def __init__(self, pid: int):
        self.pid, self.peak, self._stop = pid, 0, False
        self.t = threading.Thread(target=self._run, daemon=True)
        self.t.start()

    def _tree(self):
        kids = {}
        for p in Path("/proc").iterdir():
            if p.name.isdigit():
                try:
                    ppid = int((p / "stat").read_text().rsplit(")", 1)[1].split()[1])
                    kids.setdefault(ppid, []).append(int(p.name))
                except (OSError, IndexError, ValueError):
                    pass
        out, stack = [], [self.pid]
        while stack:
            x = stack.pop()
            out.append(x)
            stack.extend(kids.get(x, []))
        return out

    def _run(self):
        while not self._stop:
            total = 0
            for pid in self._tree():
                try:
                    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                        if line.startswith("VmRSS:"):
                            total += int(line.split()[1]) * 1024
                except OSError:
                    pass
            self.peak = max(self.peak, total)
            time.sleep(0.2)

    def stop(self):
        self._stop = True
        self.t.join()
        return self.peak


def dbt_build(db: Path, target: Path, extra: list[str] | None = None) -> dict:
    env = dict(os.environ, DBT_PROFILES_DIR=str(ROOT), CS_DUCKDB_PATH=str(db), DBT_TARGET_PATH=str(target),
               DBT_LOG_PATH=str(target / "logs"))
    cmd = [str(Path(sys.executable).parent / "dbt"), "build", *(extra or [])]
    t0 = time.time()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    mon = PeakRSS(proc.pid)
    out, _ = proc.communicate()
    peak = mon.stop()
    wall = time.time() - t0
    results_file = target / "run_results.json"
    if not results_file.exists():
        raise RuntimeError(f"dbt build failed before running anything:\n{out[-5000:]}")
    rr = json.loads(results_file.read_text())
    # a failing data test is reported with the timings, not a reason to lose them
    failed = [r["unique_id"] for r in rr["results"] if r["status"] in ("error", "fail", "runtime error")]
    per_model = sorted(((r["unique_id"].split(".")[-1], r["execution_time"]) for r in rr["results"]
                        if r["unique_id"].startswith("model.")), key=lambda x: -x[1])
    return {"wall_s": round(wall, 1), "peak_rss_gb": round(peak / 2**30, 2), "slowest_models": per_model[:10],
            "nodes": len(rr["results"]), "failed_nodes": failed}


def hold_back(db: Path) -> None:
    """Move the last day and the late rows of the three days before it out of the raw tables."""
    con = duckdb.connect(str(db))
    last = con.execute("select max(usage_date) from raw_product.account_usage_daily").fetchone()[0]
    con.execute("create schema if not exists bench_hold")
    for t in ("account_usage_daily", "feature_usage_daily"):
        # the new day, plus every 7th account's rows of the three days before it (late arrivals)
        cond = (f"usage_date = '{last}' or (usage_date >= cast(cast('{last}' as date) - {HELD_BACK_DAYS} as varchar) "
                f"and hash(account_id) % 7 = 0)")
        con.execute(f"create or replace table bench_hold.{t} as select * from raw_product.{t} where {cond}")
        con.execute(f"delete from raw_product.{t} where {cond}")
    con.close()


def release(db: Path) -> int:
    con = duckdb.connect(str(db))
    n = 0
    for t in ("account_usage_daily", "feature_usage_daily"):
        n += con.execute(f"select count(*) from bench_hold.{t}").fetchone()[0]
        con.execute(f"insert into raw_product.{t} select * from bench_hold.{t}")
    con.execute("drop schema bench_hold cascade")
    con.close()
    return n


def floor(db: Path) -> float:
    con = duckdb.connect(str(db), read_only=True)
    con.execute("set threads = 2")
    t0 = time.time()
    for stmt in FLOOR_SQL.split(";"):
        if stmt.strip():
            con.execute(stmt)
    dt = time.time() - t0
    con.close()
    return round(dt, 1)


def run_size(accounts: int, months: int, seed: int, workdir: Path, floor_only: bool = False) -> dict:
    db = workdir / f"bench_{accounts}.duckdb"
    if db.exists():
        db.unlink()
    t0 = time.time()
    truth = generate(accounts, months, seed, duckdb_path=db, quiet=True)
    gen_s = round(time.time() - t0, 1)
    raw_rows = sum(v["raw_rows"] for v in truth["staging"].values())
    hold_back(db)
    fl = floor(db)
    if floor_only:
        db.unlink()
        return {"accounts": accounts, "months": months, "raw_rows": raw_rows, "generate_s": gen_s, "floor_s": fl}
    full = dbt_build(db, workdir / f"target_{accounts}")
    late = release(db)
    inc = dbt_build(db, workdir / f"target_{accounts}_inc")
    res = {"accounts": accounts, "months": months, "raw_rows": raw_rows, "generate_s": gen_s, "floor_s": fl,
           "full_build": full, "incremental_build": inc, "incremental_rows_delivered": late,
           "full_vs_floor": round(full["wall_s"] / max(fl, 0.1), 1),
           "incremental_share_of_full": round(inc["wall_s"] / max(full["wall_s"], 0.1), 3)}
    db.unlink()
    return res


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    p.add_argument("--months", type=int, default=24)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--workdir", default=None)
    p.add_argument("--out", default="bench_results.json")
    p.add_argument("--floor-only", action="store_true",
                   help="generate and time the floor only, no dbt builds (for sizes whose build does not fit the time)")
    a = p.parse_args(argv)
    workdir = Path(a.workdir or tempfile.mkdtemp(prefix="cs_bench_"))
    workdir.mkdir(parents=True, exist_ok=True)
    results = []
    for n in a.sizes:
        r = run_size(n, a.months, a.seed, workdir, floor_only=a.floor_only)
        results.append(r)
        print(json.dumps(r), flush=True)
        Path(a.out).write_text(json.dumps(results, indent=2) + "\n")
    print()
    print("| accounts | raw rows | generate | floor | full build | x floor | peak RSS | incremental | incr / full |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in (r for r in results if "full_build" in r):
        print(f"| {r['accounts']:,} | {r['raw_rows']:,} | {r['generate_s']} s | {r['floor_s']} s | {r['full_build']['wall_s']} s "
              f"| {r['full_vs_floor']} | {r['full_build']['peak_rss_gb']} GB | {r['incremental_build']['wall_s']} s "
              f"| {r['incremental_share_of_full']:.1%} |")


if __name__ == "__main__":
    main()
