"""Metabase metadata for the marts, read by dbt-metabase itself (offline: no Metabase instance).

`dbt parse` writes target/manifest.json; dbt-metabase's own manifest reader (`dbtmetabase.manifest.Manifest`,
what `dbt-metabase models` runs) must find every public mart with its semantic types: one PK per mart or a
documented compound key (a `unique_combination_of_columns` test), every FK pointing at a mart column that exists
and is that mart's PK, money and 0-1 rates typed. Then `DbtMetabase.export_models` - the code behind
`dbt-metabase models` - runs against an in-process fake of the Metabase API (a requests transport adapter, no
socket) whose database holds the marts as Metabase would sync them, and the field updates it sends must carry
the semantic types and resolve every FK to the target field's id.
"""
from __future__ import annotations

import json
import re
from urllib.parse import urlparse

import pytest
import requests
import yaml

from conftest import dbt, require

try:
    import dbtmetabase
    from dbtmetabase import DbtMetabase
    from dbtmetabase.format import Filter
    from dbtmetabase.manifest import Group, Manifest
except ImportError:  # pragma: no cover - reported through require() below
    dbtmetabase = None

KNOWN_SEMANTIC_TYPES = {
    "type/PK", "type/FK", "type/Name", "type/Category", "type/Currency", "type/Percentage", "type/Score",
    "type/CreationTimestamp", "type/CreationDate",
}
# meta keys dbt-metabase reads from a column (flat, dotted: `metabase.<field>`)
COLUMN_META_FIELDS = {
    "semantic_type", "fk_target_table", "fk_target_field", "display_name", "visibility_type", "description",
    "has_field_values", "coercion_strategy", "number_style", "decimals", "currency",
}
# same rules as the YAML was written with (README "Metabase"); a new mart column matching them must be typed
PERCENTAGE = re.compile(r"(_rate$|_rate_|^(grr|nrr)$|_(grr|nrr)$|logo_retention$|logo_retention_lift|_share$"
                        r"|percent_rank$|^pct_|_attainment$|_weight$|^gross_margin$|^utilisation)")
MONEY = re.compile(r"((^|_)(arr|mrr)($|_)|revenue|clv|cost|amount)")
NUMERIC = re.compile(r"^(decimal|numeric|double|float|integer|bigint)")


@pytest.fixture(scope="module")
def parsed(tmp_path_factory):
    require(dbtmetabase is not None,
            "dbt-metabase is not installed (pip install 'dbt-metabase>=1.7.5,<1.8', in the dev extra)")
    tmp = tmp_path_factory.mktemp("metabase")
    proc = dbt(["parse", "--no-partial-parse"], tmp / "parse.duckdb", tmp / "target")
    manifest_path = tmp / "target" / "manifest.json"
    return manifest_path, json.loads(manifest_path.read_text()), proc.stdout


@pytest.fixture(scope="module")
def public_marts(parsed) -> dict[str, dict]:
    _, manifest, _ = parsed
    marts = {n["name"]: n for n in manifest["nodes"].values()
             if n["resource_type"] == "model" and n["package_name"] == "cs_analytics"
             and n["config"].get("access") == "public"}
    assert len(marts) >= 20, sorted(marts)
    return marts


@pytest.fixture(scope="module")
def read(parsed, public_marts):
    """The marts as dbt-metabase's manifest reader returns them, by name."""
    manifest_path, _, _ = parsed
    models = {m.name: m for m in Manifest(manifest_path).read_models() if m.group == Group.nodes}
    return {name: models[name] for name in public_marts if name in models}


def compound_keys(manifest: dict, unique_id: str) -> list[list[str]]:
    out = []
    for child in manifest["child_map"].get(unique_id, []):
        node = manifest["nodes"].get(child, {})
        meta = node.get("test_metadata") or {}
        if meta.get("name") == "unique_combination_of_columns":
            out.append(list(meta["kwargs"]["combination_of_columns"]))
    return out


def unique_columns(manifest: dict, unique_id: str) -> set[str]:
    return {manifest["nodes"][c].get("column_name") for c in manifest["child_map"].get(unique_id, [])
            if (manifest["nodes"].get(c, {}).get("test_metadata") or {}).get("name") == "unique"}


def test_every_mart_yaml_is_public(root, public_marts):
    in_yaml = set()
    for path in (root / "models" / "marts").rglob("*.yml"):
        in_yaml |= {m["name"] for m in (yaml.safe_load(path.read_text()) or {}).get("models", [])}
    assert in_yaml == set(public_marts)


