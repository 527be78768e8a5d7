"""Load generated raw data (a DuckDB warehouse or a CSV directory) into PostgreSQL, Spark or Snowflake.

Bulk paths only, never row inserts:

- PostgreSQL: one ``COPY ... FROM STDIN (FORMAT csv)`` per table (per chunk of
  ``chunk_rows`` rows for big tables) through ``psycopg2``'s ``copy_expert``,
  fed from an in-memory CSV buffer written by Arrow.
- Spark: DuckDB writes each table to Parquet (``COPY ... TO 'x.parquet'``),
  Spark reads it as a DataFrame and ``saveAsTable``s it into the ``raw_*``
  database (Spark has one database per dbt schema).
- Snowflake: DuckDB writes each table to Parquet, ``PUT`` uploads it to a
  temporary stage and ``COPY INTO ... MATCH_BY_COLUMN_NAME`` loads it (the
  same statements on a real account and on the fakesnow emulator the tests use).

Raw tables keep their column names and types (the generator writes every raw
column as text, as a CSV export would hold it); a CSV directory is read with
every column as text. Empty strings stay empty strings and nulls stay nulls on
both engines, so staging sees exactly what DuckDB sees.

    python -m cs_analytics.loaders --from /tmp/x/warehouse.duckdb --postgres "host=... port=... user=... dbname=..."
    python -m cs_analytics.loaders --from integration_tests/seeds/demo --spark /tmp/spark-warehouse [--dbt-build]
"""
from __future__ import annotations

import argparse
import io
import tempfile
import time
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv

RAW_SCHEMAS = {
    "crm": "raw_crm", "billing": "raw_billing", "product": "raw_product", "cs_platform": "raw_cs",
    "support": "raw_support", "digital": "raw_digital", "surveys": "raw_surveys",
}

# DuckDB type (prefix) -> PostgreSQL type. Raw data is text; the rest is for typed landings.
_PG_TYPES = [
    ("VARCHAR", "text"), ("BIGINT", "bigint"), ("INTEGER", "integer"), ("SMALLINT", "smallint"),
    ("HUGEINT", "numeric(38,0)"), ("DOUBLE", "double precision"), ("FLOAT", "real"), ("DECIMAL", None),
    ("BOOLEAN", "boolean"), ("DATE", "date"), ("TIMESTAMP WITH TIME ZONE", "timestamptz"),
    ("TIMESTAMP", "timestamp"),
]


# DuckDB type (prefix) -> Snowflake type.
_SF_TYPES = [
    ("VARCHAR", "varchar"), ("BIGINT", "bigint"), ("INTEGER", "integer"), ("SMALLINT", "smallint"),
    ("HUGEINT", "number(38,0)"), ("DOUBLE", "double"), ("FLOAT", "float"), ("DECIMAL", None),
    ("BOOLEAN", "boolean"), ("DATE", "date"), ("TIMESTAMP WITH TIME ZONE", "timestamp_tz"),
    ("TIMESTAMP", "timestamp_ntz"),
]


def _sf_type(duck_type: str) -> str:
    t = duck_type.upper()
    for prefix, sf in _SF_TYPES:
        if t.startswith(prefix):
            return sf or t.replace("DECIMAL", "number")
    return "varchar"


def _pg_type(duck_type: str) -> str:
    t = duck_type.upper()
    for prefix, pg in _PG_TYPES:
        if t.startswith(prefix):
            return pg or t.replace("DECIMAL", "numeric")
    return "text"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def open_raw(source: str | Path) -> tuple[duckdb.DuckDBPyConnection, list[tuple[str, str]]]:
    """A DuckDB connection that exposes the raw tables, and their (schema, table) names.

    ``source`` is a DuckDB file with ``raw_*`` schemas (read only) or a CSV
    directory laid out as ``<source>/<table>.csv`` (read as text, as views).
    """
    source = Path(source)
    if source.is_dir():
        con = duckdb.connect(":memory:")
        tables = []
        for system, schema in RAW_SCHEMAS.items():
            for csv in sorted((source / system).glob("*.csv")) if (source / system).is_dir() else []:
                con.execute(f"create schema if not exists {schema}")
                con.execute(
                    f"create view {schema}.{_q(csv.stem)} as select * from read_csv("
                    f"'{csv}', header = true, all_varchar = true, auto_detect = true)"
                )
                tables.append((schema, csv.stem))
        return con, tables
    con = duckdb.connect(str(source), read_only=True)
    rows = con.execute(
        "select table_schema, table_name from information_schema.tables "
        "where table_schema like 'raw\\_%' escape '\\' and table_catalog = current_database() "
        "order by 1, 2"
    ).fetchall()
    return con, [(s, t) for s, t in rows]


