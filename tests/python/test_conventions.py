"""The house style as checks over the dbt manifest (dbt-project-evaluator's rules, written
small because the package hub is unreachable): documentation, primary keys, layering,
contracts and naming."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PREFIX = {"staging": ("stg_", "base_"), "intermediate": ("int_",), "marts": ("dim_", "fct_"), "audit": ("dq_",)}


@pytest.fixture(scope="module")
def manifest(tmp_path_factory):
    target = tmp_path_factory.mktemp("parse")
    env = dict(os.environ, DBT_PROFILES_DIR=str(ROOT), DBT_TARGET_PATH=str(target), DBT_LOG_PATH=str(target / "logs"),
               CS_DUCKDB_PATH=str(target / "parse.duckdb"))
    proc = subprocess.run([str(Path(sys.executable).parent / "dbt"), "parse", "--no-partial-parse"], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-4000:]
    return json.loads((target / "manifest.json").read_text())


def _models(m):
    return {k: v for k, v in m["nodes"].items() if v["resource_type"] == "model" and v["package_name"] == "cs_analytics"}


def _layer(node):
    parts = Path(node["original_file_path"]).parts
    return parts[1] if len(parts) > 2 and parts[0] == "models" else None


def test_every_model_and_column_documented(manifest):
    missing = []
    for v in _models(manifest).values():
        if not v.get("description", "").strip():
            missing.append(v["name"])
        for c, d in v.get("columns", {}).items():
            if not d.get("description", "").strip():
                missing.append(f"{v['name']}.{c}")
    assert not missing, f"undocumented: {missing[:40]}"


def test_every_model_column_is_in_its_yaml(tmp_path_factory, manifest):
    """Documented columns must be the real ones: checked against the compiled relation in the
    DuckDB build of the demo (only when a demo build exists, i.e. after `dbt build`)."""
    db = ROOT / "warehouse.duckdb"
    if not db.exists():
        pytest.skip("no warehouse.duckdb: `make build` first (this check runs in `make test` after the build)")
    import duckdb
    con = duckdb.connect(str(db), read_only=True)
    problems = []
    for v in _models(manifest).values():
        try:
            cols = {r[0] for r in con.execute(
                "select column_name from information_schema.columns where table_schema = ? and table_name = ?",
                [v["schema"], v["alias"]]).fetchall()}
        except Exception:  # noqa: BLE001
            continue
        if not cols:
            continue
        documented = set(v.get("columns", {}))
        if cols - documented:
            problems.append(f"{v['name']}: undocumented columns {sorted(cols - documented)[:8]}")
        if documented - cols:
            problems.append(f"{v['name']}: documented but absent {sorted(documented - cols)[:8]}")
    con.close()
    assert not problems, "\n".join(problems[:40])


def test_primary_key_tested_on_every_model(manifest):
    tested = set()
    for n in manifest["nodes"].values():
        if n["resource_type"] != "test":
            continue
        name = (n.get("test_metadata") or {}).get("name")
        if name in ("unique", "unique_combination_of_columns"):
            tested.update(n.get("depends_on", {}).get("nodes", []))
    missing = [v["name"] for k, v in _models(manifest).items() if k not in tested]
    assert not missing, f"no primary-key (uniqueness) test: {missing}"


def _systems_of_record() -> set[str]:
    """Base models whose primary key is an entity's id (macros/cleaning/system_of_record.sql):
    a staging model may read them to show its ids in their spelling (DECISIONS.md "ids")."""
    import re
    text = (ROOT / "macros" / "cleaning" / "system_of_record.sql").read_text()
    return set(re.findall(r"'model': '(base_\w+)'", text))


def test_sources_only_in_staging_and_no_staging_on_staging(manifest):
    models = _models(manifest)
    systems_of_record = _systems_of_record()
    assert len(systems_of_record) >= 2, systems_of_record
    problems = []
    for v in models.values():
        layer = _layer(v)
        deps = v["depends_on"]["nodes"]
        srcs = [d for d in deps if d.startswith("source.")]
        if srcs and not v["name"].startswith("base_"):
            problems.append(f"{v['name']} reads a source directly ({srcs[0]}); only base_ models may")
        if layer == "staging":
            for d in deps:
                if d.startswith("model."):
                    dep = manifest["nodes"][d]["name"]
                    own = dep.startswith("base_") and dep[5:] == v["name"][4:]
                    if not (v["name"].startswith("stg_") and (own or dep in systems_of_record)):
                        problems.append(f"{v['name']} reads {dep}: staging may only read its own base model "
                                        "and the base models of systems of record (id spellings)")
        if layer == "marts":
            for d in deps:
                if d.startswith("model.") and manifest["nodes"][d]["name"].startswith("base_"):
                    problems.append(f"{v['name']} reads a base model")
    assert not problems, "\n".join(problems)


def test_marts_contracted_and_public_intermediate_not(manifest):
    problems = []
    for v in _models(manifest).values():
        layer = _layer(v)
        if layer == "marts":
            if not v["config"].get("contract", {}).get("enforced"):
                problems.append(f"{v['name']}: contract not enforced")
            if v.get("access") != "public":
                problems.append(f"{v['name']}: not public")
            for c, d in v.get("columns", {}).items():
                if not d.get("data_type"):
                    problems.append(f"{v['name']}.{c}: no data_type")
        elif v.get("access") == "public":
            problems.append(f"{v['name']}: {layer} model must not be public")
    for e in manifest.get("exposures", {}).values():
        for d in e["depends_on"]["nodes"]:
            node = manifest["nodes"].get(d)
            if node and node["resource_type"] == "model" and _layer(node) != "marts":
                problems.append(f"exposure {e['name']} depends on non-mart {node['name']}")
    assert not problems, "\n".join(problems[:40])


def test_naming_prefixes_by_layer(manifest):
    bad = []
    for v in _models(manifest).values():
        layer = _layer(v)
        allowed = PREFIX.get(layer)
        if allowed is None:
            bad.append(f"{v['name']}: outside the known layers ({v['original_file_path']})")
        elif not v["name"].startswith(allowed):
            bad.append(f"{v['name']}: {layer} models start with {allowed}")
    assert not bad, "\n".join(bad)


def test_relation_names_fit_postgres_identifiers(manifest):
    """PostgreSQL truncates nothing: a relation name over 63 characters is an error. dbt
    creates a relation named after each unit test, so unit-test names count too."""
    long = [f"model {v['alias'] or v['name']}" for v in _models(manifest).values() if len(v["alias"] or v["name"]) > 63]
    long += [f"unit test {u['name']}" for u in manifest.get("unit_tests", {}).values()
             if u["package_name"] == "cs_analytics" and len(u["name"]) > 63]
    assert not long, "names over PostgreSQL's 63-character limit:\n" + "\n".join(long)


def test_every_public_macro_documented(manifest):
    """A macro a user may call (not _private, not an engine's dispatch variant) says what it
    does and documents each argument it takes, so `dbt docs` answers "what does this do"."""
    missing = []
    for v in manifest["macros"].values():
        if v["package_name"] != "cs_analytics" or not v["original_file_path"].startswith("macros/"):
            continue
        name = v["name"]
        if name.startswith("_") or "__" in name:
            continue
        if not v["description"].strip():
            missing.append(name)
            continue
        documented = {a["name"] for a in v.get("arguments", []) if a.get("description", "").strip()}
        signature = set(re.sub(r"\s", "", v.get("macro_sql", "").split("(", 1)[1].split(")", 1)[0]).split(",")) - {""}
        signature = {s.split("=")[0] for s in signature}
        undocumented = signature - documented
        if undocumented:
            missing.append(f"{name} (arguments {sorted(undocumented)})")
    assert not missing, f"public macros without a description: {sorted(missing)}"


def test_unit_test_enabled_overrides_keep_the_emulator_condition():
    """A unit test with its own `enabled` config replaces the project-level one in
    dbt_project.yml (`unit_tests:`), which keeps unit tests off on the fakesnow emulator.
    Each override must repeat that condition, or the Snowflake build fails on a temporary
    table the emulator refuses (CI failed this way once)."""
    import yaml

    missing = []
    for path in sorted((ROOT / "models").rglob("*.yml")):
        doc = yaml.safe_load(path.read_text()) or {}
        for ut in doc.get("unit_tests", []) or []:
            enabled = (ut.get("config") or {}).get("enabled")
            text = str(enabled)
            allow_list = re.search(r"target\.type in \[([^\]]*)\]", text)
            keeps_off = "fakesnow" in text or (allow_list and "snowflake" not in allow_list.group(1))
            if enabled is not None and not keeps_off:
                missing.append(f"{path.relative_to(ROOT)}: {ut['name']}")
    assert not missing, "unit tests whose `enabled` drops the fakesnow condition:\n" + "\n".join(missing)
