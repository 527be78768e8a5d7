"""Hostile exports (issue 14, high-severity items): one class of hostility at a time is
injected into the raw tables of a small clean generated warehouse, which is then rebuilt.

For every class: `dbt build` exits 0, the hostile rows are repaired (and counted) or
quarantined with the right reason, dq_staging_reconciliation still holds (raw = staged +
quarantined + duplicates + superseded), and the marts rebuilt from the clean rows equal the
clean build's (EXCEPT ALL both ways).

Classes: colliding raw-row texts (a delimiter shifted between adjacent columns, a value
spelling the null marker beside a real null), a CRLF export (every last column ends in a
carriage return), ids and texts padded with tab / newline / NBSP / zero-width space / BOM /
ideographic space, timestamps with 7-9 fractional digits (text and a typed TIMESTAMP_NS
column), money amounts that parse but do not fit.

One clean build (40 accounts x 12 months, full project) is shared; each class copies its
DuckDB file, injects, and rebuilds only the subset it touches (`reference staging audit
+<marts>`, `--full-refresh` for the incremental usage model).
"""
from __future__ import annotations

import shutil
import time

import duckdb
import pytest

from conftest import Warehouse, build_generated, dbt

ACCOUNTS, MONTHS, SEED = 40, 12, 14
REVENUE_MARTS = ["dim_accounts", "fct_mrr_movements", "fct_revenue_retention"]
TIMINGS: dict[str, float] = {}


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> Warehouse:
    t0 = time.time()
    wh = build_generated(tmp_path_factory.mktemp("hostile_clean"), ACCOUNTS, MONTHS, SEED, dirty=False)
    TIMINGS["clean (generate + full build)"] = time.time() - t0
    assert wh.build.returncode == 0, wh.build.stdout[-6000:]
    return wh


def _hostile(clean: Warehouse, tmp_path_factory, name: str, sql: list[str], marts: list[str] | None):
    """Copy the clean warehouse, run the injection SQL on its raw tables, rebuild.
    marts=None rebuilds the whole project."""
    t0 = time.time()
    d = tmp_path_factory.mktemp(f"hostile_{name}")
    db = d / "warehouse.duckdb"
    shutil.copyfile(clean.path, db)
    with duckdb.connect(str(db)) as con:
        for statement in sql:
            con.execute(statement)
    args = ["build", "--full-refresh"]
    if marts is not None:
        args += ["--select", "reference", "staging", "audit", *[f"+{m}" for m in marts]]
    proc = dbt(args, db, d / "target", check=False)
    TIMINGS[name] = time.time() - t0
    print(f"[hostile] {name}: {TIMINGS[name]:.1f}s")
    return Warehouse(db, clean.truth, d / "target", proc)


def _recon(wh: Warehouse) -> dict:
    rows = wh.query("""select source_table, raw_rows, staged_rows, quarantined_rows, exact_duplicates_collapsed,
                              superseded_versions_collapsed, ids_normalised_rows, utc_offset_rows, is_reconciled
                       from dq.dq_staging_reconciliation""")
    keys = ("raw", "staged", "quarantined", "exact", "superseded", "ids", "offsets", "ok")
    return {r[0]: dict(zip(keys, r[1:])) for r in rows}


def _quarantined(wh: Warehouse) -> list[tuple]:
    return wh.query("""select source_table, column_name, reason from dq.dq_quarantined_rows
                       order by 1, 2, 3""")


def _rebuilt_marts(wh: Warehouse) -> list[str]:
    names = []
    for r in wh.run_results()["results"]:
        rel = r.get("relation_name") or ""
        if r["unique_id"].startswith("model.") and '."marts".' in rel and r["status"] == "success":
            names.append(r["unique_id"].split(".")[-1])
    return sorted(names)


def _assert_marts_equal(wh: Warehouse, clean: Warehouse, expected: list[str] | None):
    marts = _rebuilt_marts(wh)
    assert marts, "no mart was rebuilt"
    if expected:
        assert set(expected) <= set(marts), (expected, marts)
    diffs = {}
    with duckdb.connect(str(wh.path), read_only=True) as con:
        con.execute(f"attach '{clean.path}' as clean_wh (read_only)")
        catalog = con.execute("select current_database()").fetchone()[0]
        for m in marts:
            a, b = f'"{catalog}".marts.{m}', f"clean_wh.marts.{m}"
            extra = con.execute(f"select count(*) from (select * from {a} except all select * from {b})").fetchone()[0]
            lost = con.execute(f"select count(*) from (select * from {b} except all select * from {a})").fetchone()[0]
            if extra or lost:
                diffs[m] = (extra, lost)
    assert not diffs, f"marts differ from the clean build (rows only hostile, rows only clean): {diffs}"


