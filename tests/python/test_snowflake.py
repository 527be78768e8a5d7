"""Snowflake (emulated, issue 3 part 4): the build on fakesnow equals the DuckDB build.

fakesnow (PyPI) patches ``snowflake.connector.connect`` so that Snowflake SQL
is transpiled (sqlglot) and run on an embedded DuckDB. dbt-snowflake runs
in-process (``dbtRunner``) inside ``fakesnow.patch``, so every statement dbt
sends goes to the emulator; nothing leaves the machine and no account is
needed. This proves the package compiles to SQL the Snowflake dialect parses
and that its results match, but the engine underneath is DuckDB: it is not a
test against real Snowflake (see README "Engines").

The raw data of the session's clean generated warehouse (300 accounts x 18
months, ``clean_warehouse``) is bulk-loaded with ``loaders.load_snowflake``
(Parquet, ``PUT`` to a temporary stage, ``COPY INTO``; raw columns keep their
DuckDB types), ``dbt build --target snowflake`` runs with data tests, and every
mart is compared with DuckDB's row by row with the same helpers and tolerance
as the PostgreSQL and Spark parity tests. The dirty generated data (every
defect class) then runs through staging and the audit layer in a second
emulated database, compared model by model, which exercises the
``snowflake__`` cleaning macros (grammar checks, safe casts, UTC offsets).

dbt unit tests are disabled on the emulator (``unit_tests:`` in
dbt_project.yml): dbt-snowflake materialises a unit test as ``create temporary
table <database>.<schema>.<name>`` and fakesnow hands that to DuckDB, which
refuses temporary tables outside its ``temp`` catalog. They also run on DuckDB
only for PostgreSQL and Spark (fixture typing is engine-specific).
"""
from __future__ import annotations

import time

import pytest

from conftest import require
from engines import (compare_rows, dbt_in_process, failed_nodes, normalise, primary_key, record_timing,
                     rows_from_cursor)
from test_engines import BUILD_ARGS, _compare_all, duck  # noqa: F401  (duck: the DuckDB marts fixture)

SF_DATABASE = "CS_ANALYTICS"
# what the `snowflake` output of profiles.yml reads; set explicitly so a user's
# real CS_SF_* variables never leak into the test (the connector is patched anyway)
SF_ENV = {"CS_SF_ACCOUNT": "fakesnow", "CS_SF_USER": "fake", "CS_SF_PASSWORD": "snow",
          "CS_SF_DATABASE": SF_DATABASE, "CS_SF_SCHEMA": "PUBLIC", "CS_SF_WAREHOUSE": "COMPUTE_WH"}


@pytest.fixture(scope="module")
def fake_snowflake(tmp_path_factory):
    """An open connection to the emulator; the connector stays patched for the whole module."""
    try:
        import fakesnow
        import snowflake.connector
        import dbt.adapters.snowflake  # noqa: F401
    except ImportError as exc:
        require(False, f"fakesnow / dbt-snowflake not installed (pip install -e '.[snowflake]'): {exc}")
    # db_path: the emulated database is a DuckDB file under a temp dir (inspectable after a failure)
    db_dir = tmp_path_factory.mktemp("fakesnow")
    with fakesnow.patch(db_path=db_dir):
        # connecting first creates the database once, before dbt opens its threads' connections
        conn = snowflake.connector.connect(database=SF_DATABASE, schema="PUBLIC", account=SF_ENV["CS_SF_ACCOUNT"],
                                           user=SF_ENV["CS_SF_USER"], password=SF_ENV["CS_SF_PASSWORD"])
        try:
            yield conn
        finally:
            conn.close()


@pytest.fixture(scope="module")
def sf_build(fake_snowflake, clean_warehouse, tmp_path_factory):
    from cs_analytics.loaders import load_snowflake

    t0 = time.time()
    counts = load_snowflake(clean_warehouse.path, fake_snowflake)
    record_timing("snowflake", time.time() - t0, f"PUT + COPY INTO load of {sum(counts.values()):,} raw rows (fakesnow)")
    target = tmp_path_factory.mktemp("snowflake") / "target"
    t0 = time.time()
    ok, text = dbt_in_process(["--no-use-colors", *BUILD_ARGS, "--target", "snowflake"], target, env=SF_ENV)
    record_timing("snowflake", time.time() - t0, "dbt build (300 accounts x 18 months, fakesnow in-process)")
    assert ok, "dbt build failed on Snowflake (fakesnow):\n" + "\n".join(
        failed_nodes(target / "run_results.json")) + text[-3000:]
    return {"conn": fake_snowflake, "counts": counts, "target": target}


