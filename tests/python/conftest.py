"""Shared fixtures: generated warehouses built once per session, engine availability."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from cs_analytics.generate import generate  # noqa: E402

REQUIRE_ALL = os.environ.get("CS_REQUIRE_ALL") == "1"


def require(condition: bool, reason: str) -> None:
    """Skip loudly when an engine is missing; fail instead under CS_REQUIRE_ALL=1 (CI)."""
    if condition:
        return
    if REQUIRE_ALL:
        pytest.fail(f"CS_REQUIRE_ALL=1 but {reason}")
    pytest.skip(f"SKIPPED (not a pass): {reason}")


def dbt(args: list[str], duckdb_path: Path, target_dir: Path, extra_env: dict | None = None, check: bool = True):
    env = dict(os.environ)
    env.update({
        "DBT_PROFILES_DIR": str(ROOT),
        "CS_DUCKDB_PATH": str(duckdb_path),
        "DBT_TARGET_PATH": str(target_dir),
        "DBT_LOG_PATH": str(target_dir / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    })
    env.update(extra_env or {})
    exe = Path(sys.executable).parent / "dbt"
    proc = subprocess.run([str(exe), *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"dbt {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout[-6000:]}\n{proc.stderr[-3000:]}")
    return proc


class Warehouse:
    def __init__(self, path: Path, truth: dict, target: Path, build):
        self.path, self.truth, self.target, self.build = path, truth, target, build

    def con(self):
        return duckdb.connect(str(self.path), read_only=True)

    def query(self, sql: str):
        with self.con() as c:
            return c.execute(sql).fetchall()

    def run_results(self) -> dict:
        return json.loads((self.target / "run_results.json").read_text())


def build_generated(tmp: Path, accounts: int, months: int, seed: int, dirty: bool) -> Warehouse:
    tmp.mkdir(parents=True, exist_ok=True)
    db = tmp / "warehouse.duckdb"
    truth = generate(accounts, months, seed, duckdb_path=db, dirty=dirty, quiet=True)
    target = tmp / "target"
    proc = dbt(["build"], db, target, check=False)
    wh = Warehouse(db, truth, target, proc)
    return wh


@pytest.fixture(scope="session")
def clean_warehouse(tmp_path_factory) -> Warehouse:
    """300 accounts x 18 months of clean generated data, fully built."""
    wh = build_generated(tmp_path_factory.mktemp("clean"), 300, 18, 11, dirty=False)
    assert wh.build.returncode == 0, wh.build.stdout[-6000:]
    return wh


@pytest.fixture(scope="session")
def dirty_warehouse(tmp_path_factory) -> Warehouse:
    """The same generator with every defect class injected."""
    return build_generated(tmp_path_factory.mktemp("dirty"), 300, 18, 12, dirty=True)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def have(binary: str) -> bool:
    return shutil.which(binary) is not None


def month_of(ts) -> "dt.date":
    """The first day of the month of a date or timestamp."""
    import datetime as dt
    return dt.date(ts.year, ts.month, 1)


@pytest.fixture(scope="module")
def scorecard(clean_warehouse):
    """fct_csm_monthly of the clean generated warehouse, keyed by (user_id, month_start)."""
    con = clean_warehouse.con()
    cur = con.execute("select * from marts.fct_csm_monthly")
    cols = [d[0] for d in cur.description]
    rows = {}
    for r in cur.fetchall():
        row = dict(zip(cols, r))
        rows[(row["user_id"], row["month_start"])] = row
    con.close()
    assert rows
    return rows