def _assert_common(wh: Warehouse, clean: Warehouse, marts: list[str] | None,
                   added_quarantined: dict[str, int] | None = None):
    assert wh.build.returncode == 0, wh.build.stdout[-8000:]
    recon, base = _recon(wh), _recon(clean)
    added_quarantined = added_quarantined or {}
    for table, r in recon.items():
        assert r["ok"], (table, r)
        assert r["raw"] == r["staged"] + r["quarantined"] + r["exact"] + r["superseded"], (table, r)
        # the clean rows stage exactly as in the clean build
        assert r["staged"] == base[table]["staged"], (table, r, base[table])
        assert r["quarantined"] == added_quarantined.get(table, 0), (table, r)
    _assert_marts_equal(wh, clean, marts)
    return recon


def _relationship_failures(wh: Warehouse) -> dict[str, int]:
    return {r["unique_id"]: r.get("failures") or 0 for r in wh.run_results()["results"]
            if r["unique_id"].startswith("test.") and ".relationships_" in r["unique_id"]}


def test_clean_build_quarantines_nothing(clean):
    for table, r in _recon(clean).items():
        assert r["quarantined"] == 0 and r["ids"] == 0 and r["offsets"] == 0 and r["ok"], (table, r)


# ----------------------------------------------------------------------------- row identity
def test_colliding_raw_rows_get_distinct_ids(clean, tmp_path_factory):
    """Rows whose naive 'a|b|<null>' text is equal: a '|' that moves between adjacent columns,
    and a value '<null>' beside a real null. All lack the primary key, so they are quarantined;
    before the fix they shared a _dq_row_id and the uniqueness test stopped the build."""
    cols = "subscription_id, account_id, product, mrr, seats, start_date, end_date, updated_at"
    rows = [
        "(null, 'acc_000001|platform', 'x', '10.00', '1', '2024-01-01', null, null)",
        "(null, 'acc_000001', 'platform|x', '10.00', '1', '2024-01-01', null, null)",
        "(null, 'acc_000001', '<null>', '10.00', '1', '2024-01-01', null, null)",
        "(null, 'acc_000001', null, '10.00', '1', '2024-01-01', null, null)",
        "(null, 'acc_000001', '%7C', '10.00', '1', '2024-01-01', null, null)",
        "(null, 'acc_000001', '|', '10.00', '1', '2024-01-01', null, null)",
    ]
    wh = _hostile(clean, tmp_path_factory, "collisions",
                  [f"insert into raw_billing.subscriptions ({cols}) values {', '.join(rows)}"],
                  ["fct_mrr_movements"])
    _assert_common(wh, clean, ["fct_mrr_movements"], {"billing.subscriptions": len(rows)})
    got = wh.query("""select count(*), count(distinct raw_row), count(distinct quarantine_id)
                      from dq.dq_quarantined_rows
                      where source_table = 'billing.subscriptions' and reason = 'missing_primary_key'""")[0]
    assert got == (len(rows), len(rows), len(rows)), got
    ids = wh.query("""select count(*), count(distinct _dq_row_id), count(distinct _dq_raw_row)
                      from staging.base_billing__subscriptions""")[0]
    assert ids[0] == ids[1] == ids[2], ids


# ----------------------------------------------------------------------------- invisible characters
def test_crlf_export_stages_every_row(clean, tmp_path_factory):
    """Every raw table's last column ends in a carriage return (an empty cell becomes '\\r'),
    as a Windows CSV export read without CRLF handling gives. Nothing is quarantined and
    the whole project's marts equal the clean build's."""
    with clean.con() as con:
        last = con.execute("""select table_schema, table_name, column_name from information_schema.columns c
                              where table_schema like 'raw_%' and ordinal_position = (
                                  select max(ordinal_position) from information_schema.columns c2
                                  where c2.table_schema = c.table_schema and c2.table_name = c.table_name)
                              order by 1, 2""").fetchall()
    assert len(last) >= 20
    sql = [f'update {s}.{t} set "{c}" = coalesce("{c}", \'\') || chr(13)' for s, t, c in last]
    wh = _hostile(clean, tmp_path_factory, "crlf", sql, None)
    _assert_common(wh, clean, None)
    assert _relationship_failures(wh) == _relationship_failures(clean)


