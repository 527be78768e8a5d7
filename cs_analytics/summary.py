"""Print what `make run` built and how to query it."""
from __future__ import annotations

import os

import duckdb

SERVING = ("marts",)
INTERNAL = ("staging", "intermediate", "dq", "reference")


def main() -> None:
    path = os.environ.get("CS_DUCKDB_PATH", "warehouse.duckdb")
    con = duckdb.connect(path, read_only=True)
    rows = con.execute(
        "select table_schema, table_name, table_type from information_schema.tables "
        "where table_schema not in ('information_schema', 'pg_catalog') order by 1, 2"
    ).fetchall()
    by_schema: dict[str, list[str]] = {}
    for schema, name, kind in rows:
        by_schema.setdefault(schema, []).append(name)
    print()
    print(f"cs_analytics built {path}")
    for schema in sorted(by_schema):
        names = by_schema[schema]
        role = "serving (BI tools read these)" if schema in SERVING else ("internal" if schema in INTERNAL else "raw")
        print(f"  {schema:<14} {len(names):>3} relations  [{role}]")
    for schema in SERVING:
        for name in by_schema.get(schema, []):
            n = con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()[0]
            print(f"    {schema}.{name:<32} {n:>9,} rows")
    if "dq" in by_schema:
        q = con.execute("select count(*) from dq.dq_quarantined_rows").fetchone()[0] if "dq_quarantined_rows" in by_schema["dq"] else 0
        print(f"  quarantined raw rows: {q} (see dq.dq_quarantined_rows, dq.dq_staging_reconciliation)")
    print()
    print("Query it:")
    print(f"  .venv/bin/python -c \"import duckdb; print(duckdb.connect('{path}').sql('select * from marts.fct_csm_monthly limit 5'))\"")
    print(f"  duckdb {path}     # with the DuckDB CLI, if installed: select * from marts.<model>")
    print("Docs and lineage:")
    print("  .venv/bin/dbt docs generate && .venv/bin/dbt docs serve     (or: make docs)")
    con.close()


if __name__ == "__main__":
    main()
