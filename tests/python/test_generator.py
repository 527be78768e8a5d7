"""The generator: reproducible, fast, and its ledger agrees with its own subscriptions."""
from __future__ import annotations

import filecmp
import json
import re
from pathlib import Path

import duckdb
import yaml

from cs_analytics.generate import generate

ROOT = Path(__file__).resolve().parents[2]
DEMO = dict(accounts=60, months=12, seed=42)
DEMO_DIR = ROOT / "integration_tests" / "seeds" / "demo"


def test_demo_data_regenerates_byte_identically(tmp_path):
    generate(out_dir=tmp_path, quiet=True, **DEMO)
    committed = sorted(p.relative_to(DEMO_DIR) for p in DEMO_DIR.rglob("*.csv"))
    fresh = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.csv"))
    assert committed == fresh, "the set of demo files changed: run `make demo-data`"
    for rel in committed:
        assert filecmp.cmp(DEMO_DIR / rel, tmp_path / rel, shallow=False), f"{rel} differs: run `make demo-data`"
    assert (DEMO_DIR / "_truth/truth.json").read_text() == (tmp_path / "_truth/truth.json").read_text()


def test_same_seed_same_data_other_seed_other_data(tmp_path):
    a = generate(40, 6, 3, duckdb_path=tmp_path / "a.duckdb", quiet=True)
    b = generate(40, 6, 3, duckdb_path=tmp_path / "b.duckdb", quiet=True)
    c = generate(40, 6, 4, duckdb_path=tmp_path / "c.duckdb", quiet=True)
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
    assert json.dumps(a, sort_keys=True) != json.dumps(c, sort_keys=True)
    q = "select * from raw_product.account_usage_daily order by all"
    with duckdb.connect(str(tmp_path / "a.duckdb")) as ca, duckdb.connect(str(tmp_path / "b.duckdb")) as cb:
        assert ca.execute(q).fetchall() == cb.execute(q).fetchall()


def contract_columns() -> dict[tuple[str, str], list[str]]:
    """(source, table) -> columns, parsed from the project's own raw contract (docs/raw_contract.md)."""
    out: dict[tuple[str, str], list[str]] = {}
    source = table = None
    for line in (ROOT / "docs" / "raw_contract.md").read_text().splitlines():
        heading = re.match(r"^## (\w+) \(`raw_\w+`", line)
        if heading:
            source, table = heading.group(1), None
            continue
        if line.startswith("## "):
            source = None
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
        if not source or len(cells) != 4 or cells[0] == "table" or set(cells[0]) <= {"-"} and cells[0]:
            continue
        table = cells[0] or table
        out.setdefault((source, table), []).extend(c.strip() for c in cells[1].split(","))
    return out


def test_every_contract_table_is_written(tmp_path):
    """The generator writes every table and column of the project's raw contract, and the package's sources
    declare and describe each of them."""
    truth = generate(50, 6, 5, duckdb_path=tmp_path / "w.duckdb", quiet=True)
    contract = contract_columns()
    assert len(contract) == 23, sorted(contract)
    assert set(truth["staging"]) == {f"{s}.{t}" for s, t in contract}
    assert all(v["raw_rows"] > 0 for v in truth["staging"].values())
    schema_of = {"crm": "raw_crm", "billing": "raw_billing", "product": "raw_product", "cs_platform": "raw_cs",
                 "support": "raw_support", "digital": "raw_digital", "surveys": "raw_surveys"}
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        written = {(s, t): {r[0] for r in con.execute(
            "select column_name from information_schema.columns where table_schema = ? and table_name = ?",
            [schema_of[s], t]).fetchall()} for s, t in contract}
    declared = {}
    for f in (ROOT / "models" / "staging").rglob("_*__sources.yml"):
        for src in yaml.safe_load(f.read_text())["sources"]:
            for t in src["tables"]:
                declared[(src["name"], t["name"])] = {c["name"]: c.get("description") for c in t.get("columns", [])}
    problems = []
    for key, columns in sorted(contract.items()):
        for col in columns:
            if col not in written[key]:
                problems.append(f"{key[0]}.{key[1]}.{col}: in the contract, not generated")
            if not (declared.get(key, {}).get(col) or "").strip():
                problems.append(f"{key[0]}.{key[1]}.{col}: in the contract, not declared with a description in the sources")
    assert not problems, "\n".join(problems)


def test_ledger_equals_first_day_of_month_recomputation(tmp_path):
    """The MRR ledger the generator planted is what its subscription lines give under the
    first-day-of-month convention (so the marts can be checked against the ledger)."""
    db = tmp_path / "l.duckdb"
    generate(120, 12, 9, duckdb_path=db, quiet=True)
    with duckdb.connect(str(db)) as con:
        total, mismatched = con.execute("""
            with l as (select account_id, month_start::date as m, mrr::decimal(18, 2) as mrr from truth.mrr_ledger),
            s as (select account_id, mrr::decimal(18, 2) as mrr, start_date::date as sd, end_date::date as ed
                  from raw_billing.subscriptions),
            calc as (select l.account_id, l.m, l.mrr, coalesce(sum(s.mrr), 0) as c
                     from l left join s on s.account_id = l.account_id and s.sd <= l.m and (s.ed is null or s.ed > l.m)
                     group by all)
            select count(*), count(*) filter (where mrr <> c) from calc""").fetchone()
        movements = dict(con.execute("select movement, count(*) from truth.mrr_ledger group by 1").fetchall())
    assert total > 500 and mismatched == 0
    for m in ("new", "expansion", "contraction", "churn", "flat"):
        assert movements.get(m, 0) > 0, f"no {m} movements generated"


def test_dirty_counts_every_defect_class(tmp_path):
    truth = generate(80, 6, 13, duckdb_path=tmp_path / "d.duckdb", dirty=True, quiet=True)
    classes = set()
    for counts in truth["staging"].values():
        classes |= {k for k, v in counts.items() if v}
    for needed in ("missing_primary_key", "padded_id", "case_id", "exact_duplicate", "superseded_version",
                   "unparseable_date", "unparseable_number", "utc_offset", "unknown_enum", "negative_mrr",
                   "score_out_of_range", "orphan_fk", "event_before_send", "future_date"):
        assert needed in classes, needed