PADS = "[chr(9), chr(10), chr(160), chr(8203), chr(65279), chr(12288), chr(13) || chr(10)]"


def _pad(col: str, key: str) -> str:
    """col wrapped in one or two invisible characters chosen by the record's key, so exact
    duplicates stay exact duplicates."""
    return (f"{PADS}[cast(hash({key}) % 7 as bigint) + 1] || {col} || {PADS}[cast(hash({key} || 'x') % 7 as bigint) + 1]")


def test_padded_ids_and_texts_match_their_account(clean, tmp_path_factory):
    """Ids (and a name) padded with tab, newline, NBSP, zero-width space, BOM, ideographic
    space or CRLF: every id is repaired and counted in ids_normalised_rows, no orphan is
    created and the revenue marts equal the clean build's."""
    sql = [
        f"update raw_crm.accounts set account_id = {_pad('account_id', 'account_id')}, "
        f"account_name = {_pad('account_name', 'account_id')}",
        f"update raw_billing.subscriptions set account_id = {_pad('account_id', 'subscription_id')}, "
        f"subscription_id = {_pad('subscription_id', 'subscription_id')}",
        f"update raw_product.account_usage_daily set account_id = {_pad('account_id', 'account_id')}",
        f"update raw_crm.account_team_history set user_id = {_pad('user_id', 'user_id')}",
    ]
    wh = _hostile(clean, tmp_path_factory, "padded_ids", sql, REVENUE_MARTS)
    recon = _assert_common(wh, clean, REVENUE_MARTS)
    for table in ("crm.accounts", "billing.subscriptions", "product.account_usage_daily",
                  "crm.account_team_history"):
        r = recon[table]
        assert r["ids"] == r["raw"], (table, r)
    failures, before = _relationship_failures(wh), _relationship_failures(clean)
    assert failures and all(v == before[k] for k, v in failures.items()), (failures, before)
    n = wh.query("select count(*) from marts.dim_accounts")[0][0]
    assert n == clean.query("select count(*) from marts.dim_accounts")[0][0]


def test_decomposed_accents_in_ids_match_their_account(clean, tmp_path_factory):
    """The CRM writes an id with a composed accent (U+00E9), billing and the usage feed write the
    same id decomposed (e + U+0301, as Mac and some web exports do): after NFC every child row
    finds its account, no orphan appears, the decomposed ids are counted as normalised and the
    revenue per month is the clean build's."""
    with clean.con() as con:
        columns = con.execute("""select table_schema, table_name, column_name from information_schema.columns
                                 where table_schema like 'raw_%' and column_name like '%account_id'
                                 order by 1, 2, 3""").fetchall()
    sql = ["update raw_crm.accounts set account_id = account_id || chr(233)"]
    sql += [f"update {s}.{t} set {c} = {c} || 'e' || chr(769)" for s, t, c in columns
            if (s, t, c) != ("raw_crm", "accounts", "account_id")]
    assert len(sql) > 10, columns
    # the whole project: every mart carries the re-spelled ids, so none may keep the clean build's
    wh = _hostile(clean, tmp_path_factory, "decomposed_ids", sql, None)
    assert wh.build.returncode == 0, wh.build.stdout[-8000:]
    recon, base = _recon(wh), _recon(clean)
    for table, r in recon.items():
        assert r["ok"] and r["staged"] == base[table]["staged"] and r["quarantined"] == 0, (table, r)
    for table in ("billing.subscriptions", "product.account_usage_daily", "crm.account_team_history"):
        assert recon[table]["ids"] == recon[table]["raw"], (table, recon[table])
    failures, before = _relationship_failures(wh), _relationship_failures(clean)
    changed = {k: (v, before.get(k)) for k, v in failures.items() if v != before.get(k)}
    assert failures and not changed, changed
    by_month = "select month_start, sum(mrr), count(*) from marts.fct_mrr_movements group by 1 order by 1"
    assert wh.query(by_month) == clean.query(by_month)
    ids = wh.query("select count(*), count(distinct account_id), "
                   "sum(case when account_id like '%' || chr(233) then 1 else 0 end) from marts.dim_accounts")[0]
    assert ids[0] == clean.query("select count(*) from marts.dim_accounts")[0][0] == ids[1] == ids[2], ids


# ----------------------------------------------------------------------------- id spelling
def _mart_columns(wh: Warehouse) -> dict[str, list[str]]:
    cols: dict[str, list[str]] = {}
    for t, c in wh.query("""select table_name, column_name from information_schema.columns
                            where table_schema = 'marts' order by table_name, ordinal_position"""):
        cols.setdefault(t, []).append(c)
    return cols


