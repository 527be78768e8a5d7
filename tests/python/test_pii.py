"""No mart exposes customer contacts' or users' emails, or customer contacts' names (issue 3).

Two independent checks over the contracted marts of the clean generated build:
column names (against a list of personal-data names) and column contents
(every text value of every mart scanned for an email address or a phone
number). Staff names (`dim_users.full_name`, the CSM on a scorecard) are the
one allowed personal name: CS leaders need to know whose book it is.
"""
from __future__ import annotations

import json
import re

import duckdb
import pytest

PII_COLUMN = re.compile(r"(e_?mail|phone|mobile|first_name|last_name|full_name|contact_name|"
                        r"(^|_)name_of_|address|postcode|zip_code|birth|ip_address|linkedin)", re.I)
ALLOWED = {("dim_users", "full_name")}  # internal CS staff, not customer contacts
EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"
PHONE = r"\+?[0-9][0-9 ().-]{8,}[0-9]"


def _marts(manifest):
    return {n["name"]: n for n in manifest["nodes"].values()
            if n["resource_type"] == "model" and n["fqn"][1] == "marts"}


def test_no_pii_column_names_in_marts(clean_warehouse):
    manifest = json.loads((clean_warehouse.target / "manifest.json").read_text())
    found = [(name, col) for name, node in _marts(manifest).items() for col in node["columns"]
             if PII_COLUMN.search(col) and (name, col) not in ALLOWED]
    assert not found, f"personal-data columns in marts: {found}"


def test_no_emails_or_phone_numbers_in_mart_values(clean_warehouse):
    manifest = json.loads((clean_warehouse.target / "manifest.json").read_text())
    # the raw data does hold emails, so the scan below can find some if a mart leaked one
    with clean_warehouse.con() as con:
        raw_emails = con.execute(
            f"select count(*) from raw_crm.contacts where regexp_matches(email, '{EMAIL}')").fetchone()[0]
        assert raw_emails > 0
        leaks = []
        for name, node in _marts(manifest).items():
            text_cols = [r[0] for r in con.execute(
                "select column_name from information_schema.columns where table_schema = ? and table_name = ? "
                "and data_type = 'VARCHAR'", [node["schema"], node["alias"]]).fetchall()]
            for col in text_cols:
                n = con.execute(
                    f'select count(*) from {node["schema"]}.{node["alias"]} '
                    f"where regexp_matches({col}, '{EMAIL}') or regexp_matches({col}, '^{PHONE}$')").fetchone()[0]
                if n:
                    leaks.append(f"{name}.{col}: {n} values")
    assert not leaks, f"emails or phone numbers in mart values: {leaks}"


# Free text typed by people (issue 14): an email address and phone numbers planted in every
# free-text raw column are masked in staging ('[email]', '[phone]'), counted in
# dq.dq_masked_values, and reach no mart.
FREE_TEXT = {
    ("raw_billing", "subscriptions"): ["product"],
    ("raw_crm", "accounts"): ["account_name", "industry", "region"],
    ("raw_crm", "contact_job_changes"): ["to_company_name"],
    ("raw_crm", "contacts"): ["full_name", "title"],
    ("raw_crm", "opportunities"): ["stage"],
    ("raw_crm", "users"): ["full_name", "team", "region"],
    ("raw_cs", "ctas"): ["not_valid_reason"],
    ("raw_cs", "playbooks"): ["playbook_name"],
    ("raw_digital", "programs"): ["program_name", "trigger_rule"],
    ("raw_surveys", "survey_responses"): ["comment"],
}
PLANTED = " - call +1 (555) 010-2030, 020 7946 0958 or mail jane.doe+cs@example.co.uk"


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    from conftest import build_generated, dbt, Warehouse
    d = tmp_path_factory.mktemp("pii_planted")
    wh = build_generated(d, 30, 12, 21, dirty=False)
    assert wh.build.returncode == 0, wh.build.stdout[-6000:]
    with duckdb.connect(str(wh.path)) as con:
        for (schema, table), cols in FREE_TEXT.items():
            for col in cols:
                # every row: a value that was empty becomes the planted text alone
                con.execute(f"update {schema}.{table} set {col} = coalesce({col}, 'note') || ?", [PLANTED])
    proc = dbt(["build", "--full-refresh"], wh.path, d / "target", check=False)
    return Warehouse(wh.path, wh.truth, d / "target", proc)


def test_free_text_is_masked_and_counted(planted):
    assert planted.build.returncode == 0, planted.build.stdout[-6000:]
    counts = {(t, c): (n, e, p) for t, c, n, e, p in planted.query(
        "select source_table, column_name, masked_values, values_with_email, values_with_phone from dq.dq_masked_values")}
    schemas = {"raw_billing": "billing", "raw_crm": "crm", "raw_cs": "cs_platform", "raw_digital": "digital",
               "raw_surveys": "surveys"}
    for (schema, table), cols in FREE_TEXT.items():
        stg = f"staging.stg_{schemas[schema]}__{table}"
        staged = planted.query(f"select count(*) from {stg}")[0][0]
        for col in cols:
            assert counts.get((f"{schemas[schema]}.{table}", col)) == (staged, staged, staged), (table, col, counts)
            bad = planted.query(f"select count(*) from {stg} where {col} like '%example.co.uk%' "
                                f"or {col} like '%010-2030%' or {col} like '%7946 0958%'")[0][0]
            assert bad == 0, (table, col)
    masked = planted.query("select account_name from marts.dim_accounts limit 1")[0][0]
    assert masked.endswith(" - call [phone], [phone] or mail [email]"), masked


def test_no_planted_contact_details_reach_a_mart(planted):
    manifest = json.loads((planted.target / "manifest.json").read_text())
    leaks = []
    with planted.con() as con:
        for name, node in _marts(manifest).items():
            text_cols = [r[0] for r in con.execute(
                "select column_name from information_schema.columns where table_schema = ? and table_name = ? "
                "and data_type = 'VARCHAR'", [node["schema"], node["alias"]]).fetchall()]
            for col in text_cols:
                n = con.execute(
                    f'select count(*) from {node["schema"]}.{node["alias"]} '
                    f"where regexp_matches({col}, '{EMAIL}') or {col} like '%010-2030%' "
                    f"or {col} like '%7946 0958%'").fetchone()[0]
                if n:
                    leaks.append(f"{name}.{col}: {n} values")
        shown = con.execute("select count(*) from marts.fct_ctas where not_valid_reason like '%[email]%'").fetchone()[0]
    assert not leaks, f"planted emails or phone numbers in mart values: {leaks}"
    assert shown > 0  # the masked free text itself still reaches the mart
