"""One package, three engines (issue 3): PostgreSQL and Spark builds equal the DuckDB build.

The raw data of the session's clean generated warehouse (300 accounts x 18
months, seed 11, already built on DuckDB by the ``clean_warehouse`` fixture) is
bulk-loaded into a throwaway PostgreSQL cluster (COPY) and into a local Spark
(DataFrames from Parquet), ``dbt build`` runs on each, and every mart is
compared with DuckDB's row by row: the same keys (each mart's primary key),
NULL where DuckDB has NULL, text/dates/booleans equal, numbers equal within
``engines.ABS_TOL`` relative (1e-6, i.e. the sixth decimal of the widest
contract type). A difference is fixed in the SQL through dispatched macros,
never by loosening this comparison.

The builds are the plain ``dbt build`` a user types (only ``--vars
{load_demo_data: false}``, since the raw data is loaded in bulk instead of as
seeds): models, data tests (keys, accepted values, relationships,
reconciliation) and every dbt unit test enabled for the target. dbt skips every
model downstream of a failed unit test, so a unit test that fails on one engine
fails the build here; the test also checks that each enabled unit test ran and
passed. A unit test that cannot run on an engine is switched off for that target
by its own ``enabled`` config (none is, today; README "Engines").

Also on PostgreSQL: the read-only BI role can select every mart and nothing
else, and can write nowhere.

On PostgreSQL and Spark every mart and mart column carries its YAML description
as its comment (issue 13 section 4; DuckDB in test_warehouse_docs.py).
"""
from __future__ import annotations

import json
import time

import pytest

from conftest import dbt
from engines import (compare_rows, dbt_in_process, failed_nodes, mart_nodes, pg_cluster, primary_key,  # noqa: F401
                     record_timing, rows_from_cursor, spark_session, unit_test_problems)

# The plain `dbt build`: unit tests included (only the demo seeds are off: the raw data is loaded in bulk).
BUILD_ARGS = ["build", "--vars", "{load_demo_data: false}"]


@pytest.fixture(scope="module")
def duck(clean_warehouse):
    manifest = json.loads((clean_warehouse.target / "manifest.json").read_text())
    marts = mart_nodes(manifest)
    rows = {}
    with clean_warehouse.con() as con:
        for name, node in marts.items():
            rows[name] = rows_from_cursor(con.execute(f'select * from {node["schema"]}.{node["alias"]}'))
    keys = {name: primary_key(manifest, node) for name, node in marts.items()}
    return {"manifest": manifest, "marts": marts, "rows": rows, "keys": keys}


def _compare_all(duck, fetch) -> list[str]:
    problems = []
    for name, node in sorted(duck["marts"].items()):
        try:
            other = fetch(node)
        except Exception as exc:  # noqa: BLE001 - report every mart, not the first failure
            problems.append(f"{name}: cannot read on the other engine: {exc}"[:400])
            continue
        problems += compare_rows(name, duck["keys"][name], duck["rows"][name], other)
    return problems


# ----------------------------------------------------------------------------- PostgreSQL
@pytest.fixture(scope="module")
def pg_build(pg_cluster, clean_warehouse, tmp_path_factory):
    from cs_analytics.loaders import load_postgres

    db = pg_cluster.create_database("cs_parity")
    t0 = time.time()
    counts = load_postgres(clean_warehouse.path, pg_cluster.dsn(db))
    record_timing("postgres", time.time() - t0, f"COPY load of {sum(counts.values()):,} raw rows")
    target = tmp_path_factory.mktemp("pg") / "target"
    t0 = time.time()
    proc = dbt(["--no-use-colors", *BUILD_ARGS, "--target", "postgres"], clean_warehouse.path, target,
               extra_env=pg_cluster.dbt_env(db), check=False)
    record_timing("postgres", time.time() - t0, "dbt build (300 accounts x 18 months)")
    assert proc.returncode == 0, ("dbt build failed on PostgreSQL:\n" + "\n".join(
        failed_nodes(target / "run_results.json")) + "\n" + proc.stdout[-4000:])
    return {"cluster": pg_cluster, "db": db, "counts": counts, "target": target}