def _assert_marts_equal_ignoring_id_case(wh: Warehouse, clean: Warehouse):
    """Every rebuilt mart equals the clean build's once ids are compared lower-cased
    (hashed keys built from ids are left out): re-spelling ids changes no figure."""
    columns, diffs = _mart_columns(wh), {}
    with duckdb.connect(str(wh.path), read_only=True) as con:
        con.execute(f"attach '{clean.path}' as clean_wh (read_only)")
        catalog = con.execute("select current_database()").fetchone()[0]
        for m in _rebuilt_marts(wh):
            exprs = [f'lower("{c}")' if c.endswith("_id") else f'"{c}"'
                     for c in columns[m] if not c.endswith("_key")]
            q = "select " + ", ".join(exprs) + " from {}"
            a, b = q.format(f'"{catalog}".marts.{m}'), q.format(f"clean_wh.marts.{m}")
            n = con.execute(f"select count(*) from (({a} except all {b}) union all ({b} except all {a}))").fetchone()[0]
            if n:
                diffs[m] = n
    assert not diffs, f"marts differ from the clean build beyond the case of their ids: {diffs}"


def test_ids_keep_the_crm_spelling_and_match_across_sources(clean, tmp_path_factory):
    """The CRM writes every account id and user id in upper case (ACC_000001, U_...), billing
    writes account ids with a capital first letter (Acc_000001), every other source keeps lower
    case: all of them are one account / one user, every mart shows the CRM's spelling (a mart
    id joins back to the raw CRM id unchanged), no figure changes, and ids_normalised_rows
    counts the rows whose ids were re-spelled to the CRM's spelling, never the CRM's own ids."""
    sql = [
        "update raw_crm.accounts set account_id = upper(account_id)",
        "update raw_crm.users set user_id = upper(user_id)",
        "update raw_billing.subscriptions set account_id = upper(substr(account_id, 1, 1)) || substr(account_id, 2)",
    ]
    wh = _hostile(clean, tmp_path_factory, "crm_spelling", sql, None)
    assert wh.build.returncode == 0, wh.build.stdout[-8000:]
    recon, base = _recon(wh), _recon(clean)
    for table, r in recon.items():
        assert r["ok"] and r["staged"] == base[table]["staged"] and r["quarantined"] == 0, (table, r)
    # the system of record's own spelling is not a normalisation; its references are
    with wh.con() as con:
        with_parent = con.execute("select count(*) from raw_crm.accounts where parent_account_id is not null").fetchone()[0]
        with_manager = con.execute("select count(*) from raw_crm.users where manager_user_id is not null").fetchone()[0]
    assert recon["crm.accounts"]["ids"] == with_parent, recon["crm.accounts"]
    assert recon["crm.users"]["ids"] == with_manager, recon["crm.users"]
    for table in ("billing.subscriptions", "crm.account_team_history", "product.account_usage_daily",
                  "cs_platform.ctas", "crm.contacts"):
        assert recon[table]["ids"] == recon[table]["raw"], (table, recon[table])
    assert recon["cs_platform.playbooks"]["ids"] == 0
    # every mart id joins back to the raw CRM id, unchanged
    columns, checked = _mart_columns(wh), []
    for mart, cols in columns.items():
        for col in cols:
            if col == "account_id" or col.endswith("_account_id"):
                raw = "select trim(account_id) from raw_crm.accounts"
            elif col == "user_id" or col.endswith("_user_id"):
                raw = "select trim(user_id) from raw_crm.users"
            else:
                continue
            n, missing = wh.query(f'select count("{col}"), count(case when "{col}" not in ({raw}) then 1 end) '
                                  f"from marts.{mart}")[0]
            checked.append((mart, col, n))
            assert missing == 0, (mart, col, missing, n)
    assert {m for m, c, n in checked if c == "account_id" and n > 0} >= {
        "dim_accounts", "fct_mrr_movements", "fct_renewals", "fct_ctas"}, checked
    assert {m for m, c, n in checked if c.endswith("user_id") and n > 0} >= {"dim_users", "fct_csm_monthly"}, checked
    assert wh.query("select count(*) from marts.dim_accounts where account_id <> upper(account_id)")[0][0] == 0
    failures, before = _relationship_failures(wh), _relationship_failures(clean)
    assert failures and failures == before, (failures, before)
    _assert_marts_equal_ignoring_id_case(wh, clean)


