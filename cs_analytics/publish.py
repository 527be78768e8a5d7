"""Build to one DuckDB file, publish the marts atomically to the file BI tools read.

DuckDB allows one writing process per file, and a BI tool (Metabase, a notebook)
that holds the warehouse open would make `dbt build` fail on the lock; a build
killed half-way would leave BI users reading some new and some old tables.
So BI tools never read the build file:

    python -m cs_analytics.publish            # dbt build into build.duckdb, then publish
    python -m cs_analytics.publish --no-build # publish the last successful build

1. `dbt build` writes `CS_DUCKDB_PATH` (default `warehouse.duckdb`, the build file).
2. Only if the build succeeded, every relation of the marts schema is copied
   into a new file `<serving>.tmp` (marts only: no raw or staging data reaches
   BI users), which is checkpointed and closed.
   The serving file is written in DuckDB's v1.0.0 storage format
   (`STORAGE_VERSION`, var `CS_SERVING_STORAGE_VERSION`), which every DuckDB
   1.x and 2.x reader opens: BI drivers bundle older DuckDB releases than the
   one that builds (Metabase's driver and Superset's duckdb extra are on 1.x),
   and a 1.x reader cannot open a file in 2.x storage. Table and column
   comments (the marts' dbt docs) are copied with the data.
3. `os.replace(<serving>.tmp, <serving>)` swaps it in: an atomic rename on POSIX.
   Readers that already hold the old file keep reading the old snapshot (the
   old inode) until they reconnect; new connections see the new build. A
   killed build or publish never touches the serving file.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
SERVING_STORAGE_VERSION = os.environ.get("CS_SERVING_STORAGE_VERSION", "v1.0.0")


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def publish(build_path: str | os.PathLike, serving_path: str | os.PathLike, schema: str = "marts") -> list[str]:
    build_path, serving_path = Path(build_path), Path(serving_path)
    tmp = serving_path.with_name(serving_path.name + ".tmp")
    for p in (tmp, Path(str(tmp) + ".wal")):
        if p.exists():
            p.unlink()
    con = duckdb.connect()
    con.execute(f"attach {_quote(str(tmp))} as serving (storage_version {_quote(SERVING_STORAGE_VERSION)})")
    con.execute(f"attach {_quote(str(build_path))} as build (read_only)")
    names = [r[0] for r in con.execute(
        "select table_name from information_schema.tables where table_catalog = 'build' and table_schema = ? order by 1",
        [schema]).fetchall()]
    if not names:
        con.close()
        tmp.unlink()
        raise RuntimeError(f"no relations in schema {schema} of {build_path}: nothing to publish")
    con.execute(f"create schema serving.{schema}")
    for n in names:
        con.execute(f'create table serving.{schema}."{n}" as select * from build.{schema}."{n}"')
    # the marts' docs travel with them: BI tools show these comments
    for n, comment in con.execute("select table_name, comment from duckdb_tables() where database_name = 'build' "
                                  "and schema_name = ? and comment is not null", [schema]).fetchall():
        con.execute(f'comment on table serving.{schema}."{n}" is {_quote(comment)}')
    for n, c, comment in con.execute("select table_name, column_name, comment from duckdb_columns() "
                                     "where database_name = 'build' and schema_name = ? and comment is not null",
                                     [schema]).fetchall():
        con.execute(f'comment on column serving.{schema}."{n}"."{c}" is {_quote(comment)}')
    con.execute("detach build")
    con.execute("checkpoint serving")
    con.execute("detach serving")
    con.close()
    os.replace(tmp, serving_path)
    return names


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--build-file", default=os.environ.get("CS_DUCKDB_PATH", "warehouse.duckdb"))
    p.add_argument("--serving-file", default=os.environ.get("CS_SERVING_PATH", "serving.duckdb"))
    p.add_argument("--no-build", action="store_true")
    p.add_argument("dbt_args", nargs="*", help="extra arguments for dbt build")
    a = p.parse_args(argv)
    if not a.no_build:
        env = dict(os.environ, CS_DUCKDB_PATH=a.build_file, DBT_PROFILES_DIR=os.environ.get("DBT_PROFILES_DIR", str(ROOT)))
        rc = subprocess.call([str(Path(sys.executable).parent / "dbt"), "build", *a.dbt_args], cwd=ROOT, env=env)
        if rc != 0:
            print(f"dbt build failed ({rc}); {a.serving_file} left as it was", file=sys.stderr)
            sys.exit(rc)
    names = publish(a.build_file, a.serving_file)
    print(f"published {len(names)} marts to {a.serving_file}")


if __name__ == "__main__":
    main()
