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