def _columns(con, schema: str, table: str) -> list[tuple[str, str]]:
    return con.execute(f"describe {schema}.{_q(table)}").fetchall()  # (name, type, ...)


def _arrow_batches(con, sql: str, rows: int):
    """Stream a query as Arrow record batches (DuckDB 1.x and 2.x spell it differently)."""
    rel = con.sql(sql)
    for name in ("to_arrow_reader", "fetch_record_batch", "fetch_arrow_reader", "record_batch"):
        if hasattr(rel, name):
            return getattr(rel, name)(rows)
    return con.execute(sql).to_arrow_reader(rows)


# ----------------------------------------------------------------------------- PostgreSQL
def load_postgres(source: str | Path, pg_conn, chunk_rows: int = 250_000, quiet: bool = True) -> dict[str, int]:
    """Load every raw table into PostgreSQL with COPY; returns {schema.table: rows}.

    ``pg_conn``: an open psycopg2 connection (committed at the end) or a DSN string.
    Existing raw tables are dropped and recreated.
    """
    import psycopg2

    own = isinstance(pg_conn, str)
    conn = psycopg2.connect(pg_conn) if own else pg_conn
    con, tables = open_raw(source)
    counts: dict[str, int] = {}
    t0 = time.time()
    try:
        with conn.cursor() as cur:
            for schema, table in tables:
                cols = _columns(con, schema, table)
                rel = f"{_q(schema)}.{_q(table)}"
                cur.execute(f"create schema if not exists {_q(schema)}")
                cur.execute(f"drop table if exists {rel} cascade")
                cur.execute(f"create table {rel} ({', '.join(f'{_q(c[0])} {_pg_type(c[1])}' for c in cols)})")
                col_list = ", ".join(_q(c[0]) for c in cols)
                copy_sql = f"copy {rel} ({col_list}) from stdin with (format csv, header false, null '')"
                reader = _arrow_batches(con, f"select * from {schema}.{_q(table)}", chunk_rows)
                n = 0
                for batch in reader:
                    if batch.num_rows == 0:
                        continue
                    buf = io.BytesIO()
                    # Arrow quotes every string ("" for an empty one) and leaves nulls
                    # unquoted-empty, which COPY csv reads back as '' and NULL.
                    pacsv.write_csv(
                        pa.Table.from_batches([batch]), buf,
                        pacsv.WriteOptions(include_header=False, quoting_style="all_valid"),
                    )
                    buf.seek(0)
                    cur.copy_expert(copy_sql, buf)
                    n += batch.num_rows
                counts[f"{schema}.{table}"] = n
                cur.execute(f"analyze {rel}")
        conn.commit()
    finally:
        con.close()
        if own:
            conn.close()
    if not quiet:
        print(f"postgres: loaded {sum(counts.values()):,} rows in {len(counts)} tables in {time.time() - t0:.1f}s")
    return counts


# ----------------------------------------------------------------------------- Spark
def load_spark(source: str | Path, spark, staging_dir: str | Path | None = None, quiet: bool = True) -> dict[str, int]:
    """Load every raw table into Spark: DuckDB -> Parquet -> DataFrame -> saveAsTable(raw_x.table).

    ``spark``: a SparkSession (with a persistent catalog if dbt runs in another process).
    Existing raw tables are replaced. Returns {schema.table: rows}.
    """
    con, tables = open_raw(source)
    counts: dict[str, int] = {}
    t0 = time.time()
    tmp = tempfile.TemporaryDirectory(prefix="cs_spark_load_", dir=staging_dir)
    try:
        for schema, table in tables:
            path = Path(tmp.name) / f"{schema}.{table}.parquet"
            con.execute(f"copy (select * from {schema}.{_q(table)}) to '{path}' (format parquet)")
            spark.sql(f"create database if not exists {schema}")
            df = spark.read.parquet(str(path))
            df.write.mode("overwrite").format("parquet").saveAsTable(f"{schema}.{table}")
            counts[f"{schema}.{table}"] = con.execute(f"select count(*) from {schema}.{_q(table)}").fetchone()[0]
    finally:
        con.close()
        tmp.cleanup()
    if not quiet:
        print(f"spark: loaded {sum(counts.values()):,} rows in {len(counts)} tables in {time.time() - t0:.1f}s")
    return counts