def test_postgres_build_ran_every_unit_test(pg_build):
    problems = unit_test_problems(pg_build["target"])
    assert not problems, "unit tests on PostgreSQL:\n" + "\n".join(problems)


def test_postgres_loaded_every_raw_row(pg_build, clean_warehouse):
    with clean_warehouse.con() as con:
        expected = {f"{s}.{t}": con.execute(f'select count(*) from {s}."{t}"').fetchone()[0]
                    for s, t in con.execute("select table_schema, table_name from information_schema.tables "
                                            "where table_schema like 'raw_%'").fetchall()}
    assert pg_build["counts"] == expected


def test_postgres_marts_equal_duckdb(pg_build, duck):
    conn = pg_build["cluster"].connect(pg_build["db"])
    try:
        def fetch(node):
            with conn.cursor() as cur:
                cur.execute(f'select * from "{node["schema"]}"."{node["alias"]}"')
                return rows_from_cursor(cur)
        problems = _compare_all(duck, fetch)
    finally:
        conn.close()
    assert len(duck["marts"]) >= 10
    assert not problems, "PostgreSQL marts differ from DuckDB:\n" + "\n".join(problems[:60])


def test_postgres_bi_reader_reads_marts_only(pg_build, duck):
    import psycopg2
    from psycopg2 import errors

    cluster, db = pg_build["cluster"], pg_build["db"]
    role = "bi_reader"
    admin = cluster.connect(db)
    with admin.cursor() as cur:
        cur.execute("drop role if exists metabase_probe")
        cur.execute(f"create role metabase_probe login password 'probe' in role {role}")
        cur.execute("select table_schema, table_name from information_schema.tables "
                    "where table_schema in ('raw_crm', 'raw_billing', 'raw_product', 'raw_cs', 'raw_support', "
                    "'raw_digital', 'raw_surveys', 'staging', 'intermediate', 'dq', 'reference')")
        upstream = cur.fetchall()
    admin.close()
    assert {s for s, _ in upstream} >= {"raw_crm", "staging", "intermediate", "dq", "reference"}

    reader = psycopg2.connect(cluster.dsn(db, user="metabase_probe", password="probe"))
    reader.autocommit = True
    refused_writes, readable_upstream, unreadable_marts = [], [], []
    try:
        with reader.cursor() as cur:
            for name, node in duck["marts"].items():
                try:
                    cur.execute(f'select count(*) from "{node["schema"]}"."{node["alias"]}"')
                    cur.fetchone()
                except psycopg2.Error as exc:
                    unreadable_marts.append(f"{name}: {exc.pgerror}")
            for schema, table in upstream:
                try:
                    cur.execute(f'select 1 from "{schema}"."{table}" limit 1')
                    readable_upstream.append(f"{schema}.{table}")
                except errors.InsufficientPrivilege:
                    pass
            some_mart = duck["marts"]["dim_accounts"]
            for stmt in (f'delete from "{some_mart["schema"]}"."{some_mart["alias"]}"',
                         f'create table "{some_mart["schema"]}".probe (x int)',
                         f'drop table "{some_mart["schema"]}"."{some_mart["alias"]}"',
                         'create table public.probe (x int)'):
                try:
                    cur.execute(stmt)
                except errors.InsufficientPrivilege:
                    refused_writes.append(stmt)
    finally:
        reader.close()
    assert not unreadable_marts, unreadable_marts[:5]
    assert not readable_upstream, f"the BI role can read upstream relations: {readable_upstream[:10]}"
    assert len(refused_writes) == 4, f"writes not refused: {refused_writes}"