def _salesforce_18(id15: str) -> str:
    """The 18-character form of a Salesforce 15-character id (independent of the package)."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
    return id15 + "".join(alphabet[sum(1 << i for i, ch in enumerate(id15[k:k + 5]) if "A" <= ch <= "Z")]
                          for k in (0, 5, 10))


def test_salesforce_ids_are_case_sensitive_and_match_their_18_character_form(clean, tmp_path_factory):
    """Two CRM accounts with Salesforce 15-character ids that differ only in case are two
    accounts. Billing refers to one by its 18-character form written in lower case and to the
    other by its 15-character id: each subscription reaches its own account, shown as the CRM
    writes it, and each account's MRR is the MRR of the lines copied to it."""
    first, second = "001A000001AbCdE", "001A000001ABCDE"
    assert _salesforce_18(first) == "001A000001AbCdEIAV" and _salesforce_18(second) == "001A000001ABCDEIA5"
    src = "acc_000001"
    sql = [
        f"insert into raw_crm.accounts select * replace ('{first}' as account_id, 'Case one' as account_name) "
        f"from raw_crm.accounts where account_id = '{src}'",
        f"insert into raw_crm.accounts select * replace ('{second}' as account_id, 'Case two' as account_name) "
        f"from raw_crm.accounts where account_id = '{src}'",
        f"insert into raw_billing.subscriptions select * replace ('sf1_' || subscription_id as subscription_id, "
        f"'{_salesforce_18(first).lower()}' as account_id) from raw_billing.subscriptions where account_id = '{src}'",
        f"insert into raw_billing.subscriptions select * replace ('sf2_' || subscription_id as subscription_id, "
        f"'{second}' as account_id, cast(mrr as decimal(18, 2)) * 2 as mrr) "
        f"from raw_billing.subscriptions where account_id = '{src}'",
    ]
    with clean.con() as con:
        lines = con.execute(f"select count(*) from raw_billing.subscriptions where account_id = '{src}'").fetchone()[0]
    assert lines > 0
    wh = _hostile(clean, tmp_path_factory, "salesforce_ids", sql, REVENUE_MARTS)
    assert wh.build.returncode == 0, wh.build.stdout[-8000:]
    recon = _recon(wh)
    assert all(r["ok"] and r["quarantined"] == 0 for r in recon.values()), recon
    # only the 18-character references were re-spelled
    assert recon["billing.subscriptions"]["ids"] == lines, recon["billing.subscriptions"]
    assert recon["crm.accounts"]["ids"] == 0
    got = wh.query("select account_id, account_name from marts.dim_accounts where account_id like '001%' order by 1")
    assert got == [(second, "Case two"), (first, "Case one")], got
    mrr = "select month_start, mrr from marts.fct_mrr_movements where account_id = '{}' order by 1"
    src_mrr = wh.query(mrr.format(src))
    assert src_mrr and any(m for _, m in src_mrr)
    assert wh.query(mrr.format(first)) == src_mrr
    assert wh.query(mrr.format(second)) == [(d, m * 2) for d, m in src_mrr]
    staged = wh.query("select account_id, count(*) from staging.stg_billing__subscriptions "
                      "where account_id like '001%' group by 1 order by 1")
    assert staged == [(second, lines), (first, lines)], staged
    # the relationship tests rebuilt here fail no more than in the clean build (no orphan)
    failures, before = _relationship_failures(wh), _relationship_failures(clean)
    assert failures and all(v == before[k] for k, v in failures.items()), (failures, before)


# ----------------------------------------------------------------------------- timestamps
ONE_TO_MANY_MARTS = ["fct_email_sends", "fct_program_monthly"]