def test_snowflake_loaded_every_raw_row(sf_build, clean_warehouse):
    with clean_warehouse.con() as con:
        expected = {f"{s}.{t}": con.execute(f'select count(*) from {s}."{t}"').fetchone()[0]
                    for s, t in con.execute("select table_schema, table_name from information_schema.tables "
                                            "where table_schema like 'raw_%'").fetchall()}
    assert sf_build["counts"] == expected


def test_snowflake_ran_every_data_test(sf_build, duck):
    """The build ran the same data tests as DuckDB's, and none failed (dbt_in_process already asserts success)."""
    import json

    rr = json.loads((sf_build["target"] / "run_results.json").read_text())
    tests = [r for r in rr["results"] if r["unique_id"].startswith("test.")]
    expected = [n for n in duck["manifest"]["nodes"].values() if n["resource_type"] == "test"]
    assert len(tests) == len(expected) > 100
    assert all(r["status"] == "pass" for r in tests), [r["unique_id"] for r in tests if r["status"] != "pass"][:10]


def test_snowflake_marts_equal_duckdb(sf_build, duck):
    conn = sf_build["conn"]

    def fetch(node):
        cur = conn.cursor()
        try:
            cur.execute(f'select * from {node["schema"]}.{node["alias"]}')
            # Snowflake folds unquoted identifiers to upper case: compare by the dbt column names
            cols = [d[0].lower() for d in cur.description]
            return [{c: normalise(v) for c, v in zip(cols, r)} for r in cur.fetchall()]
        finally:
            cur.close()

    problems = _compare_all(duck, fetch)
    assert len(duck["marts"]) >= 10
    assert not problems, "Snowflake (fakesnow) marts differ from DuckDB:\n" + "\n".join(problems[:60])



# ----------------------------------------------------------------------------- dirty data, cleaning macros
@pytest.fixture(scope="module")
def sf_dirty_build(fake_snowflake, dirty_warehouse, tmp_path_factory):
    """The dirty generated raw data (every defect class) through staging and the audit layer.

    The clean parity above barely exercises the cleaning rules (the
    ``snowflake__`` safe casts, grammar checks, offset handling); this build
    does, in a second emulated database.
    """
    import snowflake.connector

    from cs_analytics.loaders import load_snowflake

    assert dirty_warehouse.build.returncode == 0, dirty_warehouse.build.stdout[-4000:]
    db = "CS_DIRTY"
    conn = snowflake.connector.connect(database=db, schema="PUBLIC", account=SF_ENV["CS_SF_ACCOUNT"],
                                       user=SF_ENV["CS_SF_USER"], password=SF_ENV["CS_SF_PASSWORD"])
    load_snowflake(dirty_warehouse.path, conn)
    target = tmp_path_factory.mktemp("snowflake_dirty") / "target"
    t0 = time.time()
    ok, text = dbt_in_process(["--no-use-colors", "build", "--select", "reference", "staging", "audit",
                               "--vars", "{load_demo_data: false}", "--exclude-resource-type", "unit_test",
                               "--target", "snowflake"], target, env={**SF_ENV, "CS_SF_DATABASE": db})
    record_timing("snowflake", time.time() - t0, "dbt build staging + audit of the dirty data (fakesnow)")
    assert ok, "dirty staging build failed on Snowflake (fakesnow):\n" + "\n".join(
        failed_nodes(target / "run_results.json")) + text[-3000:]
    yield conn
    conn.close()


def test_snowflake_dirty_staging_equals_duckdb(sf_dirty_build, dirty_warehouse):
    import json

    manifest = json.loads((dirty_warehouse.target / "manifest.json").read_text())
    nodes = {n["name"]: n for n in manifest["nodes"].values()
             if n["resource_type"] == "model" and n["fqn"][1] in ("staging", "audit")}
    assert len(nodes) >= 40
    problems = []
    with dirty_warehouse.con() as con:
        for name, node in sorted(nodes.items()):
            expected = rows_from_cursor(con.execute(f'select * from {node["schema"]}.{node["alias"]}'))
            cur = sf_dirty_build.cursor()
            try:
                cur.execute(f'select * from {node["schema"]}.{node["alias"]}')
                cols = [d[0].lower() for d in cur.description]
                actual = [{c: normalise(v) for c, v in zip(cols, r)} for r in cur.fetchall()]
            except Exception as exc:  # noqa: BLE001 - report every model
                problems.append(f"{name}: cannot read on Snowflake: {exc}"[:400])
                continue
            finally:
                cur.close()
            problems += compare_rows(name, primary_key(manifest, node), expected, actual)
    assert not problems, "Snowflake (fakesnow) staging of the dirty data differs from DuckDB:\n" + "\n".join(
        problems[:60])
