"""Installed as a dbt package (issue 20): the user's project, the user's raw tables, nothing of theirs touched.

Each test builds a small user project in a temp folder that installs this
checkout exactly as README "Install into your dbt project" says: its
``packages.yml`` (the ``local:`` form, pointed at this checkout), its vars block
verbatim and its commands. The user's raw tables are generated data in the
contract's default schemas (first test) or in vendor-named schemas (second
test, the README's vars). Before and after the build every relation of the
warehouse is fingerprinted (row count and an order-independent checksum of its
rows): every relation the user had is unchanged, the package created relations
only in its own schemas, and no relation named like a demo table appears
anywhere. The second test also proves the user's own reference tables (a CTA
status mapping and health weights) replace the package's seeds.
"""
from __future__ import annotations

import csv
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import yaml

from conftest import ROOT
from cs_analytics.generate import generate

README = (ROOT / "README.md").read_text()
DBT = Path(sys.executable).parent / "dbt"
PROJECT = "my_cs_project"
PACKAGE_SCHEMAS = {"staging", "intermediate", "marts", "dq", "reference"}
DEMO_TABLES = {p.stem for p in (ROOT / "integration_tests" / "seeds" / "demo").rglob("*.csv")
               if "_truth" not in p.parts}
INVALID_STATUSES = ("closed invalid", "closed - not valid", "not valid", "invalid")


def readme_block(name: str) -> str:
    m = re.search(rf"<!-- install:{re.escape(name)} -->\n```[a-z]*\n(.*?)```", README, re.S)
    assert m, f"README has no `<!-- install:{name} -->` code block"
    return m.group(1)