def test_parse_has_no_deprecation_warnings(parsed):
    """Column meta under `config: meta:` is what dbt 1.11 wants: the parse warns about nothing."""
    _, _, stdout = parsed
    bad = [line for line in stdout.splitlines() if "eprecat" in line or ("meta" in line and "WARN" in line)]
    assert not bad, bad


def test_dbt_metabase_finds_every_mart(public_marts, read):
    assert set(read) == set(public_marts)
    schemas = {m.schema for m in read.values()}
    assert len(schemas) == 1, schemas          # the marts schema: what `--include-schemas` names
    for name, model in read.items():
        assert model.description, name
        assert [c.name for c in model.columns] == list(public_marts[name]["columns"]), name
        assert all(c.description for c in model.columns), name


def test_meta_keys_are_ones_dbt_metabase_reads(public_marts):
    for name, node in public_marts.items():
        for col, info in node["columns"].items():
            for key, value in info.get("meta", {}).items():
                assert key.startswith("metabase."), (name, col, key)
                assert key.split(".", 1)[1] in COLUMN_META_FIELDS, (name, col, key)
            st = info.get("meta", {}).get("metabase.semantic_type")
            assert st is None or st in KNOWN_SEMANTIC_TYPES, (name, col, st)


def test_one_primary_key_or_a_documented_compound_key(parsed, public_marts, read):
    _, manifest, _ = parsed
    for name, model in read.items():
        uid = public_marts[name]["unique_id"]
        pks = [c.name for c in model.columns if c.semantic_type == "type/PK"]
        compound = compound_keys(manifest, uid)
        assert len(pks) <= 1, (name, pks)
        if pks:
            assert pks[0] in unique_columns(manifest, uid), f"{name}.{pks[0]} is type/PK without a unique test"
        else:
            assert compound, f"{name} has neither a type/PK column nor a unique_combination_of_columns test"
            cols = {c.name for c in model.columns}
            assert all(set(k) <= cols for k in compound), (name, compound)


def test_every_foreign_key_targets_a_mart_primary_key(read):
    by_table = {f"{m.schema}.{m.alias}": m for m in read.values()}
    pk_of = {m.name: next((c.name for c in m.columns if c.semantic_type == "type/PK"), None) for m in read.values()}
    fks = 0
    for name, model in read.items():
        for c in model.columns:
            if c.semantic_type != "type/FK":
                assert not c.fk_target_table and not c.fk_target_field, (name, c.name)
                continue
            fks += 1
            assert c.fk_target_table and c.fk_target_field, (name, c.name)
            target = by_table.get(c.fk_target_table)
            assert target is not None, f"{name}.{c.name} -> {c.fk_target_table}: not a mart"
            assert c.fk_target_field in {t.name for t in target.columns}, (name, c.name, c.fk_target_field)
            assert pk_of[target.name] == c.fk_target_field, (name, c.name, target.name, pk_of[target.name])
    assert fks >= 25, fks


def test_id_columns_named_like_a_mart_key_are_keys(read):
    """A column named like a mart's PK (account_id, user_id, program_id, ...) is that PK or an FK to it."""
    pks = {c.name: m for m in read.values() for c in m.columns if c.semantic_type == "type/PK"
           and c.name.endswith("_id")}
    for name, model in read.items():
        for c in model.columns:
            if c.name in pks and pks[c.name].name != name:
                assert c.semantic_type == "type/FK", (name, c.name)
                assert c.fk_target_table.endswith("." + pks[c.name].alias), (name, c.name, c.fk_target_table)
            if c.name.endswith("_user_id") or c.name == "user_id":
                assert c.semantic_type in ("type/PK", "type/FK"), (name, c.name)


def test_money_and_percentages_are_typed(public_marts, read):
    money = pct = 0
    for name, model in read.items():
        dtypes = {k: (v.get("data_type") or "").lower() for k, v in public_marts[name]["columns"].items()}
        for c in model.columns:
            dtype = dtypes[c.name]
            if c.semantic_type in ("type/Currency", "type/Percentage", "type/Score"):
                assert NUMERIC.match(dtype), (name, c.name, dtype)
            if c.semantic_type in ("type/Category", "type/Name"):
                assert dtype == "varchar", (name, c.name, dtype)
            if not dtype.startswith("decimal") or c.semantic_type in ("type/PK", "type/FK"):
                continue
            if PERCENTAGE.search(c.name):
                pct += 1
                assert c.semantic_type == "type/Percentage", (name, c.name, c.semantic_type)
            elif MONEY.search(c.name):
                money += 1
                assert c.semantic_type == "type/Currency", (name, c.name, c.semantic_type)
    assert money >= 50 and pct >= 60, (money, pct)
    accounts = {c.name: c.semantic_type for c in read["dim_accounts"].columns}
    assert accounts["current_arr"] == "type/Currency" and accounts["segment"] == "type/Category"
    assert accounts["account_name"] == "type/Name"
    assert {c.name: c.semantic_type for c in read["fct_revenue_retention"].columns}["monthly_nrr"] == "type/Percentage"


