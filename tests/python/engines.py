"""Engine fixtures for the cross-engine tests: a throwaway PostgreSQL cluster and a local Spark.

- ``PgCluster``: ``initdb`` into a temp dir (owned by the ``postgres`` system user
  when the tests run as root, since the server refuses to run as root), started
  with ``pg_ctl`` on a free TCP port on 127.0.0.1 with its unix socket in the
  same temp dir, password (scram) auth over TCP, stopped and removed at the end.
- ``spark``: one local SparkSession for the whole test session (catalog and
  tables under a temp dir); dbt-spark ``method: session`` runs in-process
  through ``dbtRunner`` and reuses it, so the JVM starts once.

Both skip loudly through ``conftest.require`` when the engine is missing and
fail under ``CS_REQUIRE_ALL=1``.
"""
from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from conftest import ROOT, require

TIMING_FILE = Path(os.environ.get("CS_ENGINES_TIMING_FILE", "/tmp/engines_timing.txt"))
PG_BINARIES = ("initdb", "pg_ctl", "postgres")


# ----------------------------------------------------------------------------- helpers
def find_pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for d in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (d / name).exists():
            return str(d / name)
    return None


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def record_timing(engine: str, seconds: float, what: str) -> None:
    """Append one line to the timing file the README quotes."""
    line = f"{time.strftime('%Y-%m-%d %H:%M:%S')}\t{engine}\t{seconds:.1f}s\t{what}\n"
    with TIMING_FILE.open("a") as f:
        f.write(line)
    print(f"[engines] {engine}: {seconds:.1f}s {what}")


def java_available() -> bool:
    if os.environ.get("JAVA_HOME") and Path(os.environ["JAVA_HOME"], "bin", "java").exists():
        return True
    return shutil.which("java") is not None


# ----------------------------------------------------------------------------- PostgreSQL
class PgCluster:
    """A throwaway PostgreSQL cluster: initdb, pg_ctl start on a free port, stop + rm at the end."""

    superuser = "postgres"

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="cs_pg_"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.password = secrets.token_hex(12)
        self.as_root = hasattr(os, "geteuid") and os.geteuid() == 0
        self.started = False

    def _run(self, args: list[str], **kw):
        cmd = (["runuser", "-u", "postgres", "--"] if self.as_root else []) + args
        return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)

    def start(self) -> "PgCluster":
        os.chmod(self.dir, 0o700)
        if self.as_root:
            shutil.chown(self.dir, "postgres", "postgres")
        pwfile = self.dir / "pw"
        pwfile.write_text(self.password + "\n")
        if self.as_root:
            shutil.chown(pwfile, "postgres", "postgres")
        self._run([find_pg_bin("initdb"), "-D", str(self.data), "-U", self.superuser, "--pwfile", str(pwfile),
                   "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C"])
        pwfile.unlink()
        opts = (f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={self.dir} "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50 "
                "-c shared_buffers=256MB -c work_mem=64MB -c TimeZone=UTC")
        self._run([find_pg_bin("pg_ctl"), "-D", str(self.data), "-o", opts, "-l", str(self.dir / "server.log"),
                   "-w", "-t", "60", "start"])
        self.started = True
        return self

    def stop(self) -> None:
        if self.started:
            with contextlib.suppress(Exception):
                self._run([find_pg_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"])
            self.started = False
        shutil.rmtree(self.dir, ignore_errors=True)

    # connections ---------------------------------------------------------------
    def dsn(self, dbname: str = "postgres", user: str | None = None, password: str | None = None) -> str:
        user = user or self.superuser
        password = self.password if password is None else password
        return f"host=127.0.0.1 port={self.port} dbname={dbname} user={user} password={password} connect_timeout=10"

    def connect(self, dbname: str = "postgres", user: str | None = None, password: str | None = None, autocommit=True):
        import psycopg2

        conn = psycopg2.connect(self.dsn(dbname, user, password))
        conn.autocommit = autocommit
        return conn

    def create_database(self, name: str) -> str:
        conn = self.connect()
        try:
            with conn.cursor() as cur:
                cur.execute(f'drop database if exists "{name}"')
                cur.execute(f'create database "{name}"')
        finally:
            conn.close()
        return name

    def dbt_env(self, dbname: str) -> dict:
        """Env vars the `postgres` target of profiles.yml reads."""
        return {"CS_PG_HOST": "127.0.0.1", "CS_PG_PORT": str(self.port), "CS_PG_USER": self.superuser,
                "CS_PG_PASSWORD": self.password, "CS_PG_DATABASE": dbname}


@pytest.fixture(scope="session")
def pg_cluster():
    missing = [b for b in PG_BINARIES if not find_pg_bin(b)]
    require(not missing, f"PostgreSQL server programs not found: {', '.join(missing)} (install postgresql)")
    try:
        import psycopg2  # noqa: F401
    except ImportError:
        require(False, "psycopg2 is not installed (pip install -e '.[postgres]')")
    cluster = PgCluster()
    try:
        cluster.start()
    except subprocess.CalledProcessError as exc:
        cluster.stop()
        require(False, f"could not start a throwaway PostgreSQL cluster: {exc.stderr or exc.stdout}")
    yield cluster
    cluster.stop()


# ----------------------------------------------------------------------------- Spark
@pytest.fixture(scope="session")
def spark_session(tmp_path_factory):
    require(java_available(), "Java is not installed (Spark needs a JRE; apt-get install default-jre-headless)")
    try:
        import pyspark  # noqa: F401
        import dbt.adapters.spark  # noqa: F401
    except ImportError as exc:
        require(False, f"pyspark / dbt-spark not installed (pip install -e '.[spark]'): {exc}")
    from cs_analytics.loaders import spark_session as make_session

    wh = tmp_path_factory.mktemp("spark")
    t0 = time.time()
    spark = make_session(wh)
    print(f"[engines] spark session up in {time.time() - t0:.1f}s (warehouse {wh})")
    yield spark
    spark.stop()


def dbt_in_process(args: list[str], target_dir: Path, env: dict | None = None, project_dir: Path = ROOT):
    """Run dbt inside this process (dbt-spark `method: session` then reuses our SparkSession).

    Returns (ok, text) where text is the tail of the log on failure.
    """
    from dbt.cli.main import dbtRunner

    env = dict(env or {})
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        res = dbtRunner().invoke([
            *args, "--project-dir", str(project_dir), "--profiles-dir", str(project_dir),
            "--target-path", str(target_dir), "--log-path", str(target_dir / "logs"),
        ])
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    ok = res.success
    text = ""
    if not ok:
        log = target_dir / "logs" / "dbt.log"
        text = log.read_text()[-8000:] if log.exists() else ""
        if res.exception:
            text += f"\n{res.exception!r}"
        if res.result is not None and hasattr(res.result, "results"):
            failed = [f"{r.node.unique_id}: {r.status}: {(r.message or '')[:500]}" for r in res.result.results
                      if str(r.status) in ("error", "fail")]
            text += "\n" + "\n".join(failed)
    return ok, text


def failed_nodes(run_results_path: Path) -> list[str]:
    if not run_results_path.exists():
        return []
    rr = json.loads(run_results_path.read_text())
    return [f"{r['unique_id']}: {r['status']}: {(r.get('message') or '')[:300]}" for r in rr["results"]
            if r["status"] in ("error", "fail", "runtime error")]


def unit_test_problems(target_dir: Path) -> list[str]:
    """What is wrong with the unit tests of a build: every unit test enabled for the build's
    target (its manifest) must have run and passed (its run_results)."""
    manifest = json.loads((target_dir / "manifest.json").read_text())
    rr = json.loads((target_dir / "run_results.json").read_text())
    enabled = {u for u, node in manifest.get("unit_tests", {}).items() if node["package_name"] == "cs_analytics"}
    status = {r["unique_id"]: r["status"] for r in rr["results"] if r["unique_id"].startswith("unit_test.")}
    problems = [f"{u}: not run" for u in sorted(enabled - set(status))]
    problems += [f"{u}: {s}" for u, s in sorted(status.items()) if s != "pass"]
    if not enabled:
        problems.append("no unit test is enabled for this target")
    return problems


# ----------------------------------------------------------------------------- mart comparison
ABS_TOL = 1e-6   # numbers: equal when |a - b| <= ABS_TOL * max(1, |a|, |b|)


def mart_nodes(manifest: dict) -> dict[str, dict]:
    """Every enabled mart model (the contracted serving layer), by name."""
    return {n["name"]: n for n in manifest["nodes"].values()
            if n["resource_type"] == "model" and n["fqn"][1] == "marts"}


def primary_key(manifest: dict, node: dict) -> list[str]:
    """The columns of the model's uniqueness test (unique or unique_combination_of_columns)."""
    for t in manifest["nodes"].values():
        if t["resource_type"] != "test" or node["unique_id"] not in t["depends_on"]["nodes"]:
            continue
        meta = t.get("test_metadata") or {}
        kwargs = meta.get("kwargs") or {}
        if meta.get("name") == "unique" and kwargs.get("column_name"):
            return [kwargs["column_name"]]
        if meta.get("name") == "unique_combination_of_columns":
            return list(kwargs.get("combination_of_columns") or [])
    return []


def normalise(value):
    """One comparable Python value per SQL value, whichever driver fetched it."""
    import datetime as dt
    import decimal

    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, decimal.Decimal)):
        return float(value)
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _key(row: dict, key: list[str]):
    return tuple("\x00" if row[k] is None else str(row[k]) for k in key)