def test_nanosecond_timestamps_parse(clean, tmp_path_factory):
    """Email event times with 7, 8 and 9 fractional digits, with a space or 'T', with or without
    'Z' / an offset, and email sends as a typed TIMESTAMP_NS column: every row stages (digits
    7-9 are truncated, so the clean values are unchanged) and the one-to-many marts equal the
    clean build's. Offsets are counted."""
    variants = [
        "occurred_at || '.000000789'",
        "replace(occurred_at, ' ', 'T') || '.00000078'",
        "replace(occurred_at, ' ', 'T') || '.0000007Z'",
        "occurred_at || '.000000999+00:00'",
    ]
    case = " ".join(f"when {i} then {v}" for i, v in enumerate(variants))
    sql = [
        f"update raw_digital.email_events set occurred_at = case cast(hash(event_id) % 4 as bigint) {case} end "
        "where occurred_at is not null and length(occurred_at) = 19",
        "alter table raw_digital.email_sends alter column sent_at set data type timestamp_ns using "
        "cast(case when length(sent_at) = 19 then sent_at || '.000000123' else sent_at end as timestamp_ns)",
    ]
    with clean.con() as con:
        with_offset = con.execute(
            "select count(*) from raw_digital.email_events where occurred_at is not null "
            "and length(occurred_at) = 19 and cast(hash(event_id) % 4 as bigint) in (2, 3)").fetchone()[0]
        assert with_offset > 0
    wh = _hostile(clean, tmp_path_factory, "nanoseconds", sql, ONE_TO_MANY_MARTS)
    raw_type = wh.query("""select data_type from information_schema.columns where table_schema = 'raw_digital'
                           and table_name = 'email_sends' and column_name = 'sent_at'""")[0][0]
    assert raw_type == "TIMESTAMP_NS"
    assert wh.query("select count(*) from raw_digital.email_events where occurred_at like '%.0000007Z'")[0][0] > 0
    recon = _assert_common(wh, clean, ONE_TO_MANY_MARTS)
    assert recon["digital.email_events"]["offsets"] == with_offset


# ----------------------------------------------------------------------------- out of range
def test_amounts_that_do_not_fit_are_quarantined(clean, tmp_path_factory):
    """An MRR of 20 digits, an MRR of 15 digits (its ARR no longer fits decimal(18,2)), an MRR
    too long to read and an opportunity ARR of 20 digits are quarantined as
    value_out_of_range; the build does not fail and the revenue marts are unchanged."""
    cols = "subscription_id, account_id, product, mrr, seats, start_date, end_date, updated_at"
    subs = [
        "('sub_oor_1', 'acc_000001', 'platform', '12345678901234567890', '5', '2024-01-01', null, null)",
        "('sub_oor_2', 'acc_000002', 'platform', '900000000000000', '5', '2024-01-01', null, null)",
        "('sub_oor_3', 'acc_000003', 'platform', '-1234567890123456789012345.5', '5', '2024-01-01', null, null)",
    ]
    sql = [
        f"insert into raw_billing.subscriptions ({cols}) values {', '.join(subs)}",
        "insert into raw_crm.opportunities select * replace ("
        "'opp_oor_1' as opportunity_id, '99999999999999999999.99' as amount_arr) "
        "from raw_crm.opportunities order by opportunity_id limit 1",
    ]
    marts = REVENUE_MARTS + ["fct_ctas"]
    wh = _hostile(clean, tmp_path_factory, "out_of_range", sql, marts)
    _assert_common(wh, clean, marts, {"billing.subscriptions": 3, "crm.opportunities": 1})
    assert _quarantined(wh) == [
        ("billing.subscriptions", "mrr", "value_out_of_range"),
        ("billing.subscriptions", "mrr", "value_out_of_range"),
        ("billing.subscriptions", "mrr", "value_out_of_range"),
        ("crm.opportunities", "amount_arr", "value_out_of_range"),
    ]


# ----------------------------------------------------------------------------- placeholder dates
def _copy_with(table: str, order: str, replace: str, where: str = "true") -> str:
    """Insert a copy of the first row of a raw table (by `order`), with columns replaced."""
    return f"insert into {table} select * replace ({replace}) from {table} where {where} order by {order} limit 1"


def test_placeholder_dates_are_quarantined_and_calendar_stays_plausible(clean, tmp_path_factory):
    """Placeholder dates ('1900-01-01', '1899-12-31', the Unix epoch) on a subscription line,
    a CTA and a usage day are quarantined as implausible_date (before var
    earliest_plausible_date); the reporting calendar still starts at the first plausible
    contract month, and the revenue, CTA and CSM marts equal the clean build's."""
    sql = [
        _copy_with("raw_billing.subscriptions", "subscription_id",
                   "'sub_ph_1' as subscription_id, '1900-01-01' as start_date"),
        _copy_with("raw_billing.subscriptions", "subscription_id",
                   "'sub_ph_2' as subscription_id, '1899-12-31' as start_date, null as end_date"),
        _copy_with("raw_billing.subscriptions", "subscription_id",
                   "'sub_ph_3' as subscription_id, '1970-01-01' as start_date"),
        _copy_with("raw_cs.ctas", "cta_id", "'cta_ph_1' as cta_id, '1900-01-01 00:00:00' as created_at"),
        _copy_with("raw_product.account_usage_daily", "account_id, usage_date", "'1900-01-01' as usage_date"),
    ]
    marts = REVENUE_MARTS + ["fct_ctas", "fct_csm_monthly"]
    wh = _hostile(clean, tmp_path_factory, "placeholder_dates", sql, marts)
    _assert_common(wh, clean, marts, {"billing.subscriptions": 3, "cs_platform.ctas": 1,
                                      "product.account_usage_daily": 1})
    assert _quarantined(wh) == [
        ("billing.subscriptions", "start_date", "implausible_date"),
        ("billing.subscriptions", "start_date", "implausible_date"),
        ("billing.subscriptions", "start_date", "implausible_date"),
        ("cs_platform.ctas", "created_at", "implausible_date"),
        ("product.account_usage_daily", "usage_date", "implausible_date"),
    ]
    calendar = "select min(month_start), max(month_start), count(*) from intermediate.int_months"
    assert wh.query(calendar) == clean.query(calendar)
    assert wh.query(calendar)[0][0].year >= 2000