def readme_commands() -> list[str]:
    lines = [line.split("  #")[0].strip() for line in readme_block("commands").splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def snapshot(db: Path) -> dict[tuple[str, str], tuple[int, int]]:
    """(schema, relation) -> (rows, sum of row hashes): any changed, added or removed row changes it."""
    out = {}
    with duckdb.connect(str(db), read_only=True) as con:
        rels = con.execute("select table_schema, table_name from information_schema.tables "
                           "where table_catalog = current_database()").fetchall()
        for schema, name in rels:
            n, h = con.execute(f'select count(*), coalesce(sum(hash(cast(t as varchar))), 0) '
                               f'from "{schema}"."{name}" as t').fetchone()
            out[(schema, name)] = (int(n), int(h))
    return out


def write_project(path: Path, db: Path, vars_yaml: str = "", seeds: dict[str, list[list[str]]] | None = None) -> Path:
    path.mkdir(parents=True)
    (path / "dbt_project.yml").write_text(
        f'name: {PROJECT}\nversion: "1.0.0"\nconfig-version: 2\nprofile: {PROJECT}\n\n{vars_yaml}')
    (path / "profiles.yml").write_text(yaml.safe_dump({PROJECT: {"target": "dev", "outputs": {"dev": {
        "type": "duckdb", "path": str(db), "schema": "main", "threads": 2}}}}))
    packages = readme_block("packages-local")
    local = packages.replace("../cs_analytics", str(ROOT))
    assert local != packages, "README's local packages.yml no longer says `local: ../cs_analytics`"
    (path / "packages.yml").write_text(local)
    for name, rows in (seeds or {}).items():
        (path / "seeds").mkdir(exist_ok=True)
        with open(path / "seeds" / f"{name}.csv", "w", newline="") as f:
            csv.writer(f).writerows(rows)
    return path


def run(project: Path, command: str) -> subprocess.CompletedProcess:
    args = shlex.split(command)
    assert args[0] == "dbt", command
    env = dict(os.environ, DBT_PROFILES_DIR=str(project), DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    for k in ("DBT_TARGET_PATH", "DBT_LOG_PATH", "CS_DUCKDB_PATH"):
        env.pop(k, None)
    proc = subprocess.run([str(DBT), *args[1:]], cwd=project, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, f"`{command}` failed in the user's project:\n{proc.stdout[-5000:]}\n{proc.stderr[-2000:]}"
    return proc


def plant_real_customer(db: Path) -> None:
    with duckdb.connect(str(db)) as con:
        con.execute("insert into raw_crm.accounts select * replace ('ACME-REAL-1' as account_id, "
                    "'Acme (a real customer)' as account_name) from raw_crm.accounts limit 1")


def check_untouched(before: dict, after: dict, own_schemas: set[str]) -> list[tuple[str, str]]:
    changed = [k for k in before if after.get(k) != before[k]]
    assert not changed, f"the build changed or dropped the user's relations: {changed}"
    new = sorted(set(after) - set(before))
    outside = [k for k in new if k[0] not in own_schemas]
    assert not outside, f"relations created outside the package's own schemas: {outside}"
    demo = [k for k in new if k[1] in DEMO_TABLES]
    assert not demo, f"demo relations created: {demo}"
    assert new, "the build created nothing"
    return new


def test_default_schemas_raw_data_untouched(tmp_path):
    """Raw tables in the contract's default schemas (raw_crm, ...): the demo once overwrote exactly these."""
    db = tmp_path / "warehouse.duckdb"
    generate(60, 8, 21, duckdb_path=db, quiet=True)
    plant_real_customer(db)
    before = snapshot(db)
    project = write_project(tmp_path / "user_project", db)
    commands = readme_commands()
    assert "dbt deps" in commands and "dbt build --select package:cs_analytics" in commands, commands
    run(project, "dbt deps")
    run(project, "dbt build --select package:cs_analytics")
    after = snapshot(db)
    check_untouched(before, after, PACKAGE_SCHEMAS)
    with duckdb.connect(str(db), read_only=True) as con:
        # the marts read the user's rows, with their ids as the CRM writes them (DECISIONS.md "ids")
        assert con.execute("select count(*) from marts.dim_accounts where account_id = 'ACME-REAL-1'"
                           ).fetchone()[0] == 1
        # the package's default weights do not put everything on usage (the custom test below can fail)
        assert con.execute("select count(*) from marts.fct_account_health_daily where usage_score is not null "
                           "and abs(health_score - usage_score) > 0.5").fetchone()[0] > 0
        assert con.execute("select count(*) from marts.fct_ctas where outcome = 'invalid'").fetchone()[0] > 0


def test_vendor_schemas_custom_outputs_and_reference_tables(tmp_path):
    """README's vars verbatim: raw tables in vendor schemas, marts renamed, the user's own reference tables."""
    vars_yaml = readme_block("vars")
    settings = yaml.safe_load(vars_yaml)["vars"]["cs_analytics"]
    db = tmp_path / "warehouse.duckdb"
    generate(60, 8, 21, duckdb_path=db, quiet=True)
    with duckdb.connect(str(db)) as con:
        for key, schema in settings.items():
            if not (key.startswith("raw_") and key.endswith("_schema")):
                continue
            default = key[: -len("_schema")]           # raw_crm_schema -> raw_crm
            con.execute(f'create schema "{schema}"')
            for (table,) in con.execute("select table_name from information_schema.tables where table_schema = ?",
                                        [default]).fetchall():
                con.execute(f'create table "{schema}"."{table}" as select * from "{default}"."{table}"')
            con.execute(f'drop schema "{default}" cascade')
        left = con.execute("select count(*) from information_schema.schemata where schema_name like 'raw\\_%' escape '\\'"
                           ).fetchone()[0]
        assert left == 0
    # the user's reference tables: invalid statuses mean `lost` for this customer; health is all usage
    with open(ROOT / "seeds" / "reference" / "cta_status_outcomes.csv", newline="") as f:
        statuses = list(csv.reader(f))
    remapped = [statuses[0]] + [[s, "lost" if s in INVALID_STATUSES else o, d] for s, o, d in statuses[1:]]
    weights = [["coverage_model", "component", "weight"]] + [
        [cm, comp, "1.0" if comp == "usage" else "0.0"]
        for cm in ("high_touch", "low_touch", "one_to_many")
        for comp in ("usage", "adoption", "engagement", "sentiment", "support", "relationship")]
    assert "my_cta_status_outcomes" in vars_yaml and "my_health_score_weights" in vars_yaml
    project = write_project(tmp_path / "user_project", db, vars_yaml,
                            seeds={"my_cta_status_outcomes": remapped, "my_health_score_weights": weights})
    before = snapshot(db)
    commands = readme_commands()
    assert "dbt build" in commands, commands
    run(project, "dbt deps")
    run(project, "dbt build")
    after = snapshot(db)
    marts = settings["marts_schema"]
    new = check_untouched(before, after, (PACKAGE_SCHEMAS - {"marts"}) | {marts, "main"})
    assert {k for k in new if k[0] == "main"} == {("main", "my_cta_status_outcomes"), ("main", "my_health_score_weights")}
    assert not [k for k in after if k[0].startswith("raw_")], "a raw_* schema was created"
    assert any(k[0] == marts for k in new) and not any(k[0] == "marts" for k in after)
    with duckdb.connect(str(db), read_only=True) as con:
        q = lambda sql: con.execute(sql.format(marts=marts)).fetchone()  # noqa: E731
        in_list = ", ".join(f"'{s}'" for s in INVALID_STATUSES)
        n_invalid_status, n_not_lost = q(f"select count(*), count(*) filter (where outcome <> 'lost') "
                                         f"from {{marts}}.fct_ctas where status in ({in_list})")
        assert n_invalid_status > 0 and n_not_lost == 0
        assert q("select count(*) from {marts}.fct_ctas where outcome = 'invalid'")[0] == 0
        scored, off = q("select count(*), count(*) filter (where usage_weight <> 1 or abs(health_score - usage_score) > 0.01) "
                        "from {marts}.fct_account_health_daily where usage_score is not null")
        assert scored > 0 and off == 0, f"{off} of {scored} health rows ignore the user's weights"


def test_versions_agree_and_are_released():
    """One version: dbt_project.yml, the demo project, pyproject.toml, CHANGELOG and the README's pinned tag."""
    package = yaml.safe_load((ROOT / "dbt_project.yml").read_text())
    demo = yaml.safe_load((ROOT / "integration_tests" / "dbt_project.yml").read_text())
    py = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.M).group(1)
    assert package["version"] == demo["version"] == py
    assert package["require-dbt-version"], "require-dbt-version missing"
    top = re.search(r"^## \[?v?(\d+\.\d+\.\d+)", (ROOT / "CHANGELOG.md").read_text(), re.M)
    assert top and top.group(1) == py, "CHANGELOG's newest entry is not the package version"
    assert yaml.safe_load(readme_block("packages-git"))["packages"][0]["revision"] == f"v{py}"
    assert "seeds/demo" not in (ROOT / "dbt_project.yml").read_text()
    assert not (ROOT / "seeds" / "demo").exists(), "demo data back inside the package"


@pytest.mark.parametrize("name", sorted(["cta_status_outcomes", "tier_targets", "lifecycle_cadences",
                                         "health_score_weights", "feature_milestones",
                                         "onboarding_targets"]))
def test_every_reference_table_is_replaceable(name):
    """Models read each reference seed only through cs_analytics.reference_table (so its var applies)."""
    direct = [p.relative_to(ROOT) for p in (ROOT / "models").rglob("*.sql") if f"ref('{name}')" in p.read_text()]
    assert not direct, f"models read {name} directly, bypassing var reference_{name}: {direct}"
    used = [p for p in (ROOT / "models").rglob("*.sql") if f"reference_table('{name}')" in p.read_text()]
    assert used, f"no model reads {name}"
    assert f"reference_{name}:" in (ROOT / "dbt_project.yml").read_text()