def compare_rows(name: str, key: list[str], expected: list[dict], actual: list[dict], limit: int = 8) -> list[str]:
    """Differences between two row sets of one mart: missing/extra keys, then cell by cell."""
    problems: list[str] = []
    if expected and actual and set(expected[0]) != set(actual[0]):
        return [f"{name}: columns differ: {sorted(set(expected[0]) ^ set(actual[0]))}"]
    key = key or sorted(expected[0]) if expected else key
    exp = {_key(r, key): r for r in expected}
    act = {_key(r, key): r for r in actual}
    if len(exp) != len(expected) or len(act) != len(actual):
        problems.append(f"{name}: key {key} is not unique (duckdb {len(expected)} rows/{len(exp)} keys, "
                        f"other {len(actual)} rows/{len(act)} keys)")
    missing, extra = sorted(set(exp) - set(act)), sorted(set(act) - set(exp))
    if missing:
        problems.append(f"{name}: {len(missing)} keys only in duckdb, e.g. {missing[:3]}")
    if extra:
        problems.append(f"{name}: {len(extra)} keys only in the other engine, e.g. {extra[:3]}")
    cells = 0
    for k in sorted(set(exp) & set(act)):
        for col, a in exp[k].items():
            b = act[k][col]
            if a is None or b is None:
                same = a is None and b is None
            elif isinstance(a, float) and isinstance(b, float):
                same = abs(a - b) <= ABS_TOL * max(1.0, abs(a), abs(b))
            else:
                same = a == b
            if not same:
                cells += 1
                if cells <= limit:
                    problems.append(f"{name} {dict(zip(key, k))}: {col}: duckdb={a!r} other={b!r}")
    if cells > limit:
        problems.append(f"{name}: ... {cells} differing cells in all")
    return problems


def rows_from_cursor(cur) -> list[dict]:
    cols = [d[0] for d in cur.description]
    return [{c: normalise(v) for c, v in zip(cols, r)} for r in cur.fetchall()]