# ----------------------------------------------------------------------------- subscription lines
def test_incomplete_subscription_lines_are_quarantined(clean, tmp_path_factory):
    """Subscription lines without an account, a start date or an MRR, and a line that ends
    before it starts, are quarantined with their reason instead of staging silently (a null
    account's revenue reached no mart; an inverted line zeroed its account)."""
    sub = "raw_billing.subscriptions"
    sql = [
        _copy_with(sub, "subscription_id", "'sub_inc_1' as subscription_id, null as account_id"),
        _copy_with(sub, "subscription_id", "'sub_inc_2' as subscription_id, ' ' as start_date"),
        _copy_with(sub, "subscription_id", "'sub_inc_3' as subscription_id, null as mrr"),
        _copy_with(sub, "subscription_id",
                   "'sub_inc_4' as subscription_id, start_date as end_date, "
                   "strftime(cast(start_date as date) + interval 30 day, '%Y-%m-%d') as start_date"),
    ]
    wh = _hostile(clean, tmp_path_factory, "incomplete_subscriptions", sql, REVENUE_MARTS)
    _assert_common(wh, clean, REVENUE_MARTS, {"billing.subscriptions": 4})
    assert _quarantined(wh) == [
        ("billing.subscriptions", "account_id", "missing_account_id"),
        ("billing.subscriptions", "end_date", "end_before_start"),
        ("billing.subscriptions", "mrr", "missing_mrr"),
        ("billing.subscriptions", "start_date", "missing_start_date"),
    ]


# ----------------------------------------------------------------------------- CTA timeline
def test_cta_closed_before_created_is_an_anomaly(clean, tmp_path_factory):
    """A closed CTA whose close lies 9 days before its creation: listed in
    dq_cross_table_anomalies as closed_before_created, its days open / past due are empty
    (never -9), and the medians and on-time rates of every playbook and CSM month equal the
    clean build's. The other CTAs are unchanged."""
    with clean.con() as con:
        cta = con.execute("""select cta_id from intermediate.int_ctas_enriched
                             where is_closed and due_date is not null
                             order by cta_id limit 1""").fetchone()[0]
    sql = [_copy_with("raw_cs.ctas", "updated_at desc",  # the latest version of that CTA
                      "'cta_back_1' as cta_id, "
                      "strftime(cast(created_at as timestamp) - interval 9 day, '%Y-%m-%d %H:%M:%S') as closed_at",
                      f"cta_id = '{cta}'")]
    marts = ["fct_ctas", "fct_playbook_monthly", "fct_csm_monthly"]
    wh = _hostile(clean, tmp_path_factory, "cta_closed_before_created", sql, marts)
    assert wh.build.returncode == 0, wh.build.stdout[-8000:]
    recon = _recon(wh)
    assert recon["cs_platform.ctas"]["staged"] == _recon(clean)["cs_platform.ctas"]["staged"] + 1
    assert all(r["ok"] and r["quarantined"] == 0 for r in recon.values()), recon
    assert wh.query("""select anomaly_type, source_table, record_id from dq.dq_cross_table_anomalies
                       where anomaly_type <> 'event_before_send'""") == [
        ("closed_before_created", "cs_platform.ctas", "cta_back_1")]
    assert wh.query("""select days_open, days_past_due, is_closed_on_time, is_closed from marts.fct_ctas
                       where cta_id = 'cta_back_1'""") == [(None, None, False, True)]
    assert wh.query("select min(days_open) from marts.fct_ctas")[0][0] >= 0
    with duckdb.connect(str(wh.path), read_only=True) as con:
        con.execute(f"attach '{clean.path}' as clean_wh (read_only)")
        checks = {
            "fct_ctas": "select * from {} where cta_id <> 'cta_back_1'",
            "fct_playbook_monthly": "select playbook_id, month_start, median_days_to_close, on_time_rate, "
                                    "ctas_closed_on_time from {}",
            "fct_csm_monthly": "select user_id, month_start, cta_on_time_rate, ctas_closed_on_time from {}",
        }
        catalog = con.execute("select current_database()").fetchone()[0]
        for m, q in checks.items():
            a, b = q.format(f'"{catalog}".marts.{m}'), q.format(f"clean_wh.marts.{m}")
            diff = con.execute(f"select count(*) from (({a} except all {b}) union all ({b} except all {a}))").fetchone()[0]
            assert diff == 0, (m, diff)


