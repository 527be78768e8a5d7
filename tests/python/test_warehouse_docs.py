"""The dbt docs inside the warehouse (issue 13, section 4): every mart and mart column carries its description
as a comment, so a BI tool reading the catalog shows the metric definitions.

DuckDB here (the session's clean build); PostgreSQL and Spark in test_engines.py.
"""
from __future__ import annotations

import json


def expected_docs(wh) -> dict[str, dict]:
    manifest = json.loads((wh.target / "manifest.json").read_text())
    return {n["alias"]: n for n in manifest["nodes"].values()
            if n["resource_type"] == "model" and n["package_name"] == "cs_analytics" and n["schema"] == "marts"}


def test_every_mart_and_column_has_its_description_as_a_comment(clean_warehouse):
    marts = expected_docs(clean_warehouse)
    assert len(marts) >= 20
    with clean_warehouse.con() as con:
        tables = dict(con.execute("select table_name, comment from duckdb_tables() where schema_name = 'marts'").fetchall())
        columns = {(t, c): comment for t, c, comment in con.execute(
            "select table_name, column_name, comment from duckdb_columns() where schema_name = 'marts'").fetchall()}
    problems = []
    for name, node in sorted(marts.items()):
        if (tables.get(name) or "").strip() != node["description"].strip():
            problems.append(f"{name}: table comment differs from its description")
        for col, meta in node["columns"].items():
            comment = columns.get((name, col))
            if not comment or not comment.strip():
                problems.append(f"{name}.{col}: no comment")
            elif "{{" in comment or "doc(" in comment:
                problems.append(f"{name}.{col}: unrendered Jinja in the comment")
            elif comment.strip() != meta["description"].strip():
                problems.append(f"{name}.{col}: comment differs from the YAML description")
        missing = {c for (t, c) in columns if t == name} - set(node["columns"])
        if missing:
            problems.append(f"{name}: columns without a description: {sorted(missing)}")
    assert not problems, "\n".join(problems[:40])