# ----------------------------------------------------------------------------- Snowflake
def load_snowflake(source: str | Path, sf_conn, quiet: bool = True) -> dict[str, int]:
    """Load every raw table into Snowflake: DuckDB -> Parquet -> PUT to a temporary stage -> COPY INTO.

    ``sf_conn``: an open ``snowflake.connector`` connection (real or fakesnow's)
    whose current database receives the ``raw_*`` schemas. Existing raw tables
    are replaced. Parquet keeps nulls and empty strings apart. Returns
    {schema.table: rows}.
    """
    con, tables = open_raw(source)
    counts: dict[str, int] = {}
    t0 = time.time()
    tmp = tempfile.TemporaryDirectory(prefix="cs_sf_load_")
    cur = sf_conn.cursor()
    try:
        for schema, table in tables:
            cols = _columns(con, schema, table)
            path = Path(tmp.name) / f"{schema}.{table}.parquet"
            con.execute(f"copy (select * from {schema}.{_q(table)}) to '{path}' (format parquet)")
            rel = f"{schema}.{table}"
            # one temporary stage per raw schema (CREATE SCHEMA also switches the current schema)
            cur.execute(f"create schema if not exists {schema}")
            cur.execute(f"create temporary stage if not exists {schema}.cs_raw_load")
            cur.execute(f"create or replace table {rel} ({', '.join(f'{c[0]} {_sf_type(c[1])}' for c in cols)})")
            cur.execute(f"put 'file://{path}' @{schema}.cs_raw_load auto_compress = false overwrite = true")
            cur.execute(f"copy into {rel} from @{schema}.cs_raw_load/{path.name} file_format = (type = parquet) "
                        "match_by_column_name = case_insensitive")
            counts[rel] = cur.execute(f"select count(*) from {rel}").fetchone()[0]
    finally:
        cur.close()
        con.close()
        tmp.cleanup()
    if not quiet:
        print(f"snowflake: loaded {sum(counts.values()):,} rows in {len(counts)} tables in {time.time() - t0:.1f}s")
    return counts


def spark_session(warehouse_dir: str | Path, app_name: str = "cs_analytics", extra: dict | None = None):
    """A local SparkSession whose catalog (Derby metastore) and tables live under ``warehouse_dir``.

    UTC session time zone, few shuffle partitions (small data), no UI. dbt-spark
    ``method: session`` run in the same process reuses this session.
    """
    from pyspark.sql import SparkSession

    wh = Path(warehouse_dir).resolve()
    wh.mkdir(parents=True, exist_ok=True)
    conf = {
        "spark.master": "local[2]",
        "spark.app.name": app_name,
        "spark.sql.warehouse.dir": str(wh / "warehouse"),
        "spark.hadoop.javax.jdo.option.ConnectionURL": f"jdbc:derby:;databaseName={wh / 'metastore_db'};create=true",
        "spark.driver.extraJavaOptions": f"-Dderby.system.home={wh}",
        "spark.driver.memory": "4g",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.shuffle.partitions": "2",
        "spark.default.parallelism": "2",
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.ansi.enabled": "false",
        "spark.sql.legacy.createHiveTableByDefault": "false",
        "spark.sql.sources.default": "parquet",
    }
    conf.update(extra or {})
    builder = SparkSession.builder.enableHiveSupport()
    for k, v in conf.items():
        builder = builder.config(k, v)
    return builder.getOrCreate()


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--from", dest="source", required=True, help="DuckDB file with raw_* schemas, or a CSV directory")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--postgres", help="libpq DSN, e.g. 'host=localhost port=5432 user=postgres dbname=cs_analytics'")
    g.add_argument("--spark", help="local Spark warehouse directory (catalog and tables)")
    p.add_argument("--dbt-build", action="store_true",
                   help="Spark only: then run `dbt build --target spark` in this same Spark session "
                        "(a local catalog is visible only to the session that wrote it) and print its time")
    a = p.parse_args(argv)
    if a.postgres:
        load_postgres(a.source, a.postgres, quiet=False)
    else:
        spark = spark_session(a.spark)
        try:
            load_spark(a.source, spark, quiet=False)
            if a.dbt_build:
                return _dbt_build_in_session(Path(a.spark))
        finally:
            spark.stop()
    return 0


def _dbt_build_in_session(warehouse_dir: Path) -> int:
    """`dbt build --target spark` inside this process, so dbt-spark's `method: session` reuses our session."""
    import os

    from dbt.cli.main import dbtRunner

    root = Path(__file__).resolve().parents[1]
    target = warehouse_dir.resolve() / "target"
    os.environ["CS_SPARK_WAREHOUSE_DIR"] = str(warehouse_dir.resolve() / "warehouse")
    t0 = time.time()
    res = dbtRunner().invoke([
        "build", "--target", "spark",
        "--project-dir", str(root), "--profiles-dir", str(root),
        "--target-path", str(target), "--log-path", str(target / "logs"),
    ])
    print(f"spark: dbt build {'succeeded' if res.success else 'FAILED'} in {time.time() - t0:.1f}s")
    return 0 if res.success else 1


if __name__ == "__main__":
    raise SystemExit(main())