# ----------------------------------------------------------------------------- Spark
@pytest.fixture(scope="module")
def spark_build(spark_session, clean_warehouse, tmp_path_factory):
    from cs_analytics.loaders import load_spark

    t0 = time.time()
    counts = load_spark(clean_warehouse.path, spark_session)
    record_timing("spark", time.time() - t0, f"DataFrame load of {sum(counts.values()):,} raw rows")
    target = tmp_path_factory.mktemp("spark") / "target"
    wh_dir = spark_session.conf.get("spark.sql.warehouse.dir")
    t0 = time.time()
    ok, text = dbt_in_process(["--no-use-colors", *BUILD_ARGS, "--target", "spark"], target,
                              env={"CS_SPARK_WAREHOUSE_DIR": wh_dir.replace("file:", "")})
    record_timing("spark", time.time() - t0, "dbt build (300 accounts x 18 months, local session)")
    assert ok, "dbt build failed on Spark:\n" + "\n".join(failed_nodes(target / "run_results.json")) + text[-3000:]
    return {"spark": spark_session, "counts": counts, "target": target}


def test_spark_build_ran_every_unit_test(spark_build):
    problems = unit_test_problems(spark_build["target"])
    assert not problems, "unit tests on Spark:\n" + "\n".join(problems)


def test_spark_marts_equal_duckdb(spark_build, duck):
    spark = spark_build["spark"]

    def fetch(node):
        df = spark.sql(f'select * from {node["schema"]}.{node["alias"]}')
        cols = df.columns
        from engines import normalise
        return [{c: normalise(r[c]) for c in cols} for r in df.collect()]

    problems = _compare_all(duck, fetch)
    assert not problems, "Spark marts differ from DuckDB:\n" + "\n".join(problems[:60])


# ----------------------------------------------------------------------------- docs in the warehouse
def _expected_comments(duck) -> dict[str, dict[str, str]]:
    return {name: {col: meta["description"].strip() for col, meta in node["columns"].items()}
            for name, node in duck["marts"].items()}


def _comment_problems(duck, read) -> list[str]:
    """read(node) -> {column: comment}; every mart column must carry its YAML description."""
    problems = []
    for name, columns in sorted(_expected_comments(duck).items()):
        got = read(duck["marts"][name])
        for col, description in columns.items():
            comment = (got.get(col) or "").strip()
            if not comment:
                problems.append(f"{name}.{col}: no comment")
            elif "{{" in comment or comment != description:
                problems.append(f"{name}.{col}: comment differs from the YAML description")
    return problems


def test_postgres_marts_carry_their_docs_as_comments(pg_build, duck):
    conn = pg_build["cluster"].connect(pg_build["db"])
    try:
        def read(node):
            with conn.cursor() as cur:
                cur.execute("""
                    select a.attname, col_description(c.oid, a.attnum)
                    from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                    where n.nspname = %s and c.relname = %s""", (node["schema"], node["alias"]))
                return dict(cur.fetchall())
        problems = _comment_problems(duck, read)
        with conn.cursor() as cur:
            cur.execute("select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                        "where n.nspname = 'marts' and c.relkind = 'r' and obj_description(c.oid) is not null")
            described = cur.fetchone()[0]
    finally:
        conn.close()
    assert not problems, "PostgreSQL mart comments:\n" + "\n".join(problems[:40])
    assert described == len(duck["marts"])



def test_spark_marts_carry_their_docs_as_comments(spark_build, duck):
    """Spark Parquet marts: column comments come from the CREATE TABLE the package writes for
    contracted tables (macros/adapters/column_comments.sql), the table comment from dbt-spark."""
    spark = spark_build["spark"]
    table_comments = {}

    def read(node):
        rows = spark.sql(f'describe table extended {node["schema"]}.{node["alias"]}').collect()
        out, in_columns = {}, True
        for r in rows:
            if not r["col_name"] or r["col_name"].startswith("#"):
                in_columns = False   # partition / detail sections follow the columns
            elif in_columns:
                out[r["col_name"]] = r["comment"]
            elif r["col_name"] == "Comment":
                table_comments[node["name"]] = r["data_type"]
        return out

    problems = _comment_problems(duck, read)
    problems += [f"{name}: table comment differs from its description" for name, node in sorted(duck["marts"].items())
                 if (table_comments.get(node["name"]) or "").strip() != node["description"].strip()]
    assert not problems, "Spark mart comments:\n" + "\n".join(problems[:40])