# ----------------------------------------------------------------------------- missing raw columns
def test_missing_nullable_columns_are_filled_and_counted(clean, tmp_path_factory):
    """Raw tables without a column the contract marks nullable (survey_responses.
    related_activity_id, email_events.url): the build exits 0, every row stages,
    each filled column is listed in dq_missing_raw_columns with its row count, and the
    revenue marts equal the clean build's."""
    drops = [("raw_surveys", "survey_responses", "related_activity_id"), ("raw_digital", "email_events", "url")]
    wh = _hostile(clean, tmp_path_factory, "missing_nullable",
                  [f"alter table {s}.{t} drop column {c}" for s, t, c in drops], REVENUE_MARTS)
    _assert_common(wh, clean, REVENUE_MARTS)
    recon = _recon(wh)
    got = wh.query("select source_table, column_name, filled_rows from dq.dq_missing_raw_columns order by 1")
    assert got == [("digital.email_events", "url", recon["digital.email_events"]["raw"]),
                   ("surveys.survey_responses", "related_activity_id", recon["surveys.survey_responses"]["raw"])], got
    assert clean.query("select count(*) from dq.dq_missing_raw_columns")[0][0] == 0
    assert wh.query("select count(*) from staging.stg_surveys__survey_responses "
                    "where related_activity_id is not null")[0][0] == 0
    assert clean.query("select count(*) from staging.stg_surveys__survey_responses "
                       "where related_activity_id is not null")[0][0] > 0


def test_missing_required_column_fails_naming_it(clean, tmp_path_factory):
    """A raw table without a required column stops the build with
    'raw_<schema>.<table> lacks required column <col>' (not a binder error)."""
    wh = _hostile(clean, tmp_path_factory, "missing_required",
                  ["alter table raw_billing.subscriptions drop column product"], ["fct_mrr_movements"])
    assert wh.build.returncode != 0
    assert "raw_billing.subscriptions lacks required column product" in wh.build.stdout, wh.build.stdout[-4000:]


def test_raw_contract_macro_matches_the_contract_doc():
    """macros/cleaning/raw_contract.sql states the same columns and nullable columns as
    docs/raw_contract.md (a column is nullable when its meaning says nullable, optional or
    'null = ...')."""
    import re
    from conftest import ROOT
    doc, expected, src, table = (ROOT / "docs" / "raw_contract.md").read_text(), {}, None, None
    for line in doc.splitlines():
        m = re.match(r"## (\w+) \(`(\w+)`", line)
        if m or line.startswith("## "):
            src = m.group(1) if m else None
            continue
        if src and line.startswith("| ") and not line.startswith("| table") and not line.startswith("|---"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            table = cells[0].split()[0] if cells[0] else table
            cols, meaning = [c.strip() for c in cells[1].split(",")], cells[3].lower()
            for c in cols:
                if len(cols) > 1:
                    nullable = meaning.startswith("nullable") or f"{c} nullable" in meaning
                else:
                    nullable = "nullable" in meaning or "null =" in meaning or meaning.startswith("optional")
                entry = expected.setdefault(f"{src}.{table}", {"columns": [], "nullable": []})
                entry["columns"].append(c)
                if nullable:
                    entry["nullable"].append(c)
    macro = (ROOT / "macros" / "cleaning" / "raw_contract.sql").read_text()
    got = {}
    for name, cols, nullable in re.findall(
            r"'([a-z_]+[.][a-z_]+)': \{\s*'columns': \[([^]]*)\],\s*'nullable': \[([^]]*)\]", macro):
        got[name] = {"columns": re.findall(r"'(\w+)'", cols), "nullable": re.findall(r"'(\w+)'", nullable)}
    assert got == expected


def test_report_timings():
    print("[hostile] timings: " + ", ".join(f"{k} {v:.0f}s" for k, v in TIMINGS.items()))