class FakeMetabase(requests.adapters.BaseAdapter):
    """The few Metabase API calls `export_models` makes, answered in-process; PUT bodies are recorded."""

    def __init__(self, database: str, tables: list[dict]):
        super().__init__()
        self.database, self.tables, self.puts = database, tables, []

    def send(self, request, **kwargs):
        path = urlparse(request.url).path
        method = request.method.upper()
        body: object
        status = 200
        if method == "GET" and path == "/api/database":
            body = {"data": [{"id": 1, "name": self.database, "engine": "postgres"}]}
        elif method == "POST" and path == "/api/database/1/sync_schema":
            body = {"status": "ok"}
        elif method == "GET" and path == "/api/database/1/metadata":
            body = {"id": 1, "engine": "postgres", "tables": json.loads(json.dumps(self.tables))}
        elif method == "PUT" and re.fullmatch(r"/api/(table|field)/\d+", path):
            self.puts.append((path, json.loads(request.body)))
            body = {"id": int(path.rsplit("/", 1)[1])}
        else:
            body, status = {"message": f"unexpected {method} {path}"}, 404
        resp = requests.Response()
        resp.status_code = status
        resp._content = json.dumps(body).encode()
        resp.headers["Content-Type"] = "application/json"
        resp.url, resp.request = request.url, request
        return resp

    def close(self):
        pass


def test_export_models_pushes_types_and_resolves_foreign_keys(parsed, read, monkeypatch):
    """`dbt-metabase models --include-schemas <marts> --skip-sources` against a fake Metabase database."""
    manifest_path, _, _ = parsed
    schema = next(iter(read.values())).schema
    tables, field_ids, next_id = [], {}, 100
    for t_id, model in enumerate(sorted(read.values(), key=lambda m: m.name), start=1):
        fields = []
        for c in model.columns:   # as a fresh Metabase sync leaves them: no semantic types, no FKs
            next_id += 1
            field_ids[(model.alias, c.name)] = next_id
            fields.append({"id": next_id, "name": c.name, "display_name": c.name.replace("_", " ").title(),
                           "description": None, "semantic_type": None, "fk_target_field_id": None,
                           "visibility_type": "normal", "settings": None})
        tables.append({"id": t_id, "name": model.alias, "schema": schema, "db_id": 1, "description": None,
                       "display_name": model.alias.replace("_", " ").title(), "visibility_type": None,
                       "fields": fields})
    fake = FakeMetabase("CS warehouse", tables)
    monkeypatch.setattr(dbtmetabase._models, "_SYNC_PERIOD", 0)
    client = DbtMetabase(manifest_path=manifest_path, metabase_url="http://metabase.invalid",
                         metabase_api_key="offline-test", http_adapter=fake)
    client.export_models(metabase_database="CS warehouse", schema_filter=Filter(include=[schema]),
                         skip_sources=True, sync_timeout=5)

    field_puts = {int(p.rsplit("/", 1)[1]): b for p, b in fake.puts if p.startswith("/api/field/")}
    table_puts = {int(p.rsplit("/", 1)[1]): b for p, b in fake.puts if p.startswith("/api/table/")}
    assert len(table_puts) == len(read) and all(b.get("description") for b in table_puts.values())
    by_table = {f"{m.schema}.{m.alias}": m for m in read.values()}
    for model in read.values():
        for c in model.columns:
            put = field_puts.get(field_ids[(model.alias, c.name)], {})
            assert put.get("description") == c.description, (model.name, c.name)
            if c.semantic_type:
                assert put.get("semantic_type") == c.semantic_type, (model.name, c.name, put)
            if c.semantic_type == "type/FK":
                target = by_table[c.fk_target_table]
                assert put.get("fk_target_field_id") == field_ids[(target.alias, c.fk_target_field)], (
                    model.name, c.name, put)
